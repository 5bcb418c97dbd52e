import { describe, expect, it } from "vitest";
import { levelOnDay } from "./office-day.ts";
import { addDaysText, sortItems, type TodayItem } from "./today.ts";

const item = (
  key: string,
  status: TodayItem["status"],
  dueBy: string,
  colour: string | null = null,
): TodayItem => ({
  key,
  group: colour ? "alert" : "obligation",
  title: key,
  status,
  dueBy,
  required: null,
  done: null,
  period: null,
  basis: "seed 000 §九.2(4)",
  office: { id: "o", name: "城关司法所" },
  subject: null,
  mine: false,
  colour,
  detail: null,
  missing: [],
  action: null,
});

describe("Today's order", () => {
  it("puts overdue first, then due today by time, then the rest; red alerts first at the same time", () => {
    const sorted = sortItems([
      item("open", "open", "2026-11-30T23:59:59+08:00"),
      item("alert-tomorrow", "open", "2026-11-21T02:00:00+08:00", "yellow"),
      item("today-late", "due_today", "2026-11-20T23:59:59+08:00"),
      item("today-noon", "due_today", "2026-11-20T12:00:00+08:00"),
      item("today-noon-red", "due_today", "2026-11-20T12:00:00+08:00", "red"),
      item("overdue-blue", "overdue", "2026-10-01T23:59:59+08:00", "blue"),
      item("overdue-red", "overdue", "2026-11-19T09:00:00+08:00", "red"),
      item("overdue-old", "overdue", "2026-09-01T23:59:59+08:00"),
    ]);
    expect(sorted.map((i) => i.key)).toEqual([
      "overdue-old",
      "overdue-blue",
      "overdue-red",
      "today-noon-red",
      "today-noon",
      "today-late",
      "alert-tomorrow",
      "open",
    ]);
  });
});

describe("levelOnDay", () => {
  const subject = {
    level: "normal",
    levelHistory: [
      { from: "2026-01-10", level: "strict" },
      { from: "2026-08-06", level: "normal" },
    ],
  } as never;
  it("takes the last decision on or before the day, the first one before any", () => {
    expect(levelOnDay(subject, "2025-12-31")).toBe("strict");
    expect(levelOnDay(subject, "2026-08-05")).toBe("strict");
    expect(levelOnDay(subject, "2026-08-06")).toBe("normal");
    expect(levelOnDay({ level: "key" } as never, "2026-01-01")).toBe("key");
  });
  it("adds days across months and years", () => {
    expect(addDaysText("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysText("2026-03-01", -1)).toBe("2026-02-28");
  });
});
