// Working days: Monday–Friday, minus public holidays, plus adjusted working days (调休) on weekends.
// The lists come from the policy profile (the default ships the State Council calendar through the
// `chinese-days` package); a year the lists do not cover is plain Monday–Friday.
import { type DayNumber, isWeekend, parseDate } from "./days.ts";

export class WorkingDayCalendar {
  private readonly holidays: Set<DayNumber>;
  private readonly adjustedWorkdays: Set<DayNumber>;

  constructor(holidays: readonly string[], adjustedWorkdays: readonly string[]) {
    this.holidays = new Set(holidays.map(parseDate));
    this.adjustedWorkdays = new Set(adjustedWorkdays.map(parseDate));
  }

  isWorkingDay(day: DayNumber): boolean {
    if (this.adjustedWorkdays.has(day)) return true;
    return !isWeekend(day) && !this.holidays.has(day);
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
