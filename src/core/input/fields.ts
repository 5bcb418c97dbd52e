// Field schemas shared by the case and the office inputs.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { isValidInstant } from "../calendar/instant.ts";

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export const dateField = z
  .string()
  .refine((s) => tryParseDate(s) !== null, { message: "expected a real date YYYY-MM-DD" });

/** An ISO 8601 instant with an offset, e.g. `2025-08-15T10:00:00+08:00`. */
export const instantField = z.string().refine(isValidInstant, {
  message: "expected an ISO 8601 instant with offset, e.g. 2025-08-15T10:00:00+08:00",
});

export const policyIdField = z.string().min(1);
