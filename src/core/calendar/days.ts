// Calendar days as integers: the number of days since 1970-01-01 (a "day number"). Every date the
// rules reason about is a CST calendar day; integers make comparisons, ranges and array indexes cheap
// and keep Date objects (and their local-time traps) out of the engine.

/** A calendar day: days since 1970-01-01. */
export type DayNumber = number;

/** Days from a proleptic Gregorian civil date (H. Hinnant's algorithm, exact for all years). */
function civilToDaySlow(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// Timestamps are parsed by the million; for the years a case can hold, a table of month starts turns
// the conversion into two lookups and an addition.
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const monthStarts = new Int32Array(TABLE_YEARS * 12);
for (let i = 0; i < TABLE_YEARS * 12; i++) {
  monthStarts[i] = civilToDaySlow(TABLE_FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);
}

/** The day number of a civil date (month 1–12, day 1–31; not range-checked). */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const i = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (i >= 0 && i < TABLE_YEARS * 12) return (monthStarts[i] as number) + day - 1;
  return civilToDaySlow(year, month, day);
}

// …and a table of the packed civil dates of those years' days turns the reverse into one lookup.
const TABLE_FIRST_DAY = monthStarts[0] as number;
const TABLE_DAYS = civilToDaySlow(TABLE_FIRST_YEAR + TABLE_YEARS, 1, 1) - TABLE_FIRST_DAY;
const packedDays = new Int32Array(TABLE_DAYS);
for (let i = 0, day = 0; i < TABLE_YEARS * 12; i++) {
  const year = TABLE_FIRST_YEAR + Math.floor(i / 12);
  const month = (i % 12) + 1;
  const length =
    (i + 1 < TABLE_YEARS * 12 ? (monthStarts[i + 1] as number) : TABLE_FIRST_DAY + TABLE_DAYS) -
    (monthStarts[i] as number);
  for (let d = 1; d <= length; d++) packedDays[day++] = year * 10000 + month * 100 + d;
}

/**
 * The civil date of a day number packed as `year * 10000 + month * 100 + day` — one number, so hot
 * loops allocate nothing.
 */
export function packedCivil(dayNumber: DayNumber): number {
  const i = dayNumber - TABLE_FIRST_DAY;
  if (i >= 0 && i < TABLE_DAYS) return packedDays[i] as number;
  return packedCivilSlow(dayNumber);
}

function packedCivilSlow(dayNumber: DayNumber): number {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10000 + month * 100 + day;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civil(dayNumber: DayNumber): CivilDate {
  const p = packedCivil(dayNumber);
  return { year: Math.floor(p / 10000), month: Math.floor(p / 100) % 100, day: p % 100 };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** The day number of a `YYYY-MM-DD` string, or null when it is malformed or impossible (2025-02-30). */
export function tryParseDate(text: string): DayNumber | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  // NaN fails every comparison, so a non-digit anywhere lands here too.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null;
  return dayFromCivil(year, month, day);
}

/** The day number of a valid `YYYY-MM-DD` string; throws on anything else. */
export function parseDate(text: string): DayNumber {
  const d = tryParseDate(text);
  if (d === null) throw new RangeError(`not a valid date (YYYY-MM-DD): ${text}`);
  return d;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

// Output formatting is the only place dates become strings; the same few hundred days recur across
// every subject of a run, so the strings are cached by day number — in a packed array (filled with
// "" for "not yet made"), since a sparse one would fall back to slow dictionary lookups.
const CACHE_FIRST_DAY = dayFromCivil(1950, 1, 1);
const CACHE_DAYS = dayFromCivil(2150, 1, 1) - CACHE_FIRST_DAY;
const formatted: string[] = new Array<string>(CACHE_DAYS).fill("");

function formatUncached(dayNumber: DayNumber): string {
  const p = packedCivil(dayNumber);
  const year = Math.floor(p / 10000);
  const yearText = year >= 0 && year < 1000 ? String(year).padStart(4, "0") : String(year);
  return `${yearText}-${pad2(Math.floor(p / 100) % 100)}-${pad2(p % 100)}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(dayNumber: DayNumber): string {
  const i = dayNumber - CACHE_FIRST_DAY;
  if (i < 0 || i >= CACHE_DAYS) return formatUncached(dayNumber);
  let s = formatted[i] as string;
  if (s === "") {
    s = formatUncached(dayNumber);
    formatted[i] = s;
  }
  return s;
}

/** Day of the week, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayIndex(dayNumber: DayNumber): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: DayNumber): boolean {
  return weekdayIndex(dayNumber) >= 5;
}

/**
 * Adds calendar months keeping the day number, or taking the month's last day when it has no such
 * day (policy.md "Term arithmetic"): 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(dayNumber: DayNumber, months: number): DayNumber {
  const p = packedCivil(dayNumber);
  const monthIndex = Math.floor(p / 10000) * 12 + (Math.floor(p / 100) % 100) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return dayFromCivil(year, month, Math.min(p % 100, daysInMonth(year, month)));
}

/** Adds calendar years with the same clamping (2024-02-29 + 1 year = 2025-02-28). */
export function addYears(dayNumber: DayNumber, years: number): DayNumber {
  return addMonths(dayNumber, years * 12);
}
