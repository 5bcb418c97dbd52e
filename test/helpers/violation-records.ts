// A violation case (with an evidence file) on a subject of another office or county, for the
// access-matrix test: their ids fill the `:caseId`, `:evidenceId` and `:document` parameters.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import "../../src/features/violations/tables.ts";

type Where = "otherOffice" | "otherCounty";

export async function foreignViolationRecords(
  k: Kysely<Database>,
  subjects: Record<Where, { subjectId: string }>,
): Promise<Record<Where, Record<string, string>>> {
  const out = {} as Record<Where, Record<string, string>>;
  for (const where of ["otherOffice", "otherCounty"] as const) {
    const subject = await k
      .selectFrom("subject")
      .select(["id", "office_id", "county_id"])
      .where("id", "=", subjects[where].subjectId)
      .executeTakeFirstOrThrow();
    const caseId = randomUUID();
    const now = new Date();
    await k
      .insertInto("violation_case")
      .values({
        id: caseId,
        county_id: subject.county_id,
        office_id: subject.office_id,
        subject_id: subject.id,
        source: "finding",
        kind: "education_refusal",
        occurred_at: now,
        facts: "测试案件",
        opened_at: now,
      })
      .execute();
    const evidenceId = randomUUID();
    await k
      .insertInto("violation_evidence")
      .values({
        id: evidenceId,
        case_id: caseId,
        description: "测试证据",
        file_name: "a.pdf",
        content_type: "application/pdf",
        size_bytes: 5,
        sha256: "0".repeat(64),
        content: Buffer.from("%PDF-"),
      })
      .execute();
    out[where] = { caseId, evidenceId, document: "decision" };
  }
  return out;
}
