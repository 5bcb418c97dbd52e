-- Daily supervision (issue 5): alerts (预警) with their 24-hour handling, the agency's random samples
-- (spot checks and field-visit sampling) with the seed that reproduces each pick, and indexes for
-- the daily views. Reports, visits, checks, education and feedback forms are `case_event` rows.

-- One alert per thing that raised it (`source`): an abnormal check, an overdue obligation or book
-- deadline found by the sweep, an office standard missed. The sweep relies on `source` being unique
-- to be idempotent.
create table alert (
  id            bigserial primary key,
  county_id     text not null references place(id),
  office_id     text not null references place(id),
  subject_id    text references subject(id),          -- null for an office's own standards
  kind          text not null,                        -- policy ALERT_KINDS: lost_contact, missed_report, ...
  colour        text not null check (colour in ('red', 'orange', 'yellow', 'blue')),
  source        text not null unique,                 -- 'check:<event id>', 'obligation:<subject>:<obligation id>', ...
  basis         text not null,
  summary       text not null,
  raised_at     timestamptz not null,
  due_by        timestamptz not null,                 -- raised_at + 24 h (profile)
  escalates_at  timestamptz not null,                 -- red at once, the others after 24 h (profile)
  escalated_at  timestamptz,
  handled_at    timestamptz,
  handled_by    text references app_user(id),
  note          text,
  raised_by     text references app_user(id),         -- null when the sweep raised it
  case_event_id bigint references case_event(id),
  check (handled_at is null or note is not null)
);
create index alert_office_open_idx on alert(office_id, handled_at, raised_at);
create index alert_county_idx on alert(county_id, raised_at);
create index alert_subject_idx on alert(subject_id, raised_at);

-- The agency's random picks (seed 000 §九.2(1) spot checks, §九.2(3) visit sampling): who was picked,
-- from which population, with which seed, so that anyone can repeat the draw and get the same names.
create table sample_draw (
  id          bigserial primary key,
  county_id   text not null references place(id),
  office_id   text not null references place(id),
  kind        text not null check (kind in ('spot_check_key', 'spot_check_other', 'visit_month', 'visit_quarter')),
  period      text not null,                          -- '2026-11-20' (a day) or '2026-11-01/2026-11-30'
  seed        text not null,
  population  jsonb not null,                         -- subject ids drawn from, sorted
  required    integer not null check (required >= 0),
  picked      jsonb not null,                         -- subject ids picked, in draw order
  drawn_by    text references app_user(id),           -- null when the sweep drew it
  drawn_at    timestamptz not null default now(),
  unique (office_id, kind, period)
);

-- Photos taken on field visits, kept apart from the event row.
create table visit_photo (
  id             text primary key,
  case_event_id  bigint not null references case_event(id),
  subject_id     text not null references subject(id),
  media_type     text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes          bytea not null,
  created_at     timestamptz not null default now()
);
create index visit_photo_event_idx on visit_photo(case_event_id);

-- "Has anything changed in this office?" answered from index tips (today's cache, features/today).
create index case_event_office_id_idx on case_event(office_id, id);
create index location_report_subject_id_idx on location_report(subject_id, id);
