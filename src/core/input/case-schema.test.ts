import { describe, expect, it } from "vitest";
import { sharedExamples } from "../../../test/helpers/shared-spec.ts";
import { derivePolicy, getPolicy, PolicyRegistry } from "../policy/registry.ts";
import { makeCase } from "../testing/case-builder.ts";
import { parseCaseInput } from "./case-schema.ts";
import { describeProblem } from "./errors.ts";

// Tests edit the case as free-form JSON, the way a wrong client would send it.
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON
type Json = any;
const valid = () => JSON.parse(JSON.stringify(makeCase("2025-08-15T10:00:00+08:00"))) as Record<string, Json>;

function problemOf(mutate: (c: Record<string, Json>) => void): string {
  const c = valid();
  mutate(c);
  const parsed = parseCaseInput(c);
  if (parsed.ok) throw new Error("expected the case to be refused");
  return describeProblem(parsed.problem);
}

describe("the case schema", () => {
  it("accepts the contract's shape, with optional fields absent or null", () => {
    expect(parseCaseInput(valid()).ok).toBe(true);
    const c = valid();
    delete c.subject.releaseDate;
    delete c.subject.keyOverride;
    c.policy = "yirenyice-2025";
    c.subject.levelHistory = [{ from: "2025-04-10", level: "normal" }];
    c.events = [
      { type: "phone_report", at: "2025-08-04T09:12:00+08:00" },
      { type: "field_visit", at: "2025-07-20T15:00:00+08:00", byRole: "office_head" },
      { type: "leave", from: "2025-08-10", to: "2025-08-10" },
      { type: "sanction", kind: "reprimand", at: "2025-06-01T02:00:00Z" },
      { type: "violation", kind: "other", at: "2025-06-01T10:00:00+08:00" },
      { type: "book_section", section: "release_analysis", at: "2025-05-08T10:00:00+08:00" },
    ];
    expect(parseCaseInput(c).ok).toBe(true);
  });

  it("accepts the public example cases meant to be valid (../shared/spec; required in CI)", (ctx) => {
    const examples = sharedExamples("examples");
    if (!examples) return ctx.skip();
    for (const [f, example] of examples as Array<[string, SharedExample]>) {
      expect(parseCaseInput(example.input).ok, f).toBe(example.expect.exit === undefined);
    }
  });

  it("names a missing field by its path", () => {
    expect(problemOf((c) => delete c.subject.id)).toMatch(/^invalid input at subject\.id: required/);
    expect(problemOf((c) => delete c.asOf)).toContain("at asOf:");
    expect(problemOf((c) => delete c.subject.priorBadRecords)).toContain("subject.priorBadRecords");
  });

  it("refuses unknown fields, naming them", () => {
    expect(problemOf((c) => (c.extra = 1))).toContain("at extra: unknown field");
    expect(problemOf((c) => (c.subject.nickname = "x"))).toContain("at subject.nickname: unknown field");
    expect(
      problemOf((c) => (c.events = [{ type: "phone_report", at: "2025-08-04T09:12:00+08:00", note: "x" }])),
    ).toContain("at events[0].note: unknown field");
  });

  it("refuses impossible dates and instants without an offset", () => {
    expect(problemOf((c) => (c.subject.birthDate = "2025-02-30"))).toContain("subject.birthDate");
    expect(
      problemOf((c) => {
        c.events = [
          { type: "phone_report", at: "2025-08-04T09:12:00+08:00" },
          { type: "phone_report", at: "2025-08-05T09:12:00+08:00" },
          { type: "phone_report", at: "2025-08-06T09:12:00" },
        ];
      }),
    ).toContain("at events[2].at:");
    expect(problemOf((c) => (c.asOf = "2025-08-15"))).toContain("at asOf:");
  });

  it("refuses dates and instants outside the years a case may speak of", () => {
    expect(
      problemOf((c) => {
        c.events = [{ type: "phone_report", at: "0025-08-04T09:12:00+08:00" }];
      }),
    ).toBe("invalid input at events[0].at: year out of range (1900–2199)");
    expect(
      problemOf((c) => {
        c.subject.termEnd = "2260-04-09";
      }),
    ).toBe("invalid input at subject.termEnd: year out of range (1900–2199)");
  });

  it("refuses values outside the enumerations", () => {
    expect(problemOf((c) => (c.subject.riskLevel = "very_high"))).toContain("subject.riskLevel");
    expect(problemOf((c) => (c.subject.correctionType = "parole_x"))).toContain("subject.correctionType");
    expect(problemOf((c) => (c.events = [{ type: "teleport", at: "2025-08-04T09:12:00+08:00" }]))).toContain(
      "events[0].type",
    );
    expect(
      problemOf(
        (c) => (c.events = [{ type: "field_visit", at: "2025-08-04T09:12:00+08:00", byRole: "subject" }]),
      ),
    ).toContain("events[0].byRole");
    expect(problemOf((c) => (c.subject.priorConvictions = -1))).toContain("subject.priorConvictions");
    expect(problemOf((c) => (c.subject.priorConvictions = 1.5))).toContain("subject.priorConvictions");
  });

  it("refuses inconsistent cases (rules-contract.md)", () => {
    expect(problemOf((c) => (c.subject.termEnd = "2025-04-09"))).toContain(
      "at subject.termEnd: termEnd is before termStart",
    );
    expect(problemOf((c) => (c.subject.releaseDate = "2025-04-09"))).toContain("at subject.releaseDate:");
    expect(
      problemOf((c) => {
        c.subject.levelHistory = [
          { from: "2025-04-10", level: "normal" },
          { from: "2025-06-01", level: "strict" },
        ];
      }),
    ).toContain("at subject.levelHistory[1].level:");
    expect(
      problemOf((c) => {
        c.subject.levelHistory = [
          { from: "2025-06-10", level: "strict" },
          { from: "2025-06-01", level: "normal" },
        ];
      }),
    ).toContain("at subject.levelHistory[1].from:");
    expect(
      problemOf((c) => (c.events = [{ type: "leave", from: "2025-08-12", to: "2025-08-10" }])),
    ).toContain("at events[0].to:");
  });

  it("accepts a term of one day and a release on the intake day", () => {
    const c = valid();
    c.subject.termEnd = c.subject.termStart;
    c.subject.releaseDate = c.subject.intakeDate;
    expect(parseCaseInput(c).ok).toBe(true);
  });

  it("refuses the lenient level unless the profile enables it", () => {
    expect(problemOf((c) => (c.subject.level = "lenient"))).toContain("at subject.level:");
    const lenient = derivePolicy(getPolicy(), "with-lenient", (d) => {
      d.levels.lenientEnabled = true;
    });
    const c = valid();
    c.policy = "with-lenient";
    c.subject.level = "lenient";
    expect(parseCaseInput(c, new PolicyRegistry([lenient])).ok).toBe(true);
  });

  it("refuses an unknown policy profile", () => {
    expect(problemOf((c) => (c.policy = "no-such-county"))).toContain("at policy: unknown policy profile");
  });

  it("describes a problem in one line", () => {
    expect(problemOf((c) => (c.subject.termEnd = "x"))).not.toContain("\n");
  });
});

describe("robustness", () => {
  it("never throws on a case with any field replaced by any JSON value", async () => {
    const fc = (await import("fast-check")).default;
    const paths = [
      ["asOf"],
      ["policy"],
      ["subject"],
      ["subject", "levelHistory"],
      ["subject", "level"],
      ["subject", "termEnd"],
      ["subject", "releaseDate"],
      ["subject", "keyOverride"],
      ["events"],
      ["events", 0],
      ["events", 0, "from"],
      ["events", 0, "to"],
      ["events", 0, "type"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const c = valid();
        c.events = [{ type: "leave", from: "2025-08-10", to: "2025-08-12" }];
        let target: Json = c;
        for (const key of path.slice(0, -1)) target = target[key as string];
        target[path[path.length - 1] as string] = value;
        expect(() => parseCaseInput(c)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    expect(() => parseCaseInput(null)).not.toThrow();
    expect(() => parseCaseInput([])).not.toThrow();
  });
});

interface SharedExample {
  input: unknown;
  expect: { exit?: number; alerts: Record<string, unknown>[] };
}
