// What changed in an office since an office state last looked, read from the change log that
// triggers write in the same transaction as every write Today follows (migration 006).
//
// Correct under concurrent writers: a bigserial id is drawn at insert, not at commit, so on
// PostgreSQL "every row with an id above the last one seen" can miss a row whose transaction commits
// after one with a higher id. The log's rows carry their transaction's id (xid8) instead, and the
// cursor keeps the oldest transaction still running when it last looked — the `xmin` of the
// snapshot it read with. Every transaction below that horizon had ended (committed or rolled back)
// by then, so whatever a later read can see for the first time comes from a transaction at or above
// it: reading the rows at or above the horizon never misses one. Rows of those transactions already
// taken in are remembered by id (`seen`) until the horizon passes them, so each change is applied
// once. With no transaction running the horizon is the next transaction id and a read returns only
// new rows; a long-running writer holds the horizon back and merely makes the read longer.
//
// The horizon and the rows must come from one snapshot, hence one statement. PGlite has one
// connection and runs transactions one after another; the same SQL works there.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

export interface ChangeCursor {
  /** Transactions with an id below this one had all ended when the cursor was taken. */
  horizon: bigint;
  /** Log rows at or above the horizon already taken in. */
  seen: ReadonlySet<number>;
}

export interface OfficeChange {
  id: number;
  subjectId: string | null;
  /** The table written: case_event, location_report, subject, level_decision or alert. */
  source: string;
}

/** A cursor from which every change committed after this call will be read. */
export async function startCursor(k: Kysely<Database>): Promise<ChangeCursor> {
  const { rows } = await sql<{
    horizon: string;
  }>`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`.execute(k);
  return { horizon: BigInt(rows[0]!.horizon), seen: new Set() };
}

/**
 * The office's changes not taken in yet, and the cursor to keep once they are. The caller applies
 * `fresh` by reading the rows concerned afresh, after this call (a later snapshot), and only then
 * keeps `next`.
 */
export async function readChanges(
  k: Kysely<Database>,
  officeId: string,
  cursor: ChangeCursor,
): Promise<{ fresh: OfficeChange[]; next: ChangeCursor }> {
  const { rows } = await sql<{
    horizon: string;
    id: string | null;
    xid: string | null;
    subject_id: string | null;
    source: string | null;
  }>`select h.horizon::text as horizon, c.id, c.xid::text as xid, c.subject_id, c.source
      from (select pg_snapshot_xmin(pg_current_snapshot()) as horizon) h
      left join office_change c
        on c.office_id = ${officeId} and c.xid >= ${cursor.horizon.toString()}::text::xid8
      order by c.id`.execute(k);
  const horizon = BigInt(rows[0]!.horizon);
  const fresh: OfficeChange[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (row.id === null) continue; // the left join's empty row
    const id = Number(row.id);
    if (BigInt(row.xid!) >= horizon) seen.add(id);
    if (!cursor.seen.has(id)) fresh.push({ id, subjectId: row.subject_id, source: row.source! });
  }
  return { fresh, next: { horizon, seen } };
}

/**
 * Drops log rows older than a day (the sweep calls this). Office states rebuild from the tables every
 * ten minutes, so they never wait for older rows (the rows of a writer that stayed open longer than a
 * day could be pruned before a state reads them: that state takes them in at its next rebuild). The
 * database's own clock both stamps and prunes the rows.
 */
export async function pruneChanges(k: Kysely<Database>): Promise<number> {
  const result = await sql`delete from office_change where at < now() - interval '1 day'`.execute(k);
  return Number(result.numAffectedRows ?? 0);
}
