// The exchange's background work, run every minute by the scheduler (jobs/scheduler.ts), at once for
// one partner when the agency asks (立即推送), and by tests with the clock they choose: collect new
// events into the outbox, then post what is due.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { secretBox } from "./secret-box.ts";
import {
  collectEvents,
  type DeliveryRun,
  deliverDue,
  fetchSender,
  type RunScope,
  type WebhookSender,
} from "./webhooks.ts";

export type ExchangeRun = DeliveryRun & { collected: number };

export async function runExchangeJob(
  db: Db,
  config: Pick<Config, "secretKey" | "dataDir" | "webhookRetrySeconds" | "webhookMaxAttempts">,
  now: Date,
  send: WebhookSender = fetchSender,
  scope: RunScope = {},
): Promise<ExchangeRun> {
  const collected = await collectEvents(db.kysely, now, scope);
  const run = await deliverDue(
    db.kysely,
    secretBox(config),
    { retrySeconds: config.webhookRetrySeconds, maxAttempts: config.webhookMaxAttempts },
    now,
    send,
    scope,
  );
  // A delivery that became a dead letter is an item on the agency's Today: cached answers refresh.
  if (collected > 0 || run.dead > 0) db.writes.note(["exchange"]);
  return { collected, ...run };
}
