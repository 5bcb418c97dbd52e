// The input of `evaluateCase` (rules-contract.md "Input: a case"): strict — unknown fields are
// errors — and checked for consistency, so the engine itself can trust what it is given.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import {
  BOOK_SECTIONS,
  LEVELS,
  RISK_LEVELS,
  SANCTION_KINDS,
  STAFF_ROLES,
  VIOLATION_KINDS,
} from "../policy/schema.ts";
import { firstProblem, type Parsed } from "./errors.ts";
import { dateField, instantField, policyIdField } from "./fields.ts";

export const CORRECTION_TYPES = ["probation", "parole", "control", "temporary_release"] as const;

const levelField = z.enum(LEVELS);

const subjectSchema = z.strictObject({
  id: z.string().min(1),
  birthDate: dateField,
  correctionType: z.enum(CORRECTION_TYPES),
  crimeCategories: z.array(z.string().min(1)),
  termStart: dateField,
  termEnd: dateField,
  intakeDate: dateField,
  releaseDate: dateField.nullable().optional(),
  priorConvictions: z.number().int().min(0),
  priorBadRecords: z.number().int().min(0),
  riskLevel: z.enum(RISK_LEVELS),
  stableResidence: z.boolean(),
  stableIncome: z.boolean(),
  emotionalInstability: z.boolean(),
  familyIncomplete: z.boolean(),
  rebellious: z.boolean(),
  resistsSupervision: z.boolean(),
  level: levelField,
  levelHistory: z.array(z.strictObject({ from: dateField, level: levelField })).optional(),
  keyOverride: z
    .strictObject({ key: z.boolean(), reason: z.string().min(1) })
    .nullable()
    .optional(),
});

const at = instantField;
const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("phone_report"), at }),
  z.strictObject({ type: z.literal("in_person_report"), at }),
  z.strictObject({ type: z.literal("location_report"), at }),
  z.strictObject({ type: z.literal("field_visit"), at, byRole: z.enum(STAFF_ROLES) }),
  z.strictObject({ type: z.literal("leave"), from: dateField, to: dateField }),
  z.strictObject({ type: z.literal("leave_signin_check"), at }),
  z.strictObject({ type: z.literal("leave_phone_check"), at }),
  z.strictObject({ type: z.literal("sanction"), kind: z.enum(SANCTION_KINDS), at }),
  z.strictObject({ type: z.literal("violation"), kind: z.enum(VIOLATION_KINDS), at }),
  z.strictObject({ type: z.literal("book_section"), section: z.enum(BOOK_SECTIONS), at }),
]);

const caseShape = z.strictObject({
  asOf: instantField,
  policy: policyIdField.optional(),
  subject: subjectSchema,
  events: z.array(eventSchema),
});

export type CaseInput = z.output<typeof caseShape>;
export type CaseSubject = CaseInput["subject"];
export type CaseEvent = CaseInput["events"][number];

/** The case schema with the consistency checks of rules-contract.md, against a registry of profiles. */
export function makeCaseInputSchema(registry: PolicyRegistry = defaultRegistry) {
  return caseShape.superRefine((input, ctx) => {
    const policyId = input.policy ?? DEFAULT_POLICY_ID;
    if (!registry.has(policyId)) {
      ctx.addIssue({ code: "custom", path: ["policy"], message: `unknown policy profile "${policyId}"` });
      return;
    }
    const s = input.subject;
    // Refinements run even when a field failed its own check; compare only real dates.
    const before = (a: string, b: string) => {
      const da = tryParseDate(a);
      const db = tryParseDate(b);
      return da !== null && db !== null && da < db;
    };
    if (before(s.termEnd, s.termStart)) {
      ctx.addIssue({ code: "custom", path: ["subject", "termEnd"], message: "termEnd is before termStart" });
    }
    if (s.releaseDate != null && before(s.releaseDate, s.intakeDate)) {
      ctx.addIssue({
        code: "custom",
        path: ["subject", "releaseDate"],
        message: "releaseDate is before intakeDate",
      });
    }
    const history = s.levelHistory ?? [];
    for (let i = 1; i < history.length; i++) {
      const prev = history[i - 1];
      const cur = history[i];
      if (prev && cur && before(cur.from, prev.from)) {
        ctx.addIssue({
          code: "custom",
          path: ["subject", "levelHistory", i, "from"],
          message: "levelHistory must be ascending by date",
        });
      }
    }
    const last = history[history.length - 1];
    if (last && last.level !== s.level) {
      ctx.addIssue({
        code: "custom",
        path: ["subject", "levelHistory", history.length - 1, "level"],
        message: `the last levelHistory entry (${last.level}) differs from subject.level (${s.level})`,
      });
    }
    if (!registry.get(policyId).levels.lenientEnabled) {
      const refuse = (path: (string | number)[]) =>
        ctx.addIssue({
          code: "custom",
          path,
          message: `level "lenient" is not enabled in policy ${policyId}`,
        });
      if (s.level === "lenient") refuse(["subject", "level"]);
      history.forEach((h, i) => {
        if (h.level === "lenient") refuse(["subject", "levelHistory", i, "level"]);
      });
    }
    input.events.forEach((e, i) => {
      if (e.type === "leave" && before(e.to, e.from)) {
        ctx.addIssue({
          code: "custom",
          path: ["events", i, "to"],
          message: "leave ends (to) before it starts (from)",
        });
      }
    });
  });
}

export const caseInputSchema = makeCaseInputSchema();

/** Parses untrusted JSON data into a case, or the first problem with its JSON path. */
export function parseCaseInput(data: unknown, registry: PolicyRegistry = defaultRegistry): Parsed<CaseInput> {
  const schema = registry === defaultRegistry ? caseInputSchema : makeCaseInputSchema(registry);
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: firstProblem(result.error) };
}
