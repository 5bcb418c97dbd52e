import { describe, expect, it } from "vitest";
import { evaluateCase } from "../evaluate.ts";
import { cst, makeCase } from "../testing/case-builder.ts";
import { YIRENYICE_2025 } from "./profiles/yirenyice-2025.ts";
import { derivePolicy, getPolicy, PolicyRegistry, UnknownPolicyError, validatePolicy } from "./registry.ts";

describe("the default profile yirenyice-2025", () => {
  const p = getPolicy("yirenyice-2025");

  it("is the default and validates", () => {
    expect(getPolicy()).toBe(p);
    expect(() => validatePolicy(YIRENYICE_2025)).not.toThrow();
  });

  it("holds the supervision frequencies of seed 000 §九.2(4) and §九.2(3)", () => {
    const o = p.obligations;
    expect(o.phone_report.byLevel.key).toMatchObject({ period: "week", required: 1 });
    expect(o.phone_report.byLevel.strict).toMatchObject({ period: "week", required: 1 });
    expect(o.phone_report.byLevel.normal).toMatchObject({ period: "half_month", required: 1 });
    expect(o.in_person_report.byLevel.strict).toMatchObject({ period: "half_month", required: 1 });
    expect(o.in_person_report.byLevel.normal).toMatchObject({ period: "month", required: 1 });
    expect(o.location_report.byLevel).toEqual({
      key: { period: "day", required: 3, countedRoles: null, who: "subject, in the app" },
    });
    expect(o.field_visit.byLevel.key).toMatchObject({ period: "month", countedRoles: ["office_head"] });
    expect(o.field_visit.byLevel.normal).toMatchObject({
      period: "quarter",
      countedRoles: ["office_head", "office_assistant"],
    });
    expect(o.leave_signin_check.perDay).toBe(3);
    expect(o.leave_phone_check).toMatchObject({ perDay: 1, levels: ["key"] });
    expect(o.windowDaysBack).toBe(90);
    expect(o.phone_report.basis).toBe("seed 000 §九.2(4)");
    expect(o.field_visit.basis).toBe("seed 000 §九.2(3)");
  });

  it("holds the classification parameters, office and agency standards and rollout dates", () => {
    expect(p.classification.K1.lookbackMonths).toBe(3);
    expect(p.classification.K2.minPriorRecords).toBe(3);
    expect(p.classification.K5.crimeCategories).toEqual([
      "gambling",
      "casino",
      "fraud",
      "theft",
      "dangerous_driving",
    ]);
    expect(p.office).toMatchObject({
      otherChecksMin: 10,
      offHoursPercent: 10,
      workingHoursStart: "08:30",
      workingHoursEnd: "17:30",
      morningRoundEnds: "12:00",
      afternoonRoundEnds: "18:00",
    });
    expect(p.agency).toMatchObject({
      keySamplePercent: 10,
      otherChecksMin: 10,
      visitSampleKeyOrStrictPercentPerMonth: 20,
      visitSampleNormalPercentPerQuarter: 3,
    });
    expect(p.leave.filesHandedInByDayOfNextMonth).toBe(10);
    expect(p.levels.lenientEnabled).toBe(false);
    expect(p.rollout.phases.map((ph) => [ph.from, ph.to])).toEqual([
      ["2025-04-01", "2025-06-30"],
      ["2025-07-01", "2025-09-30"],
      ["2025-10-01", null],
    ]);
    expect(p.alerts.colours.lost_contact).toBe("red");
    expect(p.alerts.colours.overdue_obligation).toBe("blue");
    expect(p.statutory.leave.maxDaysPerApproval).toBe(30);
    expect(p.calendar.holidays).toContain("2025-10-01");
    expect(p.calendar.adjustedWorkdays).toContain("2025-09-28");
  });

  it("gives every group of numbers a basis (on itself or the group holding it)", () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string, inherited: boolean) => {
      if (!value || typeof value !== "object" || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      const hasBasis = typeof record.basis === "string" && record.basis.length > 0;
      const numbers = Object.entries(record).filter(([, v]) => typeof v === "number");
      if (numbers.length > 0 && !hasBasis && !inherited) missing.push(path);
      for (const [k, v] of Object.entries(record))
        walk(v, `${path}.${k}`, hasBasis || (inherited && k !== "basis"));
    };
    for (const [k, v] of Object.entries(getPolicy())) walk(v, k, false);
    expect(missing).toEqual([]);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(p.obligations.phone_report.byLevel)).toBe(true);
    expect(() => {
      (p.obligations as { windowDaysBack: number }).windowDaysBack = 5;
    }).toThrow();
  });
});

describe("profiles are data", () => {
  // A county that wants normal-level persons to phone in weekly and come in every half-month, and
  // reads K2's 多次 as two or more: the same program, a profile changed by data alone.
  const stricter = derivePolicy(getPolicy(), "test-weekly-normal", (draft) => {
    draft.obligations.phone_report.byLevel.normal = {
      period: "week",
      required: 1,
      countedRoles: null,
      who: "subject",
    };
    draft.obligations.in_person_report.byLevel.normal = {
      period: "half_month",
      required: 2,
      countedRoles: null,
      who: "subject",
    };
    draft.classification.K2.minPriorRecords = 2;
  });
  const registry = new PolicyRegistry([getPolicy(), stricter]);

  it("a derived profile changes the obligations the engine computes", () => {
    const input = makeCase("2025-08-20T10:00:00+08:00", { priorConvictions: 2 }, [
      { type: "in_person_report", at: cst("2025-08-05") },
    ]);
    const base = evaluateCase(input, { registry });
    const derived = evaluateCase({ ...input, policy: "test-weekly-normal" }, { registry });
    const ids = (r: typeof base) => r.obligations.map((o) => o.id);

    expect(ids(base)).toContain("phone_report:2025-08-01/2025-08-15");
    expect(ids(base)).not.toContain("phone_report:2025-08-11/2025-08-17");
    expect(ids(derived)).toContain("phone_report:2025-08-11/2025-08-17");
    expect(ids(derived)).not.toContain("phone_report:2025-08-01/2025-08-15");

    expect(base.obligations.find((o) => o.id === "in_person_report:2025-07-01/2025-07-31")).toBeDefined();
    const half = derived.obligations.find((o) => o.id === "in_person_report:2025-08-01/2025-08-15");
    expect(half).toMatchObject({ required: 2, done: 1, status: "overdue" });

    expect(base.classification.proposedKey).toBe(false);
    expect(derived.classification.criteria.map((c) => c.id)).toEqual(["K2"]);
    expect(derived.policy).toBe("test-weekly-normal");
    expect(getPolicy().classification.K2.minPriorRecords).toBe(3); // the base is untouched
  });

  it("refuses a profile with bad data at load", () => {
    expect(() =>
      derivePolicy(getPolicy(), "broken", (d) => {
        d.office.offHoursPercent = 150;
      }),
    ).toThrow(/office\.offHoursPercent/);
    expect(() => validatePolicy({ ...YIRENYICE_2025, extra: 1 })).toThrow(/invalid policy profile/);
    expect(() =>
      derivePolicy(getPolicy(), "bad-date", (d) => {
        d.calendar.holidays = ["2025-02-30"];
      }),
    ).toThrow(/calendar\.holidays/);
  });

  it("an unknown id is an error", () => {
    expect(() => getPolicy("no-such-profile")).toThrow(UnknownPolicyError);
    expect(registry.ids()).toEqual(["test-weekly-normal", "yirenyice-2025"]);
  });
});
