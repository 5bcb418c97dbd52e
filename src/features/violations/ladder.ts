// From the stored violation cases to the sanction ladder (src/core/sanctions): each case is one violation,
// each approved case one measure answering it (imposed at approval, with `corrected` as recorded), and the
// latest request to the court with its instants. The engine proposes the next step and keeps the clocks.
import type { Kysely } from "kysely";
import {
  type CourtClock,
  courtClocks,
  type LadderGroundFound,
  ladderGrounds,
  parseSanctionInput,
  proposeStep,
  type SanctionCaseInput,
  type SanctionProposal,
} from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { cstIso } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import "./tables.ts";

/** The ladder's id of the measure of a case (ids are unique across violations and measures). */
export const measureId = (caseId: string) => `measure:${caseId}`;

export interface LadderView {
  proposal: SanctionProposal;
  /** The grounds of the proposed step, with their codes (for the glossary) and the ids they count. */
  grounds: LadderGroundFound[];
  /** The court clocks of each case with a court request, by case id. */
  clocksByCase: Map<string, CourtClock[]>;
}

type CaseRow = {
  id: string;
  kind: SanctionCaseInput["violations"][number]["kind"];
  severity: "minor" | "serious" | null;
  days: number | null;
  occurred_at: Date;
  stage: string;
  proposed_measure: SanctionCaseInput["sanctions"][number]["kind"] | null;
  approved_at: Date | null;
  corrected: boolean | null;
  court_requested_at: Date | null;
  arrest_requested: boolean | null;
  arrest_decided_at: Date | null;
  detained_at: Date | null;
  ruled_at: Date | null;
};

const iso = (d: Date | null) => (d ? cstIso(d) : null);

/** The ladder's input for one person, from their cases. */
export function ladderInput(
  subject: { id: string; correctionType: SanctionCaseInput["subject"]["correctionType"] },
  cases: CaseRow[],
  asOf: Date,
  court: CaseRow | null,
): SanctionCaseInput {
  return {
    asOf: cstIso(asOf),
    subject,
    violations: cases.map((c) => ({
      id: c.id,
      kind: c.kind,
      at: cstIso(c.occurred_at),
      ...(c.severity ? { severity: c.severity } : {}),
      ...(c.days ? { days: c.days } : {}),
    })),
    sanctions: cases
      .filter((c) => c.stage === "approved" && c.proposed_measure && c.approved_at)
      .map((c) => ({
        id: measureId(c.id),
        kind: c.proposed_measure!,
        at: cstIso(c.approved_at!),
        violationIds: [c.id],
        corrected: c.corrected,
      })),
    court:
      court?.court_requested_at != null
        ? {
            requestedAt: cstIso(court.court_requested_at),
            arrestRequested: court.arrest_requested ?? false,
            arrestDecidedAt: iso(court.arrest_decided_at),
            detainedAt: iso(court.detained_at),
            ruledAt: iso(court.ruled_at),
          }
        : null,
  };
}

/**
 * The ladder for one person as of `asOf`, by the rules of the person's county: the proposal, its
 * grounds, and every request's clocks.
 */
export async function ladderFor(
  db: Kysely<Database>,
  policies: CountyPolicies,
  subjectId: string,
  asOf: Date,
): Promise<LadderView> {
  const subject = await db
    .selectFrom("subject")
    .select(["id", "correction_type", "county_id"])
    .where("id", "=", subjectId)
    .executeTakeFirstOrThrow();
  const cases = (await db
    .selectFrom("violation_case")
    .select([
      "id",
      "kind",
      "severity",
      "days",
      "occurred_at",
      "stage",
      "proposed_measure",
      "approved_at",
      "corrected",
      "court_requested_at",
      "arrest_requested",
      "arrest_decided_at",
      "detained_at",
      "ruled_at",
    ])
    .where("subject_id", "=", subjectId)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute()) as CaseRow[];
  const person = { id: subject.id, correctionType: subject.correction_type };
  const policy = (await policies.forCounty(subject.county_id)).profile;

  const parsed = parseSanctionInput(ladderInput(person, cases, asOf, null));
  if (!parsed.ok) throw new Error(`stored violation cases refused by the ladder: ${parsed.problem.path}`);
  const all = ladderGrounds(policy, parsed.value);
  const proposal = proposeStep(policy, parsed.value, all);
  const grounds = all.filter((g) => g.step === proposal.step);

  const clocksByCase = new Map<string, CourtClock[]>();
  for (const c of cases) {
    if (!c.court_requested_at) continue;
    const input = ladderInput(person, [], asOf, c);
    clocksByCase.set(c.id, courtClocks(policy, input));
  }
  return { proposal, grounds, clocksByCase };
}
