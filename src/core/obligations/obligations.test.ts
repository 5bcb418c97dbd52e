import { describe, expect, it } from "vitest";
import { evaluateCase } from "../evaluate.ts";
import type { CaseEvent, CaseSubject } from "../input/case-schema.ts";
import { cst, makeCase } from "../testing/case-builder.ts";

function run(subject: Partial<CaseSubject>, events: CaseEvent[], asOf = "2025-09-03T10:00:00+08:00") {
  const result = evaluateCase(makeCase(asOf, subject, events));
  const byId = new Map(result.obligations.map((o) => [o.id, o]));
  return { list: result.obligations, byId, ids: result.obligations.map((o) => o.id) };
}

const report = (type: "phone_report" | "in_person_report" | "location_report", at: string): CaseEvent => ({
  type,
  at,
});

describe("per-person standards by level (seed 000 §九.2(4), §九.2(3))", () => {
  it("normal: phone per half-month, in person per month, a visit per quarter; no location reports", () => {
    const { ids, byId } = run({ level: "normal" }, []);
    expect(ids).toContain("phone_report:2025-08-16/2025-08-31");
    expect(ids).toContain("phone_report:2025-09-01/2025-09-15");
    expect(ids).toContain("in_person_report:2025-08-01/2025-08-31");
    expect(ids).toContain("field_visit:2025-07-01/2025-09-30");
    expect(ids.some((id) => id.startsWith("location_report"))).toBe(false);
    expect(ids.some((id) => /^phone_report:2025-08-25/.test(id))).toBe(false);
    expect(byId.get("phone_report:2025-09-01/2025-09-15")).toEqual({
      id: "phone_report:2025-09-01/2025-09-15",
      kind: "phone_report",
      periodStart: "2025-09-01",
      periodEnd: "2025-09-15",
      required: 1,
      done: 0,
      dueBy: "2025-09-15T23:59:59+08:00",
      status: "open",
      basis: "seed 000 §九.2(4)",
    });
    expect(byId.get("field_visit:2025-07-01/2025-09-30")?.basis).toBe("seed 000 §九.2(3)");
  });

  it("strict: phone weekly, in person per half-month, the office head's visit monthly", () => {
    const { ids, byId } = run({ level: "strict" }, [
      { type: "field_visit", at: cst("2025-07-10"), byRole: "office_assistant" },
      { type: "field_visit", at: cst("2025-08-12"), byRole: "office_head" },
    ]);
    expect(ids).toContain("phone_report:2025-08-25/2025-08-31");
    expect(ids).toContain("phone_report:2025-09-01/2025-09-07");
    expect(ids).toContain("in_person_report:2025-08-16/2025-08-31");
    expect(ids).not.toContain("in_person_report:2025-08-01/2025-08-31");
    expect(byId.get("field_visit:2025-07-01/2025-07-31")).toMatchObject({ done: 0, status: "overdue" });
    expect(byId.get("field_visit:2025-08-01/2025-08-31")).toMatchObject({ done: 1, status: "met" });
    expect(ids.some((id) => id.startsWith("location_report"))).toBe(false);
  });

  it("normal: a visit by any office worker counts", () => {
    const { byId } = run({ level: "normal" }, [
      { type: "field_visit", at: cst("2025-07-10"), byRole: "office_assistant" },
    ]);
    expect(byId.get("field_visit:2025-07-01/2025-09-30")).toMatchObject({ done: 1, status: "met" });
  });

  it("normal: the agency's sampling visit does not make the office's quarterly visit", () => {
    const { byId } = run({ level: "normal" }, [
      { type: "field_visit", at: cst("2025-07-10"), byRole: "agency_staff" },
      { type: "field_visit", at: cst("2025-07-12"), byRole: "agency_head" },
    ]);
    expect(byId.get("field_visit:2025-07-01/2025-09-30")).toMatchObject({ done: 0 });
  });

  it("key: three location reports a day, and the strict standards", () => {
    const { byId, ids } = run({ level: "key" }, [
      report("location_report", cst("2025-09-02", "08:00:00")),
      report("location_report", cst("2025-09-02", "12:30:00")),
      report("location_report", cst("2025-09-02", "19:45:00")),
      report("location_report", cst("2025-09-03", "08:00:00")),
    ]);
    expect(byId.get("location_report:2025-09-02/2025-09-02")).toMatchObject({
      required: 3,
      done: 3,
      status: "met",
      dueBy: "2025-09-02T23:59:59+08:00",
    });
    expect(byId.get("location_report:2025-09-01/2025-09-01")).toMatchObject({ done: 0, status: "overdue" });
    expect(byId.get("location_report:2025-09-03/2025-09-03")).toMatchObject({ done: 1, status: "open" });
    expect(ids).not.toContain("location_report:2025-09-04/2025-09-04");
    expect(ids).toContain("phone_report:2025-09-01/2025-09-07");
    expect(ids).toContain("in_person_report:2025-08-16/2025-08-31");
    expect(ids).toContain("field_visit:2025-08-01/2025-08-31");
  });

  it("daily obligations begin the day after intake", () => {
    const { ids } = run(
      { level: "key", intakeDate: "2025-08-20", termStart: "2025-08-20", termEnd: "2026-08-19" },
      [],
      "2025-08-25T10:00:00+08:00",
    );
    expect(ids).not.toContain("location_report:2025-08-20/2025-08-20");
    expect(ids).toContain("location_report:2025-08-21/2025-08-21");
  });
});

describe("which periods count (policy.md)", () => {
  it("a level change takes effect from the next period: strict → normal on 6 August", () => {
    const levelHistory = [
      { from: "2025-04-10", level: "strict" as const },
      { from: "2025-08-06", level: "normal" as const },
    ];
    const { ids } = run({ level: "normal", levelHistory }, [], "2025-09-20T10:00:00+08:00");
    const inPerson = ids.filter((id) => id.startsWith("in_person_report"));
    expect(inPerson).toContain("in_person_report:2025-08-01/2025-08-15"); // began strict
    expect(inPerson).not.toContain("in_person_report:2025-08-16/2025-08-31");
    expect(inPerson).not.toContain("in_person_report:2025-08-01/2025-08-31");
    expect(inPerson).toContain("in_person_report:2025-09-01/2025-09-30"); // first normal month
    const phone = ids.filter((id) => id.startsWith("phone_report"));
    expect(phone).toContain("phone_report:2025-08-04/2025-08-10"); // week began strict on Monday 4 August
    expect(phone).not.toContain("phone_report:2025-08-11/2025-08-17");
    expect(phone).not.toContain("phone_report:2025-08-01/2025-08-15");
    expect(phone).toContain("phone_report:2025-08-16/2025-08-31");
    expect(ids).toContain("field_visit:2025-07-01/2025-07-31"); // strict July
    expect(ids).toContain("field_visit:2025-08-01/2025-08-31"); // August began strict
    expect(ids).not.toContain("field_visit:2025-07-01/2025-09-30"); // the quarter began strict too
  });

  it("a level change on the first day of a period applies to that period", () => {
    const levelHistory = [
      { from: "2025-04-10", level: "normal" as const },
      { from: "2025-08-01", level: "strict" as const },
    ];
    const { ids } = run({ level: "strict", levelHistory }, []);
    expect(ids).toContain("field_visit:2025-08-01/2025-08-31");
    expect(ids).toContain("in_person_report:2025-08-01/2025-08-15");
    expect(ids).not.toContain("in_person_report:2025-08-01/2025-08-31");
    expect(ids).toContain("in_person_report:2025-07-01/2025-07-31");
  });

  it("the period of intake is exempt unless intake is its first day", () => {
    const april = run({ intakeDate: "2025-04-10" }, [], "2025-05-05T10:00:00+08:00").ids;
    expect(april).not.toContain("in_person_report:2025-04-01/2025-04-30");
    expect(april).not.toContain("phone_report:2025-04-01/2025-04-15");
    expect(april).toContain("phone_report:2025-04-16/2025-04-30");
    const first = run(
      { intakeDate: "2025-04-01", termStart: "2025-04-01", termEnd: "2026-03-31" },
      [],
      "2025-05-05T10:00:00+08:00",
    ).ids;
    expect(first).toContain("in_person_report:2025-04-01/2025-04-30");
    expect(first).toContain("field_visit:2025-04-01/2025-06-30");
  });

  it("the period of release is exempt unless release is its last day", () => {
    const early = run({ releaseDate: "2025-08-20" }, [], "2025-09-03T10:00:00+08:00").ids;
    expect(early).not.toContain("in_person_report:2025-08-01/2025-08-31");
    expect(early).not.toContain("phone_report:2025-08-16/2025-08-31");
    expect(early).toContain("phone_report:2025-08-01/2025-08-15");
    expect(early.some((id) => id.includes("2025-09-"))).toBe(false);
    const onLastDay = run({ releaseDate: "2025-08-31" }, [], "2025-09-03T10:00:00+08:00").ids;
    expect(onLastDay).toContain("in_person_report:2025-08-01/2025-08-31");
    expect(onLastDay).not.toContain("field_visit:2025-07-01/2025-09-30");
  });

  it("the term's end ends the obligations when there is no release date", () => {
    const { ids } = run({ termEnd: "2025-08-31", termStart: "2025-02-28", intakeDate: "2025-02-28" }, []);
    expect(ids).toContain("in_person_report:2025-08-01/2025-08-31");
    expect(ids.some((id) => id.includes("2025-09-"))).toBe(false);
  });

  it("reaches back 90 days: a period ending on as-of − 90 is listed, one ending the day before is not", () => {
    // as-of 2025-09-03 − 90 days = 2025-06-05.
    const { ids } = run({ level: "key" }, []);
    expect(ids).toContain("location_report:2025-06-05/2025-06-05");
    expect(ids).not.toContain("location_report:2025-06-04/2025-06-04");
    expect(ids).toContain("phone_report:2025-06-02/2025-06-08");
    expect(ids).not.toContain("phone_report:2025-05-26/2025-06-01");
    expect(ids).toContain("field_visit:2025-06-01/2025-06-30");
  });

  it("sorts by period start, then kind", () => {
    const { list } = run({ level: "key" }, [{ type: "leave", from: "2025-09-01", to: "2025-09-02" }]);
    const keys = list.map((o) => `${o.periodStart} ${o.kind}`);
    expect(keys).toEqual([...keys].sort());
    expect(list.filter((o) => o.periodStart === "2025-09-01").map((o) => o.kind)).toEqual(
      [
        "in_person_report",
        "leave_phone_check",
        "leave_signin_check",
        "location_report",
        "phone_report",
        "field_visit",
      ].sort(),
    );
  });
});

describe("counting events", () => {
  it("counts only events of exactly the obligation's kind", () => {
    const { byId } = run({}, [report("in_person_report", cst("2025-08-20"))]);
    expect(byId.get("phone_report:2025-08-16/2025-08-31")).toMatchObject({ done: 0, status: "overdue" });
    expect(byId.get("in_person_report:2025-08-01/2025-08-31")).toMatchObject({ done: 1, status: "met" });
  });

  it("does not cap done", () => {
    const { byId } = run({}, [
      report("phone_report", cst("2025-08-17")),
      report("phone_report", cst("2025-08-18")),
      report("phone_report", cst("2025-08-31", "23:59:59")),
    ]);
    expect(byId.get("phone_report:2025-08-16/2025-08-31")).toMatchObject({
      required: 1,
      done: 3,
      status: "met",
    });
  });

  it("places a report on its CST day: 15:59:59Z is 23:59:59 that day, 16:00Z is the next day", () => {
    const late = run({}, [report("phone_report", "2025-08-15T15:59:59Z")]).byId;
    expect(late.get("phone_report:2025-08-01/2025-08-15")?.done).toBe(1);
    const next = run({}, [report("phone_report", "2025-08-15T16:00:00Z")]).byId;
    expect(next.get("phone_report:2025-08-01/2025-08-15")?.done).toBe(0);
    expect(next.get("phone_report:2025-08-16/2025-08-31")?.done).toBe(1);
  });

  it("ignores events after the as-of instant", () => {
    const asOf = "2025-09-03T10:00:00+08:00";
    const { byId } = run({}, [report("phone_report", cst("2025-09-03", "10:00:01"))], asOf);
    expect(byId.get("phone_report:2025-09-01/2025-09-15")).toMatchObject({ done: 0, status: "open" });
    const atAsOf = run({}, [report("phone_report", "2025-09-03T02:00:00Z")], asOf).byId;
    expect(atAsOf.get("phone_report:2025-09-01/2025-09-15")).toMatchObject({ done: 1, status: "met" });
  });

  it("an unmet period is open through its last day and overdue from the next CST midnight", () => {
    const open = run({}, [], "2025-08-31T15:59:59Z").byId; // 23:59:59 CST on the 31st
    expect(open.get("phone_report:2025-08-16/2025-08-31")?.status).toBe("open");
    const overdue = run({}, [], "2025-08-31T16:00:00Z").byId; // 00:00 CST on 1 September
    expect(overdue.get("phone_report:2025-08-16/2025-08-31")?.status).toBe("overdue");
  });
});

describe("leave (seed 000 §九.2(2), policy.md Leave)", () => {
  it("waives an in-person report and a visit whose every day is on leave, still reporting done", () => {
    const { byId } = run({}, [
      { type: "leave", from: "2025-07-25", to: "2025-08-15" },
      { type: "leave", from: "2025-08-16", to: "2025-09-01" }, // adjacent leaves join
      report("in_person_report", cst("2025-08-03")),
    ]);
    expect(byId.get("in_person_report:2025-08-01/2025-08-31")).toMatchObject({ status: "waived", done: 1 });
    expect(byId.get("phone_report:2025-08-16/2025-08-31")?.status).toBe("overdue"); // phone reports are not waived
    expect(byId.get("field_visit:2025-07-01/2025-09-30")?.status).toBe("open");
  });

  it("does not waive a period with a day off leave", () => {
    const { byId } = run({}, [{ type: "leave", from: "2025-08-01", to: "2025-08-30" }]);
    expect(byId.get("in_person_report:2025-08-01/2025-08-31")?.status).toBe("overdue");
  });

  it("waives a future part of the current period only when leave covers it all", () => {
    const { byId } = run({ level: "strict" }, [{ type: "leave", from: "2025-09-01", to: "2025-09-15" }]);
    expect(byId.get("in_person_report:2025-09-01/2025-09-15")?.status).toBe("waived");
  });

  it("requires three sign-in checks on each leave day up to the as-of day", () => {
    const { byId, ids } = run({}, [
      { type: "leave", from: "2025-09-01", to: "2025-09-05" },
      { type: "leave", from: "2025-09-02", to: "2025-09-03" }, // overlapping: each day once
      { type: "leave_signin_check", at: cst("2025-09-01", "08:00:00") },
      { type: "leave_signin_check", at: cst("2025-09-01", "13:00:00") },
      { type: "leave_signin_check", at: cst("2025-09-01", "20:00:00") },
      { type: "leave_signin_check", at: cst("2025-09-02", "08:00:00") },
    ]);
    expect(byId.get("leave_signin_check:2025-09-01/2025-09-01")).toMatchObject({
      required: 3,
      done: 3,
      status: "met",
      basis: "seed 000 §九.2(2)",
    });
    expect(byId.get("leave_signin_check:2025-09-02/2025-09-02")).toMatchObject({
      done: 1,
      status: "overdue",
    });
    expect(byId.get("leave_signin_check:2025-09-03/2025-09-03")).toMatchObject({ done: 0, status: "open" });
    expect(ids.filter((id) => id.startsWith("leave_signin_check"))).toHaveLength(3);
    expect(ids.some((id) => id.startsWith("leave_phone_check"))).toBe(false); // not a key person
  });

  it("requires a daily phone check only while the person is at key level", () => {
    const levelHistory = [
      { from: "2025-04-10", level: "strict" as const },
      { from: "2025-09-02", level: "key" as const },
    ];
    const { byId, ids } = run({ level: "key", levelHistory }, [
      { type: "leave", from: "2025-09-01", to: "2025-09-03" },
      { type: "leave_phone_check", at: cst("2025-09-02", "18:00:00") },
    ]);
    expect(ids).not.toContain("leave_phone_check:2025-09-01/2025-09-01");
    expect(byId.get("leave_phone_check:2025-09-02/2025-09-02")).toMatchObject({
      required: 1,
      done: 1,
      status: "met",
    });
    expect(byId.get("leave_phone_check:2025-09-03/2025-09-03")).toMatchObject({ done: 0, status: "open" });
  });

  it("no leave checks on the intake day or outside the correction", () => {
    const { ids } = run({ intakeDate: "2025-08-20", termStart: "2025-08-20", termEnd: "2026-08-19" }, [
      { type: "leave", from: "2025-08-18", to: "2025-08-22" },
    ]);
    const days = ids.filter((id) => id.startsWith("leave_signin_check")).map((id) => id.slice(-10));
    expect(days).toEqual(["2025-08-21", "2025-08-22"]);
  });
});
