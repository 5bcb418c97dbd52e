// Batches stored and never judged (migration 140), judged by the sweep. The ingest marks a batch in the
// statement that takes its ids and deletes the mark once the batch is judged (ingest.ts); a mark left
// behind means the server died between the commit and judging, or judging failed. Its reports are
// then judged here, by the same judgeSubjects, and the mark deleted. Judging is idempotent, so a batch
// judged twice (its sender sent it again meanwhile) raises nothing twice.
import { sql } from "kysely";
import type { LocationContext } from "./context.ts";
import {
  anyOf,
  JUDGED_SUBJECT_COLUMNS,
  judgedSubject,
  judgeSubjects,
  type NewReports,
  type ReportRow,
} from "./judge.ts";
import "./tables.ts";

/**
 * A mark younger than this may belong to a batch being judged right now (on this server or another):
 * left to its own request. An ingest judges a batch in well under a second.
 */
export const LEFT_BATCH_AGE_MS = 2 * 60_000;

/** Judges the batches left unjudged before `now` − LEFT_BATCH_AGE_MS; returns how many. */
export async function judgeLeftBatches(ctx: LocationContext): Promise<number> {
  const k = ctx.db.kysely;
  const marks = await k
    .selectFrom("location_judging_pending")
    .select(["first_id", "last_id"])
    .where("marked_at", "<", new Date(ctx.clock.now().getTime() - LEFT_BATCH_AGE_MS))
    .orderBy("first_id")
    .execute();
  for (const mark of marks) {
    // The ids' range is read through each month's primary key (id, measured_at).
    const rows = await sql<ReportRow>`
      select id, subject_id, measured_at, longitude, latitude, accuracy_m, source from location_report
      where id between ${mark.first_id} and ${mark.last_id}`.execute(k);
    const batch = new Map<string, NewReports>();
    for (const row of rows.rows) {
      const r = { ...row, id: Number(row.id), measured_at: new Date(row.measured_at) };
      const entry = batch.get(r.subject_id) ?? {
        earliestMs: r.measured_at.getTime(),
        ids: new Set(),
        rows: [],
      };
      entry.earliestMs = Math.min(entry.earliestMs, r.measured_at.getTime());
      entry.ids.add(r.id);
      entry.rows.push(r);
      batch.set(r.subject_id, entry);
    }
    if (batch.size > 0) {
      const subjects = await k
        .selectFrom("subject")
        .select(JUDGED_SUBJECT_COLUMNS)
        .where(anyOf("id", [...batch.keys()]))
        .execute();
      await judgeSubjects(ctx, subjects.map(judgedSubject), batch);
    }
    await k.deleteFrom("location_judging_pending").where("first_id", "=", mark.first_id).execute();
  }
  return marks.length;
}
