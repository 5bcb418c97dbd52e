// Calendar periods of policy.md "Periods": day, week (Monday–Sunday), half-month (1–15, 16–end),
// calendar month and calendar quarter. A period is a closed range of day numbers.
import { type DayNumber, dayFromCivil, daysInMonth, packedCivil, weekdayIndex } from "./days.ts";

export const PERIOD_KINDS = ["day", "week", "half_month", "month", "quarter"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  start: DayNumber;
  end: DayNumber;
}

/** First day of the period of the given kind that contains the day. */
export function periodStart(kind: PeriodKind, day: DayNumber): DayNumber {
  switch (kind) {
    case "day":
      return day;
    case "week":
      return day - weekdayIndex(day);
    default: {
      const p = packedCivil(day);
      const year = Math.floor(p / 10000);
      const month = Math.floor(p / 100) % 100;
      const dom = p % 100;
      if (kind === "half_month") return dom <= 15 ? day - dom + 1 : day - dom + 16;
      if (kind === "month") return day - dom + 1;
      return dayFromCivil(year, month - ((month - 1) % 3), 1);
    }
  }
}

/** Last day of the period of the given kind that starts on `start` (or contains it). */
export function periodEnd(kind: PeriodKind, day: DayNumber): DayNumber {
  switch (kind) {
    case "day":
      return day;
    case "week":
      return day - weekdayIndex(day) + 6;
    default: {
      const p = packedCivil(day);
      const year = Math.floor(p / 10000);
      const month = Math.floor(p / 100) % 100;
      const dom = p % 100;
      const monthLength = daysInMonth(year, month);
      if (kind === "half_month") return dom <= 15 ? day - dom + 15 : day - dom + monthLength;
      if (kind === "month") return day - dom + monthLength;
      const lastMonth = month - ((month - 1) % 3) + 2;
      return dayFromCivil(year, lastMonth, daysInMonth(year, lastMonth));
    }
  }
}

export function periodOf(kind: PeriodKind, day: DayNumber): Period {
  return { start: periodStart(kind, day), end: periodEnd(kind, day) };
}

/** The periods of a kind that overlap the closed range [from, to], in order. */
export function periodsOverlapping(kind: PeriodKind, from: DayNumber, to: DayNumber): Period[] {
  const out: Period[] = [];
  let start = periodStart(kind, from);
  while (start <= to) {
    const end = periodEnd(kind, start);
    out.push({ start, end });
    start = end + 1;
  }
  return out;
}

/** Quarter (1–4) of a day. */
export function quarterOf(day: DayNumber): number {
  const month = Math.floor(packedCivil(day) / 100) % 100;
  return Math.floor((month - 1) / 3) + 1;
}
