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
-- a bulk insert of thousands of events writes one row per subject, not per event). Subjects log their
-- office before and after an update, so a move is seen by both offices.
create function note_office_change() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    if tg_table_name = 'subject' then
      insert into office_change (office_id, subject_id, source)
      select distinct n.office_id, n.id, tg_table_name from new_rows n;
    elsif tg_table_name in ('case_event', 'alert') then
      insert into office_change (office_id, subject_id, source)
      select distinct n.office_id, n.subject_id, tg_table_name from new_rows n;
    else
      insert into office_change (office_id, subject_id, source)
      select distinct s.office_id, n.subject_id, tg_table_name
        from new_rows n join subject s on s.id = n.subject_id;
    end if;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    if tg_table_name = 'subject' then
      insert into office_change (office_id, subject_id, source)
      select distinct o.office_id, o.id, tg_table_name from old_rows o;
    elsif tg_table_name in ('case_event', 'alert') then
      insert into office_change (office_id, subject_id, source)
      select distinct o.office_id, o.subject_id, tg_table_name from old_rows o;
    else
      insert into office_change (office_id, subject_id, source)
      select distinct s.office_id, o.subject_id, tg_table_name
        from old_rows o join subject s on s.id = o.subject_id;
    end if;
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
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger location_report_changes_update after update on location_report
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger location_report_changes_delete after delete on location_report
  referencing old table as old_rows for each statement execute function note_office_change();

create trigger subject_changes_insert after insert on subject
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger subject_changes_update after update on subject
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger subject_changes_delete after delete on subject
  referencing old table as old_rows for each statement execute function note_office_change();

create trigger level_decision_changes_insert after insert on level_decision
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger level_decision_changes_update after update on level_decision
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger level_decision_changes_delete after delete on level_decision
  referencing old table as old_rows for each statement execute function note_office_change();

create trigger alert_changes_insert after insert on alert
  referencing new table as new_rows for each statement execute function note_office_change();
create trigger alert_changes_update after update on alert
  referencing old table as old_rows new table as new_rows for each statement execute function note_office_change();
create trigger alert_changes_delete after delete on alert
  referencing old table as old_rows for each statement execute function note_office_change();

-- They served the index-tip fingerprint this log replaces.
drop index case_event_office_id_idx;
drop index location_report_subject_id_idx;
