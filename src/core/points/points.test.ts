import { describe, expect, it } from "vitest";
import { getPolicy } from "../policy/index.ts";
import { levelFromScore, monthlyScore, type PointsEvent } from "./points.ts";

const rule = getPolicy().points;

describe("the monthly points score (seed 004)", () => {
  const events: PointsEvent[] = [
    { type: "phone_report", date: "2026-11-03" },
    { type: "phone_report", date: "2026-11-17" },
    { type: "in_person_report", date: "2026-11-10" },
    { type: "education", hours: 3, date: "2026-11-12" },
    { type: "education", hours: 5, date: "2026-11-26" },
    { type: "public_service", hours: 8, date: "2026-11-14" },
    { type: "violation", kind: "reporting", date: "2026-11-20" },
    { type: "sanction", kind: "reprimand", date: "2026-11-21" },
    { type: "field_visit", date: "2026-11-05" },
    { type: "phone_report", date: "2026-10-31" },
  ];

  it("adds each item's points to the base, counting only the month's events", () => {
    const s = monthlyScore(events, "2026-11", rule);
    // By hand: 60 + 2×2 + 1×4 + 8×1 + 8×1 − 10 − 15 = 59.
    expect(s.score).toBe(59);
    expect(s.lines).toEqual([
      { item: "phone_report", count: 2, points: 2, subtotal: 4 },
      { item: "in_person_report", count: 1, points: 4, subtotal: 4 },
      { item: "education_hour", count: 8, points: 1, subtotal: 8 },
      { item: "public_service_hour", count: 8, points: 1, subtotal: 8 },
      { item: "violation", count: 1, points: -10, subtotal: -10 },
      { item: "reprimand", count: 1, points: -15, subtotal: -15 },
    ]);
  });

  it("keeps the score between 0 and the maximum", () => {
    const many = Array.from({ length: 40 }, () => ({ type: "in_person_report", date: "2026-11-02" }));
    expect(monthlyScore(many, "2026-11", rule).score).toBe(rule.max);
    const bad = Array.from({ length: 5 }, () => ({ type: "sanction", kind: "warning", date: "2026-11-02" }));
    expect(monthlyScore(bad, "2026-11", rule).score).toBe(0);
    expect(monthlyScore([], "2026-11", rule)).toMatchObject({ score: rule.base, lines: [] });
  });

  it("proposes strict, normal or lenient from the score; never changes a key person", () => {
    expect(levelFromScore("normal", 59, rule, true)).toBe("strict");
    expect(levelFromScore("strict", 59, rule, true)).toBeNull();
    expect(levelFromScore("strict", 75, rule, true)).toBe("normal");
    expect(levelFromScore("strict", 74, rule, true)).toBeNull();
    expect(levelFromScore("normal", 90, rule, true)).toBe("lenient");
    expect(levelFromScore("normal", 90, rule, false)).toBeNull();
    expect(levelFromScore("lenient", 74, rule, true)).toBe("normal");
    expect(levelFromScore("lenient", 95, rule, true)).toBeNull();
    expect(levelFromScore("key", 0, rule, true)).toBeNull();
  });
});
