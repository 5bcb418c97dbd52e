// One pass over a case's events that sorts each into what the rules read: per-day counts of reports
// and checks (typed arrays indexed by day), and short lists of the rare kinds. Only events at or before
// the as-of instant are kept (policy.md "Which events count"). This pass is the engine's hot loop:
// no Date objects, no string building, one integer parse per timestamp.
import { type DayNumber, parseDate } from "../calendar/days.ts";
import { cstDayOfMs, instantToMs } from "../calendar/instant.ts";
import type { CaseEvent } from "../input/case-schema.ts";
import type { BookSection, SanctionKind, StaffRole, ViolationKind } from "../policy/schema.ts";

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

export interface LeaveRange {
  from: DayNumber;
  to: DayNumber;
}

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
    readonly firstDay: DayNumber,
    readonly lastDay: DayNumber,
  ) {
    this.counts = new Int32Array(COUNTED_KINDS.length * Math.max(0, lastDay - firstDay + 1));
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

  /** Visits on the days [from, to], by any role (roles null) or by one of `roles`. */
  countVisits(from: DayNumber, to: DayNumber, roles: readonly StaffRole[] | null): number {
    let n = 0;
    for (const v of this.visits) {
      if (v.day >= from && v.day <= to && (roles === null || roles.includes(v.role))) n++;
    }
    return n;
  }

  /** Sorts the event kinds, keeping those at or before `asOfMs`. */
  static build(events: readonly CaseEvent[], asOfMs: number, firstDay: DayNumber, lastDay: DayNumber): EventIndex {
    const index = new EventIndex(firstDay, lastDay);
    const counts = index.counts;
    const length = lastDay - firstDay + 1;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as CaseEvent;
      if (e.type === "leave") {
        index.leaves.push({ from: parseDate(e.from), to: parseDate(e.to) });
        continue;
      }
      const ms = instantToMs(e.at);
      if (ms > asOfMs) continue;
      const day = cstDayOfMs(ms);
      switch (e.type) {
        case "location_report":
        case "phone_report":
        case "in_person_report":
        case "leave_signin_check":
        case "leave_phone_check": {
          const offset = day - firstDay;
          if (offset >= 0 && offset < length) {
            const k = STRIPE[e.type] * length + offset;
            counts[k] = (counts[k] as number) + 1;
          }
          break;
        }
        case "field_visit":
          if (day >= firstDay) index.visits.push({ day, role: e.byRole });
          break;
        case "sanction":
          index.sanctions.push({ kind: e.kind, ms, day, at: e.at });
          break;
        case "violation":
          index.violations.push({ kind: e.kind, ms, day, at: e.at });
          break;
        case "book_section":
          index.bookSections.push({ kind: e.section, ms, day, at: e.at });
          break;
      }
    }
    return index;
  }
}
