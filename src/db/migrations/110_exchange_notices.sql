-- A prison's pre-release notice (安置帮教) and a rehab centre's monthly notice (后续照管) can arrive through
-- the exchange API (issue 15): then a partner organisation, not a staff account, made the record (as
-- 081 did for investigation). A prison or rehab centre names the person's residence by its division
-- code, not by our office: where the code leads to no office of the county, the record lands with the
-- county's agency (no office yet) until the agency assigns it. The code sent is kept to show why.
alter table resettlement alter column created_by drop not null;
alter table resettlement alter column office_id drop not null;
alter table resettlement add column partner_id text references exchange_partner(id);
alter table resettlement add column division_code text;
alter table resettlement add column sentence text;                 -- 原判刑期, as the prison words it
alter table resettlement add constraint resettlement_created_by_someone
  check (created_by is not null or partner_id is not null);

alter table aftercare alter column created_by drop not null;
alter table aftercare alter column office_id drop not null;
alter table aftercare add column partner_id text references exchange_partner(id);
alter table aftercare add column division_code text;
alter table aftercare add constraint aftercare_created_by_someone
  check (created_by is not null or partner_id is not null);
