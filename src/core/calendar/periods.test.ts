import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, parseDate, weekdayIndex } from "./days.ts";
import { PERIOD_KINDS, type PeriodKind, periodOf, periodsOverlapping, quarterOf } from "./periods.ts";

const period = (kind: PeriodKind, date: string) => {
  const p = periodOf(kind, parseDate(date));
  return `${formatDate(p.start)}/${formatDate(p.end)}`;
};

describe("calendar periods", () => {
  it("weeks run Monday to Sunday", () => {
    expect(period("week", "2025-08-15")).toBe("2025-08-11/2025-08-17");
    expect(period("week", "2025-08-11")).toBe("2025-08-11/2025-08-17");
    expect(period("week", "2025-08-17")).toBe("2025-08-11/2025-08-17");
    expect(period("week", "2025-12-31")).toBe("2025-12-29/2026-01-04");
  });

  it("half-months are days 1–15 and 16 to the month's end", () => {
    expect(period("half_month", "2025-08-15")).toBe("2025-08-01/2025-08-15");
    expect(period("half_month", "2025-08-16")).toBe("2025-08-16/2025-08-31");
    expect(period("half_month", "2025-02-20")).toBe("2025-02-16/2025-02-28");
    expect(period("half_month", "2024-02-29")).toBe("2024-02-16/2024-02-29");
    expect(period("half_month", "2025-04-30")).toBe("2025-04-16/2025-04-30");
  });

  it("months and quarters are calendar ones", () => {
    expect(period("month", "2025-02-10")).toBe("2025-02-01/2025-02-28");
    expect(period("quarter", "2025-02-10")).toBe("2025-01-01/2025-03-31");
    expect(period("quarter", "2025-04-01")).toBe("2025-04-01/2025-06-30");
    expect(period("quarter", "2025-09-30")).toBe("2025-07-01/2025-09-30");
    expect(period("quarter", "2025-12-31")).toBe("2025-10-01/2025-12-31");
    expect(quarterOf(parseDate("2025-11-02"))).toBe(4);
    expect(period("day", "2025-03-01")).toBe("2025-03-01/2025-03-01");
  });

  it("every day lies in its period, and consecutive periods tile the calendar", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIOD_KINDS), fc.integer({ min: 0, max: 50_000 }), (kind, day) => {
        const p = periodOf(kind, day);
        expect(p.start).toBeLessThanOrEqual(day);
        expect(p.end).toBeGreaterThanOrEqual(day);
        expect(periodOf(kind, p.end + 1).start).toBe(p.end + 1);
        expect(periodOf(kind, p.start - 1).end).toBe(p.start - 1);
        if (kind === "week") expect(weekdayIndex(p.start)).toBe(0);
      }),
    );
  });

  it("lists the periods overlapping a range", () => {
    const list = periodsOverlapping("half_month", parseDate("2025-07-20"), parseDate("2025-08-16"));
    expect(list.map((p) => formatDate(p.start))).toEqual(["2025-07-16", "2025-08-01", "2025-08-16"]);
  });
});
