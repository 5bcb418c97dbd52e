-- The change log Today's in-memory office state follows (features/today/change-log.ts). Every insert,
-- update or delete of a row Today reads — case events, location reports, subjects, level decisions,
-- alerts — writes, in the same transaction and by trigger (so no write path can forget it), one row
-- per office and subject concerned, stamped with the writing transaction's id.
--
-- Why transaction ids and not the tables' own ids: a bigserial id is drawn when the row is inserted,
-- not when its transaction commits, so on PostgreSQL a row with a lower id can become visible after
-- one with a higher id, and a reader that remembers "the highest id seen" misses it. A reader instead
-- remembers the oldest transaction still running when it last looked (pg_snapshot_xmin of its
-- snapshot): every transaction older than that had finished, so every change it will ever see again
-- carries an id at or above that horizon. Updates and deletes are logged like inserts, so edits of
-- existing rows reach Today at the next read too.
create table office_change (
  id          bigserial primary key,
  xid         xid8 not null default pg_current_xact_id(),
  office_id   text not null,
  subject_id  text,                                   -- null for an office's own alert
  source      text not null,                          -- the table written
  at          timestamptz not null default now()      -- for pruning (the sweep keeps a day)
);
create index office_change_office_xid_idx on office_change(office_id, xid);
create index office_change_at_idx on office_change(at);

-- One row per office and subject a statement touched (statement triggers with transition tables, so
-- a bulk insert of thousands of events writes one row per person, not per event; an update logs the
-- rows before and after, so a person who moves is seen by the office left and the office joined).
-- Three shapes: tables with both columns, the subject itself, and tables that name only the person.
create function note_office_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into office_change (office_id, subject_id, source)
    select distinct n.office_id, n.subject_id, tg_table_name from new_rows n;
  elsif tg_op = 'DELETE' then
    insert into office_change (office_id, subject_id, source)
    select distinct o.office_id, o.subject_id, tg_table_name from old_rows o;
  else
    insert into office_change (office_id, subject_id, source)
    select r.office_id, r.subject_id, tg_table_name
      from (select office_id, subject_id from new_rows union select office_id, subject_id from old_rows) r;
  end if;
  return null;
end $$;

create function note_subject_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into office_change (office_id, subject_id, source)
    select n.office_id, n.id, tg_table_name from new_rows n;
  elsif tg_op = 'DELETE' then
    insert into office_change (office_id, subject_id, source)
    select o.office_id, o.id, tg_table_name from old_rows o;
  else
    insert into office_change (office_id, subject_id, source)
    select r.office_id, r.id, tg_table_name
      from (select office_id, id from new_rows union select office_id, id from old_rows) r;
  end if;
  return null;
end $$;

-- Rows that name only the person are logged for the person's office.
create function note_person_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into office_change (office_id, subject_id, source)
    select s.office_id, s.id, tg_table_name from subject s
     where s.id in (select subject_id from new_rows);
  elsif tg_op = 'DELETE' then
    insert into office_change (office_id, subject_id, source)
    select s.office_id, s.id, tg_table_name from subject s
     where s.id in (select subject_id from old_rows);
  else
    insert into office_change (office_id, subject_id, source)
    select s.office_id, s.id, tg_table_name from subject s
     where s.id in (select subject_id from new_rows union select subject_id from old_rows);
  end if;
  return null;
end $$;

create trigger case_event_changes_insert after insert on case_event
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger case_event_changes_update after update on case_event
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger case_event_changes_delete after delete on case_event
  referencing old table as old_rows for each statement execute function note_office_change();

create trigger location_report_changes_insert after insert on location_report
  referencing new table as new_rows for each statement execute function note_person_change();
create trigger location_report_changes_update after update on location_report
  referencing old table as old_rows new table as new_rows for each statement execute function note_person_change();
create trigger location_report_changes_delete after delete on location_report
  referencing old table as old_rows for each statement execute function note_person_change();

create trigger subject_changes_insert after insert on subject
  referencing new table as new_rows for each statement execute function note_subject_change();
create trigger subject_changes_update after update on subject
  referencing old table as old_rows new table as new_rows for each statement execute function note_subject_change();
create trigger subject_changes_delete after delete on subject
  referencing old table as old_rows for each statement execute function note_subject_change();

create trigger level_decision_changes_insert after insert on level_decision
  referencing new table as new_rows for each statement execute function note_person_change();
create trigger level_decision_changes_update after update on level_decision
  referencing old table as old_rows new table as new_rows for each statement execute function note_person_change();
create trigger level_decision_changes_delete after delete on level_decision
  referencing old table as old_rows for each statement execute function note_person_change();

create trigger alert_changes_insert after insert on alert
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger alert_changes_update after update on alert
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger alert_changes_delete after delete on alert
  referencing old table as old_rows for each statement execute function note_office_change();

-- They served the index-tip fingerprint this log replaces.
drop index case_event_office_id_idx;
drop index location_report_subject_id_idx;
