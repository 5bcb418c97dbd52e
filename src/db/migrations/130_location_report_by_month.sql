-- Location reports partitioned by month (location.md "Scale": one row per report, partitioned by month).
-- Electronic tags report once a minute; a month's reports are one partition, so a month is read by
-- its own indexes and old months can be moved or dropped whole. A partition is a CST calendar month of
-- `measured_at`. Months are made ahead by the product (`ensure_location_report_month`, at start and by
-- the daily sweep: this month and the next); a report outside every month made (a phone's queue from
-- long ago, a restored backup, the demo's year of history) lands in the default partition, and the
-- next start or sweep moves it into its month.
--
-- PostgreSQL requires the partition key in every unique index: the primary key is (id, measured_at)
-- — ids still come from one sequence, so `id` alone stays unique — and the idempotency key is unique
-- per person and measuring time. A retry carries the report's original time, so it still meets its
-- first copy; only a different report reusing a key at another time would now be stored (before, it
-- was taken for a duplicate and lost).
-- A foreign key cannot point at a partitioned table's `id` alone: location_alert_report keeps report
-- ids without one (the retention sweep deletes a person's alert links with the reports).

alter table location_report rename to location_report_unpartitioned;
alter sequence location_report_id_seq owned by none;
drop trigger location_report_changes_insert on location_report_unpartitioned;
drop trigger location_report_changes_update on location_report_unpartitioned;
drop trigger location_report_changes_delete on location_report_unpartitioned;
alter table location_alert_report drop constraint location_alert_report_report_id_fkey;

create table location_report (
  id               bigint not null default nextval('location_report_id_seq'),
  subject_id       text not null references subject(id),
  source           text not null check (source in ('app', 'device', 'staff')),
  device_id        text,
  measured_at      timestamptz not null,
  received_at      timestamptz not null default now(),
  longitude        double precision not null check (longitude between -180 and 180),
  latitude         double precision not null check (latitude between -90 and 90),
  accuracy_m       double precision,
  speed_mps        double precision,
  battery_pct      double precision,
  original_crs     text not null default 'wgs84' check (original_crs in ('wgs84', 'gcj02', 'bd09')),
  low_quality      boolean not null default false,
  photo_id         text,
  idempotency_key  text not null,
  vendor_id        text,
  primary key (id, measured_at),
  unique (subject_id, idempotency_key, measured_at)
) partition by range (measured_at);
alter sequence location_report_id_seq owned by location_report.id;
create index location_report_subject_idx2 on location_report(subject_id, measured_at);
create index location_report_subject_source_idx2 on location_report(subject_id, source, measured_at);
create table location_report_default partition of location_report default;

-- Makes the partition of the CST month that `day` falls in, unless it exists. Rows of that month
-- already in the default partition are moved into it first (attaching checks that none is left).
create function ensure_location_report_month(day date) returns boolean language plpgsql as $$
declare
  first_day date := date_trunc('month', day)::date;
  name text := 'location_report_' || to_char(first_day, 'YYYYMM');
  lower_bound timestamptz := (first_day::text || ' 00:00:00+08')::timestamptz;
  upper_bound timestamptz := ((first_day + interval '1 month')::date::text || ' 00:00:00+08')::timestamptz;
begin
  if to_regclass(name) is not null then
    return false;
  end if;
  execute format('create table %I (like location_report including defaults including constraints)', name);
  execute format(
    'with moved as (delete from location_report_default where measured_at >= $1 and measured_at < $2 returning *)
     insert into %I select * from moved', name) using lower_bound, upper_bound;
  execute format('alter table location_report attach partition %I for values from (%L) to (%L)',
    name, lower_bound, upper_bound);
  return true;
end $$;

-- The months of the reports there are, then the reports themselves.
select ensure_location_report_month(m)
  from (select distinct (measured_at at time zone 'Asia/Shanghai')::date as m
          from location_report_unpartitioned) months;
insert into location_report (id, subject_id, source, device_id, measured_at, received_at, longitude, latitude,
    accuracy_m, speed_mps, battery_pct, original_crs, low_quality, photo_id, idempotency_key, vendor_id)
  select id, subject_id, source, device_id, measured_at, received_at, longitude, latitude, accuracy_m,
         speed_mps, battery_pct, original_crs, low_quality, photo_id, idempotency_key, vendor_id
    from location_report_unpartitioned;
drop table location_report_unpartitioned;
alter index location_report_subject_idx2 rename to location_report_subject_idx;
alter index location_report_subject_source_idx2 rename to location_report_subject_source_idx;

create trigger location_report_changes_insert after insert on location_report
  referencing new table as new_rows for each statement execute function note_person_change();
create trigger location_report_changes_update after update on location_report
  referencing old table as old_rows new table as new_rows for each statement execute function note_person_change();
create trigger location_report_changes_delete after delete on location_report
  referencing old table as old_rows for each statement execute function note_person_change();
