-- The month's leave files handed to the agency by the 10th of the next month (seed 000 §九.3(2)), and
-- the agency's review. One hand-in per office and month; the list of applications is kept as handed in.
create table leave_file_handin (
  id             bigserial primary key,
  county_id      text not null references place(id),
  office_id      text not null references place(id),
  month          text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  applications   jsonb not null,                     -- ids of the month's applications, as handed in
  handed_in_at   timestamptz not null,
  handed_in_by   text not null references app_user(id),
  reviewed_at    timestamptz,
  reviewed_by    text references app_user(id),
  review_note    text,
  unique (office_id, month),
  check ((reviewed_at is null) = (reviewed_by is null))
);
create index leave_file_handin_county_idx on leave_file_handin(county_id, month);
