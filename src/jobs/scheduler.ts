// The in-process schedule of the background sweeps (croner): once shortly after start, then every
// ten minutes; and the exchange's webhook deliveries every minute (features/exchange/job.ts). A run
// that is still going when the next one is due is skipped (croner `protect`).
import { Cron } from "croner";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { runExchangeJob } from "../features/exchange/job.ts";
import type { CountyPolicies } from "../features/policy/county-policy.ts";
import type { Clock } from "../shared/clock.ts";
import { runSweep } from "./sweep.ts";

export interface Jobs {
  stop(): void;
}

export function startJobs(
  db: Db,
  log: FastifyBaseLogger,
  clock: Clock,
  policies: CountyPolicies,
  pattern = "0 */10 * * * *",
  /** Runs the exchange's deliveries too (with the secrets' key and the retry numbers). */
  exchange?: Config,
): Jobs {
  const run = async () => {
    try {
      const summary = await runSweep(db, clock.now(), policies);
      log.info(
        { sweep: summary },
        summary.skipped ? "sweep skipped: another instance holds the lock" : "sweep done",
      );
    } catch (error) {
      log.error({ err: error }, "sweep failed");
    }
  };
  // The schedule is elapsed time on the machine's clock; each sweep judges at the product's `clock.now()`.
  const cron = new Cron(pattern, { protect: true, timezone: "Asia/Shanghai" }, run);
  const first = setTimeout(() => void run(), 5_000);
  const deliveries = exchange
    ? new Cron("30 * * * * *", { protect: true, timezone: "Asia/Shanghai" }, async () => {
        try {
          const result = await runExchangeJob(db, exchange, clock.now());
          if (result.collected + result.delivered + result.failed + result.dead > 0)
            log.info({ exchange: result }, "exchange deliveries");
        } catch (error) {
          log.error({ err: error }, "exchange deliveries failed");
        }
      })
    : null;
  return {
    stop() {
      clearTimeout(first);
      cron.stop();
      deliveries?.stop();
    },
  };
}
