-- The end of a case (issue 11; Community Correction Law Arts. 44–45, seed 000 §十一): release (解矫)
-- or termination (revocation, imprisonment, death), recorded once per person; the documents made at
-- that moment (release certificate, notices to the deciding court, the procuratorate and the police)
-- stored as they were produced, and how and when each notice was sent.

create table case_end (
  id              bigserial primary key,
  subject_id      text not null unique references subject(id),  -- one end per person: a second is refused
  county_id       text not null references place(id),
  office_id       text not null references place(id),
  kind            text not null check (kind in ('release', 'pardon', 'revocation', 'imprisonment', 'death')),
  end_date        date not null,                               -- the day the case ends (released / terminated)
  place           text,                                        -- where the release was announced
  present         jsonb not null default '[]',                 -- [{userId?, name, role?}] at the announcement
  document_text   text,                                        -- the pardon, ruling or death record named
  certificate_no  text,                                        -- 解除社区矫正证明书 number (release only)
  remarks         text,
  book_closes_on  date not null,                               -- the book is read-only from the day after
  recorded_by     text not null references app_user(id),
  recorded_at     timestamptz not null
);
create index case_end_office_idx on case_end(office_id, end_date);

-- Each Word document of a case's end, produced once, in the transaction that records the end.
create table case_end_document (
  id           bigserial primary key,
  subject_id   text not null references case_end(subject_id),
  kind         text not null check (kind in ('certificate', 'notice_court', 'notice_procuratorate', 'notice_police')),
  file_name    text not null,
  bytes        bytea not null,
  sha256       text not null,
  created_at   timestamptz not null,
  sent_at      timestamptz,                                  -- notices: when it was sent
  sent_method  text check (sent_method in ('in_person', 'post', 'fax', 'online')),
  sent_note    text,
  sent_by      text references app_user(id),
  unique (subject_id, kind),
  check ((sent_at is null) = (sent_method is null))
);

-- Documents once produced do not change (their sending is recorded once, beside them).
create function case_end_document_frozen() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception 'case_end_document rows cannot be deleted'; end if;
  if new.bytes <> old.bytes or new.sha256 <> old.sha256 or new.kind <> old.kind
     or new.subject_id <> old.subject_id or old.sent_at is not null then
    raise exception 'case_end_document rows cannot be changed';
  end if;
  return new;
end $$;
create trigger case_end_document_frozen before update or delete on case_end_document
  for each row execute function case_end_document_frozen();
