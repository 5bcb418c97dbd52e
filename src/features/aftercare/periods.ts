// The follow-up periods of after-care: every N months counted in calendar months from January
// (N = 1: the month; N = 3: the quarter). A period is named by its first month and ends on the last
// day of its last month.
import { daysInMonth } from "../../core/index.ts";

export interface CarePeriod {
  /** YYYY-MM of the first month. */
  start: string;
  /** YYYY-MM-DD of the last day. */
  end: string;
}

export function periodOf(day: string, everyMonths: number): CarePeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / everyMonths) * everyMonths + 1;
  const last = Math.min(12, first + everyMonths - 1);
  const mm = (m: number) => String(m).padStart(2, "0");
  return {
    start: `${year}-${mm(first)}`,
    end: `${year}-${mm(last)}-${mm(daysInMonth(year, last))}`,
  };
}

/** Is `day` inside the period? */
export const inPeriod = (day: string, p: CarePeriod) => day >= `${p.start}-01` && day <= p.end;
