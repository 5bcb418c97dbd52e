// The quarterly safety-hazard screening (安全隐患排查, seed 002): a campaign per county and quarter with
// its deadline from the profile, and per office who is still to be talked to. A campaign is opened by
// the agency or, on the quarter's first day, by the sweep; it is open until its quarter ends.
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { ApiError, conflict } from "../../http/errors.ts";
import { cstDate } from "../../shared/time.ts";
import { addDaysText } from "../today/today.ts";
import { displayName } from "../violations/service.ts";
import "./tables.ts";

export const SCREENING_BASIS = "seed 002 二: 每季度组织一次安全隐患排查; seed 002 四.1: 五清";

/** The quarter of a day: "2026-Q4". */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first and last day of a quarter. */
export function quarterBounds(quarter: string): { start: string; end: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const start = `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  return { start, end: addDaysText(next, -1) };
}

/** The talks are due `talksWithinDays` after the opening, never past the quarter's end. */
export function campaignDueOn(quarter: string, openedOn: string, rule: PolicyProfile["screening"]): string {
  const due = addDaysText(openedOn, rule.talksWithinDays);
  const { end } = quarterBounds(quarter);
  return due < end ? due : end;
}

/** Opens the county's campaign of the quarter of `now` (409 when it is open already). */
export async function openCampaign(
  db: Kysely<Database>,
  actor: Actor,
  countyId: string,
  rule: PolicyProfile["screening"],
  now: Date,
): Promise<string> {
  const today = cstDate(now);
  const quarter = quarterOf(today);
  const taken = () => conflict(`${quarter.replace("-Q", "年第")}季度的安全隐患排查已开启`);
  const opening = db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("screening_campaign")
      .select("id")
      .where("county_id", "=", countyId)
      .where("quarter", "=", quarter)
      .executeTakeFirst();
    if (existing) throw taken();
    const row = await trx
      .insertInto("screening_campaign")
      .values({
        county_id: countyId,
        quarter,
        opened_on: today,
        due_on: campaignDueOn(quarter, today, rule),
        opened_by: actor.id,
        opened_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: "screening.open",
      recordType: "screening_campaign",
      recordId: row.id,
      placeId: countyId,
      details: { quarter, automatic: actor.id === null },
    });
    return row.id;
  });
  // Two openings at once (the agency and the sweep): the unique index keeps one.
  return opening.catch((error: unknown) => {
    throw (error as { code?: string })?.code === "23505" ? taken() : error;
  });
}

export interface ScreeningPerson {
  subjectId: string;
  name: string;
  officeId: string;
  level: string;
  recordId: string | null;
}

/**
 * The persons of a campaign in `offices`: everyone in the register (in correction, taken in by the
 * campaign's deadline) and whoever was screened in it (released since, still counted as done).
 */
export async function campaignPersons(
  db: Kysely<Database>,
  campaign: { id: string; due_on: string },
  offices: string[],
): Promise<ScreeningPerson[]> {
  if (offices.length === 0) return [];
  const rows = await db
    .selectFrom("subject")
    .leftJoin("screening_record as r", (join) =>
      join.onRef("r.subject_id", "=", "subject.id").on("r.campaign_id", "=", campaign.id),
    )
    .select([
      "subject.id",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.office_id",
      "subject.level",
      "r.id as record_id",
      "r.office_id as record_office",
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("subject.office_id", "in", offices),
          eb("subject.status", "=", "in_correction"),
          eb("subject.intake_date", "<=", campaign.due_on),
        ]),
        eb.and([eb("r.id", "is not", null), eb("r.office_id", "in", offices)]),
      ]),
    )
    .orderBy("subject.office_id")
    .orderBy("subject.id")
    .execute();
  return rows.map((r) => ({
    subjectId: r.id,
    name: displayName(r),
    officeId: r.record_office ?? r.office_id,
    level: r.level,
    recordId: r.record_id,
  }));
}

/** Done and total per office, in the order of `offices`. */
export function progressByOffice(persons: ScreeningPerson[], offices: { id: string; name: string }[]) {
  return offices.map((o) => {
    const mine = persons.filter((p) => p.officeId === o.id);
    const done = mine.filter((p) => p.recordId !== null).length;
    return { officeId: o.id, officeName: o.name, done, total: mine.length, remaining: mine.length - done };
  });
}

/** The open campaign of the county on `today` (the quarter's), if opened. */
export function currentCampaign(db: Kysely<Database>, countyId: string, today: string) {
  return db
    .selectFrom("screening_campaign")
    .selectAll()
    .where("county_id", "=", countyId)
    .where("quarter", "=", quarterOf(today))
    .executeTakeFirst();
}

/** The sweep opens each county's campaign of the quarter when nobody has: the seed's "每季度". */
export async function openDueCampaigns(
  db: Kysely<Database>,
  profileOf: (countyId: string) => Promise<PolicyProfile>,
  actor: Actor,
  now: Date,
): Promise<number> {
  const today = cstDate(now);
  const counties = await db
    .selectFrom("place")
    .leftJoin("screening_campaign as c", (join) =>
      join.onRef("c.county_id", "=", "place.id").on("c.quarter", "=", quarterOf(today)),
    )
    .select("place.id")
    .where("place.kind", "=", "county")
    .where("c.id", "is", null)
    .orderBy("place.id")
    .execute();
  let opened = 0;
  for (const c of counties) {
    const profile = await profileOf(c.id);
    opened += await openCampaign(db, actor, c.id, profile.screening, now).then(
      () => 1,
      (error: unknown) => {
        if (error instanceof ApiError && error.statusCode === 409) return 0; // opened meanwhile
        throw error;
      },
    );
  }
  return opened;
}
