// The calendar of who is away (请销假 page): each approved ordinary leave of a month, day by day, as
// the staff read it — away, back early, overdue (past the last day, not back), or still to come.
// Pure: the route gives it the stored leave and the product's day.
import { formatDate, parseDate } from "../../core/index.ts";

/** A day of a leave on the calendar. */
export type DayState = "planned" | "away" | "back" | "overdue";
/** A leave as of today: not yet begun, away, back (销假 done), or not back after its last day. */
export type LeaveState = "planned" | "away" | "back" | "overdue";

export interface CalendarLeave {
  from: string;
  to: string;
  /** CST date the person reported back (销假), or null. */
  returnedOn: string | null;
}

/** The month's days, `YYYY-MM-01` to its last day. */
export function monthDays(month: string): string[] {
  const first = parseDate(`${month}-01`);
  const days: string[] = [];
  for (let d = first; formatDate(d).startsWith(month); d++) days.push(formatDate(d));
  return days;
}

export function leaveState(leave: CalendarLeave, today: string): LeaveState {
  if (leave.returnedOn) return "back";
  if (today < leave.from) return "planned";
  return today > leave.to ? "overdue" : "away";
}

/**
 * The state of each day of the month the leave touches. A day up to the return (or up to the last
 * day) is away; after an early return the remaining days are back; after the last day the person
 * is overdue until they report back (up to today while they have not).
 */
export function leaveDays(leave: CalendarLeave, month: string, today: string): Record<string, DayState> {
  const out: Record<string, DayState> = {};
  for (const day of monthDays(month)) {
    if (day < leave.from) continue;
    const state = dayState(leave, day, today);
    if (state) out[day] = state;
  }
  return out;
}

function dayState(leave: CalendarLeave, day: string, today: string): DayState | null {
  const back = leave.returnedOn;
  if (day <= leave.to) {
    if (back !== null && day > back) return "back";
    return back === null && day > today ? "planned" : "away";
  }
  // After the last day: overdue until the return (the return day itself included), or until today.
  if (back !== null) return day <= back ? "overdue" : null;
  return day <= today ? "overdue" : null;
}
