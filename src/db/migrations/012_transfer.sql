-- Change of place of execution (执行地变更, issue 9; implementing measures, profile defaults): the
-- office's request, the agency's request to the new county's agency, that agency's answer (within 5
-- days), and the person's report to the new agency (within 7 days of the acceptance). When the new
-- county is in this same onebook, the acceptance moves the person (and with them the book and all the
-- history, which hang off the subject id) to the office the receiving agency chooses, in one
-- transaction; otherwise the case ends here as transferred out, with the letters as documents.

alter table subject drop constraint subject_status_check;
alter table subject add constraint subject_status_check
  check (status in ('in_correction', 'released', 'terminated', 'transferred_out'));

create table transfer_request (
  id                  text primary key,
  subject_id          text not null references subject(id),
  subject_name        text not null,                 -- as shown when filed (a minor's name masked)
  county_id           text not null references place(id),   -- the sending county
  office_id           text not null references place(id),   -- the sending office
  new_county          text not null check (new_county ~ '^[0-9]{6}$'),
  new_county_name     text not null,                 -- 省 市 县 as chosen
  new_address         text not null,
  reason              text not null,
  internal            boolean not null,              -- the new county is a county of this onebook
  -- requested → sent → accepted → reported; sent → refused
  status              text not null default 'requested'
                        check (status in ('requested', 'sent', 'accepted', 'refused', 'reported')),
  requested_at        timestamptz not null,
  requested_by        text not null references app_user(id),
  sent_on             date,
  sent_method         text check (sent_method in ('in_person', 'post', 'fax', 'online')),
  sent_by             text references app_user(id),
  answer_due          date,                          -- sent_on + the profile's days, fixed when sent
  answered_on         date,
  answer_note         text,
  answered_by         text references app_user(id),
  receiving_office_id text references place(id),    -- same onebook: the office the person now belongs to
  report_due          date,                          -- answered_on + the profile's days, on acceptance
  reported_on         date,
  report_note         text,
  reported_by         text references app_user(id),
  check ((sent_on is null) = (status = 'requested')),
  check ((answer_due is null) = (sent_on is null)),
  check ((report_due is null) = (status not in ('accepted', 'reported'))),
  check ((answered_on is null) = (status in ('requested', 'sent'))),
  check ((reported_on is null) = (status <> 'reported')),
  check (answered_on is null or answered_on >= sent_on),
  check (reported_on is null or reported_on >= answered_on),
  check (receiving_office_id is null or (internal and status in ('accepted', 'reported')))
);
create index transfer_request_county_idx on transfer_request(county_id, status);
create index transfer_request_new_county_idx on transfer_request(new_county, status);
create index transfer_request_subject_idx on transfer_request(subject_id);
-- One open request per person at a time.
create unique index transfer_request_one_open on transfer_request(subject_id)
  where status in ('requested', 'sent', 'accepted');

create table transfer_proof (
  id            text primary key,
  request_id    text not null references transfer_request(id),
  file_name     text not null,
  content_type  text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes    integer not null check (size_bytes > 0),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea not null,
  uploaded_by   text references app_user(id),
  uploaded_at   timestamptz not null
);
create index transfer_proof_request_idx on transfer_proof(request_id);

create function transfer_proof_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'transfer_proof is append-only: % is not allowed', tg_op;
end;
$$;
create trigger transfer_proof_no_change before update or delete on transfer_proof
  for each row execute function transfer_proof_is_append_only();
