// The agency's field-visit samples of a county (seed 000 §九.2(3)): each month at least 20% of the key
// and strict persons, each quarter at least 3% of the normal persons, rounded up — counted over the
// county's registered persons of that level on the period's first day and rounded ONCE for the county
// (policy.md "Interpretations"), not office by office (7 and 8 strict persons need ⌈15 × 20%⌉ = 3
// visits, not ⌈1.4⌉ + ⌈1.6⌉ = 4).
import type { PolicyProfile } from "../policy/schema.ts";
import { percentRoundedUp } from "./evaluate-office.ts";

export interface CountySamplePopulations {
  /** Key and strict persons registered in the county on the month's first day. */
  keyOrStrictAtMonthStart: number;
  /** Normal persons registered in the county on the quarter's first day. */
  normalAtQuarterStart: number;
}

/** How many persons the county's month and quarter visit samples must hold, with their basis. */
export function countyVisitSampleRequired(
  profile: PolicyProfile,
  populations: CountySamplePopulations,
): { month: number; quarter: number; basis: string } {
  const agency = profile.agency;
  return {
    month: percentRoundedUp(
      populations.keyOrStrictAtMonthStart,
      agency.visitSampleKeyOrStrictPercentPerMonth,
    ),
    quarter: percentRoundedUp(populations.normalAtQuarterStart, agency.visitSampleNormalPercentPerQuarter),
    basis: agency.visitsBasis,
  };
}
