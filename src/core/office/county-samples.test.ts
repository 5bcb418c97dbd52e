import { describe, expect, it } from "vitest";
import { getPolicy } from "../policy/index.ts";
import { countyVisitSampleRequired } from "./county-samples.ts";

describe("the county's visit samples", () => {
  it("rounds once for the county: 7 + 8 strict persons need ⌈15 × 20%⌉ = 3 visits a month", () => {
    const profile = getPolicy();
    const county = countyVisitSampleRequired(profile, {
      keyOrStrictAtMonthStart: 15,
      normalAtQuarterStart: 140,
    });
    expect(county.month).toBe(3);
    expect(county.quarter).toBe(5); // ⌈140 × 3%⌉ = ⌈4.2⌉
    const perOffice = [7, 8].map(
      (n) =>
        countyVisitSampleRequired(profile, { keyOrStrictAtMonthStart: n, normalAtQuarterStart: 0 }).month,
    );
    expect(perOffice).toEqual([2, 2]); // what office-by-office rounding would have asked
    expect(
      countyVisitSampleRequired(profile, { keyOrStrictAtMonthStart: 0, normalAtQuarterStart: 0 }),
    ).toMatchObject({
      month: 0,
      quarter: 0,
    });
  });
});
