// The evaluation context: what the evaluations of one batch share — a command-line run, an office's
// state, a sweep, a benchmark — created by the caller and passed to `evaluateCase`. The engine keeps
// no evaluation state of its own between calls (beyond the compiled profiles of `compilePolicy` and
// the date texts of `formatDate`); everything an evaluation may reuse from the last is here:
// - per compiled policy (kept by the policy object, so each county's profile in one sweep gets its
//   own and nothing outlives its policy): the periodic kinds' period kinds and reach, the due days
//   counted from each intake day, the rollout's basis texts;
// - per output window: the obligation periods with their texts;
// - buffers overwritten by every case: the event pass's day counts, the obligation collector.
// Every table is a pure function of its key, made on first use, so a result never depends on what
// the context saw before: a fresh context per case gives the same output, only slower.
import { DueDays } from "./deadlines/deadlines.ts";
import { DayCounts } from "./events/event-index.ts";
import { ObligationCollector, PeriodicKinds, WindowPeriods } from "./obligations/obligations.ts";
import type { CompiledPolicy } from "./policy/compiled.ts";
import { RolloutTexts } from "./rollout/rollout.ts";

/** The tables made once per compiled policy. */
export interface PolicyTables {
  readonly periodicKinds: PeriodicKinds;
  readonly dueDays: DueDays;
  readonly rolloutTexts: RolloutTexts;
}

export class EvaluationContext {
  readonly dayCounts = new DayCounts();
  readonly windows = new WindowPeriods();
  readonly collector = new ObligationCollector();
  private readonly byPolicy = new WeakMap<CompiledPolicy, PolicyTables>();

  /** The tables of a compiled policy, made the first time it is asked for. */
  tables(policy: CompiledPolicy): PolicyTables {
    let tables = this.byPolicy.get(policy);
    if (!tables) {
      tables = {
        periodicKinds: new PeriodicKinds(policy),
        dueDays: new DueDays(policy),
        rolloutTexts: new RolloutTexts(),
      };
      this.byPolicy.set(policy, tables);
    }
    return tables;
  }
}
