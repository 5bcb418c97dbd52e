// What the console shows of the exchange: a partner's recent calls (their audit rows) and the webhook
// deliveries of the county, of a partner or of one person.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { DeliveryStatus, WebhookEvent } from "./tables.ts";
import "./tables.ts";

export interface CallRow {
  at: Date;
  action: string;
  method: string;
  path: string;
  status: number;
}

/** The partner's last 50 signed calls. */
export async function exchangeCalls(db: Kysely<Database>, partnerId: string): Promise<CallRow[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["at", "action", "details"])
    .where("action", "=", "exchange.call")
    .where("record_type", "=", "exchange_partner")
    .where("record_id", "=", partnerId)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => {
    const d = (typeof r.details === "string" ? JSON.parse(r.details) : r.details) as Record<string, unknown>;
    return {
      at: r.at,
      action: r.action,
      method: String(d.method ?? ""),
      path: String(d.path ?? ""),
      status: Number(d.status ?? 0),
    };
  });
}

export interface DeliveryRow {
  id: string;
  partnerId: string;
  partnerName: string;
  event: WebhookEvent;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export async function listDeliveries(
  db: Kysely<Database>,
  filter: { countyId: string; partnerId?: string; subjectId?: string; status?: DeliveryStatus | undefined },
): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom("exchange_delivery")
    .innerJoin("exchange_partner", "exchange_partner.id", "exchange_delivery.partner_id")
    .innerJoin("exchange_webhook", "exchange_webhook.id", "exchange_delivery.webhook_id")
    .select([
      "exchange_delivery.id",
      "exchange_delivery.partner_id",
      "exchange_partner.name",
      "exchange_delivery.event_kind",
      "exchange_webhook.url",
      "exchange_delivery.status",
      "exchange_delivery.attempts",
      "exchange_delivery.next_attempt_at",
      "exchange_delivery.last_error",
      "exchange_delivery.delivered_at",
      "exchange_delivery.created_at",
    ])
    .where("exchange_partner.county_id", "=", filter.countyId);
  if (filter.partnerId) query = query.where("exchange_delivery.partner_id", "=", filter.partnerId);
  if (filter.subjectId) query = query.where("exchange_delivery.subject_id", "=", filter.subjectId);
  if (filter.status) query = query.where("exchange_delivery.status", "=", filter.status);
  const rows = await query.orderBy(sql`exchange_delivery.created_at`, "desc").limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.name,
    event: r.event_kind,
    url: r.url,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  }));
}
