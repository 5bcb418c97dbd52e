-- Retention of location data (location.md "Retention"; issue 12): a person's location reports and
-- check-in selfies are deleted by the sweep once their correction ended longer ago than the profile's
-- `location.retention` (features/location/retention.ts). Selfies were append-only (064): they stay so
-- for every change but the sweep's deletion, which it announces for its own transaction only
-- (`set local onebook.retention_sweep = 'on'`); an UPDATE, or a DELETE by anything else, is refused
-- as before. The audit log keeps what was deleted (per person, counts).
create function location_photo_retention_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and coalesce(current_setting('onebook.retention_sweep', true), '') = 'on' then
    return old;
  end if;
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;

drop trigger location_photo_no_change on location_photo;
create trigger location_photo_no_change before update or delete on location_photo
  for each row execute function location_photo_retention_only();

-- The sweep's question: whose correction ended, when (the rows are few: released persons).
create index subject_ended_idx on subject(release_date) where status <> 'in_correction';
-- Deleting a report deletes its links to alerts first: found by the report.
create index location_alert_report_report_idx on location_alert_report(report_id);
