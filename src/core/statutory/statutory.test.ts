import { describe, expect, it } from "vitest";
import { formatDate, parseDate } from "../calendar/days.ts";
import { caseReviewDueDay } from "../deadlines/case-review.ts";
import { compilePolicy } from "../policy/compiled.ts";
import { getPolicy } from "../policy/registry.ts";
import { handoverClocks, measureForOutOfSupervision } from "./statutory.ts";

const policy = getPolicy();

describe("statutory clocks (Community Correction Law Arts. 20–21)", () => {
  it("counts notice, documents and report from the judgment's effective day", () => {
    const c = handoverClocks(policy, parseDate("2025-08-01"), "probation");
    expect([c.notifyAgencyBy, c.documentsBy, c.reportBy, c.alertOn].map(formatDate)).toEqual([
      "2025-08-06",
      "2025-08-11",
      "2025-08-11",
      "2025-08-12",
    ]);
    expect(formatDate(handoverClocks(policy, parseDate("2025-08-01"), "temporary_release").reportBy)).toBe(
      "2025-08-11",
    );
  });
});

describe("sanction ladder for time out of supervision", () => {
  const measure = (from: string, to: string) =>
    measureForOutOfSupervision(policy, parseDate(from), parseDate(to));

  it("up to 10 days a reprimand, more a warning, more than a month a revocation request", () => {
    expect(measure("2025-08-01", "2025-08-10")).toBe("reprimand"); // 10 days
    expect(measure("2025-08-01", "2025-08-11")).toBe("warning"); // 11 days
    expect(measure("2025-08-01", "2025-08-30")).toBe("warning"); // 30 days
    expect(measure("2025-08-01", "2025-08-31")).toBe("revocation_request"); // 31 days: more than one month
    expect(measure("2025-01-31", "2025-03-01")).toBe("warning"); // 30 days, whatever the calendar month
    expect(measure("2025-01-31", "2025-03-02")).toBe("revocation_request");
  });
});

describe("case review (seed 000 §十一)", () => {
  it("is due one month after the event", () => {
    expect(formatDate(caseReviewDueDay(compilePolicy(policy), parseDate("2025-03-31")))).toBe("2025-04-30");
  });
});
