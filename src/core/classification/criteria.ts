// The key-person criteria of seed 000 §九.1, one small named function each. A criterion that holds
// returns its evidence (what in the data made it hold) and its basis; one that does not returns null.
import { addMonths, type DayNumber, formatDate } from "../calendar/days.ts";
import type { DatedRecord, EventIndex } from "../events/event-index.ts";
import type { CaseSubject } from "../input/case-schema.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";
import { isJuvenileAtIntake, type PersonDays } from "../subject/person.ts";

export type CriterionId = "K1" | "K2" | "K3" | "K4" | "K5" | "K6";

export interface CriterionResult {
  id: CriterionId;
  basis: string;
  evidence: string;
}

export interface CriterionContext {
  policy: CompiledPolicy;
  subject: CaseSubject;
  person: PersonDays;
  events: EventIndex;
  asOfDay: DayNumber;
}

export type Criterion = (ctx: CriterionContext) => CriterionResult | null;

/**
 * The latest record passing `test` (ties broken by the text, so the choice never depends on event
 * order).
 */
function latest<K extends string>(
  records: readonly DatedRecord<K>[],
  test: (record: DatedRecord<K>) => boolean,
): DatedRecord<K> | undefined {
  let best: DatedRecord<K> | undefined;
  for (const r of records) {
    if (test(r) && (!best || r.ms > best.ms || (r.ms === best.ms && r.at > best.at))) best = r;
  }
  return best;
}

function holds(id: CriterionId, basis: string, evidence: string[]): CriterionResult | null {
  return evidence.length === 0 ? null : { id, basis, evidence: evidence.join("; ") };
}

/** K1: resists, defies or does not obey supervision — the worker's finding, or a recent disobedience. */
export const resistsSupervision: Criterion = ({ policy, subject, events, asOfDay }) => {
  const rule = policy.profile.classification.K1;
  if (!subject.resistsSupervision && events.violations.length === 0) return null;
  const evidence: string[] = [];
  if (subject.resistsSupervision) evidence.push("worker's finding: resists supervision");
  const since = addMonths(asOfDay, -rule.lookbackMonths);
  const recent = latest(events.violations, (v) => rule.violationKinds.includes(v.kind) && v.day >= since);
  if (recent) evidence.push(`violation (${recent.kind}) on ${formatDate(recent.day)}`);
  return holds("K1", rule.basis, evidence);
};

/** K2: multiple (多次: three or more) prior convictions and bad records, or a high risk assessment. */
export const repeatedRecordsOrHighRisk: Criterion = ({ policy, subject }) => {
  const rule = policy.profile.classification.K2;
  const evidence: string[] = [];
  const records = subject.priorConvictions + subject.priorBadRecords;
  if (records >= rule.minPriorRecords) {
    evidence.push(
      `${records} prior convictions and bad records (${subject.priorConvictions} + ${subject.priorBadRecords}, ${rule.minPriorRecords} or more)`,
    );
  }
  if (rule.riskLevels.includes(subject.riskLevel)) evidence.push(`risk level ${subject.riskLevel}`);
  return holds("K2", rule.basis, evidence);
};

/** K3: no stable residence and income, or erratic emotions / abnormal behaviour. */
export const unstableLivingOrEmotions: Criterion = ({ policy, subject }) => {
  const rule = policy.profile.classification.K3;
  const evidence: string[] = [];
  const lacking = rule.requireBothLacking
    ? !subject.stableResidence && !subject.stableIncome
    : !subject.stableResidence || !subject.stableIncome;
  if (lacking) {
    const what = [!subject.stableResidence && "residence", !subject.stableIncome && "income"].filter(Boolean);
    evidence.push(`no stable ${what.join(" and no stable ")}`);
  }
  if (subject.emotionalInstability) evidence.push("erratic emotions or abnormal behaviour");
  return holds("K3", rule.basis, evidence);
};

/** K4: a warning or heavier sanction, or detention, during this correction (on or after intake). */
export const sanctionedDuringCorrection: Criterion = ({ policy, person, events }) => {
  const rule = policy.profile.classification.K4;
  const hit = latest(events.sanctions, (s) => rule.sanctionKinds.includes(s.kind) && s.day >= person.intake);
  return holds("K4", rule.basis, hit ? [`${hit.kind} on ${formatDate(hit.day)}`] : []);
};

/** K5: a listed crime (gambling, casino, fraud, theft, dangerous driving …) and relatively high risk. */
export const listedCrimeWithElevatedRisk: Criterion = ({ policy, subject }) => {
  const rule = policy.profile.classification.K5;
  if (!rule.riskLevels.includes(subject.riskLevel)) return null;
  const crimes = subject.crimeCategories.filter((c) => policy.k5Crimes.has(c));
  if (crimes.length === 0) return null;
  return holds("K5", rule.basis, [
    `crime ${[...new Set(crimes)].sort().join(", ")} with risk level ${subject.riskLevel}`,
  ]);
};

/** K6: a juvenile (under 18 at intake, and stays one) with an incomplete family or rebellious. */
export const troubledJuvenile: Criterion = ({ policy, subject, person }) => {
  const rule = policy.profile.classification.K6;
  if (!subject.familyIncomplete && !subject.rebellious) return null;
  if (!isJuvenileAtIntake(person.birth, person.intake, policy.profile.age.adultAge)) return null;
  const why = [subject.familyIncomplete && "incomplete family", subject.rebellious && "rebellious"].filter(
    (x): x is string => typeof x === "string",
  );
  if (why.length === 0) return null;
  return holds("K6", rule.basis, [
    `juvenile at intake (under ${policy.profile.age.adultAge}) with ${why.join(" and ")}`,
  ]);
};

/** All criteria, in id order (the result lists them so). */
export const KEY_PERSON_CRITERIA: readonly Criterion[] = [
  resistsSupervision,
  repeatedRecordsOrHighRisk,
  unstableLivingOrEmotions,
  sanctionedDuringCorrection,
  listedCrimeWithElevatedRisk,
  troubledJuvenile,
];
