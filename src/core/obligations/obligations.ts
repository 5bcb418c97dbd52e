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
  /** The policy's periodic kinds, made once per policy (see `PeriodicKinds`). */
  kinds: PeriodicKinds;
  /** The periods of output windows with their texts, kept by the evaluation context. */
  windows: WindowPeriods;
  /** The buffers the obligations are collected in, kept by the evaluation context. */
  collector: ObligationCollector;
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
  kinds: PeriodicKinds,
  asOfDay: DayNumber,
): Record<CountedKind | "field_visit", DayNumber> {
  const reach = kinds.reach;
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

/**
 * What a policy's periodic obligation rules imply, found once per compiled policy (the evaluation
 * context keeps one per policy): the period kinds each rule uses, and how many days before the
 * window's first day its longest period may start.
 */
export class PeriodicKinds {
  readonly periodKinds: Readonly<Record<PeriodicObligationKind, readonly PeriodKind[]>>;
  readonly reach: Readonly<Record<PeriodicObligationKind, number>>;

  constructor(policy: CompiledPolicy) {
    const rules = policy.profile.obligations;
    const periodKinds = {
      phone_report: periodKindsOf(rules.phone_report),
      in_person_report: periodKindsOf(rules.in_person_report),
      location_report: periodKindsOf(rules.location_report),
      field_visit: periodKindsOf(rules.field_visit),
    };
    const daysBefore = (kinds: readonly PeriodKind[]) =>
      Math.max(0, ...kinds.map((k) => MAX_PERIOD_DAYS[k] - 1));
    this.periodKinds = periodKinds;
    this.reach = {
      phone_report: daysBefore(periodKinds.phone_report),
      in_person_report: daysBefore(periodKinds.in_person_report),
      location_report: daysBefore(periodKinds.location_report),
      field_visit: daysBefore(periodKinds.field_visit),
    };
  }
}

/** The period kinds a rule uses, in the order its levels name them. */
function periodKindsOf(rule: PeriodicObligationRule): PeriodKind[] {
  const set = new Set<PeriodKind>();
  for (const levelRule of Object.values(rule.byLevel)) if (levelRule) set.add(levelRule.period);
  return [...set];
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

/**
 * A period of the output window with its texts. Subjects evaluated as of the same day share their
 * periods, and building the texts costs more than the rest of an obligation: they are made once per
 * window (see `WindowPeriods`).
 */
interface WindowPeriod {
  start: DayNumber;
  end: DayNumber;
  startText: string;
  endText: string;
  /** End of the last day, 23:59:59 CST. */
  dueBy: string;
  /** `kind:periodStart/periodEnd` */
  id: string;
}

/** The periods of one obligation kind and period kind for one window, by kind rank × 8 + period rank. */
type WindowTexts = (WindowPeriod[] | undefined)[];

const PERIOD_RANK: Record<PeriodKind, number> = { day: 0, week: 1, half_month: 2, month: 3, quarter: 4 };

/**
 * The periods of output windows with their texts, made on first use (the evaluation context keeps
 * one: they depend on the window alone, not on the policy).
 */
export class WindowPeriods {
  private readonly windows = new Map<number, WindowTexts>();
  /** The window looked up last: a sweep asks for the same one thousands of times in a row. */
  private last = { key: Number.NaN, texts: [] as WindowTexts };

  /**
   * Every period of a kind that overlaps the window [windowStart, asOfDay], in order, with the texts
   * of an obligation of `kind` over it.
   */
  of(
    kind: ObligationKind,
    periodKind: PeriodKind,
    windowStart: DayNumber,
    asOfDay: DayNumber,
  ): readonly WindowPeriod[] {
    // Day numbers of the years a case can hold stay well below 2^20.
    const windowKey = asOfDay * 2 ** 20 + (asOfDay - windowStart);
    if (this.last.key !== windowKey) {
      let found = this.windows.get(windowKey);
      if (found === undefined) {
        // A sweep evaluates as of one day; a server, as of a few: keep a handful of windows.
        if (this.windows.size >= 16) this.windows.clear();
        found = [];
        this.windows.set(windowKey, found);
      }
      this.last = { key: windowKey, texts: found };
    }
    const texts = this.last.texts;
    const slot = KIND_RANK[kind] * 8 + PERIOD_RANK[periodKind];
    let periods = texts[slot];
    if (periods === undefined) {
      periods = [];
      for (let start = periodStart(periodKind, windowStart); start <= asOfDay; ) {
        const end = periodEnd(periodKind, start);
        const startText = formatDate(start);
        const endText = formatDate(end);
        periods.push({
          start,
          end,
          startText,
          endText,
          dueBy: formatEndOfDay(end),
          id: `${kind}:${startText}/${endText}`,
        });
        start = end + 1;
      }
      texts[slot] = periods;
    }
    return periods;
  }
}

/** The obligation of `kind` over a window period, every field in the contract's order. */
function makeObligation(
  kind: ObligationKind,
  period: WindowPeriod,
  required: number,
  done: number,
  status: ObligationStatus,
  basis: string,
): Obligation {
  return {
    id: period.id,
    kind,
    periodStart: period.startText,
    periodEnd: period.endText,
    required,
    done,
    dueBy: period.dueBy,
    status,
    basis,
  };
}

/**
 * Collects obligations in runs, each sorted by period start (one run per kind and period kind, made in
 * the result's kind order), and merges the runs: by start, then kind. Merging a handful of sorted
 * runs is cheaper than sorting the whole list. The runs are kept end to end in buffers reused by
 * every evaluation with the same context (evaluations are synchronous; the result is a fresh array).
 */
export class ObligationCollector {
  private items: Obligation[] = [];
  private starts = new Int32Array(256);
  /** Run r holds items[runBegin[r]] … items[runBegin[r + 1] - 1]; the last run ends at `total`. */
  private readonly runBegin: number[] = [];
  private heads = new Int32Array(16);
  private total = 0;

  /** Empties the collector for the next evaluation. */
  reset(): void {
    this.runBegin.length = 0;
    this.total = 0;
  }

  /** Starts a new run; the obligations added to it must come in increasing start order. */
  startRun(): void {
    const runs = this.runBegin;
    // An empty run is dropped.
    if (runs.length > 0 && runs[runs.length - 1] === this.total) return;
    runs.push(this.total);
  }

  add(start: DayNumber, obligation: Obligation): void {
    const n = this.total;
    if (n === this.starts.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[n] = start;
    this.items[n] = obligation;
    this.total = n + 1;
  }

  /** The obligations by period start, then kind (periods of one kind never share a start day). */
  ordered(): Obligation[] {
    const total = this.total;
    const items = this.items;
    const starts = this.starts;
    const runs = this.runBegin;
    if (runs.length > 0 && runs[runs.length - 1] === total) runs.pop();
    const runCount = runs.length;
    const out: Obligation[] = new Array(total);
    if (runCount <= 1) {
      for (let n = 0; n < total; n++) out[n] = items[n] as Obligation;
      return out;
    }
    if (this.heads.length < runCount * 2) this.heads = new Int32Array(runCount * 2);
    // heads[2r] is the next item of run r, heads[2r + 1] the end of run r.
    const heads = this.heads;
    for (let r = 0; r < runCount; r++) {
      heads[2 * r] = runs[r] as number;
      heads[2 * r + 1] = r + 1 < runCount ? (runs[r + 1] as number) : total;
    }
    for (let n = 0; n < total; n++) {
      let best = -1;
      let bestStart = 0;
      for (let r = 0; r < runCount; r++) {
        const head = heads[2 * r] as number;
        // Strictly smaller: on equal starts the earlier run — the earlier kind — goes first.
        if (head < (heads[2 * r + 1] as number) && (best < 0 || (starts[head] as number) < bestStart)) {
          best = r;
          bestStart = starts[head] as number;
        }
      }
      const head = heads[2 * best] as number;
      out[n] = items[head] as Obligation;
      heads[2 * best] = head + 1;
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
  const { person, asOfDay, events, windows } = ctx;
  const waivable = rule.waivedByLeave && leaves.length > 0;
  for (const periodKind of ctx.kinds.periodKinds[kind]) {
    out.startRun();
    // Most persons hold one level: skip a period kind none of their levels in the window demands.
    if (!demandedDuring(person, rule, periodKind, windowStart - MAX_PERIOD_DAYS.quarter, asOfDay)) continue;
    const firstAllowed = periodKind === "day" ? person.intake + 1 : person.intake;
    const periods = windows.of(kind, periodKind, windowStart, asOfDay);
    for (let i = 0; i < periods.length; i++) {
      const period = periods[i] as WindowPeriod;
      const { start, end } = period;
      if (start < firstAllowed || end > person.end) continue;
      const levelRule = rule.byLevel[person.levels.at(start)];
      if (!levelRule || levelRule.period !== periodKind) continue;
      const to = end < asOfDay ? end : asOfDay;
      const done =
        kind === "field_visit"
          ? events.countVisits(start, to, levelRule.countedRoles)
          : events.count(kind, start, to);
      const waived = waivable && whollyOnLeave(leaves, start, end);
      const status = statusOf(done, levelRule.required, end, asOfDay, waived);
      out.add(start, makeObligation(kind, period, levelRule.required, done, status, rule.basis));
    }
  }
}

/** Whether a level held on some day of [from, to] demands the kind with this period. */
function demandedDuring(
  person: PersonDays,
  rule: PeriodicObligationRule,
  periodKind: PeriodKind,
  from: DayNumber,
  to: DayNumber,
): boolean {
  const single = person.levels.single;
  if (single !== null) return rule.byLevel[single]?.period === periodKind;
  return person.levels.anyDuring(from, to, (level) => rule.byLevel[level]?.period === periodKind);
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
  // The days of the window, from its first day.
  const days = ctx.windows.of(kind, "day", windowStart, asOfDay);
  out.startRun();
  const single = person.levels.single;
  if (single !== null && !rule.levels.includes(single)) return;
  for (const range of leaves) {
    for (let day = Math.max(from, range.from); day <= Math.min(to, range.to); day++) {
      if (single === null && !rule.levels.includes(person.levels.at(day))) continue;
      const done = events.countOn(kind, day);
      const status = statusOf(done, rule.perDay, day, asOfDay, false);
      const period = days[day - windowStart] as WindowPeriod;
      out.add(day, makeObligation(kind, period, rule.perDay, done, status, rule.basis));
    }
  }
}

/** Every obligation with periodStart <= as-of day and periodEnd >= as-of day − window, sorted. */
export function personObligations(ctx: ObligationContext): Obligation[] {
  const rules = ctx.policy.profile.obligations;
  const windowStart = ctx.asOfDay - rules.windowDaysBack;
  const leaves = ctx.events.leaves.length === 0 ? NO_LEAVES : mergeLeaves(ctx.events.leaves);
  const out = ctx.collector;
  out.reset();
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
