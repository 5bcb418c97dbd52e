// The sanction ladder (sanctions-contract.md): from one person's violations and measures, the next
// step the engine proposes, why (`because`: the ids counted) and on what basis; and the court's clocks
// after a revocation or imprisonment request. People decide; the engine proposes. Pure: the time is
// `asOf`, the steps, thresholds and rung texts are the profile's.
import { cstDayOfMs, cstStartOfDayMs, instantToMs, MS_PER_HOUR } from "../calendar/instant.ts";
import { formatCstInstant } from "../location/evaluate-location.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import type { LadderGround, LadderMeasure, PolicyProfile } from "../policy/schema.ts";
import type { LadderSanction, LadderViolation, SanctionCaseInput } from "./sanction-schema.ts";

export type ProposalStep = LadderMeasure | "none";

export interface SanctionProposal {
  step: ProposalStep;
  /** The violation and sanction ids counted by the grounds of `step`, sorted by `at`, then id. */
  because: string[];
  basis: string | null;
}

export type CourtClockId = "ruling" | "arrest_decision" | "detention";
export type CourtClockStatus = "met" | "late" | "overdue" | "open";

export interface CourtClock {
  id: CourtClockId;
  startedAt: string;
  dueBy: string;
  doneAt: string | null;
  status: CourtClockStatus;
  basis: string;
}

export interface SanctionResult {
  subjectId: string;
  proposal: SanctionProposal;
  clocks: CourtClock[];
}

/** One reason for a step: the ground, the measure it calls for, the ids it counts. */
export interface LadderGroundFound {
  ground: LadderGround;
  step: LadderMeasure;
  ids: string[];
}

export interface SanctionOptions {
  registry?: PolicyRegistry;
}

interface Dated {
  id: string;
  atMs: number;
  /** Position in the input list: equal `at` goes to the later item. */
  index: number;
}

type CountedSanction = LadderSanction & Dated;

const byTime = (a: Dated, b: Dated) => a.atMs - b.atMs || a.index - b.index;

/** The ground of an unsanctioned violation, from the contract's table. */
function violationGround(policy: PolicyProfile, v: LadderViolation): LadderGround {
  const ladder = policy.statutory.sanctionLadder;
  switch (v.kind) {
    case "reporting":
    case "visitor":
    case "leave":
    case "moving":
      return v.severity === "serious" ? "rules_serious" : "rules_minor";
    case "prohibition_order":
      return v.severity === "serious" ? "prohibition_serious" : "prohibition_minor";
    case "education_refusal":
      return "education_refusal";
    case "out_of_supervision":
    case "no_report": {
      const days = v.days ?? 0;
      if (days > ladder.topOutOfSupervisionMoreThanDays) return "absence_over_month";
      if (days > ladder.reprimandOutOfSupervisionUpToDays) return "absence_long";
      return "absence_short";
    }
  }
}

/**
 * Escalation by repeated measures: `count` or more measures of `kind` (sorted by time), the latest
 * found not corrected, and no other measure of `ground`'s step rank or more at or after it.
 */
function repeatGround(
  policy: PolicyProfile,
  topStep: LadderMeasure,
  sanctions: CountedSanction[],
  kind: LadderMeasure,
  count: number,
  ground: LadderGround,
): LadderGroundFound | null {
  const ladder = policy.statutory.sanctionLadder;
  const ofKind = sanctions.filter((s) => s.kind === kind);
  const latest = ofKind[ofKind.length - 1];
  if (!latest || ofKind.length < count || latest.corrected !== false) return null;
  const rule = ladder.grounds[ground].step;
  const step = rule === "top" ? topStep : rule;
  const spent = sanctions.some(
    (s) => s !== latest && ladder.ranks[s.kind] >= ladder.ranks[step] && s.atMs >= latest.atMs,
  );
  if (spent) return null;
  return { ground, step, ids: ofKind.slice(-count).map((s) => s.id) };
}

/** Every ground of the case at `asOf`, violations first in input order, then the repeat grounds. */
export function ladderGrounds(policy: PolicyProfile, input: SanctionCaseInput): LadderGroundFound[] {
  const ladder = policy.statutory.sanctionLadder;
  const asOfMs = instantToMs(input.asOf);
  const topStep = ladder.topStep[input.subject.correctionType];
  const sanctions: CountedSanction[] = input.sanctions
    .map((s, index) => ({ ...s, atMs: instantToMs(s.at), index }))
    .filter((s) => s.atMs <= asOfMs)
    .sort(byTime);
  const sanctioned = new Set(sanctions.flatMap((s) => s.violationIds));

  const grounds: LadderGroundFound[] = [];
  for (const v of input.violations) {
    if (instantToMs(v.at) > asOfMs || sanctioned.has(v.id)) continue;
    const ground = violationGround(policy, v);
    const rule = ladder.grounds[ground].step;
    grounds.push({ ground, step: rule === "top" ? topStep : rule, ids: [v.id] });
  }
  const repeats = [
    repeatGround(policy, topStep, sanctions, "reprimand", ladder.reprimandsBeforeWarning, "two_reprimands"),
    repeatGround(policy, topStep, sanctions, "warning", ladder.warningsBeforeTop, "two_warnings"),
    repeatGround(
      policy,
      topStep,
      sanctions,
      "public_security_penalty",
      ladder.penaltiesBeforeTop,
      "penalty_uncorrected",
    ),
  ];
  for (const g of repeats) if (g) grounds.push(g);
  return grounds;
}

/** A ground's basis: the ladder's basis and the rung as statutory.md words it. */
export function groundBasis(policy: PolicyProfile, ground: LadderGround): string {
  const ladder = policy.statutory.sanctionLadder;
  return `${ladder.basis}: ${ladder.grounds[ground].rung}`;
}

/** The heaviest step among the grounds, its counted ids and its joined basis. */
export function proposeStep(
  policy: PolicyProfile,
  input: SanctionCaseInput,
  grounds: LadderGroundFound[],
): SanctionProposal {
  const ranks = policy.statutory.sanctionLadder.ranks;
  let best: LadderGroundFound | undefined;
  for (const g of grounds) if (!best || ranks[g.step] > ranks[best.step]) best = g;
  if (!best) return { step: "none", because: [], basis: null };
  const step = best.step;
  const chosen = grounds.filter((g) => g.step === step);

  const atOf = new Map<string, number>();
  for (const v of input.violations) atOf.set(v.id, instantToMs(v.at));
  for (const s of input.sanctions) atOf.set(s.id, instantToMs(s.at));
  const order = (a: string, b: string) =>
    (atOf.get(a) ?? 0) - (atOf.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const because = [...new Set(chosen.flatMap((g) => g.ids))].sort(order);

  const position = new Map(because.map((id, i) => [id, i]));
  const firstPosition = (g: LadderGroundFound) => Math.min(...g.ids.map((id) => position.get(id) ?? 0));
  const basis = [...chosen]
    .sort((a, b) => firstPosition(a) - firstPosition(b))
    .map((g) => groundBasis(policy, g.ground))
    .join("; ");
  return { step, because, basis };
}

/** Whole seconds, as the contract writes instants. */
const formatSeconds = (ms: number) => formatCstInstant(Math.floor(ms / 1000) * 1000);

function clock(
  id: CourtClockId,
  startedMs: number,
  dueMs: number,
  dueText: string,
  doneMs: number | null,
  asOfMs: number,
  basis: string,
): CourtClock {
  const done = doneMs !== null && doneMs <= asOfMs ? doneMs : null;
  let status: CourtClockStatus;
  if (done !== null) status = done <= dueMs ? "met" : "late";
  else status = asOfMs > dueMs ? "overdue" : "open";
  return {
    id,
    startedAt: formatSeconds(startedMs),
    dueBy: dueText,
    doneAt: done === null ? null : formatSeconds(done),
    status,
    basis,
  };
}

/** The court's clocks after a request (Arts. 47–49), sorted by id; none before the request is sent. */
export function courtClocks(policy: PolicyProfile, input: SanctionCaseInput): CourtClock[] {
  const court = input.court;
  const asOfMs = instantToMs(input.asOf);
  if (!court) return [];
  const requestedMs = instantToMs(court.requestedAt);
  if (requestedMs > asOfMs) return [];
  const rules = policy.statutory.court;
  const ms = (text: string | null | undefined) => (text == null ? null : instantToMs(text));
  const ruledMs = ms(court.ruledAt);
  // "Within N days": due at the end of day D+N (CST); anything on that day is in time.
  const endOfDay = (fromMs: number, days: number) => {
    const day = cstDayOfMs(fromMs) + days;
    return { dueMs: cstStartOfDayMs(day + 1) - 1, text: formatSeconds(cstStartOfDayMs(day + 1) - 1000) };
  };

  const clocks: CourtClock[] = [];
  if (court.arrestRequested) {
    const dueMs = requestedMs + rules.arrestDecisionWithinHours * MS_PER_HOUR;
    clocks.push(
      clock(
        "arrest_decision",
        requestedMs,
        dueMs,
        formatSeconds(dueMs),
        ms(court.arrestDecidedAt),
        asOfMs,
        rules.arrestBasis,
      ),
    );
  }
  const detainedMs = ms(court.detainedAt);
  if (detainedMs !== null && detainedMs <= asOfMs) {
    const due = endOfDay(detainedMs, rules.detentionMaxDays);
    clocks.push(clock("detention", detainedMs, due.dueMs, due.text, ruledMs, asOfMs, rules.detentionBasis));
  }
  const ruling = endOfDay(requestedMs, rules.revocationRulingWithinDays);
  clocks.push(clock("ruling", requestedMs, ruling.dueMs, ruling.text, ruledMs, asOfMs, rules.rulingBasis));
  return clocks; // arrest_decision, detention, ruling: already sorted by id
}

/** `onebook rules sanction`: the proposal and the clocks. Trusts its input (see parseSanctionInput). */
export function evaluateSanctions(input: SanctionCaseInput, options: SanctionOptions = {}): SanctionResult {
  const policy = (options.registry ?? defaultRegistry).get(input.policy ?? DEFAULT_POLICY_ID);
  return {
    subjectId: input.subject.id,
    proposal: proposeStep(policy, input, ladderGrounds(policy, input)),
    clocks: courtClocks(policy, input),
  };
}
