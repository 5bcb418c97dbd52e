// A recorded check replaces the person's facts in the office's lists, which stay in time order
// (checksOn and the standards read them in that order) without sorting the whole quarter again.
import { describe, expect, it } from "vitest";
import { type CheckFact, mergeFacts } from "./office-state.ts";

const fact = (id: number, subjectId: string, ms: number): CheckFact => ({
  id,
  subjectId,
  at: new Date(ms).toISOString(),
  ms,
  by: "office",
  byUser: null,
  recordedAt: new Date(ms).toISOString(),
});

describe("mergeFacts", () => {
  it("drops the touched persons' old facts and merges their fresh ones in time order", () => {
    const kept = [fact(1, "a", 10), fact(2, "b", 20), fact(3, "a", 30), fact(4, "c", 40), fact(5, "b", 50)];
    const fresh = [fact(2, "b", 20), fact(9, "b", 35), fact(5, "b", 50), fact(10, "b", 60)];
    const merged = mergeFacts(kept, new Set(["b"]), fresh);
    expect(merged.map((f) => f.id)).toEqual([1, 2, 3, 9, 4, 5, 10]);
  });

  it("orders facts of the same instant by id, and removes a person whose facts are all gone", () => {
    const kept = [fact(1, "a", 10), fact(3, "b", 10), fact(4, "c", 20)];
    expect(mergeFacts(kept, new Set(["a"]), [fact(2, "a", 10)]).map((f) => f.id)).toEqual([2, 3, 4]);
    expect(mergeFacts(kept, new Set(["c"]), []).map((f) => f.id)).toEqual([1, 3]);
  });
});
