// The input of `evaluateOffice` (office-contract.md "Input"): strict, with its consistency checks.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { cstDayOfMs, instantToMs, isValidInstant } from "../calendar/instant.ts";
import { firstProblem, type Parsed } from "../input/errors.ts";
import { dateField, instantField, policyIdField } from "../input/fields.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import { LEVELS } from "../policy/schema.ts";

const count = z.number().int().min(0);
const actor = z.enum(["office", "agency"]);

const officeShape = z.strictObject({
  asOf: instantField,
  date: dateField.optional(),
  policy: policyIdField.optional(),
  subjects: z.array(z.strictObject({ id: z.string().min(1), level: z.enum(LEVELS), onLeave: z.boolean() })),
  // `recordedAt` (beyond office-contract.md): when the record was entered; a late entry (补录) counts
  // only as the profile's `records.lateCheckCountsForRound` says. Absent: entered when it happened.
  checks: z.array(
    z.strictObject({
      subjectId: z.string().min(1),
      at: instantField,
      by: actor,
      recordedAt: instantField.optional(),
    }),
  ),
  visits: z.array(
    z.strictObject({
      subjectId: z.string().min(1),
      at: instantField,
      by: actor,
      recordedAt: instantField.optional(),
    }),
  ),
  registeredAtPeriodStart: z.strictObject({
    month: z.strictObject({ keyOrStrict: count }),
    quarter: z.strictObject({ normal: count }),
  }),
});

export type OfficeInput = z.output<typeof officeShape>;

export function makeOfficeInputSchema(registry: PolicyRegistry = defaultRegistry) {
  return officeShape.superRefine((input, ctx) => {
    const policyId = input.policy ?? DEFAULT_POLICY_ID;
    if (!registry.has(policyId)) {
      ctx.addIssue({ code: "custom", path: ["policy"], message: `unknown policy profile "${policyId}"` });
      return;
    }
    // Refinements run even when a field failed its own check; compare only valid values.
    const day = input.date === undefined ? null : tryParseDate(input.date);
    if (day !== null && isValidInstant(input.asOf) && day > cstDayOfMs(instantToMs(input.asOf))) {
      ctx.addIssue({ code: "custom", path: ["date"], message: "date is after the CST date of asOf" });
    }
    const lenientEnabled = registry.get(policyId).levels.lenientEnabled;
    const ids = new Set<string>();
    input.subjects.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({ code: "custom", path: ["subjects", i, "id"], message: `duplicate id "${s.id}"` });
      ids.add(s.id);
      if (s.level === "lenient" && !lenientEnabled) {
        ctx.addIssue({
          code: "custom",
          path: ["subjects", i, "level"],
          message: `level "lenient" is not enabled in policy ${policyId}`,
        });
      }
    });
    input.checks.forEach((c, i) => {
      if (!ids.has(c.subjectId)) {
        ctx.addIssue({
          code: "custom",
          path: ["checks", i, "subjectId"],
          message: `no subject "${c.subjectId}" in subjects`,
        });
      }
    });
  });
}

export const officeInputSchema = makeOfficeInputSchema();

export function parseOfficeInput(
  data: unknown,
  registry: PolicyRegistry = defaultRegistry,
): Parsed<OfficeInput> {
  const schema = registry === defaultRegistry ? officeInputSchema : makeOfficeInputSchema(registry);
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: firstProblem(result.error) };
}
