-- Major-event reports (issue 14; seed 002 一 重大事项报告制度): an escape, a new crime, a death or a mass
-- incident is reported to the agency at once, followed by follow-up reports until the agency closes it.
-- A report of a new crime is also the fact the statistics count as reoffending (重新犯罪).
create table major_event (
  id           bigserial primary key,
  county_id    text not null references place(id),
  office_id    text not null references place(id),
  subject_id   text references subject(id),            -- null for an event that names no one person
  kind         text not null check (kind in ('escape', 'new_crime', 'death', 'mass_incident', 'other')),
  occurred_at  timestamptz not null,
  summary      text not null,
  reported_by  text not null references app_user(id),
  reported_at  timestamptz not null,
  closed_at    timestamptz,
  closed_by    text references app_user(id),
  closing_note text,
  check ((closed_at is null) = (closed_by is null))
);
create index major_event_county_idx on major_event(county_id, occurred_at);
create index major_event_subject_idx on major_event(subject_id);

-- The follow-up reports, in order; never changed.
create table major_event_update (
  id              bigserial primary key,
  major_event_id  bigint not null references major_event(id),
  text            text not null,
  reported_by     text not null references app_user(id),
  reported_at     timestamptz not null
);
create index major_event_update_event_idx on major_event_update(major_event_id, id);

create function major_event_update_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'major_event_update is append-only: % is not allowed', tg_op;
end $$;
create trigger major_event_update_no_change before update or delete on major_event_update
  for each row execute function major_event_update_is_append_only();
