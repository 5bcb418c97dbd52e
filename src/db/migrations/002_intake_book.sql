-- Intake and the book (一人一册): handovers of legal documents, the documents themselves (stored in the
-- database so that backups carry them; never overwritten), the per-county, per-year counter of the
-- book's unified number, and the versions of every section of the book.

create table handover (
  id                       text primary key,
  county_id                text not null references place(id),
  status                   text not null default 'pending' check (status in ('pending', 'registered')),
  deciding_organ           text not null,               -- 决定机关: court, prison, police, ...
  judgment_number          text not null,               -- 判决书（裁定书、决定书）文号
  judgment_date            date,
  judgment_effective_date  date not null,               -- the statutory clocks run from here
  notice_number            text,                        -- 执行通知书文号
  received_on              date not null,               -- documents received by the agency
  correction_type          text not null check (correction_type in ('probation', 'parole', 'control', 'temporary_release')),
  term_start               date not null,
  term_end                 date not null,
  sentence_text            text,
  crime_text               text not null,
  crime_categories         jsonb not null default '[]',
  person_name              text not null,
  person_id_number         text not null,
  proposed_office_id       text references place(id),   -- office of the place of execution, as the documents say
  notes                    text,
  subject_id               text references subject(id), -- set on registration
  registered_at            timestamptz,
  created_by               text references app_user(id),
  created_at               timestamptz not null default now(),
  check (term_end >= term_start)
);
create index handover_county_idx on handover(county_id, status);

create table handover_document (
  id            text primary key,
  handover_id   text not null references handover(id),
  kind          text not null check (kind in ('judgment', 'indictment', 'execution_notice', 'decision', 'other')),
  file_name     text not null,
  content_type  text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes    integer not null check (size_bytes > 0),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea not null,
  uploaded_by   text references app_user(id),
  uploaded_at   timestamptz not null default now()
);
create index handover_document_handover_idx on handover_document(handover_id);

-- A document is never overwritten nor removed: a new upload is a new row.
create function handover_document_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'handover_document is append-only: % is not allowed', tg_op;
end;
$$;
create trigger handover_document_no_change before update or delete on handover_document
  for each row execute function handover_document_is_append_only();

-- The unified book number: one row per county and year, incremented in the registration's own
-- transaction (`update … set last = last + 1 … returning`), so numbers have no gaps nor repeats.
create table book_counter (
  id         bigserial primary key,
  county_id  text not null references place(id),
  year       integer not null check (year between 2000 and 2999),
  last       integer not null check (last >= 0),
  unique (county_id, year)
);

-- Every saved version of every section of the book. `entry` tells apart the entries of a section that
-- recurs (an evaluation per quarter, a work record, a feedback form); one-off sections use 'main'.
create table book_section_version (
  id           bigserial primary key,
  subject_id   text not null references subject(id),
  section      text not null,
  entry        text not null default 'main',
  version      integer not null check (version >= 1),
  content      jsonb not null,
  complete     boolean not null default false,
  changed      jsonb not null default '[]',             -- names of the fields changed from the previous version
  note         text,
  author_id    text references app_user(id),
  author_name  text not null,
  author_role  text not null,
  created_at   timestamptz not null default now(),
  unique (subject_id, section, entry, version)
);
create index book_section_version_subject_idx on book_section_version(subject_id, section, entry);
