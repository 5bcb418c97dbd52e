import { describe, expect, it } from "vitest";
import { evaluateSanctions } from "./sanction-ladder.ts";
import { parseSanctionInput } from "./sanction-schema.ts";

const PREFIX = "Community Correction Law Art. 28; implementing measures: ";
const day = (d: string, time = "10:00:00") => `${d}T${time}+08:00`;

type Raw = Record<string, unknown>;
/** Parses like the command line does, so every case is also valid input. */
function run(parts: {
  type?: string;
  asOf?: string;
  violations?: Raw[];
  sanctions?: Raw[];
  court?: Raw | null;
}) {
  const parsed = parseSanctionInput({
    asOf: parts.asOf ?? day("2025-09-20"),
    subject: { id: "S1", correctionType: parts.type ?? "probation" },
    violations: parts.violations ?? [],
    sanctions: parts.sanctions ?? [],
    court: parts.court ?? null,
  });
  if (!parsed.ok) throw new Error(`${parsed.problem.path}: ${parsed.problem.message}`);
  return evaluateSanctions(parsed.value);
}
const v = (id: string, kind: string, at: string, extra: Raw = {}) => ({ id, kind, at: day(at), ...extra });
const n = (
  id: string,
  kind: string,
  at: string,
  violationIds: string[] = [],
  corrected?: boolean | null,
) => ({
  id,
  kind,
  at: day(at),
  violationIds,
  ...(corrected === undefined ? {} : { corrected }),
});

describe("grounds from unsanctioned violations", () => {
  const single = (violation: Raw, type = "probation") => run({ type, violations: [violation] }).proposal;

  it("a minor breach of the reporting, visitor, leave or moving rules is a reprimand; serious a warning", () => {
    for (const kind of ["reporting", "visitor", "leave", "moving"]) {
      expect(single(v("V1", kind, "2025-09-01", { severity: "minor" }))).toEqual({
        step: "reprimand",
        because: ["V1"],
        basis: `${PREFIX}a minor breach of the reporting, visitor, leave or moving rules`,
      });
      expect(single(v("V1", kind, "2025-09-01", { severity: "serious" }))).toEqual({
        step: "warning",
        because: ["V1"],
        basis: `${PREFIX}a serious breach of the reporting, visitor, leave or moving rules`,
      });
    }
  });

  it("a prohibition order: minor a warning, serious the top step of the correction type", () => {
    expect(single(v("V1", "prohibition_order", "2025-09-01", { severity: "minor" }))).toEqual({
      step: "warning",
      because: ["V1"],
      basis: `${PREFIX}a minor breach of a prohibition order`,
    });
    const serious = v("V1", "prohibition_order", "2025-09-01", { severity: "serious" });
    expect(single(serious, "probation").step).toBe("revocation_request");
    expect(single(serious, "parole").step).toBe("revocation_request");
    expect(single(serious, "temporary_release").step).toBe("imprisonment_request");
    expect(single(serious, "control")).toEqual({
      step: "public_security_penalty",
      because: ["V1"],
      basis: `${PREFIX}a serious breach of a prohibition order`,
    });
  });

  it("refusing education is a reprimand", () => {
    expect(single(v("V1", "education_refusal", "2025-09-01"))).toEqual({
      step: "reprimand",
      because: ["V1"],
      basis: `${PREFIX}refusing education after being told`,
    });
  });

  it("days out of supervision or late for intake: up to 10 a reprimand, 11–30 a warning, over 30 the top", () => {
    for (const kind of ["out_of_supervision", "no_report"]) {
      const step = (days: number) => single(v("V1", kind, "2025-09-01", { days })).step;
      expect([1, 10, 11, 30, 31].map(step)).toEqual([
        "reprimand",
        "reprimand",
        "warning",
        "warning",
        "revocation_request",
      ]);
    }
    expect(single(v("V1", "no_report", "2025-09-01", { days: 10 })).basis).toBe(
      `${PREFIX}out of supervision (脱管), or late for the intake report, up to 10 days`,
    );
    expect(single(v("V1", "no_report", "2025-09-01", { days: 11 })).basis).toBe(
      `${PREFIX}out of supervision, or late for the intake report, more than 10 days`,
    );
    expect(single(v("V1", "out_of_supervision", "2025-09-01", { days: 31 })).basis).toBe(
      `${PREFIX}no report, or out of supervision, for more than one month`,
    );
  });

  it("a violation a measure lists is spent; one the measure does not list stays (no linking by date)", () => {
    const violations = [
      v("V1", "reporting", "2025-09-01", { severity: "serious" }),
      v("V2", "visitor", "2025-09-02", { severity: "minor" }),
    ];
    expect(run({ violations, sanctions: [n("N1", "warning", "2025-09-03", ["V1"])] }).proposal).toMatchObject(
      {
        step: "reprimand",
        because: ["V2"],
      },
    );
    expect(run({ violations, sanctions: [n("N1", "warning", "2025-09-03", [])] }).proposal.step).toBe(
      "warning",
    );
  });

  it("no ground: step none, because empty, basis null", () => {
    expect(run({}).proposal).toEqual({ step: "none", because: [], basis: null });
  });
});

describe("escalation by repeated measures", () => {
  const reprimands = (latestCorrected: boolean | null | undefined, first: boolean | null = true) => [
    n("N1", "reprimand", "2025-06-05", [], first),
    n("N2", "reprimand", "2025-07-05", [], latestCorrected),
  ];

  it("two reprimands, the latest not corrected, call for a warning (the earlier may be corrected)", () => {
    expect(run({ sanctions: reprimands(false) }).proposal).toEqual({
      step: "warning",
      because: ["N1", "N2"],
      basis: `${PREFIX}two reprimands without correction`,
    });
    expect(run({ sanctions: reprimands(false, false) }).proposal.step).toBe("warning");
  });

  it("the latest corrected or not yet judged does not escalate; one reprimand never does", () => {
    expect(run({ sanctions: reprimands(true) }).proposal.step).toBe("none");
    expect(run({ sanctions: reprimands(null) }).proposal.step).toBe("none");
    expect(run({ sanctions: reprimands(undefined) }).proposal.step).toBe("none");
    expect(run({ sanctions: [n("N1", "reprimand", "2025-06-05", [], false)] }).proposal.step).toBe("none");
  });

  it("counts the two latest reprimands, whatever came between", () => {
    const sanctions = [
      n("N1", "reprimand", "2025-03-01", [], false),
      n("N2", "warning", "2025-04-01", [], true),
      n("N3", "reprimand", "2025-05-01", [], true),
      n("N4", "reprimand", "2025-06-01", [], false),
    ];
    expect(run({ sanctions }).proposal.because).toEqual(["N3", "N4"]);
  });

  it("a warning or heavier at or after the latest reprimand spends the ground; a later reprimand renews it", () => {
    const withWarning = (at: string) => [...reprimands(false), n("N3", "warning", at, [], null)];
    expect(run({ sanctions: withWarning("2025-07-05") }).proposal.step).toBe("none"); // same instant
    expect(run({ sanctions: withWarning("2025-08-01") }).proposal.step).toBe("none");
    expect(run({ sanctions: withWarning("2025-07-04") }).proposal.step).toBe("warning"); // before it
  });

  it("two warnings not corrected call for the top step; a penalty not corrected too", () => {
    const warnings = [
      n("N1", "warning", "2025-06-05", [], null),
      n("N2", "warning", "2025-07-05", [], false),
    ];
    expect(run({ sanctions: warnings }).proposal).toEqual({
      step: "revocation_request",
      because: ["N1", "N2"],
      basis: `${PREFIX}two warnings without correction`,
    });
    expect(run({ type: "temporary_release", sanctions: warnings }).proposal.step).toBe(
      "imprisonment_request",
    );
    expect(run({ type: "control", sanctions: warnings }).proposal.step).toBe("public_security_penalty");

    const penalty = [n("P1", "public_security_penalty", "2025-07-05", [], false)];
    expect(run({ sanctions: penalty }).proposal).toEqual({
      step: "revocation_request",
      because: ["P1"],
      basis: `${PREFIX}no correction after a public-security penalty`,
    });
    // A penalty is not the top's rank for probation: it does not spend the two-warnings ground.
    expect(
      run({ sanctions: [...warnings, n("P1", "public_security_penalty", "2025-08-01", [], null)] }).proposal
        .step,
    ).toBe("revocation_request");
    // For control it is the top step: it spends it.
    expect(
      run({
        type: "control",
        sanctions: [...warnings, n("P1", "public_security_penalty", "2025-08-01", [], null)],
      }).proposal.step,
    ).toBe("none");
    // A request after the penalty spends the penalty's ground.
    expect(run({ sanctions: [...penalty, n("R1", "revocation_request", "2025-08-01")] }).proposal.step).toBe(
      "none",
    );
  });

  it("the latest of equal instants is the later in the input", () => {
    const sanctions = [
      n("N1", "reprimand", "2025-06-05", [], null),
      n("N2", "reprimand", "2025-07-05", [], false),
      n("N3", "reprimand", "2025-07-05", [], null),
    ];
    expect(run({ sanctions }).proposal.step).toBe("none");
    const swapped = [sanctions[0], sanctions[2], sanctions[1]] as Raw[];
    expect(run({ sanctions: swapped }).proposal).toMatchObject({ step: "warning", because: ["N2", "N3"] });
  });
});

describe("the proposal: heaviest step, because and basis", () => {
  it("only the grounds of the heaviest step; because by time then id; basis in the order of first ids", () => {
    const result = run({
      violations: [
        v("V9", "reporting", "2025-08-01", { severity: "serious" }),
        v("V2", "out_of_supervision", "2025-05-01", { days: 12 }),
        v("V1", "visitor", "2025-08-01", { severity: "serious" }),
        v("V3", "leave", "2025-09-01", { severity: "minor" }),
      ],
      sanctions: [
        n("N1", "reprimand", "2025-06-05", [], true),
        n("N2", "reprimand", "2025-07-05", [], false),
      ],
    });
    expect(result.proposal.step).toBe("warning");
    expect(result.proposal.because).toEqual(["V2", "N1", "N2", "V1", "V9"]);
    expect(result.proposal.basis).toBe(
      [
        `${PREFIX}out of supervision, or late for the intake report, more than 10 days`,
        `${PREFIX}two reprimands without correction`,
        `${PREFIX}a serious breach of the reporting, visitor, leave or moving rules`,
        `${PREFIX}a serious breach of the reporting, visitor, leave or moving rules`,
      ].join("; "),
    );
  });
});

describe("only what happened by asOf counts", () => {
  it("violations and measures after asOf are ignored", () => {
    const asOf = day("2025-07-01");
    expect(
      run({ asOf, violations: [v("V1", "reporting", "2025-07-02", { severity: "serious" })] }).proposal.step,
    ).toBe("none");
    // The measure answering V1 comes after asOf: V1 is still unsanctioned.
    expect(
      run({
        asOf,
        violations: [v("V1", "reporting", "2025-06-01", { severity: "serious" })],
        sanctions: [n("N1", "warning", "2025-07-02", ["V1"])],
      }).proposal.because,
    ).toEqual(["V1"]);
    // A second reprimand after asOf does not make two.
    expect(
      run({
        asOf,
        sanctions: [
          n("N1", "reprimand", "2025-06-01", [], false),
          n("N2", "reprimand", "2025-07-02", [], false),
        ],
      }).proposal.step,
    ).toBe("none");
    // asOf at the very instant counts.
    expect(
      run({ asOf: day("2025-09-01"), violations: [v("V1", "education_refusal", "2025-09-01")] }).proposal
        .step,
    ).toBe("reprimand");
  });
});

describe("court clocks (Arts. 47–49)", () => {
  const court = (c: Raw) => ({ requestedAt: day("2025-09-01"), arrestRequested: true, ...c });
  const clocks = (asOf: string, c: Raw) => run({ asOf, court: court(c) }).clocks;
  const byId = (list: ReturnType<typeof clocks>) => Object.fromEntries(list.map((c) => [c.id, c]));

  it("none before the request is sent or without one", () => {
    expect(run({ asOf: day("2025-08-31"), court: court({}) }).clocks).toEqual([]);
    expect(run({ court: null }).clocks).toEqual([]);
  });

  it("ruling due at the end of day 30; arrest decision 48 h; sorted by id; no detention before it starts", () => {
    const list = clocks(day("2025-09-02"), { detainedAt: null });
    expect(list.map((c) => c.id)).toEqual(["arrest_decision", "ruling"]);
    expect(byId(list).ruling).toMatchObject({
      dueBy: "2025-10-01T23:59:59+08:00",
      status: "open",
      doneAt: null,
    });
    expect(byId(list).arrest_decision).toMatchObject({ dueBy: "2025-09-03T10:00:00+08:00", status: "open" });
    expect(byId(list).ruling?.basis).toMatch(/Arts\. 48–49/);
    expect(byId(list).arrest_decision?.basis).toMatch(/Art\. 47/);
    expect(clocks(day("2025-09-02"), { arrestRequested: false }).map((c) => c.id)).toEqual(["ruling"]);
  });

  it("a decision at exactly 48 h is in time; one second later is late", () => {
    expect(
      byId(clocks(day("2025-09-05"), { arrestDecidedAt: day("2025-09-03") })).arrest_decision?.status,
    ).toBe("met");
    expect(
      byId(clocks(day("2025-09-05"), { arrestDecidedAt: day("2025-09-03", "10:00:01") })).arrest_decision
        ?.status,
    ).toBe("late");
  });

  it("asOf at dueBy is still open; after it overdue", () => {
    expect(byId(clocks(day("2025-09-03"), {})).arrest_decision?.status).toBe("open");
    expect(byId(clocks(day("2025-09-03", "10:00:01"), {})).arrest_decision?.status).toBe("overdue");
    expect(byId(clocks(day("2025-10-01", "23:59:59"), {})).ruling?.status).toBe("open");
    expect(byId(clocks(day("2025-10-02", "00:00:00"), {})).ruling?.status).toBe("overdue");
  });

  it("a ruling on the last day is met, the day after late; done only once it happened by asOf", () => {
    const onTime = byId(clocks(day("2025-10-05"), { ruledAt: day("2025-10-01", "23:59:59") })).ruling;
    expect(onTime).toMatchObject({ status: "met", doneAt: "2025-10-01T23:59:59+08:00" });
    expect(byId(clocks(day("2025-10-05"), { ruledAt: day("2025-10-02", "00:00:00") })).ruling?.status).toBe(
      "late",
    );
    expect(byId(clocks(day("2025-09-20"), { ruledAt: day("2025-09-25") })).ruling).toMatchObject({
      status: "open",
      doneAt: null,
    });
  });

  it("detention from detainedAt to the end of day 30, ended by the ruling", () => {
    const c = { arrestDecidedAt: day("2025-09-02", "09:00:00"), detainedAt: day("2025-09-02", "11:00:00") };
    expect(byId(clocks(day("2025-09-02", "10:00:00"), c)).detention).toBeUndefined(); // not yet detained
    expect(byId(clocks(day("2025-09-15"), c)).detention).toMatchObject({
      startedAt: "2025-09-02T11:00:00+08:00",
      dueBy: "2025-10-02T23:59:59+08:00",
      status: "open",
    });
    expect(byId(clocks(day("2025-10-03"), c)).detention?.status).toBe("overdue");
    expect(byId(clocks(day("2025-10-03"), { ...c, ruledAt: day("2025-09-30") })).detention).toMatchObject({
      status: "met",
      doneAt: "2025-09-30T10:00:00+08:00",
    });
  });

  it("writes instants in CST whatever the input offset", () => {
    const list = clocks("2025-09-02T00:00:00Z", { requestedAt: "2025-09-01T02:00:00Z" });
    expect(byId(list).ruling?.startedAt).toBe("2025-09-01T10:00:00+08:00");
  });
});
