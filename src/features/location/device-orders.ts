// Whether an electronic-location order (Art. 29) is in force for a person on a day: from its first day
// to its last, the last being moved by each extension. The orders are written by the device-order
// routes (helper `map`); location only reads them: device reports are accepted and shown only while
// an order is in force, and a person under an order must report location (lost contact, location.md).
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import "./tables.ts";

export interface OrderSpan {
  from: string;
  to: string;
}

/** Every order's span (first day, last day after extensions), by person. */
export async function deviceOrderSpans(
  k: Kysely<Database>,
  subjectIds: readonly string[],
): Promise<Map<string, OrderSpan[]>> {
  const spans = new Map<string, OrderSpan[]>();
  if (subjectIds.length === 0) return spans;
  const rows = await k
    .selectFrom("device_order as o")
    .leftJoin("device_order_extension as e", "e.order_id", "o.id")
    .select([
      "o.subject_id",
      "o.from_date",
      sql<string>`greatest(o.to_date, max(e.to_date))::text`.as("to_date"),
    ])
    .where(sql<boolean>`o.subject_id = any(${[...subjectIds]}::text[])`)
    .groupBy(["o.id", "o.subject_id", "o.from_date", "o.to_date"])
    .execute();
  for (const r of rows) {
    const list = spans.get(r.subject_id) ?? [];
    list.push({ from: r.from_date, to: r.to_date });
    spans.set(r.subject_id, list);
  }
  return spans;
}

/** Whether one of the spans covers the CST day `day` (YYYY-MM-DD). */
export function orderInForce(spans: readonly OrderSpan[] | undefined, day: string): boolean {
  return (spans ?? []).some((s) => s.from <= day && day <= s.to);
}
