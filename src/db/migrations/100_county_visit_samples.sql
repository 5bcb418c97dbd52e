-- The agency's field-visit samples (seed 000 §九.2(3): each month 20% of the key and strict persons,
-- each quarter 3% of the normal ones) are drawn once for the county, of the county's registered persons
-- of that level, and rounded once — not per office (policy.md "Interpretations"). Such a draw has no
-- office: office_id is null, and one draw is kept per county, kind and period. Spot checks of offices'
-- daily checks stay per office (unique (office_id, kind, period) as before); earlier per-office visit
-- draws stay as history.
alter table sample_draw alter column office_id drop not null;
create unique index sample_draw_county_once on sample_draw (county_id, kind, period) where office_id is null;
