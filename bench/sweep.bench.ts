// The whole county's sweep (jobs/sweep.ts) on the scaled demo county: every office's subjects judged
// by the rules engine from the database, overdue items turned into alerts, escalations, samples drawn.
// The first run raises the backlog; the second shows the steady state (idempotent: nothing new).
import { runSweep } from "../src/jobs/sweep.ts";
import { benchClock, counties } from "./county.ts";

const GOAL_SECONDS = 10;

export async function benchSweep(): Promise<void> {
  for (const county of await counties()) {
    const first = await runSweep(county.db, benchClock.now());
    const second = await runSweep(county.db, benchClock.now());
    const verdict = (ms: number) => (ms / 1000 < GOAL_SECONDS ? "within" : "OVER");
    console.log(
      `  ${county.label}: county sweep of ${first.subjects} subjects in ${first.offices} offices: ` +
        `first run ${(first.ms / 1000).toFixed(2)} s (${first.alertsRaised} alerts raised, ${first.samplesDrawn} samples drawn; ` +
        `${verdict(first.ms)} the ${GOAL_SECONDS} s goal), second run ${(second.ms / 1000).toFixed(2)} s ` +
        `(${second.alertsRaised} new alerts, ${verdict(second.ms)} the goal)`,
    );
  }
}
