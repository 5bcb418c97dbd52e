-- Statistics and indicators (issue 14; seeds 001, 003, 004). Every figure is derived from the records
-- already stored; the one fact the records cannot give is the money: the agency enters each year's
-- funding of community correction here. Each entry is a new row (the latest of a year counts), so a
-- past figure keeps the amount it was computed from.
create table county_funding (
  id           bigserial primary key,
  county_id    text not null references place(id),
  year         integer not null check (year between 1900 and 2199),
  amount_yuan  integer not null check (amount_yuan >= 0),
  note         text,
  entered_by   text not null references app_user(id),
  entered_at   timestamptz not null
);
create index county_funding_year_idx on county_funding(county_id, year, id);

create function county_funding_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'county_funding is append-only: % is not allowed', tg_op;
end $$;
create trigger county_funding_no_change before update or delete on county_funding
  for each row execute function county_funding_is_append_only();

-- The profile gained its `indicators` group (windows and targets of the indicators). A county's rules
-- stored whole before it lack the group and would no longer pass the schema: give them the shipped
-- defaults (the numbers of yirenyice-2025), which the county may then change like any other rule.
update county_policy
   set document = document || jsonb_build_object('indicators', jsonb_build_object(
     'location', jsonb_build_object(
       'basis', 'seed 002 四.2: key persons under electronic location; seed 003 一.4: 电子定位率; profile default: the window of days',
       'withinDays', 7, 'keyTargetPercent', 100),
     'monthlyHours', jsonb_build_object('basis', 'seed 004: 每月8小时学习、8小时公益劳动', 'education', 8, 'publicService', 8),
     'training', jsonb_build_object(
       'basis', 'seed 001 (十三): 适龄无业社区矫正对象培训率达100%; profile default: working age 16–59',
       'workingAgeFrom', 16, 'workingAgeTo', 59, 'targetPercent', 100),
     'funding', jsonb_build_object('basis', 'seed 001 (十四): 每人每年不少于2000元', 'perSubjectPerYearYuan', 2000)))
 where document is not null and not (document ? 'indicators');
