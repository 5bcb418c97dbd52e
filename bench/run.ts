// Runs the project's benchmarks in order: `npx tsx bench/run.ts` (or `npm run bench`).
// Each entry is one benchmark; add new ones to the list.
import { benchLocation } from "./location.bench.ts";
import { benchRules } from "./rules.bench.ts";
import { benchSweep } from "./sweep.bench.ts";
import { benchToday } from "./today.bench.ts";

const benchmarks: { name: string; run: () => Promise<void> }[] = [
  { name: "rules", run: () => benchRules() },
  // Daily supervision on the demo county scaled to BENCH_SUBJECTS (default 3,000): built once per
  // database by bench/county.ts; the sweep runs first, then Today (which closes the databases).
  { name: "sweep", run: () => benchSweep() },
  { name: "today", run: () => benchToday() },
  // Location ingest vs a raw COPY, and the zone check against 10 and 10,000 zones (its own databases).
  { name: "location", run: () => benchLocation() },
];

for (const benchmark of benchmarks) {
  console.log(`== ${benchmark.name}`);
  await benchmark.run();
}
