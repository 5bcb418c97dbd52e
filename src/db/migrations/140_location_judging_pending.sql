-- A batch of location reports stored but not yet judged (issue 12). The ingest writes the mark in the
-- statement that takes the batch's ids from the sequence, before the batch is stored, and deletes it
-- once the batch is judged (features/location/ingest.ts). A mark left behind — the server killed
-- between the commit and judging, or judging failed — is judged by the sweep
-- (features/location/left-batches.ts): every stored report is judged, even when its sender, having
-- no answer, never sends it again, or sends it again only after the reports that followed.
-- The range covers the ids taken for the batch; other requests' ids may fall in it too, and judging
-- them again changes nothing (judging is idempotent).
create table location_judging_pending (
  first_id   bigint primary key,
  last_id    bigint not null,
  marked_at  timestamptz not null
);
