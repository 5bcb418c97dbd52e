// The periods a report covers: a month, a quarter, a year or any range of days, and the period before
// it (the same kind, or a range of the same length just before) for the comparison.
import { addDaysText } from "../today/today.ts";

export const PERIOD_KINDS = ["month", "quarter", "year", "range"] as const;
export type StatPeriodKind = (typeof PERIOD_KINDS)[number];

export interface StatPeriod {
  kind: StatPeriodKind;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function monthEnd(year: number, month: number): string {
  return addDaysText(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);
}

/** The month, quarter or year containing `date`. */
export function periodOf(kind: Exclude<StatPeriodKind, "range">, date: string): StatPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === "month") return { kind, start: `${year}-${pad(month)}-01`, end: monthEnd(year, month) };
  if (kind === "quarter") {
    const first = Math.floor((month - 1) / 3) * 3 + 1;
    return { kind, start: `${year}-${pad(first)}-01`, end: monthEnd(year, first + 2) };
  }
  return { kind, start: `${year}-01-01`, end: `${year}-12-31` };
}

export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** The period just before: the previous month, quarter or year, or a range as long ending the day before. */
export function previousPeriod(p: StatPeriod): StatPeriod {
  const before = addDaysText(p.start, -1);
  if (p.kind !== "range") return periodOf(p.kind, before);
  return { kind: "range", start: addDaysText(before, -daysBetween(p.start, p.end)), end: before };
}

/** The calendar months lying wholly inside [start, end], as their first and last days. */
export function wholeMonths(start: string, end: string): { month: string; start: string; end: string }[] {
  const out: { month: string; start: string; end: string }[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  if (start.slice(8) !== "01") month += 1;
  for (;;) {
    if (month > 12) {
      year += 1;
      month = 1;
    }
    const first = `${year}-${pad(month)}-01`;
    const last = monthEnd(year, month);
    if (last > end) break;
    out.push({ month: first.slice(0, 7), start: first, end: last });
    month += 1;
  }
  return out;
}
