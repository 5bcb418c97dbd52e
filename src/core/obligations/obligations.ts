// Per-person obligations (seed 000 §九.2, policy.md "Per-person supervision standards", rules-contract
// "Output: obligations"): for each kind, the periods the person owes, how many matching events were
// made in each, and the status — for the periods that reach into the output window (90 days back).
import type { DayNumber } from "../calendar/days.ts";
import { formatDate } from "../calendar/days.ts";
import { formatEndOfDay } from "../calendar/instant.ts";
import { type PeriodKind, periodEnd, periodStart } from "../calendar/periods.ts";
import type { CountedKind, EventIndex, LeaveRange } from "../events/event-index.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";
import type {
  LeaveObligationKind,
  LevelRule,
  ObligationKind,
  PeriodicObligationKind,
  PeriodicObligationRule,
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
  const reach = countingReach(policy);
  const windowStart = asOfDay - policy.profile.obligations.windowDaysBack;
  return {
    phone_report: windowStart - reach.phone_report,
    in_person_report: windowStart - reach.in_person_report,
    location_report: windowStart - reach.location_report,
    field_visit: windowStart - reach.field_visit,
    leave_signin_check: windowStart,
    leave_phone_check: windowStart,
  };
}

type Reach = Record<PeriodicObligationKind, number>;
const reachCache = new WeakMap<CompiledPolicy, Reach>();

/** Per periodic kind, how many days before the window's first day its longest period may start. */
function countingReach(policy: CompiledPolicy): Reach {
  let reach = reachCache.get(policy);
  if (!reach) {
    const rules = policy.profile.obligations;
    const daysBefore = (rule: PeriodicObligationRule) =>
      Math.max(0, ...periodKindsOf(rule).map((k) => MAX_PERIOD_DAYS[k] - 1));
    reach = {
      phone_report: daysBefore(rules.phone_report),
      in_person_report: daysBefore(rules.in_person_report),
      location_report: daysBefore(rules.location_report),
      field_visit: daysBefore(rules.field_visit),
    };
    reachCache.set(policy, reach);
  }
  return reach;
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

// Building an id text costs more than the rest of an obligation; subjects evaluated as of the same
// day share their periods, so the texts are made once and reused.
const idTexts = new Map<number, string>();

/** `kind:periodStart/periodEnd` */
function obligationId(
  kind: ObligationKind,
  start: DayNumber,
  end: DayNumber,
  startText: string,
  endText: string,
): string {
  const key = (start * 128 + (end - start)) * 8 + KIND_RANK[kind];
  let id = idTexts.get(key);
  if (id === undefined || end - start >= 128) {
    id = `${kind}:${startText}/${endText}`;
    if (idTexts.size > 500_000) idTexts.clear();
    idTexts.set(key, id);
  }
  return id;
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
    id: obligationId(kind, start, end, periodStartText, periodEndText),
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
 * Collects obligations in runs, each sorted by period start (one run per kind and period kind, made in
 * the result's kind order), and merges the runs: by start, then kind. Merging a handful of sorted
 * runs is cheaper than sorting the whole list.
 */
class ObligationCollector {
  private readonly runs: Obligation[][] = [];
  private readonly runStarts: DayNumber[][] = [];
  private current: Obligation[] | null = null;
  private currentStarts: DayNumber[] = [];
  private total = 0;

  /** Starts a new run; the obligations added to it must come in increasing start order. */
  startRun(): void {
    this.current = null;
  }

  add(start: DayNumber, obligation: Obligation): void {
    if (this.current === null) {
      this.current = [];
      this.currentStarts = [];
      this.runs.push(this.current);
      this.runStarts.push(this.currentStarts);
    }
    this.current.push(obligation);
    this.currentStarts.push(start);
    this.total++;
  }

  /** The obligations by period start, then kind (periods of one kind never share a start day). */
  ordered(): Obligation[] {
    const runs = this.runs;
    if (runs.length === 0) return [];
    if (runs.length === 1) return runs[0] as Obligation[];
    const heads = new Array<number>(runs.length).fill(0);
    const out: Obligation[] = new Array(this.total);
    for (let n = 0; n < this.total; n++) {
      let best = -1;
      let bestStart = Number.POSITIVE_INFINITY;
      for (let r = 0; r < runs.length; r++) {
        const start = (this.runStarts[r] as DayNumber[])[heads[r] as number];
        // Strictly smaller: on equal starts the earlier run — the earlier kind — goes first.
        if (start !== undefined && start < bestStart) {
          best = r;
          bestStart = start;
        }
      }
      out[n] = (runs[best] as Obligation[])[heads[best] as number] as Obligation;
      heads[best] = (heads[best] as number) + 1;
    }
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
    out.startRun();
    // Most persons hold one level: skip a period kind none of their levels in the window demands.
    const demanded = person.levels.anyDuring(
      windowStart - MAX_PERIOD_DAYS.quarter,
      asOfDay,
      (level) => rule.byLevel[level]?.period === periodKind,
    );
    if (!demanded) continue;
    if (periodKind === "day" && kind !== "field_visit") {
      dailyObligations(ctx, kind, rule, leaves, windowStart, out);
      continue;
    }
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

/** Daily obligations (location reports): each day from the day after intake, at a level demanding them. */
function dailyObligations(
  ctx: ObligationContext,
  kind: Exclude<PeriodicObligationKind, "field_visit">,
  rule: PeriodicObligationRule,
  leaves: readonly LeaveRange[],
  windowStart: DayNumber,
  out: ObligationCollector,
): void {
  const { person, asOfDay, events } = ctx;
  const to = Math.min(asOfDay, person.end);
  for (let day = Math.max(windowStart, person.intake + 1); day <= to; day++) {
    const levelRule = rule.byLevel[person.levels.at(day)];
    if (levelRule?.period !== "day") continue;
    const done = events.countOn(kind, day);
    const waived = rule.waivedByLeave && whollyOnLeave(leaves, day, day);
    const status = statusOf(done, levelRule.required, day, asOfDay, waived);
    out.add(day, makeObligation(kind, day, day, levelRule.required, done, status, rule.basis));
  }
}

/** Leave checks of one kind: each distinct day of approved leave from the day after intake on. */
function leaveObligations(
  ctx: ObligationContext,
  kind: LeaveObligationKind,
  leaves: readonly LeaveRange[],
  windowStart: DayNumber,
  out: ObligationCollector,
): void {
  const { policy, person, asOfDay, events } = ctx;
  const rule = policy.profile.obligations[kind];
  const from = Math.max(windowStart, person.intake + 1);
  const to = Math.min(asOfDay, person.end);
  out.startRun();
  for (const range of leaves) {
    for (let day = Math.max(from, range.from); day <= Math.min(to, range.to); day++) {
      if (!rule.levels.includes(person.levels.at(day))) continue;
      const done = events.count(kind, day, day);
      const status = statusOf(done, rule.perDay, day, asOfDay, false);
      out.add(day, makeObligation(kind, day, day, rule.perDay, done, status, rule.basis));
    }
  }
}

/** Every obligation with periodStart <= as-of day and periodEnd >= as-of day − window, sorted. */
export function personObligations(ctx: ObligationContext): Obligation[] {
  const rules = ctx.policy.profile.obligations;
  const windowStart = ctx.asOfDay - rules.windowDaysBack;
  const leaves = ctx.events.leaves.length === 0 ? NO_LEAVES : mergeLeaves(ctx.events.leaves);
  const out = new ObligationCollector();
  // Runs are made in the result's kind order (alphabetical), so the merge breaks ties by kind.
  periodicObligations(ctx, "field_visit", rules.field_visit, leaves, windowStart, out);
  periodicObligations(ctx, "in_person_report", rules.in_person_report, leaves, windowStart, out);
  if (leaves.length > 0) {
    leaveObligations(ctx, "leave_phone_check", leaves, windowStart, out);
    leaveObligations(ctx, "leave_signin_check", leaves, windowStart, out);
  }
  periodicObligations(ctx, "location_report", rules.location_report, leaves, windowStart, out);
  periodicObligations(ctx, "phone_report", rules.phone_report, leaves, windowStart, out);
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
