// Working days: Monday–Friday, minus public holidays, plus adjusted working days (调休) on weekends.
// Each year's holidays come from the first of these that has the year:
//   1. a State Council notice the county loaded (`notice`),
//   2. the lists the policy profile ships (the default: the `chinese-days` package; `package`),
//   3. the national rules (statutory-holidays.ts; `derived`) — statutory days only, no 调休: such a
//      year is provisional, and results that count working days through it say so.
import type { CalendarNotice } from "./calendar-notice.ts";
import { type DayNumber, isWeekend, packedCivil, parseDate } from "./days.ts";
import { deriveStatutoryHolidays, STATUTORY_HOLIDAY_RULES } from "./statutory-holidays.ts";

export type CalendarYearSource = "notice" | "package" | "derived";

export interface CalendarYear {
  year: number;
  source: CalendarYearSource;
  /** The notice's number, the package's name, or the rules the year was derived from. */
  reference: string;
  holidays: string[];
  workdays: string[];
}

const yearOf = (day: DayNumber): number => Math.floor(packedCivil(day) / 10000);

function byYear(dates: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of dates) {
    const y = Number(d.slice(0, 4));
    const list = out.get(y);
    if (list) list.push(d);
    else out.set(y, [d]);
  }
  return out;
}

/** The year's calendar derived from the national rules. */
export function derivedYear(year: number): CalendarYear {
  return {
    year,
    source: "derived",
    reference: STATUTORY_HOLIDAY_RULES.basis,
    holidays: [...new Set(deriveStatutoryHolidays(year).map((h) => h.date))],
    workdays: [],
  };
}

export class WorkingDayCalendar {
  private readonly known = new Map<number, CalendarYear>();
  private readonly resolved = new Map<number, CalendarYear>();
  private readonly holidays = new Set<DayNumber>();
  private readonly adjustedWorkdays = new Set<DayNumber>();

  /**
   * `holidays` / `adjustedWorkdays`: the shipped lists (a year counts as covered when it has a
   * holiday listed); `notices` override whole years.
   */
  constructor(
    holidays: readonly string[],
    adjustedWorkdays: readonly string[],
    notices: readonly CalendarNotice[] = [],
    shippedSource = "profile",
  ) {
    const workdaysByYear = byYear(adjustedWorkdays);
    for (const [year, list] of byYear(holidays)) {
      this.known.set(year, {
        year,
        source: "package",
        reference: shippedSource,
        holidays: list.sort(),
        workdays: (workdaysByYear.get(year) ?? []).sort(),
      });
    }
    for (const n of notices) {
      this.known.set(n.year, {
        year: n.year,
        source: "notice",
        reference: n.source,
        holidays: [...n.holidays],
        workdays: [...n.workdays],
      });
    }
  }

  /** The calendar of a year and where it comes from (derived on first use when nothing covers it). */
  year(year: number): CalendarYear {
    let y = this.resolved.get(year);
    if (!y) {
      y = this.known.get(year) ?? derivedYear(year);
      for (const d of y.holidays) this.holidays.add(parseDate(d));
      for (const d of y.workdays) this.adjustedWorkdays.add(parseDate(d));
      this.resolved.set(year, y);
    }
    return y;
  }

  /** The years a notice or the shipped lists cover, ascending. */
  coveredYears(): CalendarYear[] {
    return [...this.known.values()].sort((a, b) => a.year - b.year);
  }

  isProvisional(year: number): boolean {
    return this.year(year).source === "derived";
  }

  // The year last looked at: consecutive days almost always share it.
  private lastYear = Number.NaN;

  isWorkingDay(day: DayNumber): boolean {
    const y = yearOf(day);
    if (y !== this.lastYear) {
      this.year(y);
      this.lastYear = y;
    }
    if (this.adjustedWorkdays.has(day)) return true;
    return !isWeekend(day) && !this.holidays.has(day);
  }

  /** Adds to `into` the provisional years among those of the days after `after` up to `upTo` (inclusive). */
  addProvisionalYears(after: DayNumber, upTo: DayNumber, into: Set<number>): void {
    if (upTo <= after) return;
    const first = yearOf(after + 1);
    const last = yearOf(upTo);
    for (let y = first; y <= last; y++) if (this.isProvisional(y)) into.add(y);
  }

  /** The provisional years among those of the days after `after` up to `upTo` (inclusive), ascending. */
  provisionalYearsIn(after: DayNumber, upTo: DayNumber): number[] {
    const years = new Set<number>();
    this.addProvisionalYears(after, upTo, years);
    return [...years];
  }

  /** The N-th working day after `day` (the day itself is not counted); N = 0 gives `day`. */
  addWorkingDays(day: DayNumber, n: number): DayNumber {
    let d = day;
    let left = n;
    while (left > 0) {
      d++;
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}

/** The warning a result carries when it counted working days through a provisional year. */
export interface CalendarWarning {
  code: "provisional_calendar";
  year: number;
  basis: string;
}

export function provisionalCalendarWarning(year: number): CalendarWarning {
  return {
    code: "provisional_calendar",
    year,
    // The days were derived from the national rules alone (no notice for the year, no 调休).
    basis: STATUTORY_HOLIDAY_RULES.basis,
  };
}
