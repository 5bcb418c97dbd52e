import { describe, expect, it } from "vitest";
import { parseSanctionInput } from "./sanction-schema.ts";

const at = (d: string) => `${d}T10:00:00+08:00`;
const valid = () => ({
  asOf: at("2025-09-20"),
  subject: { id: "S1", correctionType: "probation" },
  violations: [
    { id: "V1", kind: "reporting", severity: "minor", at: at("2025-06-01") },
    { id: "V2", kind: "out_of_supervision", days: 5, at: at("2025-07-01") },
  ] as Record<string, unknown>[],
  sanctions: [
    { id: "N1", kind: "reprimand", at: at("2025-06-05"), violationIds: ["V1"], corrected: true },
  ] as Record<string, unknown>[],
  court: null as Record<string, unknown> | null,
});

/** The path of the one problem, or "ok". */
function pathOf(data: unknown): string {
  const parsed = parseSanctionInput(data);
  return parsed.ok ? "ok" : parsed.problem.path;
}

describe("sanction input", () => {
  it("accepts the contract's shape, court null or absent", () => {
    expect(pathOf(valid())).toBe("ok");
    const { court: _court, ...noCourt } = valid();
    expect(pathOf(noCourt)).toBe("ok");
  });

  it("refuses unknown fields, unknown kinds and policies, naming the path", () => {
    const a = valid();
    (a.violations[1] as Record<string, unknown>).note = "x";
    expect(pathOf(a)).toBe("violations[1].note");
    const b = valid();
    (b.sanctions[0] as Record<string, unknown>).kind = "praise";
    expect(pathOf(b)).toBe("sanctions[0].kind");
    expect(pathOf({ ...valid(), policy: "nowhere" })).toBe("policy");
    expect(pathOf({ ...valid(), subject: { id: "S1", correctionType: "bail" } })).toBe(
      "subject.correctionType",
    );
    expect(pathOf({ ...valid(), extra: 1 })).toBe("extra");
  });

  it("severity is required for the rule kinds and prohibition orders, refused for the others", () => {
    const a = valid();
    delete a.violations[0]?.severity;
    expect(pathOf(a)).toBe("violations[0].severity");
    const b = valid();
    (b.violations[1] as Record<string, unknown>).severity = "minor";
    expect(pathOf(b)).toBe("violations[1].severity");
    const c = valid();
    c.violations.push({ id: "V3", kind: "education_refusal", severity: "minor", at: at("2025-07-02") });
    expect(pathOf(c)).toBe("violations[2].severity");
  });

  it("days is an integer ≥ 1 for 脱管 and late 报到 only", () => {
    const withDays = (days: unknown) => {
      const a = valid();
      (a.violations[1] as Record<string, unknown>).days = days;
      return pathOf(a);
    };
    expect([0, 1.5, "3", undefined].map(withDays)).toEqual(Array(4).fill("violations[1].days"));
    const b = valid();
    (b.violations[0] as Record<string, unknown>).days = 3;
    expect(pathOf(b)).toBe("violations[0].days");
  });

  it("ids are unique across both lists; the repeat is named at the later item", () => {
    const a = valid();
    (a.sanctions[0] as Record<string, unknown>).id = "V2";
    expect(pathOf(a)).toBe("sanctions[0].id");
    const b = valid();
    (b.violations[1] as Record<string, unknown>).id = "V1";
    expect(pathOf(b)).toBe("violations[1].id");
  });

  it("violationIds must name earlier violations", () => {
    const a = valid();
    (a.sanctions[0] as Record<string, unknown>).violationIds = ["V1", "N1"];
    expect(pathOf(a)).toBe("sanctions[0].violationIds[1]");
    const b = valid();
    (b.sanctions[0] as Record<string, unknown>).violationIds = ["V1", "V2"]; // V2 is after N1
    expect(pathOf(b)).toBe("sanctions[0].violationIds[1]");
    const c = valid();
    delete c.sanctions[0]?.violationIds;
    expect(pathOf(c)).toBe("sanctions[0].violationIds");
  });

  it("court instants in their order", () => {
    const court = (c: Record<string, unknown>) =>
      pathOf({ ...valid(), court: { requestedAt: at("2025-09-01"), arrestRequested: true, ...c } });
    expect(court({})).toBe("ok");
    expect(court({ arrestRequested: false, arrestDecidedAt: at("2025-09-02") })).toBe(
      "court.arrestDecidedAt",
    );
    expect(court({ arrestRequested: false, detainedAt: at("2025-09-02") })).toBe("court.detainedAt");
    expect(court({ arrestDecidedAt: at("2025-08-31") })).toBe("court.arrestDecidedAt");
    expect(court({ ruledAt: at("2025-08-31") })).toBe("court.ruledAt");
    expect(court({ detainedAt: at("2025-09-02") })).toBe("court.detainedAt");
    expect(court({ arrestDecidedAt: at("2025-09-03"), detainedAt: at("2025-09-02") })).toBe(
      "court.detainedAt",
    );
    expect(
      court({ arrestDecidedAt: at("2025-09-02"), detainedAt: at("2025-09-03"), ruledAt: at("2025-09-02") }),
    ).toBe("court.ruledAt");
    expect(court({ arrestRequested: undefined })).toBe("court.arrestRequested");
    expect(court({ requestedAt: "2025-09-01" })).toBe("court.requestedAt");
  });
});
