import { describe, expect, it } from "vitest";
import { evaluateCase } from "../evaluate.ts";
import type { CaseEvent, CaseSubject } from "../input/case-schema.ts";
import type { BookSection } from "../policy/schema.ts";
import { cst, makeCase } from "../testing/case-builder.ts";

function deadlines(subject: Partial<CaseSubject>, events: CaseEvent[], asOf: string) {
  return evaluateCase(makeCase(asOf, subject, events)).deadlines;
}
const entry = (section: BookSection, at: string): CaseEvent => ({ type: "book_section", section, at });
const due = (list: ReturnType<typeof deadlines>, section: BookSection) =>
  list.filter((d) => d.section === section).map((d) => d.dueBy.slice(0, 10));

describe("one-off book sections (seed 000 §一–§八)", () => {
  const list = deadlines({}, [], "2025-06-01T10:00:00+08:00"); // intake Thursday 2025-04-10

  it("are due by the profile's times after intake", () => {
    expect(due(list, "basic_info")).toEqual(["2025-04-15"]); // 3 working days
    expect(due(list, "intake_evaluation")).toEqual(["2025-04-15"]);
    expect(due(list, "file_review_summary")).toEqual(["2025-04-15"]);
    expect(due(list, "psych_evaluation")).toEqual(["2025-04-24"]); // 10 working days
    expect(due(list, "team_formed")).toEqual(["2025-04-20"]); // 10 days
    expect(due(list, "team_notified")).toEqual(["2025-04-20"]);
    expect(due(list, "intake_summary")).toEqual(["2025-05-10"]); // one month
    expect(due(list, "correction_plan")).toEqual(["2025-05-10"]);
  });

  it("carry their basis and are sorted by due date, then section", () => {
    expect(list.find((d) => d.section === "psych_evaluation")?.basis).toBe("seed 000 §三");
    expect(list.find((d) => d.section === "correction_plan")?.basis).toBe("seed 000 §八");
    const keys = list.map((d) => `${d.dueBy} ${d.section}`);
    expect(keys).toEqual([...keys].sort());
    expect(list[0]).toEqual({
      section: "basic_info",
      dueBy: "2025-04-15T23:59:59+08:00",
      doneAt: null,
      status: "overdue",
      basis: "seed 000 §一",
    });
  });

  it("count working days across the National Day holidays", () => {
    const l = deadlines(
      { intakeDate: "2025-09-30", termStart: "2025-09-30", termEnd: "2026-09-29" },
      [],
      "2025-10-05T10:00:00+08:00",
    );
    expect(due(l, "basic_info")).toEqual(["2025-10-11"]); // Oct 1–8 off; Oct 9, 10 and Saturday Oct 11 worked
  });

  it("one month from 31 January is 28 February", () => {
    const l = deadlines(
      { intakeDate: "2026-01-31", termStart: "2026-01-31", termEnd: "2027-01-30" },
      [],
      "2026-02-10T10:00:00+08:00",
    );
    expect(due(l, "intake_summary")).toEqual(["2026-02-28"]);
  });
});

describe("statuses and matching of book entries", () => {
  it("met when done by the end of the due day, late after, overdue or open when not done", () => {
    const events = [
      entry("basic_info", "2025-04-15T15:59:59Z"), // 23:59:59 CST on the due day
      entry("intake_evaluation", "2025-04-15T16:00:00Z"), // 00:00 CST the next day
    ];
    const l = deadlines({}, events, "2025-04-20T10:00:00+08:00");
    expect(l.find((d) => d.section === "basic_info")).toMatchObject({
      status: "met",
      doneAt: "2025-04-15T15:59:59Z",
    });
    expect(l.find((d) => d.section === "intake_evaluation")?.status).toBe("late");
    expect(l.find((d) => d.section === "file_review_summary")?.status).toBe("overdue");
    expect(l.find((d) => d.section === "team_formed")?.status).toBe("open"); // due today
  });

  it("ignores entries after the as-of instant", () => {
    const l = deadlines(
      {},
      [entry("basic_info", cst("2025-04-12", "10:00:01"))],
      "2025-04-12T10:00:00+08:00",
    );
    expect(l.find((d) => d.section === "basic_info")).toMatchObject({ status: "open", doneAt: null });
  });

  it("matches each entry to the earliest unmatched deadline whose window has opened", () => {
    // Intake 2025-04-01: initial evaluation at 07-01 (due 07-11); quarterly for Q3 (due 10-10) and Q4.
    const subject = { intakeDate: "2025-04-01", termStart: "2025-04-01", termEnd: "2027-03-31" };
    const events = [
      entry("quarterly_evaluation", cst("2025-08-01")), // before Q3's window (opens 09-10): unmatched
      entry("quarterly_evaluation", cst("2025-10-12")), // Q3, late
      entry("quarterly_evaluation", cst("2025-12-20")), // Q4 (due 2026-01-10), window opened 12-10
      entry("initial_evaluation", cst("2025-06-20")), // before its window (opens 07-01): unmatched
      entry("initial_evaluation", cst("2025-07-05")),
    ];
    const l = deadlines(subject, events, "2026-01-05T10:00:00+08:00");
    expect(l.filter((d) => d.section === "quarterly_evaluation")).toEqual([
      {
        section: "quarterly_evaluation",
        dueBy: "2025-10-10T23:59:59+08:00",
        doneAt: "2025-10-12T10:00:00+08:00",
        status: "late",
        basis: "seed 000 §十",
        periodEnd: "2025-09-30", // the quarter evaluated
      },
      {
        section: "quarterly_evaluation",
        dueBy: "2026-01-10T23:59:59+08:00",
        doneAt: "2025-12-20T10:00:00+08:00",
        status: "met",
        basis: "seed 000 §十",
        periodEnd: "2025-12-31",
      },
    ]);
    expect(l.find((d) => d.section === "initial_evaluation")).toMatchObject({
      periodEnd: "2025-07-01", // intake + 3 months
      dueBy: "2025-07-11T23:59:59+08:00",
      doneAt: "2025-07-05T10:00:00+08:00",
      status: "met",
    });
  });

  it("an entry matches one deadline only; a second entry of a one-off section is ignored", () => {
    const events = [entry("basic_info", cst("2025-04-11")), entry("basic_info", cst("2025-04-12"))];
    const l = deadlines({}, events, "2025-04-20T10:00:00+08:00");
    expect(l.filter((d) => d.section === "basic_info")).toHaveLength(1);
    expect(l.find((d) => d.section === "basic_info")?.doneAt).toBe("2025-04-11T10:00:00+08:00");
  });
});

describe("recurring evaluations and release (seed 000 §十, §十一)", () => {
  it("initial evaluation due 10 days after intake + 3 months (month-end clamped)", () => {
    const l = deadlines(
      { intakeDate: "2025-05-31", termStart: "2025-05-31", termEnd: "2026-05-30" },
      [],
      "2025-09-01T10:00:00+08:00",
    );
    expect(due(l, "initial_evaluation")).toEqual(["2025-09-10"]); // 08-31 + 10
  });

  it("quarterly evaluations start with the first quarter beginning on or after intake + 3 months", () => {
    const l = deadlines({}, [], "2026-01-05T10:00:00+08:00"); // intake 04-10 → 07-10: first is Q4
    expect(due(l, "quarterly_evaluation")).toEqual(["2026-01-10"]);
  });

  it("quarterly evaluations stop with the last quarter ending under correction", () => {
    const l = deadlines(
      { intakeDate: "2025-04-01", termStart: "2025-04-01", termEnd: "2025-12-30" },
      [],
      "2026-01-05T10:00:00+08:00",
    );
    expect(due(l, "quarterly_evaluation")).toEqual(["2025-10-10"]); // Q4 ends after 12-30
    expect(due(l, "release_analysis")).toEqual(["2026-01-30"]);
  });

  it("annual evaluations at each anniversary reached under correction", () => {
    const subject = { intakeDate: "2024-02-29", termStart: "2024-02-29", termEnd: "2027-02-27" };
    const l = deadlines(subject, [], "2026-02-20T10:00:00+08:00");
    // The book applies from 2025-07-01 (phase 2), so the 2025 anniversary (02-28) is before it;
    // the 2026 one falls on 28 February (no 29th) and is due 10 days later.
    expect(due(l, "annual_evaluation")).toEqual(["2026-03-10"]);
    const short = deadlines(
      { intakeDate: "2025-04-10", termStart: "2025-04-10", termEnd: "2026-04-09" },
      [],
      "2026-04-15T10:00:00+08:00",
    );
    expect(due(short, "annual_evaluation")).toEqual([]);
  });

  it("release analysis one month after release, or after the term's end", () => {
    const released = deadlines({ releaseDate: "2025-08-31" }, [], "2025-09-10T10:00:00+08:00");
    expect(due(released, "release_analysis")).toEqual(["2025-09-30"]);
    expect(released.find((d) => d.section === "release_analysis")?.basis).toBe("seed 000 §十一");
    const term = deadlines({}, [], "2026-04-15T10:00:00+08:00");
    expect(due(term, "release_analysis")).toEqual(["2026-05-09"]);
  });

  it("lists deadlines due up to 30 days after the as-of day", () => {
    // termEnd 2026-04-09 → release analysis due 2026-05-09.
    expect(due(deadlines({}, [], "2026-04-09T10:00:00+08:00"), "release_analysis")).toEqual(["2026-05-09"]);
    expect(due(deadlines({}, [], "2026-04-08T23:59:59+08:00"), "release_analysis")).toEqual([]);
  });
});

describe("deadlines follow the rollout (seed 000 §十三)", () => {
  it("no book, no deadlines", () => {
    const l = deadlines(
      { intakeDate: "2024-11-01", termStart: "2024-11-01", termEnd: "2027-10-31" },
      [],
      "2025-06-01T10:00:00+08:00",
    );
    expect(l).toEqual([]);
  });

  it("a person included after intake: one-off sections run from since, evaluations for periods ending on or after it", () => {
    // Under correction since 2023-01-10; the remaining term reaches one year on 2025-05-10 (Saturday).
    const subject = { intakeDate: "2023-01-10", termStart: "2023-01-10", termEnd: "2026-05-09" };
    const l = deadlines(subject, [entry("basic_info", cst("2025-05-12"))], "2026-01-05T10:00:00+08:00");
    expect(due(l, "basic_info")).toEqual(["2025-05-14"]); // 3 working days from Saturday 05-10
    expect(l.find((d) => d.section === "basic_info")?.status).toBe("met");
    expect(due(l, "intake_summary")).toEqual(["2025-06-10"]);
    expect(due(l, "initial_evaluation")).toEqual([]); // 2023-04-10 is before since
    expect(due(l, "quarterly_evaluation")).toEqual(["2025-07-10", "2025-10-10", "2026-01-10"]); // Q2 2025 on
    expect(l.filter((d) => d.dueBy < "2025-05-10")).toEqual([]);
    expect(due(deadlines(subject, [], "2026-01-15T10:00:00+08:00"), "annual_evaluation")).toEqual([
      "2026-01-20",
    ]);
  });

  it("the initial evaluation is due when intake + 3 months falls on or after since", () => {
    // Intake 2025-03-15, term to 2026-03-14: the remaining term is one year or less from 2025-04-01.
    const subject = { intakeDate: "2025-03-15", termStart: "2025-03-15", termEnd: "2026-03-14" };
    const l = deadlines(subject, [], "2025-07-01T10:00:00+08:00");
    expect(evaluateCase(makeCase("2025-07-01T10:00:00+08:00", subject)).book.since).toBe("2025-04-01");
    expect(due(l, "initial_evaluation")).toEqual(["2025-06-25"]); // 06-15 + 10
    expect(due(l, "basic_info")).toEqual(["2025-04-07"]); // Apr 2, 3, 7 (Apr 4 Qingming holiday)
  });
});
