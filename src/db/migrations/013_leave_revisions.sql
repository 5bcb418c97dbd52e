-- Editing an application returned for more proof (issue 9): the office changes the dates, destination,
-- reason (and adds proof files) and files it again. Nothing is overwritten: before each edit the
-- version being replaced is kept whole in leave_revision, with the engine's advice it had, so the
-- application's every version can be shown and audited. `version` counts the edits and refuses a
-- stale one (an edit made on a version that is no longer the current one).

alter table leave_application add column version integer not null default 1 check (version >= 1);

create table leave_revision (
  id                   bigserial primary key,
  application_id       text not null references leave_application(id),
  version              integer not null check (version >= 1),  -- the version this row keeps
  from_date            date not null,
  to_date              date,
  destination_county   text not null,
  destination_name     text not null,
  destination_address  text,
  reason               text not null,
  approver             text not null check (approver in ('office', 'agency')),
  advice               jsonb not null,                         -- the engine's advice on this version
  replaced_at          timestamptz not null,                   -- when the next version replaced it
  replaced_by          text not null references app_user(id),
  unique (application_id, version)
);

create function leave_revision_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'leave_revision is append-only: % is not allowed', tg_op;
end;
$$;
create trigger leave_revision_no_change before update or delete on leave_revision
  for each row execute function leave_revision_is_append_only();
