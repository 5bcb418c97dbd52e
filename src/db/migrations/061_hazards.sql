-- The hazard register (issue 14; seed 002 四.1: "逐一登记造册，落实整改措施、整改责任人和整改时限"):
-- a dispute or hazard found about a person or a place, its kind and level, the measures with their
-- owner and deadline, and the follow-ups until it is closed. An open measure past its deadline is on
-- the office's Today and raised once as an alert by the sweep (source `hazard:<measure id>`).
create table hazard (
  id            bigserial primary key,
  county_id     text not null references place(id),
  office_id     text not null references place(id),
  subject_id    text references subject(id),          -- a person's hazard
  place_text    text,                                 -- or a place's (an address, a village, a site)
  kind          text not null check (kind in ('family_dispute', 'neighbour_dispute', 'emotional_dispute',
                  'conflict', 'debt', 'mental_illness', 'unauthorized_absence', 'drug_use', 'gambling',
                  'reoffending_tendency', 'organised_crime', 'supervision_lapse', 'other')),
  level         text not null check (level in ('major', 'serious', 'general')),
  description   text not null,
  found_on      date not null,
  found_by      text not null references app_user(id),
  recorded_at   timestamptz not null,
  closed_at     timestamptz,
  closed_by     text references app_user(id),
  closing_note  text,
  check (subject_id is not null or place_text is not null),
  check ((closed_at is null) = (closed_by is null))
);
create index hazard_office_idx on hazard(office_id, closed_at);
create index hazard_subject_idx on hazard(subject_id);

-- The measures (整改措施): each with its owner (a staff account) and deadline, done once.
create table hazard_measure (
  id           bigserial primary key,
  hazard_id    bigint not null references hazard(id),
  measure      text not null,
  owner_id     text not null references app_user(id),
  deadline     date not null,
  done_at      timestamptz,
  done_by      text references app_user(id),
  created_by   text not null references app_user(id),
  created_at   timestamptz not null,
  check ((done_at is null) = (done_by is null))
);
create index hazard_measure_open_idx on hazard_measure(hazard_id, done_at, deadline);

-- The follow-ups (跟进情况), in order; never changed.
create table hazard_followup (
  id           bigserial primary key,
  hazard_id    bigint not null references hazard(id),
  measure_id   bigint references hazard_measure(id),
  text         text not null,
  by_user      text not null references app_user(id),
  at           timestamptz not null
);
create index hazard_followup_hazard_idx on hazard_followup(hazard_id, id);

create function hazard_followup_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'hazard_followup is append-only: % is not allowed', tg_op;
end $$;
create trigger hazard_followup_no_change before update or delete on hazard_followup
  for each row execute function hazard_followup_is_append_only();
