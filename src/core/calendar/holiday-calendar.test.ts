// The calendar past the shipped data: statutory holidays derived from the national rules, notices the
// county loads (validated), and which source a year's working days come from.
import { LegalHoliday } from "tyme4ts";
import { describe, expect, it } from "vitest";
import { evaluateCase } from "../evaluate.ts";
import { evaluateOffice } from "../office/evaluate-office.ts";
import { getPolicy } from "../policy/registry.ts";
import { makeCase } from "../testing/case-builder.ts";
import { type CalendarNotice, parseCalendarNotice } from "./calendar-notice.ts";
import { formatDate, parseDate } from "./days.ts";
import { deriveStatutoryHolidays } from "./statutory-holidays.ts";
import { WorkingDayCalendar } from "./working-days.ts";

const profile = getPolicy("yirenyice-2025");
const calendarWith = (notices: CalendarNotice[] = []) =>
  new WorkingDayCalendar(
    profile.calendar.holidays,
    profile.calendar.adjustedWorkdays,
    notices,
    "chinese-days",
  );
const addWorking = (cal: WorkingDayCalendar, date: string, n: number) =>
  formatDate(cal.addWorkingDays(parseDate(date), n));

// An illustrative notice for 2027 (not the State Council's: none was published on 2026-12-01).
const NOTICE_2027: CalendarNotice = {
  year: 2027,
  source: "测试用通知",
  holidays: [
    "2027-01-01",
    "2027-01-02",
    "2027-01-03",
    "2027-02-05",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-02-09",
    "2027-02-10",
    "2027-02-11",
  ],
  workdays: ["2027-02-20"],
};

describe("statutory holidays derived from the national rules (2024 revision)", () => {
  it("gives 2027: 元旦, 春节 from 除夕 (Feb 5–8), 清明 Apr 5, 劳动节, 端午 Jun 9, 中秋 Sep 15, 国庆", () => {
    const days = deriveStatutoryHolidays(2027);
    expect(days.map((d) => `${d.date} ${d.holiday}`)).toEqual([
      "2027-01-01 new_year",
      "2027-02-05 spring_festival", // 除夕
      "2027-02-06 spring_festival", // 正月初一
      "2027-02-07 spring_festival",
      "2027-02-08 spring_festival", // 正月初三
      "2027-04-05 qingming",
      "2027-05-01 labour_day",
      "2027-05-02 labour_day",
      "2027-06-09 dragon_boat",
      "2027-09-15 mid_autumn",
      "2027-10-01 national_day",
      "2027-10-02 national_day",
      "2027-10-03 national_day",
    ]);
  });

  it("agrees with the State Council's 2025 and 2026 notices: every statutory day is a day off there", () => {
    const shipped = new Set(profile.calendar.holidays);
    for (const year of [2025, 2026]) {
      const derived = deriveStatutoryHolidays(year);
      expect(derived).toHaveLength(13);
      for (const d of derived) expect(shipped.has(d.date), `${year}: ${d.date} ${d.holiday}`).toBe(true);
    }
    // The Spring Festivals the notices started from 除夕: 2025-01-28 and 2026-02-16.
    expect(deriveStatutoryHolidays(2025).filter((d) => d.holiday === "spring_festival")[0]?.date).toBe(
      "2025-01-28",
    );
    expect(deriveStatutoryHolidays(2026).filter((d) => d.holiday === "spring_festival")[0]?.date).toBe(
      "2026-02-16",
    );
  });
});

describe("the shipped calendar", () => {
  it("agrees day by day with tyme4ts's own 法定假日 data for 2025 and 2026 (two maintained sources)", () => {
    const holidays = new Set(profile.calendar.holidays);
    const workdays = new Set(profile.calendar.adjustedWorkdays);
    for (let day = parseDate("2025-01-01"); day <= parseDate("2026-12-31"); day++) {
      const date = formatDate(day);
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      const legal = LegalHoliday.fromYmd(y, m, d);
      expect(holidays.has(date), date).toBe(legal !== null && !legal.isWork());
      expect(workdays.has(date), date).toBe(legal?.isWork() === true);
    }
  });
});

describe("which source a year's working days come from", () => {
  it("shipped years are the package's, 2027 is derived (provisional), a loaded notice wins", () => {
    const plain = calendarWith();
    expect(plain.year(2026).source).toBe("package");
    expect(plain.year(2026).reference).toBe("chinese-days");
    expect(plain.year(2027).source).toBe("derived");
    expect(plain.isProvisional(2027)).toBe(true);
    expect(plain.isProvisional(2026)).toBe(false);
    const loaded = calendarWith([NOTICE_2027]);
    expect(loaded.year(2027).source).toBe("notice");
    expect(loaded.year(2027).reference).toBe("测试用通知");
    expect(loaded.isProvisional(2027)).toBe(false);
  });

  it("a notice for a shipped year replaces the package's data for that year", () => {
    const notice: CalendarNotice = { year: 2026, source: "更正", holidays: ["2026-01-01"], workdays: [] };
    const cal = calendarWith([notice]);
    expect(cal.year(2026).source).toBe("notice");
    expect(cal.isWorkingDay(parseDate("2026-01-02"))).toBe(true); // a Friday off in the package
    expect(cal.isWorkingDay(parseDate("2026-01-04"))).toBe(false); // the package's working Sunday is gone
  });

  it("counts working days across New Year 2027 and the 2027 Spring Festival without a notice", () => {
    const cal = calendarWith();
    expect(addWorking(cal, "2026-12-29", 3)).toBe("2027-01-04"); // Dec 30, Dec 31, (Jan 1–3), Jan 4
    expect(addWorking(cal, "2027-02-03", 3)).toBe("2027-02-10"); // Feb 4, (Feb 5–8), Feb 9, Feb 10
    expect(cal.isWorkingDay(parseDate("2027-02-05"))).toBe(false); // 除夕, a Friday
    expect(cal.isWorkingDay(parseDate("2027-02-08"))).toBe(false); // 正月初三, a Monday
    // No 调休 is invented: May Day 2027 falls on a weekend and nothing moves.
    expect(cal.isWorkingDay(parseDate("2027-05-03"))).toBe(true);
    expect(cal.provisionalYearsIn(parseDate("2026-12-29"), parseDate("2027-01-04"))).toEqual([2027]);
    expect(cal.provisionalYearsIn(parseDate("2026-12-01"), parseDate("2026-12-04"))).toEqual([]);
  });

  it("with the notice, its bridging days and working Saturday count", () => {
    const cal = calendarWith([NOTICE_2027]);
    expect(addWorking(cal, "2027-02-03", 3)).toBe("2027-02-15"); // Feb 4, (Feb 5–14), Feb 15…
    expect(cal.isWorkingDay(parseDate("2027-02-20"))).toBe(true); // a Saturday worked in lieu
    expect(cal.provisionalYearsIn(parseDate("2026-12-29"), parseDate("2027-01-04"))).toEqual([]);
  });
});

describe("a rules result that depends on a provisional year says so", () => {
  const intake = { termStart: "2026-12-29", termEnd: "2027-12-28", intakeDate: "2026-12-29" };

  it("intake 2026-12-29: basic information due 2027-01-04 with a provisional_calendar warning for 2027", () => {
    const result = evaluateCase(makeCase("2026-12-30T10:00:00+08:00", intake));
    expect(result.deadlines.find((d) => d.section === "basic_info")?.dueBy).toBe("2027-01-04T23:59:59+08:00");
    expect(result.warnings).toEqual([expect.objectContaining({ code: "provisional_calendar", year: 2027 })]);
  });

  it("the same case with the 2027 notice loaded has no warning", () => {
    const result = evaluateCase(makeCase("2026-12-30T10:00:00+08:00", intake), {
      calendar: { notices: [NOTICE_2027] },
    });
    expect(result.deadlines.find((d) => d.section === "basic_info")?.dueBy).toBe("2027-01-04T23:59:59+08:00");
    expect(result.warnings).toEqual([]);
  });

  it("a case whose deadlines stay inside shipped years has no warning", () => {
    expect(evaluateCase(makeCase("2025-08-15T10:00:00+08:00")).warnings).toEqual([]);
  });

  it("the office result for a day of 2027 warns; one of 2026 does not", () => {
    const office = (asOf: string) =>
      evaluateOffice({
        asOf,
        subjects: [],
        checks: [],
        visits: [],
        registeredAtPeriodStart: { month: { keyOrStrict: 0 }, quarter: { normal: 0 } },
      });
    expect(office("2027-02-05T20:00:00+08:00").warnings.map((w) => w.year)).toEqual([2027]);
    expect(office("2026-12-30T20:00:00+08:00").warnings).toEqual([]);
  });
});

describe("a notice file is validated, naming the field in Chinese", () => {
  const problem = (data: unknown) => {
    const parsed = parseCalendarNotice(data);
    return parsed.ok ? null : parsed.problem;
  };

  it("accepts a good notice and sorts its dates", () => {
    const parsed = parseCalendarNotice({ ...NOTICE_2027, holidays: [...NOTICE_2027.holidays].reverse() });
    expect(parsed.ok && parsed.value.holidays[0]).toBe("2027-01-01");
  });

  it("refuses a date outside the year", () => {
    expect(problem({ ...NOTICE_2027, holidays: ["2026-12-31"] })).toEqual({
      field: "holidays[0]",
      message: "日期 2026-12-31 不在 2027 年内",
    });
  });

  it("refuses a day that is both a holiday and a working day", () => {
    expect(problem({ ...NOTICE_2027, workdays: ["2027-01-02"] })).toEqual({
      field: "workdays[0]",
      message: "日期 2027-01-02 既是放假日又是调休上班日",
    });
  });

  it("refuses an impossible date, a working weekday, a repeated date, a missing or unknown field", () => {
    expect(problem({ ...NOTICE_2027, holidays: ["2027-02-30"] })?.field).toBe("holidays[0]");
    expect(problem({ ...NOTICE_2027, workdays: ["2027-02-22"] })?.message).toBe(
      "调休上班日 2027-02-22 不是周六或周日",
    );
    expect(problem({ ...NOTICE_2027, holidays: ["2027-01-01", "2027-01-01"] })).toEqual({
      field: "holidays[1]",
      message: "日期 2027-01-01 重复",
    });
    expect(problem({ year: 2027, holidays: [], workdays: [] })).toEqual({
      field: "source",
      message: "缺少此字段",
    });
    expect(problem({ ...NOTICE_2027, extra: 1 })).toEqual({ field: "extra", message: "不认识的字段" });
    expect(problem({ ...NOTICE_2027, year: 2027.5 })?.field).toBe("year");
    expect(problem({ ...NOTICE_2027, source: " " })?.field).toBe("source");
    expect(problem([])?.field).toBe("(root)");
  });
});
