// The monthly partitions of location_report (migration 130, location.md "Scale"). The product makes
// this month's and next month's partition ahead — at start and in the daily sweep — so that reports
// as they arrive go straight into their month; reports of months not made yet (a phone's queue from
// long ago, a restored backup, the demo's year of history) wait in the default partition and are moved
// into their month here. Each month is made by one statement (`ensure_location_report_month`), so a
// failure leaves nothing half-made; two instances making the same month at once: one wins, the other
// finds it made next time.
import { type Kysely, sql } from "kysely";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";

/** Makes the months needed now; returns the months made (YYYY-MM), for the log. */
export async function ensureLocationMonths(db: Db, now: Date): Promise<string[]> {
  const firstDay = `${cstDate(now).slice(0, 8)}01`;
  const nextMonth = formatDate(parseDate(firstDay) + 32);
  const waiting = await sql<{ month: string }>`select distinct
      to_char(measured_at at time zone 'Asia/Shanghai', 'YYYY-MM-01') as month
      from location_report_default`.execute(db.kysely);
  return makeLocationMonths(db.kysely, [
    firstDay,
    `${nextMonth.slice(0, 8)}01`,
    ...waiting.rows.map((r) => r.month),
  ]);
}

/**
 * Makes the partitions of the months of `days` (YYYY-MM-DD, any day of the month) that do not exist,
 * moving their reports out of the default partition; returns the months made (YYYY-MM).
 */
export async function makeLocationMonths(k: Kysely<Database>, days: readonly string[]): Promise<string[]> {
  const months = new Set(days.map((day) => `${day.slice(0, 8)}01`));
  const made: string[] = [];
  for (const month of [...months].sort()) {
    try {
      const result = await sql<{
        made: boolean;
      }>`select ensure_location_report_month(${month}::date) as made`.execute(k);
      if (result.rows[0]?.made) made.push(month.slice(0, 7));
    } catch (error) {
      // Made by another instance at the same moment, or a report of that month arrived while its rows
      // were being moved: the month is made (or tried again) at the next start or sweep.
      const exists = await sql<{
        name: string | null;
      }>`select to_regclass(${`location_report_${month.slice(0, 4)}${month.slice(5, 7)}`})::text as name`.execute(
        k,
      );
      if (!exists.rows[0]?.name) throw error;
    }
  }
  return made;
}
