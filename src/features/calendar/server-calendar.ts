// The one place the server makes the engine's calendar: the notices loaded into this database (the
// highest version of each year), handed to every evaluation as `calendar` (core compilePolicy turns it,
// with the profile's shipped lists and the national rules, into working days). Kept in memory per
// database; a load in this process replaces it at once (`calendarChanged`), and another instance's
// load is noticed within RECHECK_MS by the table's highest id (the table is only ever appended to).
import { type Kysely, sql } from "kysely";
import type { LoadedCalendar } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { currentNotices } from "./notices.ts";
import "./tables.ts";

const RECHECK_MS = 30_000;

interface Known {
  calendar: LoadedCalendar;
  tip: number;
  checkedAt: number;
}

const known = new WeakMap<Kysely<Database>, Promise<Known>>();

async function tipOf(k: Kysely<Database>): Promise<number> {
  const row = await sql<{ tip: number | null }>`select max(id) as tip from calendar_notice`.execute(k);
  return Number(row.rows[0]?.tip ?? 0);
}

async function read(k: Kysely<Database>): Promise<Known> {
  const tip = await tipOf(k);
  const notices = await currentNotices(k);
  return { calendar: Object.freeze({ notices }), tip, checkedAt: Date.now() };
}

/**
 * The loaded notices of this database, for `evaluateCase(…, { calendar })` and `evaluateOffice`. The
 * same object is returned until the notices change, so compiled policies and caches keyed by it last.
 */
export async function loadedCalendar(k: Kysely<Database>): Promise<LoadedCalendar> {
  let entry = known.get(k);
  if (!entry) {
    entry = read(k);
    known.set(k, entry);
    entry.catch(() => known.delete(k));
    return (await entry).calendar;
  }
  const current = await entry;
  if (Date.now() - current.checkedAt < RECHECK_MS) return current.calendar;
  current.checkedAt = Date.now();
  if ((await tipOf(k)) === current.tip) return current.calendar;
  const next = read(k);
  known.set(k, next);
  return (await next).calendar;
}

/** After a load: the next evaluation reads the notices again. */
export function forgetCalendar(k: Kysely<Database>): void {
  known.delete(k);
}
