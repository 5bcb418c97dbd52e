// The exchange in the demo county, so that 信息共享 is not empty: the county court registered as a
// partner (without a live key: the demo cannot know the server's secret key, so a user rotates the
// key to try the API), the newest pending handover sent by it, and its webhook with one delivered
// notice and one dead letter to re-send; the prison and rehab centre with their notices (demo-notices.ts).
// Deterministic: fixed ids, times from the demo's `today`.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import "../intake/tables.ts";
import { demoPartnerNotices } from "./demo-notices.ts";
import "./tables.ts";

const at = (today: string, days: number, hour: number) =>
  new Date(Date.parse(`${today}T00:00:00+08:00`) + days * 86_400_000 + hour * 3_600_000);

export async function demoExchange(trx: Kysely<Database>, countyId: string, today: string): Promise<void> {
  const partnerId = `demo-partner-${countyId}-court`;
  const webhookId = `demo-webhook-${countyId}-court`;
  await trx
    .insertInto("exchange_partner")
    .values({
      id: partnerId,
      county_id: countyId,
      kind: "court",
      name: "青禾县人民法院",
      scopes: JSON.stringify(["handover", "court_notice", "status", "webhook"]),
      created_by: null,
      created_at: at(today, -60, 9),
    })
    .execute();
  await demoPartnerNotices(trx, countyId, today, at(today, -60, 11));
  await trx
    .updateTable("handover")
    .set({ partner_id: partnerId })
    .where("id", "=", `demo-handover-${countyId}-3`)
    .execute();
  await trx
    .insertInto("exchange_webhook")
    .values({
      id: webhookId,
      partner_id: partnerId,
      url: "https://fy.qinghe.example.cn/onebook/events",
      events: JSON.stringify(["registration", "revocation_request", "release", "death"]),
      created_at: at(today, -60, 10),
    })
    .execute();
  const subject = await trx
    .selectFrom("subject")
    .select("id")
    .where("county_id", "=", countyId)
    .where("status", "=", "in_correction")
    .orderBy("id")
    .executeTakeFirst();
  if (!subject) return;
  const deliveries = [
    {
      n: 1,
      kind: "registration" as const,
      days: -30,
      status: "delivered" as const,
      attempts: 1,
      error: null,
    },
    {
      n: 2,
      kind: "revocation_request" as const,
      days: -2,
      status: "dead" as const,
      attempts: 8,
      error: "接收方超时未响应",
    },
  ];
  for (const d of deliveries) {
    const id = `demo-delivery-${countyId}-${d.n}`;
    const created = at(today, d.days, 9);
    await trx
      .insertInto("exchange_delivery")
      .values({
        id,
        webhook_id: webhookId,
        partner_id: partnerId,
        event_key: `demo:${d.n}`,
        event_kind: d.kind,
        subject_id: subject.id,
        payload: JSON.stringify({ id, event: d.kind, personRef: `demo-${d.n}` }),
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: created,
        last_error: d.error,
        delivered_at: d.status === "delivered" ? created : null,
        created_at: created,
      })
      .execute();
  }
}
