import { describe, expect, it } from "vitest";
import { leaveDays, leaveState, monthDays } from "./calendar.ts";

describe("the calendar of who is away", () => {
  it("lists a month's days, leap years included", () => {
    expect(monthDays("2026-11")).toHaveLength(30);
    expect(monthDays("2028-02").at(-1)).toBe("2028-02-29");
    expect(monthDays("2026-12")[0]).toBe("2026-12-01");
  });

  it("marks the days of a leave away, the days to come planned, only within the month", () => {
    const leave = { from: "2026-11-29", to: "2026-12-02", returnedOn: null };
    expect(leaveDays(leave, "2026-11", "2026-11-29")).toEqual({
      "2026-11-29": "away",
      "2026-11-30": "planned",
    });
    expect(leaveDays(leave, "2026-12", "2026-11-29")).toEqual({
      "2026-12-01": "planned",
      "2026-12-02": "planned",
    });
    expect(leaveState(leave, "2026-11-28")).toBe("planned");
    expect(leaveState(leave, "2026-12-02")).toBe("away");
  });

  it("not back after the last day: overdue up to today; back early: the rest of the days are back", () => {
    const late = { from: "2026-11-10", to: "2026-11-12", returnedOn: null };
    expect(leaveDays(late, "2026-11", "2026-11-14")).toEqual({
      "2026-11-10": "away",
      "2026-11-11": "away",
      "2026-11-12": "away",
      "2026-11-13": "overdue",
      "2026-11-14": "overdue",
    });
    expect(leaveState(late, "2026-11-13")).toBe("overdue");
    const early = { from: "2026-11-10", to: "2026-11-14", returnedOn: "2026-11-11" };
    expect(leaveDays(early, "2026-11", "2026-11-20")).toEqual({
      "2026-11-10": "away",
      "2026-11-11": "away",
      "2026-11-12": "back",
      "2026-11-13": "back",
      "2026-11-14": "back",
    });
    expect(leaveState(early, "2026-11-12")).toBe("back");
    // Back two days late: the late days stay overdue on the calendar, nothing after the return.
    const backLate = { from: "2026-11-10", to: "2026-11-12", returnedOn: "2026-11-14" };
    expect(leaveDays(backLate, "2026-11", "2026-11-20")).toEqual({
      "2026-11-10": "away",
      "2026-11-11": "away",
      "2026-11-12": "away",
      "2026-11-13": "overdue",
      "2026-11-14": "overdue",
    });
  });
});
