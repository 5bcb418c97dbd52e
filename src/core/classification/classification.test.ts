import { describe, expect, it } from "vitest";
import { evaluateCase } from "../evaluate.ts";
import type { CaseEvent, CaseSubject } from "../input/case-schema.ts";
import { cst, makeCase } from "../testing/case-builder.ts";

const AS_OF = "2025-08-15T10:00:00+08:00";

function classify(subject: Partial<CaseSubject> = {}, events: CaseEvent[] = [], asOf = AS_OF) {
  return evaluateCase(makeCase(asOf, subject, events)).classification;
}
const ids = (c: ReturnType<typeof classify>) => c.criteria.map((x) => x.id);

describe("K1 resists supervision (seed 000 §九.1(1))", () => {
  it("holds on the worker's finding", () => {
    const c = classify({ resistsSupervision: true });
    expect(c.criteria).toEqual([
      { id: "K1", basis: "seed 000 §九.1(1)", evidence: "worker's finding: resists supervision" },
    ]);
    expect(c.proposedKey).toBe(true);
  });

  it("holds on a disobedience violation dated on or after as-of − 3 months, not before", () => {
    const violation = (date: string): CaseEvent => ({
      type: "violation",
      kind: "disobedience",
      at: cst(date),
    });
    expect(ids(classify({}, [violation("2025-05-15")]))).toEqual(["K1"]); // exactly 3 months back
    expect(ids(classify({}, [violation("2025-05-14")]))).toEqual([]);
    expect(classify({}, [violation("2025-06-01")]).criteria[0]?.evidence).toBe(
      "violation (disobedience) on 2025-06-01",
    );
  });

  it("counts back 3 months with month-end clamping (31 May − 3 months = 28 Feb)", () => {
    const v = (date: string): CaseEvent => ({ type: "violation", kind: "disobedience", at: cst(date) });
    expect(ids(classify({}, [v("2025-02-28")], "2025-05-31T09:00:00+08:00"))).toEqual(["K1"]);
    expect(ids(classify({}, [v("2025-02-27")], "2025-05-31T09:00:00+08:00"))).toEqual([]);
  });

  it("ignores other violation kinds and violations after the as-of instant", () => {
    expect(ids(classify({}, [{ type: "violation", kind: "reporting", at: cst("2025-08-01") }]))).toEqual([]);
    expect(
      ids(classify({}, [{ type: "violation", kind: "disobedience", at: cst("2025-08-15", "10:00:01") }])),
    ).toEqual([]);
    expect(
      ids(classify({}, [{ type: "violation", kind: "disobedience", at: cst("2025-08-15", "10:00:00") }])),
    ).toEqual(["K1"]);
  });
});

describe("K2 multiple prior records or high risk (seed 000 §九.1(2))", () => {
  it("needs three or more convictions and bad records together (多次)", () => {
    expect(ids(classify({ priorConvictions: 2 }))).toEqual([]);
    expect(ids(classify({ priorConvictions: 2, priorBadRecords: 1 }))).toEqual(["K2"]);
    expect(ids(classify({ priorBadRecords: 3 }))).toEqual(["K2"]);
  });

  it("holds at the high risk level, not at elevated", () => {
    expect(ids(classify({ riskLevel: "high" }))).toEqual(["K2"]);
    expect(ids(classify({ riskLevel: "elevated" }))).toEqual([]);
  });
});

describe("K3 no stable residence and income, or erratic emotions (seed 000 §九.1(3))", () => {
  it("needs both residence and income lacking", () => {
    expect(ids(classify({ stableResidence: false }))).toEqual([]);
    expect(ids(classify({ stableIncome: false }))).toEqual([]);
    const c = classify({ stableResidence: false, stableIncome: false });
    expect(c.criteria[0]).toMatchObject({ id: "K3", evidence: "no stable residence and no stable income" });
  });

  it("holds on erratic emotions or abnormal behaviour", () => {
    expect(ids(classify({ emotionalInstability: true }))).toEqual(["K3"]);
  });
});

describe("K4 warning or heavier during this correction (seed 000 §九.1(4))", () => {
  const sanction = (kind: "reprimand" | "warning" | "judicial_detention", date: string): CaseEvent => ({
    type: "sanction",
    kind,
    at: cst(date),
  });

  it("counts a warning or a detention, not a reprimand", () => {
    expect(classify({}, [sanction("warning", "2025-06-01")]).criteria).toEqual([
      { id: "K4", basis: "seed 000 §九.1(4)", evidence: "warning on 2025-06-01" },
    ]);
    expect(ids(classify({}, [sanction("judicial_detention", "2025-06-01")]))).toEqual(["K4"]);
    expect(ids(classify({}, [sanction("reprimand", "2025-06-01")]))).toEqual([]);
  });

  it("counts from the intake day on, with no time limit within the correction", () => {
    expect(ids(classify({}, [sanction("warning", "2025-04-10")]))).toEqual(["K4"]);
    expect(ids(classify({}, [sanction("warning", "2025-04-09")]))).toEqual([]);
  });
});

describe("K5 listed crime and relatively high risk (seed 000 §九.1(5))", () => {
  it("needs both a listed crime and elevated or high risk", () => {
    expect(ids(classify({ crimeCategories: ["fraud"], riskLevel: "elevated" }))).toEqual(["K5"]);
    expect(ids(classify({ crimeCategories: ["other", "dangerous_driving"], riskLevel: "elevated" }))).toEqual(
      ["K5"],
    );
    expect(ids(classify({ crimeCategories: ["fraud"], riskLevel: "medium" }))).toEqual([]);
    expect(ids(classify({ crimeCategories: ["intentional_injury"], riskLevel: "elevated" }))).toEqual([]);
    expect(ids(classify({ crimeCategories: ["gambling"], riskLevel: "high" }))).toEqual(["K2", "K5"]);
  });
});

describe("K6 troubled juvenile (seed 000 §九.1(6))", () => {
  const juvenile = { familyIncomplete: true, intakeDate: "2025-04-10" };

  it("a person whose 18th birthday is the intake day is still under 18 that day", () => {
    expect(ids(classify({ ...juvenile, birthDate: "2007-04-10" }))).toEqual(["K6"]);
    expect(ids(classify({ ...juvenile, birthDate: "2007-04-09" }))).toEqual([]);
  });

  it("a juvenile at intake stays one after turning 18", () => {
    const c = classify({ ...juvenile, birthDate: "2007-05-01" }, [], "2026-03-01T10:00:00+08:00");
    expect(ids(c)).toEqual(["K6"]);
  });

  it("needs an incomplete family or rebellion", () => {
    expect(ids(classify({ birthDate: "2009-01-01" }))).toEqual([]);
    expect(ids(classify({ birthDate: "2009-01-01", rebellious: true }))).toEqual(["K6"]);
  });

  it("a 29 February birthday reaches the age on 1 March in other years", () => {
    const born = { ...juvenile, birthDate: "2008-02-29" };
    expect(
      ids(
        classify(
          { ...born, intakeDate: "2026-02-28", termStart: "2026-02-28", termEnd: "2027-02-27" },
          [],
          "2026-03-10T10:00:00+08:00",
        ),
      ),
    ).toEqual(["K6"]);
    expect(
      ids(
        classify(
          { ...born, intakeDate: "2026-03-01", termStart: "2026-03-01", termEnd: "2027-02-28" },
          [],
          "2026-03-10T10:00:00+08:00",
        ),
      ),
    ).toEqual([]);
  });
});

describe("proposal and mismatch", () => {
  it("lists the criteria sorted by id", () => {
    const c = classify({ resistsSupervision: true, emotionalInstability: true, riskLevel: "high" });
    expect(ids(c)).toEqual(["K1", "K2", "K3"]);
  });

  it("reports a mismatch when the proposal and the decided level differ", () => {
    expect(classify({ resistsSupervision: true, level: "normal" })).toMatchObject({
      proposedKey: true,
      decidedLevel: "normal",
      mismatch: true,
    });
    expect(classify({ level: "key" })).toMatchObject({ proposedKey: false, mismatch: true });
    expect(classify({ resistsSupervision: true, level: "key" }).mismatch).toBe(false);
    expect(classify({ level: "strict" }).mismatch).toBe(false);
  });

  it("a deliberate decision matching the decided level removes the mismatch; one that does not, does not", () => {
    const override = { key: false, reason: "cooperates; finding predates the family's move" };
    expect(classify({ resistsSupervision: true, level: "normal", keyOverride: override }).mismatch).toBe(
      false,
    );
    expect(classify({ resistsSupervision: true, level: "key", keyOverride: override }).mismatch).toBe(false);
    expect(classify({ level: "key", keyOverride: override }).mismatch).toBe(true);
    expect(classify({ level: "normal", keyOverride: { key: true, reason: "x" } }).mismatch).toBe(false);
  });

  it("decidedLevel is the level of the as-of day in the history", () => {
    const levelHistory = [
      { from: "2025-04-10", level: "key" as const },
      { from: "2025-08-16", level: "normal" as const },
    ];
    expect(classify({ level: "normal", levelHistory }).decidedLevel).toBe("key");
    expect(classify({ level: "normal", levelHistory }, [], "2025-08-16T00:00:00+08:00").decidedLevel).toBe(
      "normal",
    );
    expect(classify({ level: "normal", levelHistory }, [], "2025-08-15T16:00:00Z").decidedLevel).toBe(
      "normal",
    );
  });
});
