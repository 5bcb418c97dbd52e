// Webhooks of the exchange: a partner subscribes a URL to kinds of events about its persons (the people
// whose handover it sent): registration (receipt of the person), lost contact, a revocation or
// imprisonment request sent to the court, release (or another end of the case), death.
//
// Events are not pushed by the features that record them: `collectEvents` finds them in the records
// (handover, alert, violation_case, case_end) and writes one outbox row per event and subscription
// (unique key), so running it again adds nothing and no feature's transaction grows a network call.
// `deliverDue` then posts what is due, signed like the partner's own calls (the HMAC of method, path,
// timestamp and the body's SHA-256 under the partner's current secret), retrying with exponential
// back-off and setting a delivery aside as a dead letter after the configured number of attempts.
// Both take `now` from the caller (the job, or a test), never from the machine.
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { type Actor, systemActor, writeAudit } from "../../audit/audit.ts";
import type { Database } from "../../db/schema.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { methodPathTimestampBodyHash, signText } from "../../http/signed-request.ts";
import { cstIso } from "../../shared/time.ts";
import { currentSecret } from "./partners.ts";
import type { SecretBox } from "./secret-box.ts";
import type { WebhookEvent } from "./tables.ts";
import "../release/tables.ts";
import "../violations/tables.ts";
import "../alerts/tables.ts";

export const webhookActor: Actor = { ...systemActor, name: "信息共享推送", role: "system" };

export interface RetryRule {
  /** Seconds before the first retry; each further retry waits twice as long. */
  retrySeconds: number;
  /** Attempts before the delivery becomes a dead letter. */
  maxAttempts: number;
}

/** When the attempt after `attempts` failed ones is due: retrySeconds × 2^(attempts − 1) later. */
export function nextAttemptAt(now: Date, attempts: number, rule: RetryRule): Date {
  return new Date(now.getTime() + rule.retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  retiredAt: Date | null;
}

export async function listWebhooks(db: Kysely<Database>, partnerId: string): Promise<WebhookView[]> {
  const rows = await db
    .selectFrom("exchange_webhook")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    events: r.events,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  }));
}

export async function subscribe(
  db: Kysely<Database>,
  actor: Actor,
  partner: { id: string; countyId: string },
  input: { url: string; events: WebhookEvent[] },
  now: Date,
): Promise<WebhookView> {
  const id = randomUUID();
  const events = [...new Set(input.events)];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("exchange_webhook")
      .values({ id, partner_id: partner.id, url: input.url, events: JSON.stringify(events), created_at: now })
      .execute();
    await writeAudit(trx, actor, {
      action: "exchange_webhook.subscribe",
      recordType: "exchange_webhook",
      recordId: id,
      placeId: partner.countyId,
      details: { partnerId: partner.id, url: input.url, events },
    });
  });
  return { id, url: input.url, events, createdAt: now, retiredAt: null };
}

export async function unsubscribe(
  db: Kysely<Database>,
  actor: Actor,
  partner: { id: string; countyId: string },
  webhookId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("exchange_webhook")
      .set({ retired_at: now })
      .where("id", "=", webhookId)
      .where("partner_id", "=", partner.id)
      .where("retired_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw notFound("推送订阅");
    await writeAudit(trx, actor, {
      action: "exchange_webhook.unsubscribe",
      recordType: "exchange_webhook",
      recordId: webhookId,
      placeId: partner.countyId,
      details: { partnerId: partner.id },
    });
  });
}

interface FoundEvent {
  kind: WebhookEvent;
  key: string;
  subjectId: string;
  ref: string;
  at: Date;
  details: Record<string, unknown>;
}

/** The events of one partner's persons at or after `since`. */
async function partnerEvents(db: Kysely<Database>, partnerId: string, since: Date): Promise<FoundEvent[]> {
  const persons = db
    .selectFrom("handover")
    .select(["handover.id as ref", "handover.subject_id"])
    .where("handover.partner_id", "=", partnerId)
    .where("handover.subject_id", "is not", null);
  const registered = await db
    .selectFrom("handover")
    .innerJoin("subject", "subject.id", "handover.subject_id")
    .innerJoin("place", "place.id", "subject.office_id")
    .select([
      "handover.id",
      "handover.subject_id",
      "handover.registered_at",
      "subject.book_number",
      "place.name",
    ])
    .where("handover.partner_id", "=", partnerId)
    .where("handover.registered_at", ">=", since)
    .execute();
  const out: FoundEvent[] = registered.map((r) => ({
    kind: "registration",
    key: `registration:${r.id}`,
    subjectId: r.subject_id!,
    ref: r.id,
    at: r.registered_at!,
    details: { bookNumber: r.book_number, office: r.name },
  }));
  const refs = new Map((await persons.execute()).map((p) => [p.subject_id!, p.ref]));
  if (refs.size === 0) return out;
  const subjectIds = [...refs.keys()];
  const ends = await db
    .selectFrom("case_end")
    .select(["id", "subject_id", "kind", "end_date", "recorded_at"])
    .where("subject_id", "in", subjectIds)
    .where("recorded_at", ">=", since)
    .execute();
  for (const e of ends)
    out.push({
      kind: e.kind === "death" ? "death" : "release",
      key: `end:${e.id}`,
      subjectId: e.subject_id,
      ref: refs.get(e.subject_id)!,
      at: new Date(e.recorded_at),
      details: { endKind: e.kind, endDate: e.end_date },
    });
  const lost = await db
    .selectFrom("alert")
    .select(["id", "subject_id", "raised_at"])
    .where("kind", "=", "lost_contact")
    .where("subject_id", "in", subjectIds)
    .where("raised_at", ">=", since)
    .execute();
  for (const a of lost)
    out.push({
      kind: "lost_contact",
      key: `lost_contact:${a.id}`,
      subjectId: a.subject_id!,
      ref: refs.get(a.subject_id!)!,
      at: a.raised_at,
      details: {},
    });
  const requests = await db
    .selectFrom("violation_case")
    .select(["id", "subject_id", "proposed_measure", "court_requested_at"])
    .where("subject_id", "in", subjectIds)
    .where("proposed_measure", "in", ["revocation_request", "imprisonment_request"])
    .where("court_requested_at", ">=", since)
    .execute();
  for (const v of requests)
    out.push({
      kind: "revocation_request",
      key: `revocation_request:${v.id}`,
      subjectId: v.subject_id,
      ref: refs.get(v.subject_id)!,
      at: v.court_requested_at!,
      details: { caseId: v.id, measure: v.proposed_measure },
    });
  return out;
}

/** Which deliveries a run handles: all (the minute job), or one partner's (the agency's 立即推送). */
export interface RunScope {
  partnerId?: string;
}

/** Writes an outbox row for every new event of every live subscription (of the scope); answers how many. */
export async function collectEvents(db: Kysely<Database>, now: Date, scope: RunScope = {}): Promise<number> {
  let hooksQuery = db
    .selectFrom("exchange_webhook")
    .innerJoin("exchange_partner", "exchange_partner.id", "exchange_webhook.partner_id")
    .select([
      "exchange_webhook.id",
      "exchange_webhook.partner_id",
      "exchange_webhook.events",
      "exchange_webhook.created_at",
    ])
    .where("exchange_webhook.retired_at", "is", null)
    .where("exchange_partner.retired_at", "is", null)
    .where(sql<boolean>`exchange_partner.scopes @> '["webhook"]'::jsonb`);
  if (scope.partnerId) hooksQuery = hooksQuery.where("exchange_webhook.partner_id", "=", scope.partnerId);
  const hooks = await hooksQuery.execute();
  let added = 0;
  for (const hook of hooks) {
    const wanted = new Set(hook.events);
    const events = (await partnerEvents(db, hook.partner_id, hook.created_at)).filter((e) =>
      wanted.has(e.kind),
    );
    if (events.length === 0) continue;
    const rows = await db
      .insertInto("exchange_delivery")
      .values(
        events.map((e) => {
          const id = randomUUID();
          return {
            id,
            webhook_id: hook.id,
            partner_id: hook.partner_id,
            event_key: e.key,
            event_kind: e.kind,
            subject_id: e.subjectId,
            // No names or ID numbers: the partner knows its person by the handover's reference.
            payload: JSON.stringify({
              id,
              event: e.kind,
              occurredAt: cstIso(e.at),
              personRef: e.ref,
              ...e.details,
            }),
            next_attempt_at: now,
            created_at: now,
          };
        }),
      )
      .onConflict((oc) => oc.columns(["webhook_id", "event_key"]).doNothing())
      .returning("id")
      .execute();
    added += rows.length;
  }
  return added;
}

/** How long a delivery being sent stays claimed by its run (longer than the sender's 10 s timeout). */
const CLAIM_LEASE_MS = 60_000;

/** Sends one payload; answers the HTTP status, or throws on a network failure or timeout. */
export type WebhookSender = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

export const fetchSender: WebhookSender = async (url, headers, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  return response.status;
};

export interface DeliveryRun {
  delivered: number;
  failed: number;
  dead: number;
}

/** Posts every pending delivery due at `now`; records each outcome (and audits deliveries and dead letters). */
export async function deliverDue(
  db: Kysely<Database>,
  box: SecretBox,
  rule: RetryRule,
  now: Date,
  send: WebhookSender = fetchSender,
  scope: RunScope = {},
): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, failed: 0, dead: 0 };
  let dueQuery = db
    .selectFrom("exchange_delivery")
    .innerJoin("exchange_webhook", "exchange_webhook.id", "exchange_delivery.webhook_id")
    .innerJoin("exchange_partner", "exchange_partner.id", "exchange_delivery.partner_id")
    .select([
      "exchange_delivery.id",
      "exchange_delivery.partner_id",
      "exchange_delivery.event_kind",
      "exchange_delivery.subject_id",
      "exchange_delivery.payload",
      "exchange_delivery.attempts",
      "exchange_webhook.url",
      "exchange_partner.county_id",
    ])
    .where("exchange_delivery.status", "=", "pending")
    .where("exchange_delivery.next_attempt_at", "<=", now);
  if (scope.partnerId) dueQuery = dueQuery.where("exchange_delivery.partner_id", "=", scope.partnerId);
  const due = await dueQuery.orderBy("exchange_delivery.next_attempt_at").limit(100).execute();
  for (const d of due) {
    // Claimed before the post: another run (the minute job beside an operator's 立即推送, or another
    // instance) that read the same row finds it no longer due and leaves it. The lease outlasts the
    // send's timeout; the outcome below replaces it.
    const claimed = await db
      .updateTable("exchange_delivery")
      .set({ next_attempt_at: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where("id", "=", d.id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .returning("id")
      .executeTakeFirst();
    if (!claimed) continue;
    const key = await currentSecret(db, box, d.partner_id);
    const body = JSON.stringify(d.payload);
    let status: number | null = null;
    let problem: string | null = null;
    if (!key) problem = "接入单位没有可用的密钥";
    else {
      const timestamp = now.toISOString();
      const url = new URL(d.url);
      const signature = signText(
        key.secret,
        methodPathTimestampBodyHash({
          method: "POST",
          path: url.pathname + url.search,
          timestamp,
          rawBody: body,
        }),
      );
      try {
        status = await send(
          d.url,
          {
            "content-type": "application/json",
            "x-onebook-key": key.keyId,
            "x-onebook-event": d.event_kind,
            "x-onebook-delivery": d.id,
            "x-onebook-timestamp": timestamp,
            "x-onebook-signature": signature,
          },
          body,
        );
        if (status < 200 || status >= 300) problem = `接收方返回错误（状态码 ${status}）`;
      } catch (error) {
        // The reason stays in the log; the console shows a Chinese sentence.
        problem = (error as Error)?.name === "TimeoutError" ? "接收方超时未响应" : "无法连接接收方";
      }
    }
    const attempts = d.attempts + 1;
    const outcome = problem === null ? "delivered" : attempts >= rule.maxAttempts ? "dead" : "pending";
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("exchange_delivery")
        .set({
          status: outcome,
          attempts,
          last_status: status,
          last_error: problem,
          delivered_at: outcome === "delivered" ? now : null,
          next_attempt_at: outcome === "pending" ? nextAttemptAt(now, attempts, rule) : now,
        })
        .where("id", "=", d.id)
        .execute();
      if (outcome !== "pending")
        await writeAudit(
          trx,
          { ...webhookActor, at: now },
          {
            action: outcome === "delivered" ? "exchange_delivery.delivered" : "exchange_delivery.dead_letter",
            recordType: "exchange_delivery",
            recordId: d.id,
            subjectId: d.subject_id ?? undefined,
            placeId: d.county_id,
            details: { partnerId: d.partner_id, event: d.event_kind, attempts, error: problem },
          },
        );
    });
    if (outcome === "delivered") run.delivered++;
    else if (outcome === "dead") run.dead++;
    else run.failed++;
  }
  return run;
}

/** Puts a dead letter back in the queue, due now, with a fresh count of attempts. */
export async function retryDelivery(
  db: Kysely<Database>,
  actor: Actor,
  countyId: string,
  deliveryId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("exchange_delivery")
      .innerJoin("exchange_partner", "exchange_partner.id", "exchange_delivery.partner_id")
      .select([
        "exchange_delivery.id",
        "exchange_delivery.status",
        "exchange_delivery.subject_id",
        "exchange_delivery.partner_id",
      ])
      .where("exchange_delivery.id", "=", deliveryId)
      .where("exchange_partner.county_id", "=", countyId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("推送记录");
    if (row.status !== "dead") throw conflict("只有未能送达（已停止重试）的推送才能重新发送");
    await trx
      .updateTable("exchange_delivery")
      .set({ status: "pending", attempts: 0, next_attempt_at: now })
      .where("id", "=", deliveryId)
      .execute();
    await writeAudit(trx, actor, {
      action: "exchange_delivery.retry",
      recordType: "exchange_delivery",
      recordId: deliveryId,
      subjectId: row.subject_id ?? undefined,
      placeId: countyId,
      details: { partnerId: row.partner_id },
    });
  });
}
