// Calendar arithmetic for the generator. Everything is a China Standard Time calendar date
// ('YYYY-MM-DD') or an instant written with an explicit +08:00 offset, so nothing depends on the
// time zone of the machine that runs the generator.
import chineseDays from "chinese-days";

const DAY_MS = 86_400_000;

// Date parsing and formatting dominate the generator's time (it walks every day of every person's
// year), and only a few thousand distinct dates occur: both directions are memoised.
const dayNumbers = new Map<string, number>();
const dates = new Map<number, string>();

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(date, day);
  }
  return day;
}

export function fromDayNumber(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Adds months keeping the day number, or taking the month's last day (policy.md, term arithmetic). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (dayNumber(date) + 4) % 7;
}

const workdayCache = new Map<string, boolean>();
/** Working day by the State Council calendar where chinese-days knows the year, else Monday–Friday. */
export function isWorkday(date: string): boolean {
  let known = workdayCache.get(date);
  if (known === undefined) {
    try {
      known = chineseDays.isWorkday(date);
    } catch {
      const day = weekday(date);
      known = day >= 1 && day <= 5;
    }
    workdayCache.set(date, known);
  }
  return known;
}

/** The n-th working day after `date` (n ≥ 1), as policy.md counts "within N working days". */
export function addWorkdays(date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkday(day)) left--;
  }
  return day;
}

/** An instant on a CST date, minutes after midnight, as ISO 8601 with +08:00. */
export function at(date: string, minuteOfDay: number, second = 0): string {
  const minutes = Math.max(0, Math.min(24 * 60 - 1, Math.floor(minuteOfDay)));
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(second)}+08:00`;
}

/** Adds seconds to an instant made by `at` and writes it back in +08:00. */
export function addSeconds(instant: string, seconds: number): string {
  const ms = Date.parse(instant) + seconds * 1000 + 8 * 3_600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

/** The CST date of an instant (the demo's `today` is the product clock's, `config.clock`). */
export function todayCst(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export type PeriodKind = "week" | "half_month" | "month" | "quarter";

export interface Period {
  start: string;
  end: string;
}

/** The calendar period of `kind` containing `date` (week = Monday to Sunday). */
export function periodOf(kind: PeriodKind, date: string): Period {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const monthEnd = `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
  switch (kind) {
    case "week": {
      const start = addDays(date, -((weekday(date) + 6) % 7));
      return { start, end: addDays(start, 6) };
    }
    case "half_month":
      return d <= 15
        ? { start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-15` }
        : { start: `${y}-${pad(m)}-16`, end: monthEnd };
    case "month":
      return { start: `${y}-${pad(m)}-01`, end: monthEnd };
    case "quarter": {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { start: `${y}-${pad(first)}-01`, end: addDays(addMonths(`${y}-${pad(first)}-01`, 3), -1) };
    }
  }
}

/** Every period of `kind` that overlaps [from, to], in order. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(kind, from); p.start <= to; p = periodOf(kind, addDays(p.end, 1))) out.push(p);
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
