// Instants (ISO 8601 with an offset) as epoch milliseconds, and their CST (UTC+8, no daylight saving)
// calendar day and time of day. Parsing is by character codes: the engine reads hundreds of
// thousands of timestamps per run and must not allocate for each.
import { type DayNumber, dayFromCivil, daysInMonth, formatDate } from "./days.ts";

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year. */
export const CST_OFFSET_MS = 8 * MS_PER_HOUR;

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Strict check of an ISO 8601 instant with an explicit offset (`Z` or `±HH:MM`), e.g.
 * `2025-08-15T10:00:00+08:00`: real calendar date, hours 00–23, minutes and seconds 00–59.
 */
export function isValidInstant(text: string): boolean {
  const m = INSTANT_PATTERN.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return false;
  const offset = m[8] ?? "Z";
  if (offset !== "Z" && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return false;
  return true;
}

function digits2(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

/**
 * Epoch milliseconds of an instant that `isValidInstant` accepts (the schemas guarantee it; other
 * text gives NaN or nonsense). Fractions below a millisecond are dropped.
 */
export function instantToMs(s: string): number {
  const year = digits2(s, 0) * 100 + digits2(s, 2);
  const days = dayFromCivil(year, digits2(s, 5), digits2(s, 8));
  let ms = days * MS_PER_DAY + digits2(s, 11) * MS_PER_HOUR + digits2(s, 14) * MS_PER_MINUTE;
  let i = 16;
  if (s.charCodeAt(i) === 58 /* : */) {
    ms += digits2(s, 17) * 1000;
    i = 19;
    if (s.charCodeAt(i) === 46 /* . */) {
      i++;
      let fraction = 0;
      let scale = 100;
      while (i < s.length) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        fraction += c * scale;
        scale /= 10;
        i++;
      }
      ms += Math.floor(fraction);
    }
  }
  const sign = s.charCodeAt(i);
  if (sign === 43 /* + */) ms -= (digits2(s, i + 1) * 60 + digits2(s, i + 4)) * MS_PER_MINUTE;
  else if (sign === 45 /* - */) ms += (digits2(s, i + 1) * 60 + digits2(s, i + 4)) * MS_PER_MINUTE;
  else if (sign !== 90 /* Z */) return Number.NaN;
  return ms;
}

/**
 * The CST calendar day of an instant text that `isValidInstant` accepts. Texts written in CST
 * (`…+08:00`, by far the most common) carry their CST date in front: it is read directly, without
 * the time of day.
 */
export function cstDayOfInstant(s: string): DayNumber {
  if (
    s.length === 25 &&
    s.charCodeAt(19) === 43 /* + */ &&
    s.charCodeAt(20) === 48 /* 0 */ &&
    s.charCodeAt(21) === 56 /* 8 */ &&
    s.charCodeAt(23) === 48 &&
    s.charCodeAt(24) === 48
  ) {
    // The digits read in place (this runs for most reports and checks of a case).
    const year =
      s.charCodeAt(0) * 1000 + s.charCodeAt(1) * 100 + s.charCodeAt(2) * 10 + s.charCodeAt(3) - 48 * 1111;
    const month = s.charCodeAt(5) * 10 + s.charCodeAt(6) - 48 * 11;
    return dayFromCivil(year, month, s.charCodeAt(8) * 10 + s.charCodeAt(9) - 48 * 11);
  }
  return cstDayOfMs(instantToMs(s));
}

/** The CST calendar day of an instant. */
export function cstDayOfMs(ms: number): DayNumber {
  return Math.floor((ms + CST_OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since CST midnight of the instant's CST day. */
export function cstTimeOfDayMs(ms: number): number {
  const local = ms + CST_OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** The instant of CST midnight starting a day. */
export function cstStartOfDayMs(day: DayNumber): number {
  return day * MS_PER_DAY - CST_OFFSET_MS;
}

// Cached like `formatDate`'s texts, in a packed array ("" for "not yet made").
const END_CACHE_FIRST_DAY = dayFromCivil(1950, 1, 1);
const END_CACHE_DAYS = dayFromCivil(2150, 1, 1) - END_CACHE_FIRST_DAY;
const endOfDayTexts: string[] = new Array<string>(END_CACHE_DAYS).fill("");

/** "At the end of day X" as the contract prints it: `X T23:59:59+08:00` (policy.md "Deadlines"). */
export function formatEndOfDay(day: DayNumber): string {
  const i = day - END_CACHE_FIRST_DAY;
  if (i < 0 || i >= END_CACHE_DAYS) return `${formatDate(day)}T23:59:59+08:00`;
  let s = endOfDayTexts[i] as string;
  if (s === "") {
    s = `${formatDate(day)}T23:59:59+08:00`;
    endOfDayTexts[i] = s;
  }
  return s;
}

/** Minutes since midnight of an `HH:MM` text (profile times of day). */
export function parseTimeOfDay(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59)
    throw new RangeError(`not a time of day (HH:MM): ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
