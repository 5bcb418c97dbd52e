-- The case review (一案一复盘, seed 000 §十一): opened by an escape from supervision (a violation case of
-- 脱离监管) or by an approved revocation or imprisonment request, due within one month (profile); written
-- by the office and by the agency, each its own part.
create table case_review (
  id           text primary key,
  case_id      text not null references violation_case(id),
  subject_id   text not null references subject(id),
  office_id    text not null references place(id),
  county_id    text not null references place(id),
  trigger      text not null check (trigger in ('out_of_supervision', 'court_request')),
  event_at     timestamptz not null,
  due_date     date not null,
  office_text  text,
  office_by    text references app_user(id),
  office_at    timestamptz,
  agency_text  text,
  agency_by    text references app_user(id),
  agency_at    timestamptz,
  unique (case_id, trigger)
);
create index case_review_office_idx on case_review(office_id, due_date);
