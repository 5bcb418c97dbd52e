-- Violations, sanctions and the court (issue 10; seed 000 §二(七), Community Correction Law Art. 28,
-- Arts. 47–49). A violation case is investigated by two or more staff, with interview records and
-- evidence files; the office proposes a measure, the office head signs, the agency approves or returns
-- it. The approved measure, whether the person corrected their behaviour after it, and the court's
-- request instants live on the case: the sanction ladder (`src/core/sanctions/`) reads them.

create table violation_case (
  id                  text primary key,
  county_id           text not null references place(id),
  office_id           text not null references place(id),
  subject_id          text not null references subject(id),
  source              text not null check (source in ('finding', 'alert', 'report')),
  alert_id            bigint references alert(id),
  kind                text not null check (kind in ('reporting', 'visitor', 'leave', 'moving', 'prohibition_order',
                        'education_refusal', 'out_of_supervision', 'no_report')),
  severity            text check (severity in ('minor', 'serious')),
  days                integer check (days >= 1),
  occurred_at         timestamptz not null,
  facts               text not null,
  -- investigating → proposed → signed → approved; a returned case is investigated again and re-proposed
  stage               text not null default 'investigating'
                        check (stage in ('investigating', 'proposed', 'signed', 'returned', 'approved')),
  proposed_measure    text check (proposed_measure in ('reprimand', 'warning', 'public_security_penalty',
                        'revocation_request', 'imprisonment_request')),
  engine_step         text,                   -- what the ladder proposed when the office proposed
  engine_basis        text,
  engine_grounds      text[],                 -- the ladder's grounds of that step (codes), for the documents
  proposal_reason     text,                   -- required when the measure differs from the ladder's step
  proposed_by         text references app_user(id),
  proposed_at         timestamptz,
  signed_by           text references app_user(id),
  signed_at           timestamptz,
  approved_by         text references app_user(id),
  approved_at         timestamptz,            -- the measure is imposed at approval
  corrected           boolean,                -- null: not yet judged (sanctions-contract.md)
  corrected_note      text,
  corrected_by        text references app_user(id),
  corrected_at        timestamptz,
  -- the request to the court (提请撤销 / 提请收监), for a revocation or imprisonment request
  court_requested_at  timestamptz,
  arrest_requested    boolean,
  arrest_decided_at   timestamptz,
  detained_at         timestamptz,
  ruled_at            timestamptz,
  opened_by           text references app_user(id),
  opened_at           timestamptz not null,
  check ((kind in ('out_of_supervision', 'no_report')) = (days is not null)),
  check ((kind in ('reporting', 'visitor', 'leave', 'moving', 'prohibition_order')) = (severity is not null)),
  check (stage <> 'approved' or (proposed_measure is not null and approved_at is not null))
);
create index violation_case_subject_idx on violation_case(subject_id, occurred_at);
create index violation_case_office_idx on violation_case(office_id, stage);
create index violation_case_county_idx on violation_case(county_id, stage);

-- The investigators (at least two, checked by the service): staff accounts, never typed names.
create table violation_investigator (
  id       bigserial primary key,             -- every table has an `id` (backups reset its sequence)
  case_id  text not null references violation_case(id),
  user_id  text not null references app_user(id),
  unique (case_id, user_id)
);

-- 询问笔录: who was asked, by whom, who recorded it.
create table violation_interview (
  id           bigserial primary key,
  case_id      text not null references violation_case(id),
  interviewee  text not null,
  at           timestamptz not null,
  place        text not null,
  asked_by     text not null references app_user(id),
  recorded_by  text not null references app_user(id),
  content      text not null,
  created_at   timestamptz not null default now(),
  check (asked_by <> recorded_by)
);
create index violation_interview_case_idx on violation_interview(case_id);

-- Evidence files, checked like handed-over documents (type read from the content, SHA-256); append-only.
create table violation_evidence (
  id            text primary key,
  case_id       text not null references violation_case(id),
  description   text not null,
  file_name     text not null,
  content_type  text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes    integer not null check (size_bytes > 0),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea not null,
  uploaded_by   text references app_user(id),
  uploaded_at   timestamptz not null default now()
);
create index violation_evidence_case_idx on violation_evidence(case_id);
create function violation_evidence_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'violation_evidence is append-only: % is not allowed', tg_op;
end;
$$;
create trigger violation_evidence_no_change before update or delete on violation_evidence
  for each row execute function violation_evidence_is_append_only();

-- Each decision step (proposal, signature, approval, return with its reasons), in order.
create table violation_step (
  id         bigserial primary key,
  case_id    text not null references violation_case(id),
  step       text not null check (step in ('opened', 'proposed', 'signed', 'approved', 'returned', 'corrected', 'court')),
  by_user    text references app_user(id),
  at         timestamptz not null,
  note       text
);
create index violation_step_case_idx on violation_step(case_id, id);

-- The worker's finding that the person resists supervision (K1), with its reason.
alter table subject add column resists_supervision_reason text;
