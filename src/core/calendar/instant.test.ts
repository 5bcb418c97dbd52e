import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, parseDate } from "./days.ts";
import {
  cstDayOfInstant,
  cstDayOfMs,
  cstTimeOfDayMs,
  formatEndOfDay,
  instantToMs,
  isValidInstant,
  parseTimeOfDay,
} from "./instant.ts";

const cstDate = (instant: string) => formatDate(cstDayOfMs(instantToMs(instant)));

describe("instants", () => {
  it("parse like Date.parse for every offset form", () => {
    for (const s of [
      "2025-08-15T10:00:00+08:00",
      "2025-08-15T10:00+08:00",
      "2025-08-15T02:00:00Z",
      "2025-08-15T02:00:00.123Z",
      "2025-08-14T21:30:00-04:30",
      "1999-12-31T23:59:59+14:00",
    ]) {
      expect(instantToMs(s)).toBe(Date.parse(s));
    }
  });

  it("agree with Date for random instants and offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(isValidInstant(text)).toBe(true);
          expect(instantToMs(text)).toBe(ms);
        },
      ),
    );
  });

  it("put an instant on its China Standard Time day: 23:59 vs 00:00+08:00", () => {
    expect(cstDate("2025-08-14T15:59:59Z")).toBe("2025-08-14"); // 23:59:59 CST
    expect(cstDate("2025-08-14T16:00:00Z")).toBe("2025-08-15"); // 00:00 CST the next day
    expect(cstDate("2025-08-15T00:00:00+08:00")).toBe("2025-08-15");
    expect(cstDate("2025-08-14T23:59:59+08:00")).toBe("2025-08-14");
    expect(cstDate("2025-08-14T12:30:00-04:00")).toBe("2025-08-15");
    expect(cstTimeOfDayMs(instantToMs("2025-08-14T16:00:00Z"))).toBe(0);
    expect(cstTimeOfDayMs(instantToMs("2025-08-15T12:00:00+08:00"))).toBe(12 * 3_600_000);
  });

  it.each([
    "2025-08-15 10:00:00+08:00",
    "2025-08-15T10:00:00",
    "2025-08-15",
    "2025-02-30T10:00:00+08:00",
    "2025-08-15T24:00:00+08:00",
    "2025-08-15T10:60:00+08:00",
    "2025-08-15T10:00:00+0800",
    "2025-08-15T10:00:00+08:60",
    "15/08/2025",
  ])("refuses %j", (text) => {
    expect(isValidInstant(text)).toBe(false);
  });

  it("prints the end of a day as 23:59:59+08:00", () => {
    expect(formatEndOfDay(parseDate("2025-08-31"))).toBe("2025-08-31T23:59:59+08:00");
  });

  it("reads profile times of day", () => {
    expect(parseTimeOfDay("08:30")).toBe(510);
    expect(() => parseTimeOfDay("8:30")).toThrow();
  });
});

describe("cstDayOfInstant", () => {
  it("reads the CST day of any instant text, with a shortcut for +08:00 texts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(480, 0, -300, 570, 840),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
          const abs = Math.abs(offsetMinutes);
          const text = `${local}${offsetMinutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(cstDayOfInstant(text)).toBe(cstDayOfMs(ms));
        },
      ),
    );
    expect(formatDate(cstDayOfInstant("2025-08-14T23:59:59+08:00"))).toBe("2025-08-14");
    expect(formatDate(cstDayOfInstant("2025-08-14T23:59:59.5+08:00"))).toBe("2025-08-14");
    expect(formatDate(cstDayOfInstant("2025-08-14T16:00:00Z"))).toBe("2025-08-15");
  });
});
