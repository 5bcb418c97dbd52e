// The input of `adviseLeave` (leave-contract.md "Input"): strict — unknown fields are errors — and
// checked for consistency, so the rules can trust what they are given.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { instantToMs, isValidInstant } from "../calendar/instant.ts";
import { CORRECTION_TYPES } from "../input/case-schema.ts";
import { firstProblem, type Parsed } from "../input/errors.ts";
import { dateField, instantField, policyIdField } from "../input/fields.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";

export const LEAVE_KINDS = ["ordinary", "standing", "move_house"] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
/** The kinds an approval already given can have (a move is not a period away). */
export const OTHER_LEAVE_KINDS = ["ordinary", "standing"] as const;

/** The levels the leave rules know; `lenient` only where the profile enables it. */
const LEAVE_LEVELS = ["key", "strict", "normal", "lenient"] as const;

/** A county-level division code: exactly six ASCII digits (GB/T 2260). */
export const countyCodeField = z.string().regex(/^[0-9]{6}$/, "expected a six-digit county code");

const subjectSchema = z.strictObject({
  id: z.string().min(1),
  level: z.enum(LEAVE_LEVELS),
  correctionType: z.enum(CORRECTION_TYPES),
  termEnd: dateField,
  residenceCounty: countyCodeField,
});

const applicationSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(LEAVE_KINDS),
  from: dateField,
  /** Required for ordinary and standing; null or absent for move_house (checked below). */
  to: dateField.nullable().optional(),
  destinationCounty: countyCodeField,
  reason: z.string(),
  proofAttached: z.boolean(),
  appliedAt: instantField,
  approvedAt: instantField.nullable().optional(),
  returnedAt: instantField.nullable().optional(),
});

const otherLeaveSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(OTHER_LEAVE_KINDS),
  from: dateField,
  to: dateField,
  destinationCounty: countyCodeField,
});

const leaveShape = z.strictObject({
  asOf: instantField,
  policy: policyIdField.optional(),
  subject: subjectSchema,
  application: applicationSchema,
  otherLeaves: z.array(otherLeaveSchema),
});

export type LeaveInput = z.output<typeof leaveShape>;
export type LeaveApplicationInput = LeaveInput["application"];
export type OtherLeave = LeaveInput["otherLeaves"][number];

/** The leave schema with the consistency checks of leave-contract.md, against a registry of profiles. */
export function makeLeaveInputSchema(registry: PolicyRegistry = defaultRegistry) {
  return leaveShape.superRefine((input, ctx) => {
    const policyId = input.policy ?? DEFAULT_POLICY_ID;
    if (!registry.has(policyId)) {
      ctx.addIssue({ code: "custom", path: ["policy"], message: `unknown policy profile "${policyId}"` });
      return;
    }
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    // Refinements run even when a field failed its own check; compare only valid values.
    const day = (s: string | null | undefined) => (s == null ? null : tryParseDate(s));
    const ms = (s: string | null | undefined) => (s != null && isValidInstant(s) ? instantToMs(s) : null);

    if (input.subject.level === "lenient" && !registry.get(policyId).levels.lenientEnabled) {
      issue(["subject", "level"], `level "lenient" is not enabled in policy ${policyId}`);
    }

    const a = input.application;
    if (a.kind === "move_house") {
      if (a.to != null) issue(["application", "to"], "a move_house application has no to (null or absent)");
    } else if (a.to == null) {
      issue(["application", "to"], `required field missing (expected a date for kind ${a.kind})`);
    } else {
      const from = day(a.from);
      const to = day(a.to);
      if (from !== null && to !== null && to < from) {
        issue(["application", "to"], "to is before from");
      }
    }
    const asOf = ms(input.asOf);
    const applied = ms(a.appliedAt);
    const approved = ms(a.approvedAt);
    const returned = ms(a.returnedAt);
    if (asOf !== null && applied !== null && applied > asOf) {
      issue(["application", "appliedAt"], "appliedAt is after asOf");
    }
    if (approved !== null && applied !== null && approved < applied) {
      issue(["application", "approvedAt"], "approvedAt is before appliedAt");
    }
    if (a.returnedAt != null) {
      if (a.approvedAt == null) issue(["application", "returnedAt"], "returnedAt without approvedAt");
      else if (returned !== null && approved !== null && returned < approved) {
        issue(["application", "returnedAt"], "returnedAt is before approvedAt");
      }
    }

    const ids = new Set<string>([a.id]);
    input.otherLeaves.forEach((leave, i) => {
      const from = day(leave.from);
      const to = day(leave.to);
      if (from !== null && to !== null && to < from) issue(["otherLeaves", i, "to"], "to is before from");
      if (ids.has(leave.id)) {
        issue(
          ["otherLeaves", i, "id"],
          leave.id === a.id ? `id "${leave.id}" is the application's id` : `duplicate id "${leave.id}"`,
        );
      }
      ids.add(leave.id);
    });
  });
}

export const leaveInputSchema = makeLeaveInputSchema();

/** Parses untrusted JSON data into a leave case, or the first problem with its JSON path. */
export function parseLeaveInput(
  data: unknown,
  registry: PolicyRegistry = defaultRegistry,
): Parsed<LeaveInput> {
  const schema = registry === defaultRegistry ? leaveInputSchema : makeLeaveInputSchema(registry);
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: firstProblem(result.error) };
}
