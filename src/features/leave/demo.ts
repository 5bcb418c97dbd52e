// The demo county's leave as applications (请销假 page, the case page): every approved leave the demo's
// history recorded as a `leave` event becomes an application approved by the office head (or the
// agency head beyond 7 days and for the key person's override), closed by 销假 on its last day when it
// is over. Deterministic: ids and times follow from the events.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import { countyName } from "./divisions.ts";
import "./tables.ts";

/** The demo's destinations (db/demo/leave.ts) as county-level codes of the division data set. */
const DESTINATION_CODES: Record<string, string> = {
  浙江省杭州市: "330102",
  上海市: "310101",
  浙江省宁波市: "330203",
  浙江省温州市: "330302",
  浙江省金华市义乌市: "330782",
  福建省福州市: "350102",
  江苏省南京市: "320106",
  广东省深圳市: "440303",
  禾川省云州市石岭县: "990122",
};

const DAY = 86_400_000;

export async function demoLeaveApplications(trx: Kysely<Database>, today: string): Promise<number> {
  const events = await trx
    .selectFrom("case_event")
    .innerJoin("subject", "subject.id", "case_event.subject_id")
    .select([
      "case_event.id",
      "case_event.subject_id",
      "case_event.office_id",
      "case_event.at",
      "case_event.end_date",
      "case_event.by_role",
      "case_event.data",
      "case_event.recorded_by",
      "subject.county_id",
    ])
    .where("case_event.type", "=", "leave")
    .orderBy("case_event.id")
    .execute();
  let n = 0;
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    const code = DESTINATION_CODES[String(data.destination ?? "")];
    if (!code || !e.end_date) continue;
    const name = (await countyName(trx, code)) ?? String(data.destination);
    const from = cstDate(e.at);
    const days = Math.round((Date.parse(e.end_date) - Date.parse(from)) / DAY) + 1;
    const agency = days > 7 || typeof data.keyOverrideReason === "string";
    const approvedBy = typeof data.approvedBy === "string" ? data.approvedBy : e.recorded_by;
    if (!approvedBy) continue;
    const id = `demo-leave-${e.id}`;
    const appliedAt = new Date(e.at.getTime() - 4 * DAY + 2 * 3_600_000);
    const approvedAt = new Date(e.at.getTime() - 3 * DAY + 7 * 3_600_000);
    const over = e.end_date < today;
    await trx
      .insertInto("leave_application")
      .values({
        id,
        subject_id: e.subject_id,
        county_id: e.county_id,
        office_id: e.office_id,
        kind: "ordinary",
        from_date: from,
        to_date: e.end_date,
        destination_county: code,
        destination_name: name,
        destination_address: null,
        reason: String(data.reason ?? "探亲"),
        status: over ? "closed" : "approved",
        approver: agency ? "agency" : "office",
        channel: "office",
        applied_at: appliedAt,
        applied_by: e.recorded_by,
        approved_at: approvedAt,
        leave_event_id: e.id,
        returned_at: over ? new Date(`${e.end_date}T17:30:00+08:00`) : null,
        return_method: over ? "in_person" : null,
        return_note: over ? "按时返回，到所当面销假" : null,
        closed_by: over ? e.recorded_by : null,
      })
      .execute();
    await trx
      .insertInto("leave_decision")
      .values({
        application_id: id,
        decision: "approve",
        comment: "事由属实，证明材料齐全，同意",
        override_reason: typeof data.keyOverrideReason === "string" ? data.keyOverrideReason : null,
        advice: "{}",
        decided_by: approvedBy,
        decided_role: e.by_role ?? (agency ? "agency_head" : "office_head"),
        decided_at: approvedAt,
      })
      .execute();
    n++;
  }
  return n;
}
