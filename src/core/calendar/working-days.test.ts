import { describe, expect, it } from "vitest";
import { getPolicy } from "../policy/registry.ts";
import { formatDate, parseDate } from "./days.ts";
import { type DueRule, dueDay } from "./due.ts";
import { WorkingDayCalendar } from "./working-days.ts";

const profile = getPolicy("yirenyice-2025");
const calendar = new WorkingDayCalendar(profile.calendar.holidays, profile.calendar.adjustedWorkdays);
const working = (date: string) => calendar.isWorkingDay(parseDate(date));
const due = (rule: DueRule, date: string) => formatDate(dueDay(rule, parseDate(date), calendar));

describe("working days (State Council calendar from chinese-days)", () => {
  it("treats plain weekdays as working and weekends as not", () => {
    expect(working("2025-08-15")).toBe(true); // Friday
    expect(working("2025-08-16")).toBe(false); // Saturday
  });

  it("knows the 2025 National Day holidays and the adjusted working Sunday and Saturday", () => {
    expect(working("2025-10-01")).toBe(false);
    expect(working("2025-10-08")).toBe(false); // Wednesday, still a holiday
    expect(working("2025-09-28")).toBe(true); // Sunday worked in lieu
    expect(working("2025-10-11")).toBe(true); // Saturday worked in lieu
    expect(working("2025-05-05")).toBe(false); // Labour Day holiday, a Monday
    expect(working("2025-01-26")).toBe(true); // Sunday before the Spring Festival
  });

  it("derives the statutory holidays of a year the calendar does not know (no 调休)", () => {
    expect(working("2040-10-01")).toBe(false); // a Monday, National Day by the national rules
    expect(working("2040-10-04")).toBe(true); // Thursday: no bridging day without a notice
    expect(working("2040-10-06")).toBe(false); // Saturday
    expect(calendar.isProvisional(2040)).toBe(true);
  });
});

describe("deadlines within N days / working days / months (policy.md Deadlines)", () => {
  it("within N days of D is the end of D+N", () => {
    expect(due({ unit: "days", count: 10 }, "2025-04-10")).toBe("2025-04-20");
    expect(due({ unit: "days", count: 10 }, "2025-12-25")).toBe("2026-01-04");
  });

  it("within N working days of D is the N-th working day after D (D itself not counted)", () => {
    expect(due({ unit: "working_days", count: 3 }, "2025-04-10")).toBe("2025-04-15"); // Thu → Fri, Mon, Tue
    expect(due({ unit: "working_days", count: 1 }, "2025-08-15")).toBe("2025-08-18"); // Friday → Monday
    // Across National Day: Oct 1–8 off, Sat Oct 11 is worked.
    expect(due({ unit: "working_days", count: 3 }, "2025-09-30")).toBe("2025-10-11");
    expect(due({ unit: "working_days", count: 1 }, "2025-09-27")).toBe("2025-09-28");
  });

  it("within one month of D is the same day number next month, or that month's last day", () => {
    expect(due({ unit: "months", count: 1 }, "2025-04-10")).toBe("2025-05-10");
    expect(due({ unit: "months", count: 1 }, "2025-01-31")).toBe("2025-02-28");
    expect(due({ unit: "months", count: 1 }, "2024-01-30")).toBe("2024-02-29");
    expect(due({ unit: "months", count: 1 }, "2025-12-31")).toBe("2026-01-31");
  });
});
