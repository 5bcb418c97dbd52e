// Classification (seed 000 §九.1, policy.md "Classification"): the engine proposes `key` when any
// criterion holds; the office decides; a disagreement is a mismatch for a worker to resolve, unless a
// deliberate, reasoned override (`keyOverride`) matches the decided level.
import type { Level } from "../policy/schema.ts";
import { type CriterionContext, type CriterionResult, KEY_PERSON_CRITERIA } from "./criteria.ts";

export interface Classification {
  proposedKey: boolean;
  criteria: CriterionResult[];
  decidedLevel: Level;
  mismatch: boolean;
}

export function classify(ctx: CriterionContext): Classification {
  const criteria: CriterionResult[] = [];
  for (const criterion of KEY_PERSON_CRITERIA) {
    const result = criterion(ctx);
    if (result) criteria.push(result);
  }
  const proposedKey = criteria.length > 0;
  const decidedLevel = ctx.person.levels.at(ctx.asOfDay);
  const decidedKey = decidedLevel === "key";
  const override = ctx.subject.keyOverride;
  const mismatch = override != null && override.key === decidedKey ? false : proposedKey !== decidedKey;
  return { proposedKey, criteria, decidedLevel, mismatch };
}
