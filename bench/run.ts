// Runs the project's benchmarks in order: `npx tsx bench/run.ts` (or `npm run bench`).
// Each entry is one benchmark; add new ones to the list.
import { benchRules } from "./rules.bench.ts";

const benchmarks: { name: string; run: () => Promise<void> }[] = [{ name: "rules", run: () => benchRules() }];

for (const benchmark of benchmarks) {
  console.log(`== ${benchmark.name}`);
  await benchmark.run();
}
