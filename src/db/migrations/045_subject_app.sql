-- The subject's phone app (issue 12): the one-time codes an office gives a person to set the app's
-- password, and the office's notices to the person with when they were read. The person's account is
-- an `app_user` of role 'subject' (migration 001); its sessions are the ordinary `session` rows.

-- Every code ever given, kept (who gave it, when, until when, when it was used or replaced). Only the
-- argon2id hash of a code is stored; the code itself is shown once to the office worker.
create table app_access_code (
  id            text primary key,
  subject_id    text not null references subject(id),
  user_id       text not null references app_user(id),
  code_hash     text not null,
  issued_by     text not null references app_user(id),
  issued_at     timestamptz not null,
  expires_at    timestamptz not null,
  used_at       timestamptz,                 -- the person set a password with it
  revoked_at    timestamptz,                 -- replaced by a newer code before use
  check (expires_at > issued_at),
  check (used_at is null or revoked_at is null)
);
create index app_access_code_subject_idx on app_access_code(subject_id, issued_at);
-- At most one code waiting to be used per person: a reset revokes the old one in the same transaction.
create unique index app_access_code_one_open on app_access_code(subject_id)
  where used_at is null and revoked_at is null;

create table app_notice (
  id          text primary key,
  subject_id  text not null references subject(id),
  office_id   text not null references place(id),
  title       text not null,
  body        text not null,
  sent_by     text not null references app_user(id),
  sent_at     timestamptz not null,
  read_at     timestamptz                  -- first time the person marked it read
);
create index app_notice_subject_idx on app_notice(subject_id, sent_at);
