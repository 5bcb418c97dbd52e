// Intake records for the access-matrix test: a handover with a document in the main county (linked
// to a subject of another office) and one in another county, and valid bodies for the intake routes.
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import "../../src/features/intake/tables.ts";
import { makeIdNumber } from "../../src/shared/id-number.ts";

const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");

export const intakeSamples = {
  handover: {
    decidingOrgan: "青禾县人民法院",
    judgmentNumber: "（2026）青刑初1号",
    judgmentEffectiveDate: "2026-01-05",
    receivedOn: "2026-01-06",
    correctionType: "probation",
    termStart: "2026-01-05",
    termEnd: "2027-01-04",
    crimeText: "危险驾驶罪",
    crimeCategories: ["dangerous_driving"],
    personName: "李四",
    personIdNumber: makeIdNumber("990121", "1980-01-01", 11),
  },
  document: { kind: "judgment", fileName: "判决书.pdf", contentBase64: pdf.toString("base64") },
  register: {
    name: "李四",
    idNumber: makeIdNumber("990121", "1980-01-01", 11),
    birthDate: "1980-01-01",
    gender: "male",
    officeId: "none",
    intakeDate: "2026-01-06",
  },
};

type Where = "otherOffice" | "otherCounty";

export async function foreignIntakeRecords(
  k: Kysely<Database>,
  places: Record<Where, { countyId: string; subjectId: string }>,
): Promise<Record<Where, Record<string, string>>> {
  const out = {} as Record<Where, Record<string, string>>;
  for (const where of ["otherOffice", "otherCounty"] as const) {
    const { countyId, subjectId } = places[where];
    const subject = await k
      .selectFrom("subject")
      .selectAll()
      .where("id", "=", subjectId)
      .executeTakeFirstOrThrow();
    const handoverId = randomUUID();
    const documentId = randomUUID();
    await k
      .insertInto("handover")
      .values({
        id: handoverId,
        county_id: countyId,
        status: "registered",
        deciding_organ: subject.deciding_organ ?? "人民法院",
        judgment_number: subject.judgment_number ?? "（2026）刑初1号",
        judgment_effective_date: subject.judgment_effective_date ?? subject.term_start,
        received_on: subject.intake_date,
        correction_type: subject.correction_type,
        term_start: subject.term_start,
        term_end: subject.term_end,
        crime_text: subject.crime_text,
        crime_categories: JSON.stringify(subject.crime_categories),
        person_name: subject.name,
        person_id_number: subject.id_number,
        subject_id: subject.id,
        registered_at: new Date(),
      })
      .execute();
    await k
      .insertInto("handover_document")
      .values({
        id: documentId,
        handover_id: handoverId,
        kind: "judgment",
        file_name: "判决书.pdf",
        content_type: "application/pdf",
        size_bytes: pdf.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        content: pdf,
      })
      .execute();
    out[where] = { handoverId, documentId, section: "basic_info" };
  }
  return out;
}
