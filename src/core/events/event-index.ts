// One pass over a case's events that sorts each into what the rules read: per-day counts of reports
// and checks (typed arrays indexed by day), and short lists of the rare kinds. Only events at or before
// the as-of instant are kept (policy.md "Which events count"). This pass is the engine's hot loop:
// no Date objects, no string building, one integer parse per timestamp. What each event type does is
// one case of a switch over every type of the input schema, checked exhaustive by the compiler.
import { type DayNumber, formatDate, parseDate } from "../calendar/days.ts";
import { cstDayOfInstant, cstDayOfMs, instantToMs } from "../calendar/instant.ts";
import type { CaseEvent } from "../input/case-schema.ts";
import {
  BOOK_SECTIONS,
  type BookSection,
  type SanctionKind,
  type StaffRole,
  type ViolationKind,
} from "../policy/schema.ts";

/** Report and check kinds counted per day. */
export const COUNTED_KINDS = [
  "phone_report",
  "in_person_report",
  "location_report",
  "leave_signin_check",
  "leave_phone_check",
] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];
const STRIPE: Record<CountedKind, number> = {
  phone_report: 0,
  in_person_report: 1,
  location_report: 2,
  leave_signin_check: 3,
  leave_phone_check: 4,
};

export interface DatedRecord<K extends string> {
  kind: K;
  ms: number;
  day: DayNumber;
  /** The instant as given, echoed in results. */
  at: string;
}

export interface VisitRecord {
  day: DayNumber;
  role: StaffRole;
}

// Section names parsed from JSON are fresh strings, compared character by character; the program's own
// constants compare by identity. Book entries are compared with every deadline, so they keep those.
const SECTION_CONSTANTS = new Map<string, BookSection>(BOOK_SECTIONS.map((s) => [s, s]));

/** Periods that can be waived end at most this many days after the last indexed day. */
const LEAVE_LOOKAHEAD_DAYS = 92;

export interface LeaveRange {
  from: DayNumber;
  to: DayNumber;
}

/**
 * The buffer indexes count into. Allocating a zeroed typed array for every subject costs more than the
 * counting itself, so the indexes built with one buffer (one per evaluation context) share it, cleared
 * for each: an index is valid until the next one is built with the same buffer. Evaluations are
 * synchronous and never keep theirs.
 */
export class DayCounts {
  private buffer = new Int32Array(4096);

  /** The buffer's first `size` counts, set to zero. */
  cleared(size: number): Int32Array {
    if (this.buffer.length < size) this.buffer = new Int32Array(size);
    this.buffer.fill(0, 0, size);
    return this.buffer;
  }
}

/**
 * A case's events sorted for the rules. Valid until the next index is built with the same `DayCounts`.
 */
export class EventIndex {
  /** counts[stripe * length + (day - firstDay)] */
  private readonly counts: Int32Array;
  readonly visits: VisitRecord[] = [];
  readonly leaves: LeaveRange[] = [];
  readonly sanctions: DatedRecord<SanctionKind>[] = [];
  readonly violations: DatedRecord<ViolationKind>[] = [];
  readonly bookSections: DatedRecord<BookSection>[] = [];

  /**
   * Counts cover the days [firstDay, lastDay]; reports outside are not needed by any obligation of the
   * output window and are skipped after one parse.
   */
  constructor(
    dayCounts: DayCounts,
    readonly firstDay: DayNumber,
    readonly lastDay: DayNumber,
  ) {
    this.counts = dayCounts.cleared(COUNTED_KINDS.length * Math.max(0, lastDay - firstDay + 1));
  }

  get length(): number {
    return this.lastDay - this.firstDay + 1;
  }

  /** Number of events of a counted kind on the days [from, to] (clipped to the indexed range). */
  count(kind: CountedKind, from: DayNumber, to: DayNumber): number {
    const length = this.lastDay - this.firstDay + 1;
    const base = STRIPE[kind] * length;
    const a = Math.max(from, this.firstDay) - this.firstDay;
    const b = Math.min(to, this.lastDay) - this.firstDay;
    let n = 0;
    for (let i = a; i <= b; i++) n += this.counts[base + i] ?? 0;
    return n;
  }

  /** Number of events of a counted kind on one day (0 outside the indexed range). */
  countOn(kind: CountedKind, day: DayNumber): number {
    const offset = day - this.firstDay;
    if (offset < 0 || day > this.lastDay) return 0;
    return this.counts[STRIPE[kind] * (this.lastDay - this.firstDay + 1) + offset] ?? 0;
  }

  /** Visits on the days [from, to], by any role (roles null) or by one of `roles`. */
  countVisits(from: DayNumber, to: DayNumber, roles: readonly StaffRole[] | null): number {
    let n = 0;
    for (const v of this.visits) {
      if (v.day >= from && v.day <= to && (roles === null || roles.includes(v.role))) n++;
    }
    return n;
  }

  /**
   * Sorts the events by type, keeping those at or before `asOfMs`. `firstNeeded` gives, per counted
   * kind and for field visits, the first day any obligation of the output window can count; older
   * events of those kinds are skipped by a string comparison before any parsing (see `skipBefore`).
   */
  static build(
    dayCounts: DayCounts,
    events: readonly CaseEvent[],
    asOfMs: number,
    firstDay: DayNumber,
    lastDay: DayNumber,
    firstNeeded: Readonly<Record<CountedKind | "field_visit", DayNumber>>,
  ): EventIndex {
    const index = new EventIndex(dayCounts, firstDay, lastDay);
    const length = lastDay - firstDay + 1;
    // One local per kind: a lookup keyed by the event's type text would hash the text every time
    // (texts parsed from JSON are not interned).
    const skipLocation = skipBefore(firstNeeded.location_report);
    const skipPhone = skipBefore(firstNeeded.phone_report);
    const skipInPerson = skipBefore(firstNeeded.in_person_report);
    const skipSignin = skipBefore(firstNeeded.leave_signin_check);
    const skipPhoneCheck = skipBefore(firstNeeded.leave_phone_check);
    const skipVisit = skipBefore(firstNeeded.field_visit);
    const firstDayText = formatDate(firstDay);
    const asOfDay = cstDayOfMs(asOfMs);
    const tally = new Tally(index.counts, firstDay, length, asOfDay, asOfMs);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as CaseEvent;
      // Most events of a year-long history are older than any period of the output window counts:
      // one text comparison per event sets them aside before any parsing; only the rare kinds the
      // classification and the deadlines read (which have no such limit) are kept whatever their
      // age. The commonest types come first (each case is one comparison of texts).
      switch (event.type) {
        case "location_report":
          if (event.at >= skipLocation) tally.add(event.at, STRIPE.location_report);
          break;
        case "leave_signin_check":
          if (event.at >= skipSignin) tally.add(event.at, STRIPE.leave_signin_check);
          break;
        case "phone_report":
          if (event.at >= skipPhone) tally.add(event.at, STRIPE.phone_report);
          break;
        case "in_person_report":
          if (event.at >= skipInPerson) tally.add(event.at, STRIPE.in_person_report);
          break;
        case "leave_phone_check":
          if (event.at >= skipPhoneCheck) tally.add(event.at, STRIPE.leave_phone_check);
          break;
        case "field_visit": {
          if (event.at < skipVisit) break;
          const day = tally.dayInTime(event.at);
          if (day >= firstDay) index.visits.push({ day, role: event.byRole });
          break;
        }
        case "leave": {
          // Leave matters to periods that reach into the counted range (the current quarter at most
          // runs 92 days past the as-of day); older and later leave is set aside, the older (most of
          // it) by comparing texts before parsing.
          if (event.to < firstDayText) break;
          const to = parseDate(event.to);
          const from = parseDate(event.from);
          if (to >= firstDay && from <= lastDay + LEAVE_LOOKAHEAD_DAYS) index.leaves.push({ from, to });
          break;
        }
        case "book_section": {
          const kind = SECTION_CONSTANTS.get(event.section) ?? event.section;
          const record = madeBy(kind, event.at, asOfMs);
          if (record) index.bookSections.push(record);
          break;
        }
        case "sanction": {
          const record = madeBy(event.kind, event.at, asOfMs);
          if (record) index.sanctions.push(record);
          break;
        }
        case "violation": {
          const record = madeBy(event.kind, event.at, asOfMs);
          if (record) index.violations.push(record);
          break;
        }
        default:
          unknownEvent(event);
      }
    }
    return index;
  }
}

/**
 * Reached only by an event type the switch above lacks: a compile error where the schema gained a
 * type (the argument is then not `never`), an error at run time for input that bypassed the schema.
 */
function unknownEvent(event: never): never {
  throw new TypeError(`unknown event type: ${(event as { type?: unknown }).type}`);
}

/** Stands for the day of an event after the as-of instant: before any day a count or visit covers (a small integer, so day arithmetic stays in integers). */
const TOO_LATE: DayNumber = -(2 ** 30);

/** Counts reports and checks into the day stripes, when they are in time and in range. */
class Tally {
  constructor(
    private readonly counts: Int32Array,
    private readonly firstDay: DayNumber,
    private readonly length: number,
    private readonly asOfDay: DayNumber,
    private readonly asOfMs: number,
  ) {}

  /** The CST day of an instant at or before the as-of instant; `TOO_LATE` for a later one. */
  dayInTime(at: string): DayNumber {
    const day = cstDayOfInstant(at);
    // Only an event on the as-of day itself needs its full time compared with the as-of instant.
    if (day >= this.asOfDay && (day > this.asOfDay || instantToMs(at) > this.asOfMs)) return TOO_LATE;
    return day;
  }

  add(at: string, stripe: number): void {
    const offset = this.dayInTime(at) - this.firstDay;
    if (offset >= 0 && offset < this.length) {
      const k = stripe * this.length + offset;
      this.counts[k] = (this.counts[k] as number) + 1;
    }
  }
}

/** The record of a rare kind's event made at or before the as-of instant, else null. */
function madeBy<K extends string>(kind: K, at: string, asOfMs: number): DatedRecord<K> | null {
  const ms = instantToMs(at);
  return ms > asOfMs ? null : { kind, ms, day: cstDayOfMs(ms), at };
}

/**
 * A `YYYY-MM-DD` text such that an instant text comparing below it is surely on a CST day before
 * `day`. An instant's own date differs from its CST date by at most two days (offsets lie within
 * ±23:59, CST is +08:00), and `YYYY-MM-DD…` texts order like their dates; so any instant whose text
 * sorts before the date two days earlier is on a CST day before `day`. A comparison of two short flat
 * strings is much cheaper than parsing.
 */
export function skipBefore(day: DayNumber): string {
  return formatDate(day - 2);
}
