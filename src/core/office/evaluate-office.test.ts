import { describe, expect, it } from "vitest";
import { describeProblem } from "../input/errors.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, derivePolicy, PolicyRegistry } from "../policy/registry.ts";
import type { Level } from "../policy/schema.ts";
import {
  evaluateOffice,
  type OfficeInput,
  type OfficeItemId,
  parseOfficeInput,
  percentRoundedUp,
} from "./evaluate-office.ts";

const CONTRACT_EXAMPLE: OfficeInput = {
  asOf: "2025-08-12T20:00:00+08:00",
  subjects: [
    { id: "S1", level: "key", onLeave: false },
    { id: "S2", level: "normal", onLeave: true },
  ],
  checks: [
    { subjectId: "S1", at: "2025-08-12T09:10:00+08:00", by: "office" },
    { subjectId: "S2", at: "2025-08-12T10:00:00+08:00", by: "agency" },
  ],
  visits: [{ subjectId: "S1", at: "2025-08-03T15:00:00+08:00", by: "agency" }],
  registeredAtPeriodStart: { month: { keyOrStrict: 12 }, quarter: { normal: 140 } },
};

function subjects(spec: Partial<Record<Level, number>>, onLeave: string[] = []) {
  const out: OfficeInput["subjects"] = [];
  for (const [level, n] of Object.entries(spec) as [Level, number][]) {
    for (let i = 1; i <= n; i++) {
      const id = `${level[0]?.toUpperCase()}${String(i).padStart(2, "0")}`;
      out.push({ id, level, onLeave: onLeave.includes(id) });
    }
  }
  return out;
}

function office(partial: Partial<OfficeInput>) {
  const result = evaluateOffice({ ...CONTRACT_EXAMPLE, checks: [], visits: [], ...partial });
  return (id: OfficeItemId) => result.items.find((i) => i.id === id);
}

const check = (subjectId: string, time: string, by: "office" | "agency" = "office", date = "2025-08-12") => ({
  subjectId,
  at: `${date}T${time}+08:00`,
  by,
});

describe("evaluateOffice (office-contract.md)", () => {
  it("judges the contract's example", () => {
    const result = evaluateOffice(CONTRACT_EXAMPLE);
    expect(result.date).toBe("2025-08-12");
    expect(result.items.map((i) => [i.id, i.required, i.done, i.status])).toEqual([
      ["office_morning_round", 1, 1, "met"],
      ["office_afternoon_round", 1, 0, "overdue"],
      ["office_key_coverage", 1, 1, "met"],
      ["office_other_checks", 1, 0, "open"],
      ["office_off_hours", 1, 0, "open"],
      ["agency_leave_coverage", 1, 1, "met"],
      ["agency_key_sample", 1, 0, "open"],
      ["agency_other_checks", 1, 1, "met"],
      ["agency_visit_sample_month", 3, 1, "open"],
      ["agency_visit_sample_quarter", 5, 1, "open"],
    ]);
    expect(result.items[2]?.missing).toEqual([]);
    expect(result.items[8]?.period).toBe("2025-08-01/2025-08-31");
    expect(result.items[9]?.period).toBe("2025-07-01/2025-09-30");
    expect(result.items.every((i) => i.basis.startsWith("seed 000 §九.2("))).toBe(true);
  });

  it("rounds: the morning before 12:00, the afternoon from 12:00 to before 18:00", () => {
    const at = (time: string) => office({ asOf: "2025-08-12T23:00:00+08:00", checks: [check("S1", time)] });
    expect(at("11:59:59")("office_morning_round")?.done).toBe(1);
    expect(at("12:00:00")("office_morning_round")?.done).toBe(0);
    expect(at("12:00:00")("office_afternoon_round")?.done).toBe(1);
    expect(at("17:59:59")("office_afternoon_round")?.done).toBe(1);
    expect(at("18:00:00")("office_afternoon_round")?.done).toBe(0);
    expect(at("09:00:00")("office_afternoon_round")?.status).toBe("overdue");
  });

  it("a round is open until its window ends and overdue from then", () => {
    expect(office({ asOf: "2025-08-12T11:59:59+08:00" })("office_morning_round")?.status).toBe("open");
    expect(office({ asOf: "2025-08-12T12:00:00+08:00" })("office_morning_round")?.status).toBe("overdue");
    expect(office({ asOf: "2025-08-12T17:59:59+08:00" })("office_afternoon_round")?.status).toBe("open");
    expect(office({ asOf: "2025-08-12T10:00:00Z" })("office_afternoon_round")?.status).toBe("overdue"); // 18:00 CST
  });

  it("covers every key person each day, listing the ones missing, sorted", () => {
    const item = office({
      asOf: "2025-08-12T20:00:00+08:00",
      subjects: subjects({ key: 3, normal: 2 }),
      checks: [check("K02", "09:00:00"), check("K02", "15:00:00"), check("K03", "10:00:00", "agency")],
    })("office_key_coverage");
    expect(item).toMatchObject({ required: 3, done: 1, status: "open", missing: ["K01", "K03"] });
    const none = office({ subjects: subjects({ normal: 2 }) })("office_key_coverage");
    expect(none).toMatchObject({ required: 0, done: 0, status: "met", missing: [] });
  });

  it("counts office person-checks of others: at least 10, or all when fewer", () => {
    const many = subjects({ strict: 5, normal: 10 });
    const checks = [check("S01", "09:00:00"), check("S01", "15:00:00"), check("N01", "10:00:00")];
    expect(office({ subjects: many, checks })("office_other_checks")).toMatchObject({
      required: 10,
      done: 3,
    });
    expect(office({ subjects: subjects({ key: 1, normal: 3 }) })("office_other_checks")?.required).toBe(3);
  });

  it("off-hours checks: 10% of the registered persons rounded up, outside 08:30–17:30 (both inside)", () => {
    const registered = subjects({ key: 5, normal: 20 }); // 25 → 3
    const at = (times: [string, string][], date = "2025-08-12") =>
      office({
        asOf: `${date}T23:30:00+08:00`,
        subjects: registered,
        checks: times.map(([id, t]) => check(id, t, "office", date)),
      })("office_off_hours");
    expect(at([])?.required).toBe(3);
    expect(
      at([
        ["K01", "08:29:59"],
        ["K02", "17:31:00"],
        ["K03", "22:00:00"],
      ]),
    ).toMatchObject({ done: 3, status: "met" });
    expect(
      at([
        ["K01", "08:30:00"],
        ["K02", "17:29:59"],
        ["K03", "17:30:00"],
        ["K04", "17:30:59"],
      ])?.done,
    ).toBe(0);
    expect(
      at([
        ["K01", "07:00:00"],
        ["K01", "21:00:00"],
      ])?.done,
    ).toBe(1); // distinct persons
    expect(at([["K01", "10:00:00"]], "2025-08-16")?.done).toBe(1); // a Saturday
    expect(at([["K01", "10:00:00"]], "2025-10-02")?.done).toBe(1); // National Day
    expect(at([["K01", "10:00:00"]], "2025-09-28")?.done).toBe(0); // a Sunday worked in lieu
  });

  it("agency: every person on leave, 10% of key persons rounded up, 10 checks of others", () => {
    const registered = subjects({ key: 11, normal: 12 }, ["N03", "N01", "K05"]);
    const get = office({
      subjects: registered,
      checks: [
        check("N01", "09:00:00", "agency"),
        check("K01", "09:00:00", "agency"),
        check("K01", "10:00:00", "agency"),
        check("K05", "09:00:00", "office"),
        check("N05", "09:00:00", "agency"),
      ],
    });
    expect(get("agency_leave_coverage")).toMatchObject({ required: 3, done: 1, missing: ["K05", "N03"] });
    expect(get("agency_key_sample")).toMatchObject({ required: 2, done: 1 }); // ⌈1.1⌉
    expect(get("agency_other_checks")).toMatchObject({ required: 10, done: 2 });
  });

  it("visit samples: 20% of key and strict per month, 3% of normal per quarter, distinct persons", () => {
    const get = office({
      asOf: "2025-08-12T20:00:00+08:00",
      registeredAtPeriodStart: { month: { keyOrStrict: 10 }, quarter: { normal: 34 } },
      visits: [
        { subjectId: "A", at: "2025-08-01T00:00:00+08:00", by: "agency" },
        { subjectId: "A", at: "2025-08-02T10:00:00+08:00", by: "agency" },
        { subjectId: "B", at: "2025-07-31T23:59:59+08:00", by: "agency" },
        { subjectId: "C", at: "2025-08-05T10:00:00+08:00", by: "office" },
        { subjectId: "D", at: "2025-08-12T20:00:01+08:00", by: "agency" },
      ],
    });
    expect(get("agency_visit_sample_month")).toMatchObject({ required: 2, done: 1, status: "open" });
    expect(get("agency_visit_sample_quarter")).toMatchObject({ required: 2, done: 2, status: "met" }); // ⌈1.02⌉
  });

  it("judges an earlier date: its day is over, its month may be too", () => {
    const get = office({
      asOf: "2025-09-01T00:00:00+08:00",
      date: "2025-08-31",
      checks: [
        check("S1", "09:00:00", "office", "2025-08-31"),
        check("S1", "09:00:00", "office", "2025-09-01"),
      ],
    });
    expect(get("office_morning_round")).toMatchObject({ done: 1, status: "met" });
    expect(get("office_afternoon_round")?.status).toBe("overdue");
    expect(get("office_other_checks")?.status).toBe("overdue");
    expect(get("agency_visit_sample_month")).toMatchObject({
      status: "overdue",
      period: "2025-08-01/2025-08-31",
    });
    expect(get("agency_visit_sample_quarter")?.status).toBe("open");
  });

  it("ignores checks after asOf and on other days", () => {
    const get = office({
      asOf: "2025-08-12T10:00:00+08:00",
      checks: [check("S1", "10:00:01"), check("S1", "09:00:00", "office", "2025-08-11")],
    });
    expect(get("office_morning_round")).toMatchObject({ done: 0, status: "open" });
  });

  it("rounds shares up in integers (10% of 30 is 3, not 4)", () => {
    expect(percentRoundedUp(30, 10)).toBe(3);
    expect(percentRoundedUp(31, 10)).toBe(4);
    expect(percentRoundedUp(0, 10)).toBe(0);
    expect(percentRoundedUp(140, 3)).toBe(5);
    expect(percentRoundedUp(12, 20)).toBe(3);
  });
});

describe("the office input schema", () => {
  const problem = (input: unknown) => {
    const parsed = parseOfficeInput(input);
    return parsed.ok ? "ok" : describeProblem(parsed.problem);
  };
  const json = () => JSON.parse(JSON.stringify(CONTRACT_EXAMPLE));

  it("accepts the contract's example", () => {
    expect(problem(json())).toBe("ok");
  });

  it("refuses a check of a person not in subjects, naming it", () => {
    const input = json();
    input.checks.push({ subjectId: "S9", at: "2025-08-12T11:00:00+08:00", by: "office" });
    expect(problem(input)).toContain("at checks[2].subjectId:");
  });

  it("refuses a date after the as-of date", () => {
    expect(problem({ ...json(), date: "2025-08-13" })).toContain("at date:");
    expect(problem({ ...json(), date: "2025-08-12" })).toBe("ok");
    expect(problem({ ...json(), asOf: "2025-08-12T16:00:00Z", date: "2025-08-13" })).toBe("ok"); // 00:00 CST on the 13th
  });

  it("refuses unknown fields, duplicate ids and bad values", () => {
    expect(problem({ ...json(), extra: true })).toContain("at extra: unknown field");
    const dup = json();
    dup.subjects.push({ id: "S1", level: "normal", onLeave: false });
    expect(problem(dup)).toContain("at subjects[2].id:");
    const bad = json();
    bad.checks[0].by = "police";
    expect(problem(bad)).toContain("checks[0].by");
    expect(problem({ ...json(), date: "2025-02-30" })).toContain("at date:");
    const lenient = json();
    lenient.subjects[0].level = "lenient";
    expect(problem(lenient)).toContain("subjects[0].level");
  });

  describe("late entries (补录, recordedAt)", () => {
    const late = (time: string, recorded: string) => ({
      ...check("S1", time),
      recordedAt: `2025-08-12T${recorded}+08:00`,
    });

    it("a check entered after its round's window does not make the round met", () => {
      const item = office({ checks: [late("09:10:00", "13:30:00")] });
      expect(item("office_morning_round")).toMatchObject({ done: 0, status: "overdue" });
      // It is still a check of that day, entered within the day: the key person is covered.
      expect(item("office_key_coverage")).toMatchObject({ done: 1, status: "met" });
    });

    it("an entry within the window counts, and one not yet entered at asOf does not", () => {
      expect(office({ checks: [late("09:10:00", "11:50:00")] })("office_morning_round")?.done).toBe(1);
      const before = office({ asOf: "2025-08-12T10:00:00+08:00", checks: [late("09:10:00", "11:50:00")] });
      expect(before("office_morning_round")).toMatchObject({ done: 0, status: "open" });
    });

    it("a check of the day entered the next day covers nobody that day", () => {
      const item = office({
        asOf: "2025-08-13T09:00:00+08:00",
        date: "2025-08-12",
        checks: [{ ...check("S1", "09:10:00"), recordedAt: "2025-08-13T08:00:00+08:00" }],
      });
      expect(item("office_key_coverage")).toMatchObject({ done: 0, status: "overdue" });
    });

    it("a profile that lets late checks count makes the round met", () => {
      const lenient = derivePolicy(defaultRegistry.get(DEFAULT_POLICY_ID), "late-counts", (draft) => {
        draft.records.lateCheckCountsForRound = true;
      });
      const result = evaluateOffice(
        { ...CONTRACT_EXAMPLE, policy: "late-counts", checks: [late("09:10:00", "13:30:00")], visits: [] },
        { registry: new PolicyRegistry([lenient]) },
      );
      expect(result.items.find((i) => i.id === "office_morning_round")?.status).toBe("met");
    });
  });
});
