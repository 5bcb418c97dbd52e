-- Retention of location data (location.md "Retention"; issue 12): a person's location reports and
-- check-in selfies are deleted by the sweep once their correction ended longer ago than the profile's
-- `location.retention` (features/location/retention.ts). Selfies were append-only (064): they stay so
-- for every change but the sweep's deletion, which it announces for its own transaction only
-- (`set_config('onebook.retention_sweep', 'on', true)`); an UPDATE, or a DELETE by anything else, is
-- refused by refuse_change() as before. The audit log keeps what was deleted (per person, counts).
drop trigger location_photo_no_change on location_photo;
create trigger location_photo_no_change before update on location_photo
  for each row execute function refuse_change();
create trigger location_photo_no_delete before delete on location_photo
  for each row when (coalesce(current_setting('onebook.retention_sweep', true), '') <> 'on')
  execute function refuse_change();

-- The sweep's question: whose correction ended, when (the rows are few: ended persons).
create index subject_ended_idx on subject(release_date) where status <> 'in_correction';
-- Deleting a report deletes its links to alerts first: found by the report.
create index location_alert_report_report_idx on location_alert_report(report_id);
