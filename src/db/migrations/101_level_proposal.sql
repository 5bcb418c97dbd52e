-- The initial level is the office's to decide (policy.md Classification; seed 000 §九.1): registration
-- by the agency only proposes it. Until the office head decides, the person's level is the proposal
-- (its level_decision row from registration) and `level_pending` is true; the office head's decision
-- (features/book decideLevel) sets it false. Existing persons have decided levels.
alter table subject add column level_pending boolean not null default false;
