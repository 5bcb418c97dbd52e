// "Within N days / N working days / N months" of a day, as policy.md "Deadlines" counts them. The
// result is the due day; the deadline is the end of that day (23:59:59 CST).
import { addMonths, type DayNumber } from "./days.ts";
import type { WorkingDayCalendar } from "./working-days.ts";

export type DueRule =
  | { unit: "days"; count: number }
  | { unit: "working_days"; count: number }
  | { unit: "months"; count: number };

/**
 * Due day of an event on day D: D+N for days; the N-th working day after D; the same day number N
 * months later (or that month's last day) for months.
 */
export function dueDay(rule: DueRule, from: DayNumber, calendar: WorkingDayCalendar): DayNumber {
  switch (rule.unit) {
    case "days":
      return from + rule.count;
    case "working_days":
      return calendar.addWorkingDays(from, rule.count);
    case "months":
      return addMonths(from, rule.count);
  }
}
