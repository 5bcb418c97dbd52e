// Records of the supervision features (an alert, a visit photo) placed on a subject of another office
// or county, for the access-matrix test: their ids fill the `:alertId` and `:photoId` parameters.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import "../../src/features/alerts/tables.ts";

type Where = "otherOffice" | "otherCounty";

export async function foreignSupervisionRecords(
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
    const now = new Date();
    const alert = await k
      .insertInto("alert")
      .values({
        county_id: subject.county_id,
        office_id: subject.office_id,
        subject_id: subject.id,
        kind: "lost_contact",
        colour: "red",
        source: `test:${where}:${randomUUID()}`,
        basis: "seed 000 §九.3(1)",
        summary: "测试预警",
        raised_at: now,
        due_by: new Date(now.getTime() + 86_400_000),
        escalates_at: now,
        raised_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = await k
      .insertInto("case_event")
      .values({
        subject_id: subject.id,
        office_id: subject.office_id,
        type: "field_visit",
        at: now,
        by_role: "office_head",
        data: JSON.stringify({ place: "家中" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const photoId = randomUUID();
    await k
      .insertInto("visit_photo")
      .values({
        id: photoId,
        case_event_id: event.id,
        subject_id: subject.id,
        media_type: "image/png",
        bytes: Buffer.from("89504e47", "hex"),
      })
      .execute();
    out[where] = { alertId: String(alert.id), photoId };
  }
  return out;
}
