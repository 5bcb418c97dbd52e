import { describe, expect, it } from "vitest";
import { inPeriod, periodOf } from "./periods.ts";

describe("after-care follow-up periods", () => {
  it("are the calendar month and the calendar quarter", () => {
    expect(periodOf("2026-11-20", 1)).toEqual({ start: "2026-11", end: "2026-11-30" });
    expect(periodOf("2026-11-20", 3)).toEqual({ start: "2026-10", end: "2026-12-31" });
    expect(periodOf("2026-02-03", 3)).toEqual({ start: "2026-01", end: "2026-03-31" });
    expect(periodOf("2028-02-03", 1)).toEqual({ start: "2028-02", end: "2028-02-29" });
    expect(inPeriod("2026-10-01", periodOf("2026-12-31", 3))).toBe(true);
    expect(inPeriod("2026-09-30", periodOf("2026-12-31", 3))).toBe(false);
  });
});
