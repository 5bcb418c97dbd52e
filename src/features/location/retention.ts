// Retention of location data (location.md "Retention"): a person's location reports and check-in
// selfies are kept until the profile's `location.retention.monthsAfterEnd` after their correction ended,
// then deleted by the sweep. Never while the person is under correction: only released or terminated
// persons (the end is their release date), and persons transferred out (their correction goes on
// elsewhere until the term's end: counted from the later of the hand-over and the term's last day).
// Deleted in batches of at most `batch` reports of one person, each batch one transaction with its
// audit row (删除到期位置数据: the person and the counts), so an interrupted sweep leaves nothing
// deleted unaudited and the next run goes on. The links of deleted reports to their alerts go with
// them; the alerts themselves (and their handling) stay in the book.
import { type Kysely, sql } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import { addMonths, formatDate, parseDate } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import "./tables.ts";

export const RETENTION_BATCH = 5_000;

export interface RetentionSummary {
  persons: number;
  reports: number;
  photos: number;
}

/** The day a person's correction ended for retention, or null while it has not. */
export function correctionEndedOn(s: { status: string; release_date: string | null; term_end: string }) {
  if (s.status === "in_correction" || s.release_date === null) return null;
  if (s.status === "transferred_out") return s.release_date > s.term_end ? s.release_date : s.term_end;
  return s.release_date;
}

/** The last day a person's location data are kept: the end plus the county's months. */
export function keptUntil(endedOn: string, monthsAfterEnd: number): string {
  return formatDate(addMonths(parseDate(endedOn), monthsAfterEnd));
}

/** Deletes the location data kept past their time as of `now`; returns what was deleted. */
export async function sweepLocationRetention(
  db: Db,
  policies: CountyPolicies,
  now: Date,
  actor: Actor,
  batch = RETENTION_BATCH,
): Promise<RetentionSummary> {
  const k = db.kysely;
  const today = cstDate(now);
  const summary: RetentionSummary = { persons: 0, reports: 0, photos: 0 };
  // Ended persons who still have location data (an index probe per ended person).
  const ended = await k
    .selectFrom("subject")
    .select(["id", "county_id", "office_id", "status", "release_date", "term_end"])
    .where("status", "<>", "in_correction")
    .where("release_date", "is not", null)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("location_report").select("id").whereRef("subject_id", "=", "subject.id")),
        eb.exists(eb.selectFrom("location_photo").select("id").whereRef("subject_id", "=", "subject.id")),
      ]),
    )
    .orderBy("id")
    .execute();
  for (const s of ended) {
    const endedOn = correctionEndedOn(s);
    if (endedOn === null) continue;
    const months = (await policies.forCounty(s.county_id)).profile.location.retention.monthsAfterEnd;
    const until = keptUntil(endedOn, months);
    if (today <= until) continue;
    let deletedAny = false;
    for (;;) {
      const done = await k
        .transaction()
        .execute((trx) => deleteBatch(trx, s, { endedOn, keptUntil: until, months }, batch, actor, now));
      if (done.reports + done.photos === 0) break;
      deletedAny = true;
      summary.reports += done.reports;
      summary.photos += done.photos;
      if (done.reports < batch) break;
    }
    if (deletedAny) summary.persons++;
  }
  return summary;
}

/** One batch of one person's reports (and, with the last, the person's remaining selfies). */
async function deleteBatch(
  trx: Kysely<Database>,
  s: { id: string; office_id: string },
  when: { endedOn: string; keptUntil: string; months: number },
  batch: number,
  actor: Actor,
  now: Date,
): Promise<{ reports: number; photos: number }> {
  // Checked again under the row's lock: a person whose correction is running again is never touched.
  const person = await trx
    .selectFrom("subject")
    .select("status")
    .where("id", "=", s.id)
    .forUpdate()
    .executeTakeFirst();
  if (!person || person.status === "in_correction") return { reports: 0, photos: 0 };
  const rows = await trx
    .selectFrom("location_report")
    .select(["id", "photo_id"])
    .where("subject_id", "=", s.id)
    .orderBy("id")
    .limit(batch)
    .execute();
  const ids = rows.map((r) => String(r.id));
  if (ids.length > 0) {
    await sql`delete from location_alert_report where report_id = any(${ids}::bigint[])`.execute(trx);
    await sql`delete from location_report where id = any(${ids}::bigint[])`.execute(trx);
  }
  // Selfies are append-only but for this deletion (migration 121): the batch's own, and once the
  // person has no reports left, every remaining one (a selfie whose report never arrived).
  await sql`select set_config('onebook.retention_sweep', 'on', true)`.execute(trx);
  const last = ids.length < batch;
  const photoIds = rows.flatMap((r) => (r.photo_id ? [r.photo_id] : []));
  let photos = 0;
  if (last || photoIds.length > 0) {
    let query = trx.deleteFrom("location_photo").where("subject_id", "=", s.id);
    if (!last) query = query.where("id", "in", photoIds);
    photos = (await query.returning("id").execute()).length;
  }
  await sql`select set_config('onebook.retention_sweep', '', true)`.execute(trx);
  if (ids.length + photos === 0) return { reports: 0, photos: 0 };
  await writeAudit(
    trx,
    { ...actor, at: now },
    {
      action: "location.retention_delete",
      recordType: "subject",
      recordId: s.id,
      subjectId: s.id,
      placeId: s.office_id,
      details: { reports: ids.length, photos, ...when },
    },
  );
  return { reports: ids.length, photos };
}
