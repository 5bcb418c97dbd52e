// The hazard register (seed 002): a hazard about a person or a place with its measures (owner and
// deadline) and follow-ups, read in the user's scope (an office its own, the agency its county).
// Each change is one transaction with its audit row.
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { hazardKindLabel, hazardLevelLabel } from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { displayName } from "../violations/service.ts";
import type { HazardKind, HazardLevel } from "./tables.ts";

export { hazardReadRoles, hazardWriteRoles } from "./roles.ts";

/** The state of an open measure on `today`: past its deadline "overdue", on it "due_today". */
export function measureStatus(deadline: string, today: string): "overdue" | "due_today" | "open" {
  return today > deadline ? "overdue" : today === deadline ? "due_today" : "open";
}

/** A staff account of the county that may own a measure: the agency's, an office's or a village's. */
export async function ownerInCounty(db: Kysely<Database>, countyId: string, ownerId: string, field: string) {
  const row = await db
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .leftJoin("place as parent", "parent.id", "place.parent_id")
    .select(["app_user.id", "app_user.display_name"])
    .where("app_user.id", "=", ownerId)
    .where("app_user.active", "=", true)
    .where("app_user.role", "not in", ["subject", "prosecutor"])
    .where((eb) =>
      eb.or([
        eb("place.id", "=", countyId),
        eb("place.parent_id", "=", countyId),
        eb("parent.parent_id", "=", countyId),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw badInput(field, "整改责任人应为本县在职的工作人员");
  return row;
}

export interface MeasureInput {
  measure: string;
  ownerId: string;
  deadline: string;
}

export async function addMeasures(
  trx: Kysely<Database>,
  countyId: string,
  hazardId: number,
  measures: MeasureInput[],
  userId: string,
  now: Date,
  fieldPrefix: string,
) {
  const today = cstDate(now);
  for (const [i, m] of measures.entries()) {
    const prefix = fieldPrefix ? `${fieldPrefix}.${i}.` : "";
    if (m.deadline < today) throw badInput(`${prefix}deadline`, "整改时限不能早于今天");
    await ownerInCounty(trx, countyId, m.ownerId, `${prefix}ownerId`);
  }
  return trx
    .insertInto("hazard_measure")
    .values(
      measures.map((m) => ({
        hazard_id: hazardId,
        measure: m.measure,
        owner_id: m.ownerId,
        deadline: m.deadline,
        created_by: userId,
        created_at: now,
      })),
    )
    .returning("id")
    .execute();
}

export interface HazardInput {
  officeId: string;
  subjectId: string | null;
  placeText: string | null;
  kind: HazardKind;
  level: HazardLevel;
  description: string;
  foundOn: string;
  measures: MeasureInput[];
}

/** Records a hazard with its measures and its audit row, inside the caller's transaction. */
export async function recordHazard(
  trx: Kysely<Database>,
  actor: Actor,
  user: CurrentUser,
  input: HazardInput,
  now: Date,
  fieldPrefix: string,
): Promise<number> {
  const row = await trx
    .insertInto("hazard")
    .values({
      county_id: user.county.id,
      office_id: input.officeId,
      subject_id: input.subjectId,
      place_text: input.subjectId ? null : input.placeText,
      kind: input.kind,
      level: input.level,
      description: input.description,
      found_on: input.foundOn,
      found_by: user.id,
      recorded_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addMeasures(trx, user.county.id, row.id, input.measures, user.id, now, fieldPrefix);
  await audit(trx, actor, "hazard.record", row, {
    kind: input.kind,
    level: input.level,
    measures: input.measures.length,
  });
  return row.id;
}

/** A hazard in the user's offices, or "not found". */
export async function hazardInScope(db: Kysely<Database>, offices: string[], id: number) {
  const row = await db
    .selectFrom("hazard")
    .selectAll()
    .where("id", "=", id)
    .where("office_id", "in", offices.length ? offices : ["-"])
    .executeTakeFirst();
  if (!row) throw notFound("安全隐患");
  return row;
}

/** The register as the page and the API show it: hazards with their measures (and follow-ups). */
export async function listHazards(
  db: Kysely<Database>,
  offices: string[],
  filter: { status: "open" | "closed" | "all"; id?: number },
  now: Date,
) {
  if (offices.length === 0) return [];
  const today = cstDate(now);
  let q = db
    .selectFrom("hazard")
    .innerJoin("place as office", "office.id", "hazard.office_id")
    .leftJoin("subject", "subject.id", "hazard.subject_id")
    .innerJoin("app_user as finder", "finder.id", "hazard.found_by")
    .selectAll("hazard")
    .select([
      "office.name as office_name",
      "subject.name as subject_name",
      "subject.birth_date",
      "subject.intake_date",
      "finder.display_name as found_by_name",
    ])
    .where("hazard.office_id", "in", offices);
  if (filter.status === "open") q = q.where("hazard.closed_at", "is", null);
  if (filter.status === "closed") q = q.where("hazard.closed_at", "is not", null);
  if (filter.id !== undefined) q = q.where("hazard.id", "=", filter.id);
  const hazards = await q
    .orderBy("hazard.found_on", "desc")
    .orderBy("hazard.id", "desc")
    .limit(500)
    .execute();
  const ids = hazards.map((h) => h.id);
  const [measures, followups] = ids.length
    ? await Promise.all([
        db
          .selectFrom("hazard_measure")
          .innerJoin("app_user as owner", "owner.id", "hazard_measure.owner_id")
          .selectAll("hazard_measure")
          .select("owner.display_name as owner_name")
          .where("hazard_measure.hazard_id", "in", ids)
          .orderBy("hazard_measure.id")
          .execute(),
        db
          .selectFrom("hazard_followup")
          .innerJoin("app_user", "app_user.id", "hazard_followup.by_user")
          .selectAll("hazard_followup")
          .select("app_user.display_name")
          .where("hazard_followup.hazard_id", "in", ids)
          .orderBy("hazard_followup.id")
          .execute(),
      ])
    : [[], []];
  return hazards.map((h) => {
    const mine = measures.filter((m) => m.hazard_id === h.id);
    const open = h.closed_at === null;
    const ms = mine.map((m) => ({
      id: m.id,
      measure: m.measure,
      ownerId: m.owner_id,
      ownerName: m.owner_name,
      deadline: m.deadline,
      doneAt: m.done_at ? cstIso(new Date(m.done_at)) : null,
      status: m.done_at ? ("done" as const) : open ? measureStatus(m.deadline, today) : ("open" as const),
    }));
    return {
      id: h.id,
      office: { id: h.office_id, name: h.office_name },
      subject: h.subject_id
        ? {
            id: h.subject_id,
            name: displayName({
              name: h.subject_name!,
              birth_date: h.birth_date!,
              intake_date: h.intake_date!,
            }),
          }
        : null,
      placeText: h.place_text,
      kind: h.kind,
      kindLabel: hazardKindLabel[h.kind] ?? h.kind,
      level: h.level,
      levelLabel: hazardLevelLabel[h.level] ?? h.level,
      description: h.description,
      foundOn: h.found_on,
      foundBy: h.found_by_name,
      closedAt: h.closed_at ? cstIso(new Date(h.closed_at)) : null,
      closingNote: h.closing_note,
      overdue: ms.some((m) => m.status === "overdue"),
      measures: ms,
      followups: followups
        .filter((f) => f.hazard_id === h.id)
        .map((f) => ({
          id: f.id,
          measureId: f.measure_id,
          text: f.text,
          by: f.display_name,
          at: cstIso(new Date(f.at)),
        })),
    };
  });
}
export type HazardView = Awaited<ReturnType<typeof listHazards>>[number];

export async function audit(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  hazard: { id: number; subject_id: string | null; office_id: string },
  details: Record<string, unknown>,
) {
  await writeAudit(trx, actor, {
    action,
    recordType: "hazard",
    recordId: String(hazard.id),
    subjectId: hazard.subject_id ?? undefined,
    placeId: hazard.office_id,
    details,
  });
}

export function assertOpen(h: { closed_at: unknown }) {
  if (h.closed_at !== null) throw conflict("该安全隐患已销号，不能再变更");
}

export type { CurrentUser };
