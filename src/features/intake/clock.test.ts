import { describe, expect, it } from "vitest";
import { getPolicy } from "../../core/index.ts";
import { basisText } from "../../glossary.ts";
import { handoverClock } from "./clock.ts";

describe("handover clock", () => {
  const policy = getPolicy();
  const days = policy.statutory.handover.reportWithinDays;

  it("runs from the judgment's effective date by the profile's number of days", () => {
    expect(days).toBe(10);
    const clock = handoverClock("2026-03-01", "probation", null, "2026-03-05", policy);
    expect(clock.reportBy).toBe("2026-03-11");
    expect(clock.alertOn).toBe("2026-03-12");
    expect(clock.status).toBe("open");
    expect(clock.daysLeft).toBe(6);
    expect(clock.basis).toContain("《社区矫正法》第20–21条");
  });

  it("flags a person not registered in time, and tells on-time from late registration", () => {
    expect(handoverClock("2026-03-01", "parole", null, "2026-03-11", policy).status).toBe("open");
    expect(handoverClock("2026-03-01", "parole", null, "2026-03-12", policy).status).toBe("overdue");
    expect(handoverClock("2026-03-01", "parole", "2026-03-11", "2026-04-01", policy).status).toBe("met");
    expect(handoverClock("2026-03-01", "parole", "2026-03-12", "2026-04-01", policy).status).toBe("late");
  });

  it("shows the basis in Chinese", () => {
    expect(basisText("seed 000 §四")).toBe("《一人一册实施方案》§四");
    expect(basisText("seed 000 §十三 phase 3: everyone from 2025-10-01")).toBe(
      "《一人一册实施方案》§十三 第三阶段",
    );
  });
});
