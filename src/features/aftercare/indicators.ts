// The two indicators of after-care (seed 003 三(三)5), from the persons and their follow-ups, for the
// month of `asOf` up to that day. Pure: the integration test counts the same by hand.
//  后续照管率: of the persons under care (released from rehabilitation on or before the day), those
//            followed up (by phone or face to face) in the month.
//  操守保持率: of the persons under care, those whose latest follow-up up to the day found them
//            abstinent (操守保持); a person never followed up does not count as keeping it.
import type { CareRules } from "../../core/policy/care-rules.ts";
import { type Indicator, indicator } from "../care/rate.ts";
import { inPeriod, periodOf } from "./periods.ts";

export interface CareFacts {
  id: string;
  released_on: string;
}
export interface ContactFacts {
  aftercare_id: string;
  on_date: string;
  abstinent: boolean;
}

export function aftercareIndicators(
  persons: readonly CareFacts[],
  contacts: readonly ContactFacts[],
  asOf: string,
  rules: CareRules["aftercare"],
): { asOf: string; from: string; indicators: Indicator[] } {
  const month = periodOf(asOf, 1);
  const under = persons.filter((p) => p.released_on <= asOf);
  const upTo = contacts.filter((c) => c.on_date <= asOf);
  const cared = under.filter((p) => upTo.some((c) => c.aftercare_id === p.id && inPeriod(c.on_date, month)));
  const abstinent = under.filter((p) => {
    const mine = upTo
      .filter((c) => c.aftercare_id === p.id)
      .sort((a, b) => a.on_date.localeCompare(b.on_date));
    return mine.at(-1)?.abstinent === true;
  });
  return {
    asOf,
    from: `${month.start}-01`,
    indicators: [
      indicator("care", cared.length, under.length, rules.careTargetPercent),
      indicator("abstinence", abstinent.length, under.length, rules.abstinenceTargetPercent),
    ],
  };
}
