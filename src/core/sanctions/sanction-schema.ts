// The input of `onebook rules sanction` (sanctions-contract.md): one person's violations, the measures
// imposed and the latest request to the court. The shape is checked by zod (unknown fields are bad);
// the consistency rules that span fields — which fields a kind needs, ids unique across both lists, a
// measure answering only earlier violations, the order of the court's instants — are checked after,
// each naming the one field at fault by its JSON path.
import { z } from "zod";
import { instantToMs } from "../calendar/instant.ts";
import { firstProblem, formatJsonPath, type Parsed } from "../input/errors.ts";
import { instantField, policyIdField } from "../input/fields.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import { CORRECTION_TYPES, LADDER_MEASURES } from "../policy/schema.ts";

/** Breaches of the rules on reports, visitors, leave and moving house: a severity, no days. */
export const RULE_BREACH_KINDS = ["reporting", "visitor", "leave", "moving"] as const;
/** Kinds measured in days (脱管, late 报到): days, no severity. */
export const DAYS_KINDS = ["out_of_supervision", "no_report"] as const;
export const LADDER_VIOLATION_KINDS = [
  ...RULE_BREACH_KINDS,
  "prohibition_order",
  "education_refusal",
  ...DAYS_KINDS,
] as const;
export type LadderViolationKind = (typeof LADDER_VIOLATION_KINDS)[number];
export const SEVERITIES = ["minor", "serious"] as const;
export type Severity = (typeof SEVERITIES)[number];

const idField = z.string().min(1);

const violationSchema = z.strictObject({
  id: idField,
  kind: z.enum(LADDER_VIOLATION_KINDS),
  severity: z.enum(SEVERITIES).optional(),
  days: z.number().int().min(1).optional(),
  at: instantField,
});

const sanctionSchema = z.strictObject({
  id: idField,
  kind: z.enum(LADDER_MEASURES),
  at: instantField,
  violationIds: z.array(idField),
  corrected: z.boolean().nullable().optional(),
});

const courtSchema = z.strictObject({
  requestedAt: instantField,
  arrestRequested: z.boolean(),
  arrestDecidedAt: instantField.nullable().optional(),
  detainedAt: instantField.nullable().optional(),
  ruledAt: instantField.nullable().optional(),
});

const sanctionCaseShape = z.strictObject({
  asOf: instantField,
  policy: policyIdField.optional(),
  subject: z.strictObject({ id: idField, correctionType: z.enum(CORRECTION_TYPES) }),
  violations: z.array(violationSchema),
  sanctions: z.array(sanctionSchema),
  court: courtSchema.nullable().optional(),
});

export type SanctionCaseInput = z.output<typeof sanctionCaseShape>;
export type LadderViolation = SanctionCaseInput["violations"][number];
export type LadderSanction = SanctionCaseInput["sanctions"][number];
export type CourtRequest = NonNullable<SanctionCaseInput["court"]>;

/** Whether a violation kind takes a severity (true), days ("days") or neither. */
export function violationDetail(kind: LadderViolationKind): "severity" | "days" | "none" {
  if ((DAYS_KINDS as readonly string[]).includes(kind)) return "days";
  if (kind === "education_refusal") return "none";
  return "severity";
}

type Problem = { path: (string | number)[]; message: string };

/** The consistency rules of the contract, on input whose shape is already valid; the first problem. */
function consistencyProblem(input: SanctionCaseInput, registry: PolicyRegistry): Problem | null {
  const policyId = input.policy ?? DEFAULT_POLICY_ID;
  if (!registry.has(policyId)) return { path: ["policy"], message: `unknown policy profile "${policyId}"` };

  for (const [i, v] of input.violations.entries()) {
    const detail = violationDetail(v.kind);
    if (detail === "severity" && v.severity === undefined)
      return { path: ["violations", i, "severity"], message: `required field missing for kind ${v.kind}` };
    if (detail !== "severity" && v.severity !== undefined)
      return { path: ["violations", i, "severity"], message: `not allowed for kind ${v.kind}` };
    if (detail === "days" && v.days === undefined)
      return { path: ["violations", i, "days"], message: `required field missing for kind ${v.kind}` };
    if (detail !== "days" && v.days !== undefined)
      return { path: ["violations", i, "days"], message: `not allowed for kind ${v.kind}` };
  }

  // Ids are unique across both lists; the repeat is the later item (violations come first).
  const seen = new Set<string>();
  const items: [string, number, string][] = [
    ...input.violations.map((v, i) => ["violations", i, v.id] as [string, number, string]),
    ...input.sanctions.map((s, i) => ["sanctions", i, s.id] as [string, number, string]),
  ];
  for (const [list, i, id] of items) {
    if (seen.has(id)) return { path: [list, i, "id"], message: `duplicate id "${id}"` };
    seen.add(id);
  }

  const violationAt = new Map(input.violations.map((v) => [v.id, instantToMs(v.at)]));
  for (const [i, s] of input.sanctions.entries()) {
    const at = instantToMs(s.at);
    for (const [j, id] of s.violationIds.entries()) {
      const vAt = violationAt.get(id);
      if (vAt === undefined)
        return { path: ["sanctions", i, "violationIds", j], message: `"${id}" names no violation` };
      if (vAt > at)
        return {
          path: ["sanctions", i, "violationIds", j],
          message: `violation "${id}" is later than the sanction`,
        };
    }
  }

  const court = input.court;
  if (court) {
    const requested = instantToMs(court.requestedAt);
    const path = (field: string) => ["court", field];
    for (const field of ["arrestDecidedAt", "detainedAt", "ruledAt"] as const) {
      const value = court[field];
      if (value == null) continue;
      if (!court.arrestRequested && field !== "ruledAt")
        return { path: path(field), message: "not allowed when arrestRequested is false" };
      if (instantToMs(value) < requested) return { path: path(field), message: "before requestedAt" };
    }
    if (court.detainedAt != null) {
      if (court.arrestDecidedAt == null)
        return {
          path: path("detainedAt"),
          message: "detention without an arrest decision (arrestDecidedAt)",
        };
      if (instantToMs(court.detainedAt) < instantToMs(court.arrestDecidedAt))
        return { path: path("detainedAt"), message: "before arrestDecidedAt" };
      if (court.ruledAt != null && instantToMs(court.ruledAt) < instantToMs(court.detainedAt))
        return { path: path("ruledAt"), message: "before detainedAt" };
    }
  }
  return null;
}

/** Parses untrusted JSON data into a sanction case, or the first problem with its JSON path. */
export function parseSanctionInput(
  data: unknown,
  registry: PolicyRegistry = defaultRegistry,
): Parsed<SanctionCaseInput> {
  const result = sanctionCaseShape.safeParse(data);
  if (!result.success) return { ok: false, problem: firstProblem(result.error) };
  const problem = consistencyProblem(result.data, registry);
  if (problem)
    return { ok: false, problem: { path: formatJsonPath(problem.path), message: problem.message } };
  return { ok: true, value: result.data };
}
