-- Leave and movement (请销假, issue 9): applications made by the office for a person (or by the person in
-- the app), their proof files (content-checked like handover documents, never overwritten), the
-- approval chain's decisions, and the return (销假). An approved ordinary leave is also a `case_event`
-- of type `leave` (the rules engine's input), a return a `leave_return` event.

create table leave_application (
  id                   text primary key,
  subject_id           text not null references subject(id),
  county_id            text not null references place(id),
  office_id            text not null references place(id),
  kind                 text not null check (kind in ('ordinary', 'standing', 'move_house')),
  from_date            date not null,                 -- first day away (move_house: the moving day)
  to_date              date,                          -- last day away, inclusive; null for move_house
  destination_county   text not null check (destination_county ~ '^[0-9]{6}$'),
  destination_name     text not null,                 -- 省 市 县 as chosen, kept as filed
  destination_address  text,
  reason               text not null,
  -- pending → approved → closed (销假); pending → refused; pending ⇄ returned (more proof asked)
  status               text not null default 'pending'
                         check (status in ('pending', 'returned', 'approved', 'refused', 'closed')),
  approver             text not null check (approver in ('office', 'agency')), -- the engine's, at filing
  channel              text not null default 'office' check (channel in ('office', 'app')),
  applied_at           timestamptz not null,
  applied_by           text references app_user(id),
  approved_at          timestamptz,
  leave_event_id       bigint references case_event(id),
  returned_at          timestamptz,                   -- the person reported back (销假)
  return_method        text check (return_method in ('in_person', 'phone', 'app')),
  return_note          text,
  closed_by            text references app_user(id),
  created_at           timestamptz not null default now(),
  check ((kind = 'move_house') = (to_date is null)),
  check (to_date is null or to_date >= from_date),
  check (status not in ('approved', 'closed') or approved_at is not null),
  check (returned_at is null or status = 'closed')
);
create index leave_application_office_idx on leave_application(office_id, status, from_date);
create index leave_application_county_idx on leave_application(county_id, status, from_date);
create index leave_application_subject_idx on leave_application(subject_id, from_date);

create table leave_proof (
  id              text primary key,
  application_id  text not null references leave_application(id),
  file_name       text not null,
  content_type    text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes      integer not null check (size_bytes > 0),
  sha256          text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content         bytea not null,
  uploaded_by     text references app_user(id),
  uploaded_at     timestamptz not null default now()
);
create index leave_proof_application_idx on leave_proof(application_id);

-- Like handover documents: a proof file is never overwritten nor removed.
create function leave_proof_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'leave_proof is append-only: % is not allowed', tg_op;
end;
$$;
create trigger leave_proof_no_change before update or delete on leave_proof
  for each row execute function leave_proof_is_append_only();

-- Every decision of the approval chain, with the engine's advice as it stood, the comment and, when
-- warnings were overridden, the written reason. One approval per application, whatever the race.
create table leave_decision (
  id               bigserial primary key,
  application_id   text not null references leave_application(id),
  decision         text not null check (decision in ('approve', 'refuse', 'return')),
  comment          text not null,
  override_reason  text,
  advice           jsonb not null,
  decided_by       text not null references app_user(id),
  decided_role     text not null,
  decided_at       timestamptz not null
);
create index leave_decision_application_idx on leave_decision(application_id, id);
create unique index leave_decision_one_approval on leave_decision(application_id) where decision = 'approve';
