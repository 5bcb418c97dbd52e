-- The monthly risk-analysis meeting (issue 14; seed 002 二: "每月要组织一次风险研判分析会") of each
-- office and of the agency: who attended, the persons discussed (pre-filled from the month's alerts,
-- violations, hazards and level decisions), the decisions with owners and deadlines, and the minutes.
-- One meeting per office (or the agency) and month; a meeting once recorded is not rewritten.
create table risk_meeting (
  id           bigserial primary key,
  county_id    text not null references place(id),
  office_id    text references place(id),             -- null: the agency's own meeting
  month        text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  held_on      date not null,
  place        text not null,
  host         text not null,
  attendees    jsonb not null,                        -- [{userId, name, role}]
  persons      jsonb not null,                        -- [{subjectId, name, reasons: [code], assessment}]
  decisions    jsonb not null,                        -- [{text, ownerId, ownerName, deadline}]
  summary      text not null,
  recorded_by  text not null references app_user(id),
  recorded_at  timestamptz not null
);
create unique index risk_meeting_month_idx on risk_meeting(county_id, coalesce(office_id, ''), month);

create function risk_meeting_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'risk_meeting is append-only: % is not allowed', tg_op;
end $$;
create trigger risk_meeting_no_change before update or delete on risk_meeting
  for each row execute function risk_meeting_is_append_only();
