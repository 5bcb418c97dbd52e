-- Foundation: places, staff and subject accounts, sessions, subjects with their level history,
-- the case events, location reports (shape fixed by spec/location.md) and the append-only audit log.

create table place (
  id          text primary key,              -- six-digit division-style code, or code + suffix below a township
  parent_id   text references place(id),
  kind        text not null check (kind in ('province', 'city', 'county', 'office', 'village')),
  name        text not null,
  address     text,
  phone       text
);
create index place_parent_idx on place(parent_id);

create table app_user (
  id              text primary key,
  username        text not null unique,
  display_name    text not null,
  role            text not null check (role in ('agency_head', 'agency_staff', 'office_head', 'office_assistant',
                    'psychologist', 'team_member', 'social_worker', 'prosecutor', 'subject')),
  place_id        text not null references place(id),
  subject_id      text,                       -- set for role 'subject'
  gender          text check (gender in ('male', 'female')),
  phone           text,
  password_hash   text not null,
  failed_logins   integer not null default 0,
  locked_until    timestamptz,
  active          boolean not null default true,
  created_at      timestamptz not null default now()
);
create index app_user_place_idx on app_user(place_id);

create table session (
  token_hash    text primary key,             -- sha-256 of the cookie value; the value itself is never stored
  user_id       text not null references app_user(id),
  csrf_token    text not null,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,
  ip            text,
  user_agent    text
);
create index session_user_idx on session(user_id);

create table subject (
  id                    text primary key,
  county_id             text not null references place(id),
  office_id             text not null references place(id),
  village_id            text references place(id),
  name                  text not null,
  name_pinyin           text not null,        -- full pinyin without tones, for search ("zhangsan")
  name_initials         text not null,        -- pinyin initials ("zs")
  gender                text not null check (gender in ('male', 'female')),
  ethnicity             text not null default '汉族',
  birth_date            date not null,
  id_number             text not null,
  phone                 text,
  address               text,
  education             text,
  occupation            text,
  correction_type       text not null check (correction_type in ('probation', 'parole', 'control', 'temporary_release')),
  crime_categories      jsonb not null default '[]',
  crime_text            text not null,
  deciding_organ        text,
  judgment_number       text,
  judgment_effective_date date,
  sentence_text         text,
  term_start            date not null,
  term_end              date not null,
  intake_date           date not null,
  release_date          date,
  status                text not null default 'in_correction' check (status in ('in_correction', 'released', 'terminated')),
  level                 text not null check (level in ('key', 'strict', 'normal', 'lenient')),
  risk_level            text not null default 'medium' check (risk_level in ('low', 'medium', 'elevated', 'high')),
  prior_convictions     integer not null default 0 check (prior_convictions >= 0),
  prior_bad_records     integer not null default 0 check (prior_bad_records >= 0),
  stable_residence      boolean not null default true,
  stable_income         boolean not null default true,
  emotional_instability boolean not null default false,
  family_incomplete     boolean not null default false,
  rebellious            boolean not null default false,
  resists_supervision   boolean not null default false,
  key_override          jsonb,
  book_number           text unique,
  responsible_user_id   text references app_user(id),
  version               integer not null default 1,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check (term_end >= term_start),
  check (release_date is null or release_date >= intake_date)
);
create index subject_office_idx on subject(office_id);
create index subject_county_idx on subject(county_id);
create index subject_initials_idx on subject(name_initials);
create unique index subject_id_number_active_idx on subject(id_number) where status = 'in_correction';

create table level_decision (
  id          bigserial primary key,
  subject_id  text not null references subject(id),
  from_date   date not null,
  level       text not null check (level in ('key', 'strict', 'normal', 'lenient')),
  reason      text,
  decided_by  text references app_user(id),
  created_at  timestamptz not null default now()
);
create index level_decision_subject_idx on level_decision(subject_id, from_date);

-- Everything that happened on a case: reports, visits, checks, leave, sanctions, violations, book
-- sections... `type` is the rules engine's event type; `data` holds the type's own fields.
create table case_event (
  id           bigserial primary key,
  subject_id   text not null references subject(id),
  office_id    text not null references place(id),
  type         text not null,
  at           timestamptz not null,
  end_date     date,                          -- leave: last day (start is the CST date of `at`)
  kind         text,                          -- sanction / violation kind, book section id, check method...
  by_role      text,
  data         jsonb not null default '{}',
  recorded_by  text references app_user(id),
  recorded_at  timestamptz not null default now()
);
create index case_event_subject_idx on case_event(subject_id, at);
create index case_event_office_day_idx on case_event(office_id, type, at);

-- Location reports (spec/location.md): app, device and staff sources kept apart by `source`; device
-- data are shown only while a device order is in force. Coordinates stored in WGS-84.
create table location_report (
  id               bigserial primary key,
  subject_id       text not null references subject(id),
  source           text not null check (source in ('app', 'device', 'staff')),
  device_id        text,
  measured_at      timestamptz not null,
  received_at      timestamptz not null default now(),
  longitude        double precision not null check (longitude between -180 and 180),
  latitude         double precision not null check (latitude between -90 and 90),
  accuracy_m       double precision,
  speed_mps        double precision,
  battery_pct      double precision,
  original_crs     text not null default 'wgs84' check (original_crs in ('wgs84', 'gcj02', 'bd09')),
  low_quality      boolean not null default false,
  photo_id         text,
  idempotency_key  text not null,
  unique (subject_id, idempotency_key)
);
create index location_report_subject_idx on location_report(subject_id, measured_at);

-- The audit log: who did what to which record, when, from where. Append-only, enforced by the
-- database itself so that no code path (nor a mistaken UPDATE) can rewrite history.
create table audit_log (
  id            bigserial primary key,
  at            timestamptz not null default now(),
  actor_id      text,
  actor_name    text,
  actor_role    text,
  action        text not null,
  record_type   text,
  record_id     text,
  subject_id    text,
  place_id      text,
  ip            text,
  user_agent    text,
  details       jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log(at);
create index audit_log_subject_idx on audit_log(subject_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op;
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
