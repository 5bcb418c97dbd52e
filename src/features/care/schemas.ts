// Response and query schemas the care features' routes share: the person as lists show it, an
// indicator, the "as of" day of indicators and ledgers.
import { z } from "zod";
import { dateField } from "../../http/fields.ts";

export const personView = z.object({
  name: z.string(),
  minor: z.boolean(),
  gender: z.string(),
  birthDate: z.string(),
  idNumber: z.string().nullable(),
});

export const indicatorView = z.object({
  id: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
});

export const asOfQuery = z.object({
  asOf: dateField("统计日").optional().describe("统计截至日（默认今天）"),
});

/** An office as the care records name it. */
export const officeRef = z.object({ id: z.string(), name: z.string() });

/** The agency assigns a record that came through the exchange without an office. */
export const assignBody = z.object({
  officeId: z.string({ error: "请选择司法所" }).max(32, "请选择本县的司法所"),
});
