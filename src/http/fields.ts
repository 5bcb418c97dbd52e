// The field builders every API schema uses for dates, months, instants and free text, with the
// Chinese messages a worker sees. A date is a real calendar day (2026-11-31 and 2026-02-30 are
// refused) in the years a case may speak of (1900–2199, as the rules engine's input: year 0000 is a
// typing error, not a fact). NUL characters and lone UTF-16 surrogates are refused for every field of
// every request by the input guard (input-guard.ts), so the builders need not repeat it.
import { z } from "zod";
import { isValidInstant } from "../core/calendar/instant.ts";
import { tryParseDate } from "../core/index.ts";
import { FIRST_YEAR, LAST_YEAR, yearInRange } from "../core/input/fields.ts";

const yearsText = `${FIRST_YEAR}–${LAST_YEAR} 年`;

const realDate = (text: string) => tryParseDate(text) !== null;

/** A real calendar date `YYYY-MM-DD` in 1900–2199. */
export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}的格式应为 YYYY-MM-DD`)
    .refine(realDate, `${label}不是有效的日期`)
    .refine(yearInRange, `${label}应在 ${yearsText}之间`);

/** A date field that may be left empty (""), as the book's forms send an unfilled date. */
export const optionalDateField = (label: string) =>
  z
    .string({ error: `${label}的格式应为 YYYY-MM-DD` })
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `${label}的格式应为 YYYY-MM-DD`)
    .refine((text) => text === "" || realDate(text), `${label}不是有效的日期`)
    .refine((text) => text === "" || yearInRange(text), `${label}应在 ${yearsText}之间`)
    .optional();

/** A month `YYYY-MM` in 1900–2199. */
export const monthField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `请填写${label}（如 2026-11）`)
    .refine(yearInRange, `${label}应在 ${yearsText}之间`);

/** An instant, ISO 8601 with its offset (`2026-11-20T09:30:00+08:00`), in 1900–2199. */
export const instantField = (message = "请填写正确的时间（如 2026-11-20T09:30:00+08:00）") =>
  z.iso
    .datetime({ offset: true, error: message })
    .refine(isValidInstant, message)
    .refine(yearInRange, `时间应在 ${yearsText}之间`);

/** Required text, trimmed, 1–`max` characters. */
export const text = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

/** Optional text, trimmed, at most `max` characters (absent, null or empty). */
export const optionalText = (label: string, max = 2000) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullish();
