// Field schemas shared by the case and the office inputs.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { isValidInstant } from "../calendar/instant.ts";

/**
 * Years a case may speak of. Anything else is a typing error (0025 for 2025), not a fact: refusing it
 * names the field instead of silently producing nothing for that event.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;
/** Does a date or instant text (`YYYY-…`) fall in the years a case may speak of? */
export const yearInRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
const yearMessage = `year out of range (${FIRST_YEAR}–${LAST_YEAR})`;

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export const dateField = z
  .string()
  .refine((s) => tryParseDate(s) !== null, { message: "expected a real date YYYY-MM-DD" })
  .refine(yearInRange, { message: yearMessage });

/** An ISO 8601 instant with an offset, e.g. `2025-08-15T10:00:00+08:00`. */
export const instantField = z
  .string()
  .refine(isValidInstant, {
    message: "expected an ISO 8601 instant with offset, e.g. 2025-08-15T10:00:00+08:00",
  })
  .refine(yearInRange, { message: yearMessage });

export const policyIdField = z.string().min(1);
