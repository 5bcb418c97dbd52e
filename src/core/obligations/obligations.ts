// Per-person obligations (seed 000 §九.2, policy.md "Per-person supervision standards", rules-contract
// "Output: obligations"): for each kind, the periods the person owes, how many matching events were
// made in each, and the status — for the periods that reach into the output window (90 days back).
import type { DayNumber } from "../calendar/days.ts";
import { formatDate } from "../calendar/days.ts";
import { formatEndOfDay } from "../calendar/instant.ts";
import { type PeriodKind, periodEnd, periodStart } from "../calendar/periods.ts";
import type { CountedKind, EventIndex, LeaveRange } from "../events/event-index.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";
import {
  LEAVE_OBLIGATIONS,
  type LevelRule,
  type ObligationKind,
  PERIODIC_OBLIGATIONS,
  type PeriodicObligationKind,
  type PeriodicObligationRule,
} from "../policy/schema.ts";
import type { PersonDays } from "../subject/person.ts";
import { mergeLeaves, whollyOnLeave } from "./leave.ts";

export type ObligationStatus = "met" | "open" | "overdue" | "waived";

export interface Obligation {
  /** `kind:periodStart/periodEnd` */
  id: string;
  kind: ObligationKind;
  periodStart: string;
  periodEnd: string;
  required: number;
  done: number;
  /** End of the period's last day, 23:59:59 CST. */
  dueBy: string;
  status: ObligationStatus;
  basis: string;
}

export interface ObligationContext {
  policy: CompiledPolicy;
  person: PersonDays;
  events: EventIndex;
  asOfDay: DayNumber;
}

/** The most days a period of each kind can have. */
const MAX_PERIOD_DAYS: Record<PeriodKind, number> = {
  day: 1,
  week: 7,
  half_month: 16,
  month: 31,
  quarter: 92,
};

/**
 * The first day of the days the obligations of the output window can count events on: the window
 * reaches `windowDaysBack` days back, and a period ending there may have started up to a quarter
 * (92 days) earlier.
 */
export function countingRangeStart(policy: CompiledPolicy, asOfDay: DayNumber): DayNumber {
  return asOfDay - policy.profile.obligations.windowDaysBack - MAX_PERIOD_DAYS.quarter;
}

/**
 * Per kind of event the obligations count, the first day an obligation of the output window can
 * count it on: the window's first day, less the longest period the profile uses for that kind.
 */
export function firstCountedDays(
  policy: CompiledPolicy,
  asOfDay: DayNumber,
): Record<CountedKind | "field_visit", DayNumber> {
  const rules = policy.profile.obligations;
  const windowStart = asOfDay - rules.windowDaysBack;
  const reach = (rule: PeriodicObligationRule) => {
    let days = 1;
    for (const levelRule of Object.values(rule.byLevel)) {
      if (levelRule) days = Math.max(days, MAX_PERIOD_DAYS[levelRule.period]);
    }
    return windowStart - days + 1;
  };
  return {
    phone_report: reach(rules.phone_report),
    in_person_report: reach(rules.in_person_report),
    location_report: reach(rules.location_report),
    field_visit: reach(rules.field_visit),
    leave_signin_check: windowStart,
    leave_phone_check: windowStart,
  };
}

function statusOf(
  done: number,
  required: number,
  end: DayNumber,
  asOfDay: DayNumber,
  waived: boolean,
): ObligationStatus {
  if (waived) return "waived";
  if (done >= required) return "met";
  return asOfDay > end ? "overdue" : "open";
}

function makeObligation(
  kind: ObligationKind,
  start: DayNumber,
  end: DayNumber,
  required: number,
  done: number,
  status: ObligationStatus,
  basis: string,
): Obligation {
  const periodStartText = formatDate(start);
  const periodEndText = formatDate(end);
  return {
    id: `${kind}:${periodStartText}/${periodEndText}`,
    kind,
    periodStart: periodStartText,
    periodEnd: periodEndText,
    required,
    done,
    dueBy: formatEndOfDay(end),
    status,
    basis,
  };
}

/**
 * Collects obligations with a numeric sort key — period start, then kind — so the final order comes
 * from sorting plain numbers instead of comparing objects and texts.
 */
class ObligationCollector {
  readonly list: Obligation[] = [];
  private readonly keys: number[] = [];
  private sorted = true;

  constructor(private readonly firstDay: DayNumber) {}

  add(start: DayNumber, obligation: Obligation): void {
    const key =
      ((start - this.firstDay) * KIND_RANK_COUNT + KIND_RANK[obligation.kind]) * MAX_PER_KEY +
      this.list.length;
    const last = this.keys[this.keys.length - 1];
    if (last !== undefined && key < last) this.sorted = false;
    this.keys.push(key);
    this.list.push(obligation);
  }

  /** The obligations by period start, then kind (periods of one kind never share a start day). */
  ordered(): Obligation[] {
    if (this.sorted) return this.list;
    const keys = Float64Array.from(this.keys).sort();
    const out: Obligation[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = this.list[(keys[i] as number) % MAX_PER_KEY] as Obligation;
    return out;
  }
}

/** Kinds in the order the result lists obligations with the same start (alphabetical). */
const KIND_RANK: Record<ObligationKind, number> = {
  field_visit: 0,
  in_person_report: 1,
  leave_phone_check: 2,
  leave_signin_check: 3,
  location_report: 4,
  phone_report: 5,
};
const KIND_RANK_COUNT = 8;
/** Room for the index of an obligation within its subject's list inside the sort key. */
const MAX_PER_KEY = 1 << 20;

function countDone(
  kind: PeriodicObligationKind,
  rule: LevelRule,
  events: EventIndex,
  start: DayNumber,
  end: DayNumber,
): number {
  if (kind === "field_visit") return events.countVisits(start, end, rule.countedRoles);
  return events.count(kind, start, end);
}

/**
 * Periodic obligations of one kind: a period counts when the person is under correction on its first
 * and last day and the level decided for its first day demands this kind with this period (so a level
 * change takes effect from the next period, and partial periods are exempt). Daily obligations begin
 * the day after intake.
 */
function periodicObligations(
  ctx: ObligationContext,
  kind: PeriodicObligationKind,
  rule: PeriodicObligationRule,
  leaves: readonly LeaveRange[],
  windowStart: DayNumber,
  out: ObligationCollector,
): void {
  const { person, asOfDay, events } = ctx;
  for (const periodKind of periodKindsOf(rule)) {
    const firstAllowed = periodKind === "day" ? person.intake + 1 : person.intake;
    const from = Math.max(windowStart, firstAllowed);
    const to = Math.min(asOfDay, person.end);
    if (from > to) continue;
    for (let start = periodStart(periodKind, from); start <= to; ) {
      const end = periodEnd(periodKind, start);
      if (start >= firstAllowed && end <= person.end) {
        const levelRule = rule.byLevel[person.levels.at(start)];
        if (levelRule && levelRule.period === periodKind) {
          const done = countDone(kind, levelRule, events, start, Math.min(end, asOfDay));
          const waived = rule.waivedByLeave && whollyOnLeave(leaves, start, end);
          const status = statusOf(done, levelRule.required, end, asOfDay, waived);
          out.add(start, makeObligation(kind, start, end, levelRule.required, done, status, rule.basis));
        }
      }
      start = end + 1;
    }
  }
}

/** Leave checks: each distinct day of approved leave from the day after intake to the last day. */
function leaveObligations(
  ctx: ObligationContext,
  leaves: readonly LeaveRange[],
  windowStart: DayNumber,
  out: ObligationCollector,
): void {
  const { policy, person, asOfDay, events } = ctx;
  const from = Math.max(windowStart, person.intake + 1);
  const to = Math.min(asOfDay, person.end);
  for (const range of leaves) {
    for (let day = Math.max(from, range.from); day <= Math.min(to, range.to); day++) {
      const level = person.levels.at(day);
      for (const kind of LEAVE_OBLIGATIONS) {
        const rule = policy.profile.obligations[kind];
        if (!rule.levels.includes(level)) continue;
        const done = events.count(kind, day, day);
        const status = statusOf(done, rule.perDay, day, asOfDay, false);
        out.add(day, makeObligation(kind, day, day, rule.perDay, done, status, rule.basis));
      }
    }
  }
}

/** Every obligation with periodStart <= as-of day and periodEnd >= as-of day − window, sorted. */
export function personObligations(ctx: ObligationContext): Obligation[] {
  const rules = ctx.policy.profile.obligations;
  const windowStart = ctx.asOfDay - rules.windowDaysBack;
  const leaves = ctx.events.leaves.length === 0 ? NO_LEAVES : mergeLeaves(ctx.events.leaves);
  const out = new ObligationCollector(windowStart - MAX_PERIOD_DAYS.quarter);
  for (const kind of PERIODIC_OBLIGATIONS)
    periodicObligations(ctx, kind, rules[kind], leaves, windowStart, out);
  leaveObligations(ctx, leaves, windowStart, out);
  return out.ordered();
}

const NO_LEAVES: readonly LeaveRange[] = [];

// The period kinds each rule uses, found once per rule object (profiles are frozen).
const periodKindsCache = new WeakMap<PeriodicObligationRule, PeriodKind[]>();

function periodKindsOf(rule: PeriodicObligationRule): PeriodKind[] {
  let kinds = periodKindsCache.get(rule);
  if (!kinds) {
    const set = new Set<PeriodKind>();
    for (const levelRule of Object.values(rule.byLevel)) if (levelRule) set.add(levelRule.period);
    kinds = [...set];
    periodKindsCache.set(rule, kinds);
  }
  return kinds;
}
