-- A policy profile per county (issue 8). Each row is one version of a county's rules: the id of a
-- shipped profile, or a profile derived from one and stored whole as data (`document`, validated by
-- the profile schema when written and again when read). Nothing is overwritten: the county's rules
-- are its highest version; a county with no row runs the default profile (yirenyice-2025).
create table county_policy (
  id           bigserial primary key,
  county_id    text not null references place(id),
  version      integer not null check (version >= 1),
  profile_id   text not null,                -- the profile's id (a shipped one, or document->>'id')
  based_on     text,                         -- derived: the shipped profile it was derived from
  document     jsonb,                        -- derived: the whole profile; null for a shipped profile
  note         text,
  set_by       text references app_user(id), -- null when set from the command line or by the demo
  set_by_name  text not null,
  set_at       timestamptz not null default now(),
  unique (county_id, version),
  check ((document is null) = (based_on is null))
);
