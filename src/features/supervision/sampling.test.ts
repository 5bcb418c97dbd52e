import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawSample, newSeed } from "./sampling.ts";

const ids = Array.from({ length: 40 }, (_, i) => `S${i + 1}`);

describe("drawSample", () => {
  it("gives the same pick for the same seed, whatever the order of the population", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 45 }), (seed, count) => {
        const a = drawSample(ids, count, seed);
        const b = drawSample([...ids].reverse(), count, seed);
        expect(a).toEqual(b);
        expect(a.length).toBe(Math.min(count, ids.length));
        expect(new Set(a).size).toBe(a.length);
        for (const id of a) expect(ids).toContain(id);
      }),
    );
  });

  it("is the persons with the smallest sha256(seed:id), which anyone can recompute", () => {
    const seed = "0f1e2d3c";
    const expected = [...ids]
      .sort((x, y) => {
        const hx = createHash("sha256").update(`${seed}:${x}`).digest("hex");
        const hy = createHash("sha256").update(`${seed}:${y}`).digest("hex");
        return hx < hy ? -1 : 1;
      })
      .slice(0, 4);
    expect(drawSample(ids, 4, seed)).toEqual(expected);
  });

  it("differs between seeds and picks nobody from nobody", () => {
    expect(drawSample(ids, 5, newSeed())).not.toEqual(drawSample(ids, 5, "another seed"));
    expect(drawSample([], 3, "x")).toEqual([]);
    expect(newSeed()).toMatch(/^[0-9a-f]{32}$/);
  });
});
