// Book deadlines (seed 000 §一–§十一, policy.md "Book deadlines", rules-contract "deadlines"): the
// sections due, matched with the `book_section` events that record them.
import { addMonths, addYears, type DayNumber } from "../calendar/days.ts";
import { dueDay } from "../calendar/due.ts";
import { formatEndOfDay } from "../calendar/instant.ts";
import { periodEnd } from "../calendar/periods.ts";
import type { DatedRecord } from "../events/event-index.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";
import { type BookSection, ONE_OFF_SECTIONS } from "../policy/schema.ts";
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
}

/** A deadline before matching: due day and the day its window opens (entries before it do not count). */
export interface DeadlineSlot {
  section: BookSection;
  due: DayNumber;
  opens: DayNumber;
  basis: string;
  done?: DatedRecord<BookSection>;
}

/**
 * The book's deadlines for a person the book applies to. One-off sections run from intake, or from
 * `since` for a person included later; the initial evaluation is due when intake + 3 months falls on
 * or after `since` and while under correction; quarterly and annual evaluations for periods ending on
 * or after `since` and while under correction. `horizon` bounds the recurring ones generated.
 */
export function deadlineSlots(
  policy: CompiledPolicy,
  person: PersonDays,
  since: DayNumber,
  horizon: DayNumber,
): DeadlineSlot[] {
  const book = policy.profile.book;
  const calendar = policy.workingDays;
  const slots: DeadlineSlot[] = [];
  const anchor = Math.max(since, person.intake);
  for (const section of ONE_OFF_SECTIONS) {
    const rule = book.oneOff[section];
    slots.push({ section, due: dueDay(rule.due, anchor, calendar), opens: person.intake, basis: rule.basis });
  }
  const opensMonths = -book.recurringWindowOpensMonthsBeforeDue;

  const initial = book.initial_evaluation;
  const initialDay = addMonths(person.intake, initial.afterIntakeMonths);
  if (initialDay >= since && initialDay <= person.end) {
    const due = dueDay(initial.due, initialDay, calendar);
    slots.push({ section: "initial_evaluation", due, opens: initialDay, basis: initial.basis });
  }

  const quarterly = book.quarterly_evaluation;
  for (let start = periodEnd("quarter", initialDay - 1) + 1; ; ) {
    const end = periodEnd("quarter", start);
    if (end > person.end) break;
    const due = dueDay(quarterly.due, end, calendar);
    const opens = addMonths(due, opensMonths);
    if (opens > horizon) break;
    if (end >= since) slots.push({ section: "quarterly_evaluation", due, opens, basis: quarterly.basis });
    start = end + 1;
  }

  const annual = book.annual_evaluation;
  for (let k = annual.everyYears; ; k += annual.everyYears) {
    const anniversary = addYears(person.intake, k);
    if (anniversary > person.end) break;
    const due = dueDay(annual.due, anniversary, calendar);
    const opens = addMonths(due, opensMonths);
    if (opens > horizon) break;
    if (anniversary >= since) slots.push({ section: "annual_evaluation", due, opens, basis: annual.basis });
  }

  const release = book.release_analysis;
  slots.push({
    section: "release_analysis",
    due: dueDay(release.due, person.end, calendar),
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
  const ordered =
    entries.length === 1
      ? entries
      : [...entries].sort((a, b) => a.ms - b.ms || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of ordered) {
    let best: DeadlineSlot | undefined;
    for (const slot of slots) {
      if (slot.section !== entry.kind || slot.done !== undefined || slot.opens > entry.day) continue;
      if (!best || slot.due < best.due) best = slot;
    }
    if (best) best.done = entry;
  }
}

function statusOf(slot: DeadlineSlot, asOfDay: DayNumber): DeadlineStatus {
  if (slot.done) return slot.done.day <= slot.due ? "met" : "late";
  return asOfDay > slot.due ? "overdue" : "open";
}

/** Deadlines due on or before the as-of day + lookahead, sorted by due date then section. */
export function bookDeadlines(
  policy: CompiledPolicy,
  person: PersonDays,
  book: BookApplicability,
  entries: readonly DatedRecord<BookSection>[],
  asOfDay: DayNumber,
): Deadline[] {
  if (!book.applies || book.since === null) return [];
  const lastDue = asOfDay + policy.profile.book.lookaheadDays;
  const slots = deadlineSlots(policy, person, book.since, Math.max(asOfDay, lastDue));
  matchEntries(slots, entries);
  return slots
    .filter((s) => s.due <= lastDue)
    .sort((a, b) => a.due - b.due || (a.section < b.section ? -1 : a.section > b.section ? 1 : 0))
    .map((s) => ({
      section: s.section,
      dueBy: formatEndOfDay(s.due),
      doneAt: s.done ? s.done.at : null,
      status: statusOf(s, asOfDay),
      basis: s.basis,
    }));
}
