// The in-process schedule of the background sweeps (croner): once shortly after start, then every
// ten minutes. A run that is still going when the next one is due is skipped (croner `protect`).
import { Cron } from "croner";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/connect.ts";
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
  return {
    stop() {
      clearTimeout(first);
      cron.stop();
    },
  };
}
