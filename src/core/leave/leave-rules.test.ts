import { describe, expect, it } from "vitest";
import { formatDate, parseDate } from "../calendar/days.ts";
import { getPolicy } from "../policy/registry.ts";
import type { Level } from "../policy/schema.ts";
import { adviseLeave, leaveFilesDueDay } from "./leave-rules.ts";

const policy = getPolicy();
const advise = (
  level: Level,
  from: string,
  to: string,
  appliedOn: string,
  override: { reason: string } | null = null,
) =>
  adviseLeave(policy, {
    level,
    from: parseDate(from),
    to: parseDate(to),
    appliedOn: parseDate(appliedOn),
    override,
  });
const codes = (a: ReturnType<typeof advise>) => a.problems.map((p) => p.code);

describe("leave applications", () => {
  it("up to 7 days the office approves, longer the agency", () => {
    expect(advise("normal", "2025-08-10", "2025-08-16", "2025-08-01")).toEqual({
      days: 7,
      approver: "office",
      problems: [],
    });
    expect(advise("normal", "2025-08-10", "2025-08-17", "2025-08-01").approver).toBe("agency");
  });

  it("one approval covers at most 30 days", () => {
    expect(codes(advise("normal", "2025-08-01", "2025-08-30", "2025-07-01"))).toEqual([]);
    expect(codes(advise("normal", "2025-08-01", "2025-08-31", "2025-07-01"))).toEqual(["too_long"]);
  });

  it("is applied for 3 days ahead", () => {
    expect(codes(advise("normal", "2025-08-10", "2025-08-11", "2025-08-07"))).toEqual([]);
    expect(codes(advise("normal", "2025-08-10", "2025-08-11", "2025-08-08"))).toEqual(["applied_late"]);
  });

  it("refuses a key person's leave unless the approver overrides with a reason", () => {
    expect(codes(advise("key", "2025-08-10", "2025-08-11", "2025-08-01"))).toEqual(["key_person_refused"]);
    expect(
      codes(advise("key", "2025-08-10", "2025-08-11", "2025-08-01", { reason: "father's funeral" })),
    ).toEqual([]);
    expect(codes(advise("strict", "2025-08-10", "2025-08-11", "2025-08-01"))).toEqual([]);
    expect(advise("key", "2025-08-10", "2025-08-11", "2025-08-01").problems[0]?.basis).toBe(
      "seed 000 §九.2(2)",
    );
  });

  it("hands a month's leave files in by the 10th of the next month", () => {
    expect(formatDate(leaveFilesDueDay(policy, parseDate("2025-01-31")))).toBe("2025-02-10");
    expect(formatDate(leaveFilesDueDay(policy, parseDate("2025-12-05")))).toBe("2026-01-10");
  });
});
