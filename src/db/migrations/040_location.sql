-- The location pipeline (issue 12, location.md): device orders (Art. 29), zones (place of execution and
-- prohibited zones), selfies sent with app check-ins, and the link between location alerts and the
-- reports that raised them. Reports themselves are the table location_report of migration 001.

-- Device reports carry the vendor's platform as well as the device (kept apart from app reports).
alter table location_report add column vendor_id text;
-- "The last report of a person" (lost contact) and "a person's reports in a time range" (the map).
create index location_report_subject_source_idx on location_report(subject_id, source, measured_at);

-- An electronic-location order (Art. 29): one of the five reasons, approved by the head of the county
-- judicial administration, at most 3 months; each extension at most 3 months (checked by the routes
-- of helper `map`, which own the writing of these rows; location reads them).
create table device_order (
  id           text primary key,
  subject_id   text not null references subject(id),
  reason       text not null check (reason in ('prohibition_order_breach', 'left_area_unapproved',
                 'refused_report_after_warning', 'public_security_penalty', 'revocation_pending')),
  approved_by  text not null,                     -- the approving head, as named on the approval
  from_date    date not null,
  to_date      date not null,
  created_by   text references app_user(id),
  created_at   timestamptz not null default now(),
  check (to_date >= from_date)
);
create index device_order_subject_idx on device_order(subject_id, from_date);

create table device_order_extension (
  id           bigserial primary key,
  order_id     text not null references device_order(id),
  to_date      date not null,                     -- the order's new last day
  approved_by  text,
  created_by   text references app_user(id),
  created_at   timestamptz not null default now()
);
create index device_order_extension_order_idx on device_order_extension(order_id);

-- Zones of a county: the place of execution (one in force per county; a new one retires the old and
-- takes the next version) and prohibited zones applying to named persons or to crime categories.
-- The shape is a GeoJSON (Multi)Polygon in WGS-84 or a circle {center: [lon, lat], radiusM}.
create table location_zone (
  id              text primary key,
  county_id       text not null references place(id),
  kind            text not null check (kind in ('execution', 'prohibited')),
  name            text not null,
  geometry        jsonb,
  circle          jsonb,
  version         integer not null default 1,
  subject_ids     jsonb not null default '[]',    -- prohibited: the persons it applies to (禁止令)
  categories      jsonb not null default '[]',    -- prohibited: crime categories it applies to
  created_by      text references app_user(id),
  created_at      timestamptz not null default now(),
  retired_at      timestamptz,
  retired_by      text references app_user(id),
  changed_at      timestamptz not null default now(),  -- any change: other instances rebuild their index
  check ((geometry is null) <> (circle is null)),
  check (kind = 'prohibited' or circle is null)
);
create unique index location_zone_one_execution_idx on location_zone(county_id)
  where kind = 'execution' and retired_at is null;
create index location_zone_county_idx on location_zone(county_id, kind);

-- A selfie taken with an app check-in; never changed nor deleted (like handed-over documents).
create table location_photo (
  id          text primary key,
  subject_id  text not null references subject(id),
  media_type  text not null check (media_type in ('image/jpeg', 'image/png')),
  bytes       bytea not null,
  sha256      text not null,
  created_at  timestamptz not null default now()
);
create index location_photo_subject_idx on location_photo(subject_id);
create function location_photo_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'location_photo is append-only';
end $$;
create trigger location_photo_no_change before update or delete on location_photo
  for each row execute function location_photo_is_append_only();

-- One row per location alert (an episode of the location rules): which alert, and whether the episode
-- was still running when last judged — judging reads reports from the start of every running episode,
-- so an episode is never cut by the window and raised twice.
create table location_alert (
  id          bigserial primary key,
  alert_id    bigint not null unique references alert(id),
  subject_id  text not null references subject(id),
  kind        text not null,
  zone_id     text,
  opened_at   timestamptz not null,
  open        boolean not null default true
);
create index location_alert_open_idx on location_alert(subject_id) where open;

-- The reports that raised an alert or were attached to it while it was open.
create table location_alert_report (
  id         bigserial primary key,
  alert_id   bigint not null references alert(id),
  report_id  bigint not null references location_report(id),
  unique (alert_id, report_id)
);
