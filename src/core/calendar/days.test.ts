import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  addYears,
  civil,
  dayFromCivil,
  daysInMonth,
  formatDate,
  parseDate,
  tryParseDate,
  weekdayIndex,
} from "./days.ts";

describe("day numbers", () => {
  it("count days from 1970-01-01", () => {
    expect(parseDate("1970-01-01")).toBe(0);
    expect(parseDate("1970-01-02")).toBe(1);
    expect(parseDate("1969-12-31")).toBe(-1);
    expect(parseDate("2025-08-15")).toBe(Date.UTC(2025, 7, 15) / 86_400_000);
  });

  it("round-trip through the civil date for any day (checked against Date.UTC)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(civil(day)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
        expect(dayFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(day);
      }),
    );
  });

  it("format as YYYY-MM-DD and parse back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        expect(parseDate(formatDate(day))).toBe(day);
      }),
    );
    expect(formatDate(parseDate("2025-02-03"))).toBe("2025-02-03");
  });
});

describe("date validation", () => {
  it.each([
    "2025-02-30",
    "2025-02-29",
    "2025-13-01",
    "2025-00-10",
    "2025-04-31",
    "2025-1-01",
    "2025/01/01",
    "20250101",
    "2025-01-01T00:00",
    "",
    "abcd-ef-gh",
  ])("refuses %j", (text) => {
    expect(tryParseDate(text)).toBeNull();
    expect(() => parseDate(text)).toThrow(/not a valid date/);
  });

  it("accepts leap days only in leap years", () => {
    expect(tryParseDate("2024-02-29")).not.toBeNull();
    expect(tryParseDate("2000-02-29")).not.toBeNull();
    expect(tryParseDate("1900-02-29")).toBeNull();
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});

describe("weekdays", () => {
  it("Monday is 0 and Sunday 6", () => {
    expect(weekdayIndex(parseDate("2025-08-04"))).toBe(0); // a Monday
    expect(weekdayIndex(parseDate("2025-08-10"))).toBe(6); // a Sunday
    expect(weekdayIndex(parseDate("1970-01-01"))).toBe(3); // a Thursday
    expect(weekdayIndex(parseDate("1969-12-29"))).toBe(0);
  });
});

describe("adding months and years (policy.md Term arithmetic)", () => {
  const add = (date: string, months: number) => formatDate(addMonths(parseDate(date), months));

  it("keeps the day number when the month has it", () => {
    expect(add("2025-04-10", 1)).toBe("2025-05-10");
    expect(add("2025-11-15", 3)).toBe("2026-02-15");
    expect(add("2025-05-31", -3)).toBe("2025-02-28");
  });

  it("takes the month's last day otherwise", () => {
    expect(add("2025-01-31", 1)).toBe("2025-02-28");
    expect(add("2024-01-31", 1)).toBe("2024-02-29");
    expect(add("2025-03-31", 1)).toBe("2025-04-30");
    expect(add("2025-08-31", -6)).toBe("2025-02-28");
  });

  it("adds years with the same clamping", () => {
    expect(formatDate(addYears(parseDate("2024-02-29"), 1))).toBe("2025-02-28");
    expect(formatDate(addYears(parseDate("2024-02-29"), 4))).toBe("2028-02-29");
    expect(formatDate(addYears(parseDate("2025-06-30"), -2))).toBe("2023-06-30");
  });

  it("never overshoots: the result lies in the target month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: -120, max: 120 }), (day, months) => {
        const from = civil(day);
        const to = civil(addMonths(day, months));
        expect(to.year * 12 + to.month).toBe(from.year * 12 + from.month + months);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });
});
