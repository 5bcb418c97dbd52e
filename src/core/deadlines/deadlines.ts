// Book deadlines (seed 000 §一–§十一, policy.md "Book deadlines", rules-contract "deadlines"): the
// sections due, matched with the `book_section` events that record them.
import { addMonths, addYears, type DayNumber, formatDate } from "../calendar/days.ts";
import { dueDay } from "../calendar/due.ts";
import { formatEndOfDay } from "../calendar/instant.ts";
import { periodEnd } from "../calendar/periods.ts";
import type { DatedRecord } from "../events/event-index.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";
import { type BookSection, ONE_OFF_SECTIONS, type OneOffSection } from "../policy/schema.ts";
import type { BookApplicability } from "../rollout/rollout.ts";
import type { PersonDays } from "../subject/person.ts";

export type DeadlineStatus = "met" | "open" | "overdue" | "late";

export interface Deadline {
  section: BookSection;
  dueBy: string;
  /** The instant of the matching book entry, as recorded; null when not done. */
  doneAt: string | null;
  status: DeadlineStatus;
  basis: string;
  /**
   * Recurring evaluations only (beyond rules-contract.md): the last day of the period evaluated —
   * intake + 3 months for the initial one, the quarter's end, the anniversary — so that each
   * evaluation can be listed with its period.
   */
  periodEnd?: string;
}

/** A deadline before matching: due day and the day its window opens (entries before it do not count). */
export interface DeadlineSlot {
  section: BookSection;
  due: DayNumber;
  /** The day counted from, when the due day was counted in working days (null otherwise). */
  workingDaysFrom: DayNumber | null;
  opens: DayNumber;
  basis: string;
  done?: DatedRecord<BookSection>;
  /** Recurring evaluations: the day the evaluated period ends (`Deadline.periodEnd`). */
  periodEnd?: DayNumber;
}

/** A recurring evaluation: the day it falls on (a quarter's end, an anniversary), its due day and opening day. */
interface Recurring {
  day: DayNumber;
  due: DayNumber;
  opens: DayNumber;
}

/**
 * The evaluations recurring from one intake day: the initial one, then the quarterly ones (from the
 * quarter after the initial evaluation's) and the annual ones, up to the first whose window opens
 * after `horizon`. A person's own run ends with the term.
 */
interface RecurringChain {
  horizon: DayNumber;
  initialDay: DayNumber;
  initialDue: DayNumber;
  quarterly: Recurring[];
  annual: Recurring[];
}

/**
 * The due days counted from a day, made on first use for one compiled policy (the evaluation context
 * keeps one per policy): thousands of subjects share a few hundred intake days, so the one-off
 * sections' due days are kept by the day they run from, the recurring evaluations' by intake day and
 * horizon.
 */
export class DueDays {
  /** The one-off sections' basis texts, in `ONE_OFF_SECTIONS` order. */
  readonly oneOffBasis: readonly string[];
  private readonly byAnchor = new Map<DayNumber, DayNumber[]>();
  private readonly byIntake = new Map<DayNumber, RecurringChain>();
  /** Whether each one-off section's due day counts working days. */
  readonly oneOffByWorkingDays: readonly boolean[];

  constructor(private readonly policy: CompiledPolicy) {
    const oneOff = policy.profile.book.oneOff;
    this.oneOffBasis = ONE_OFF_SECTIONS.map((section) => oneOff[section].basis);
    this.oneOffByWorkingDays = ONE_OFF_SECTIONS.map((section) => oneOff[section].due.unit === "working_days");
  }

  /** The one-off sections' due days (in `ONE_OFF_SECTIONS` order) when they run from `anchor`. */
  oneOff(anchor: DayNumber): DayNumber[] {
    let dues = this.byAnchor.get(anchor);
    if (dues === undefined) {
      const { policy } = this;
      const oneOff = policy.profile.book.oneOff;
      dues = ONE_OFF_SECTIONS.map((section) => dueDay(oneOff[section].due, anchor, policy.workingDays));
      if (this.byAnchor.size > 100_000) this.byAnchor.clear();
      this.byAnchor.set(anchor, dues);
    }
    return dues;
  }

  /** The recurring evaluations from `intake` up to the first whose window opens after `horizon`. */
  chain(intake: DayNumber, horizon: DayNumber): RecurringChain {
    let chain = this.byIntake.get(intake);
    if (chain?.horizon !== horizon) {
      chain = computeChain(this.policy, intake, horizon);
      if (this.byIntake.size > 100_000) this.byIntake.clear();
      this.byIntake.set(intake, chain);
    }
    return chain;
  }
}

function computeChain(policy: CompiledPolicy, intake: DayNumber, horizon: DayNumber): RecurringChain {
  const book = policy.profile.book;
  const calendar = policy.workingDays;
  const opensMonths = -book.recurringWindowOpensMonthsBeforeDue;
  const initial = book.initial_evaluation;
  const initialDay = addMonths(intake, initial.afterIntakeMonths);
  const quarterly: Recurring[] = [];
  for (let start = periodEnd("quarter", initialDay - 1) + 1; ; ) {
    const end = periodEnd("quarter", start);
    const due = dueDay(book.quarterly_evaluation.due, end, calendar);
    const opens = addMonths(due, opensMonths);
    if (opens > horizon) break;
    quarterly.push({ day: end, due, opens });
    start = end + 1;
  }
  const annual: Recurring[] = [];
  const every = book.annual_evaluation.everyYears;
  for (let k = every; ; k += every) {
    const anniversary = addYears(intake, k);
    const due = dueDay(book.annual_evaluation.due, anniversary, calendar);
    const opens = addMonths(due, opensMonths);
    if (opens > horizon) break;
    annual.push({ day: anniversary, due, opens });
  }
  return {
    horizon,
    initialDay,
    initialDue: dueDay(initial.due, initialDay, calendar),
    quarterly,
    annual,
  };
}

/**
 * The book's deadlines for a person the book applies to. One-off sections run from intake, or from
 * `since` for a person included later; the initial evaluation is due when intake + 3 months falls on
 * or after `since` and while under correction; quarterly and annual evaluations for periods ending on
 * or after `since` and while under correction. `horizon` bounds the recurring ones generated.
 */
export function deadlineSlots(
  policy: CompiledPolicy,
  dueDays: DueDays,
  person: PersonDays,
  since: DayNumber,
  horizon: DayNumber,
): DeadlineSlot[] {
  const book = policy.profile.book;
  const calendar = policy.workingDays;
  const slots: DeadlineSlot[] = [];
  const anchor = Math.max(since, person.intake);
  const oneOffDues = dueDays.oneOff(anchor);
  for (let i = 0; i < ONE_OFF_SECTIONS.length; i++) {
    slots.push({
      section: ONE_OFF_SECTIONS[i] as OneOffSection,
      due: oneOffDues[i] as DayNumber,
      workingDaysFrom: dueDays.oneOffByWorkingDays[i] ? anchor : null,
      opens: person.intake,
      basis: dueDays.oneOffBasis[i] as string,
    });
  }
  const chain = dueDays.chain(person.intake, horizon);
  const initial = book.initial_evaluation;
  const initialDay = chain.initialDay;
  if (initialDay >= since && initialDay <= person.end) {
    slots.push({
      section: "initial_evaluation",
      due: chain.initialDue,
      workingDaysFrom: initial.due.unit === "working_days" ? initialDay : null,
      opens: initialDay,
      basis: initial.basis,
      periodEnd: initialDay,
    });
  }
  for (const q of chain.quarterly) {
    if (q.day > person.end) break;
    if (q.day >= since) {
      slots.push({
        section: "quarterly_evaluation",
        due: q.due,
        workingDaysFrom: book.quarterly_evaluation.due.unit === "working_days" ? q.day : null,
        opens: q.opens,
        basis: book.quarterly_evaluation.basis,
        periodEnd: q.day,
      });
    }
  }
  for (const a of chain.annual) {
    if (a.day > person.end) break;
    if (a.day >= since) {
      slots.push({
        section: "annual_evaluation",
        due: a.due,
        workingDaysFrom: book.annual_evaluation.due.unit === "working_days" ? a.day : null,
        opens: a.opens,
        basis: book.annual_evaluation.basis,
        periodEnd: a.day,
      });
    }
  }

  const release = book.release_analysis;
  slots.push({
    section: "release_analysis",
    due: dueDay(release.due, person.end, calendar),
    workingDaysFrom: release.due.unit === "working_days" ? person.end : null,
    opens: person.intake,
    basis: release.basis,
  });
  return slots;
}

/**
 * Each entry, oldest first, is matched to at most one deadline of its section: the earliest unmatched
 * one whose window has opened. Entries that fit none are ignored.
 */
export function matchEntries(slots: DeadlineSlot[], entries: readonly DatedRecord<BookSection>[]): void {
  if (entries.length === 0) return;
  const ordered = entries.length === 1 ? entries : sortShort([...entries], entryOrder);
  for (const entry of ordered) {
    let best: DeadlineSlot | undefined;
    for (const slot of slots) {
      if (slot.done !== undefined || slot.opens > entry.day || slot.section !== entry.kind) continue;
      if (!best || slot.due < best.due) best = slot;
    }
    if (best) best.done = entry;
  }
}

function statusOf(slot: DeadlineSlot, asOfDay: DayNumber): DeadlineStatus {
  if (slot.done) return slot.done.day <= slot.due ? "met" : "late";
  return asOfDay > slot.due ? "overdue" : "open";
}

/**
 * Deadlines due on or before the as-of day + lookahead, sorted by due date then section. The
 * provisional years (working-days.ts) that a shown deadline counted working days through are added to
 * `provisionalYears`.
 */
export function bookDeadlines(
  policy: CompiledPolicy,
  dueDays: DueDays,
  person: PersonDays,
  book: BookApplicability,
  entries: readonly DatedRecord<BookSection>[],
  asOfDay: DayNumber,
  provisionalYears?: Set<number>,
): Deadline[] {
  if (!book.applies || book.since === null) return [];
  const lastDue = asOfDay + policy.profile.book.lookaheadDays;
  const slots = deadlineSlots(policy, dueDays, person, book.since, Math.max(asOfDay, lastDue));
  matchEntries(slots, entries);
  const shown: DeadlineSlot[] = [];
  for (const slot of slots) if (slot.due <= lastDue) shown.push(slot);
  sortShort(shown, slotOrder);
  const deadlines: Deadline[] = new Array(shown.length);
  for (let i = 0; i < shown.length; i++) {
    const s = shown[i] as DeadlineSlot;
    if (provisionalYears && s.workingDaysFrom !== null)
      for (const y of policy.workingDays.provisionalYearsIn(s.workingDaysFrom, s.due))
        provisionalYears.add(y);
    deadlines[i] = {
      section: s.section,
      dueBy: formatEndOfDay(s.due),
      doneAt: s.done ? s.done.at : null,
      status: statusOf(s, asOfDay),
      basis: s.basis,
    };
    if (s.periodEnd !== undefined) (deadlines[i] as Deadline).periodEnd = formatDate(s.periodEnd);
  }
  return deadlines;
}

/** Entries oldest first (ties by the text, so the order never depends on the input's). */
function entryOrder(a: DatedRecord<BookSection>, b: DatedRecord<BookSection>): number {
  return a.ms - b.ms || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
}

/** Deadlines by due day, then section. */
function slotOrder(a: DeadlineSlot, b: DeadlineSlot): number {
  return a.due - b.due || (a.section < b.section ? -1 : a.section > b.section ? 1 : 0);
}

/**
 * Sorts a short list in place, stably, like `Array.prototype.sort` — by insertion, which for the
 * dozen deadlines of a person allocates nothing and takes the fewest steps.
 */
function sortShort<T>(items: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    while (j >= 0 && order(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
