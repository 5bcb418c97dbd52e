import { describe, expect, it } from "vitest";
import { clockFromSetting, clockStartingAt, systemClock } from "./clock.ts";

describe("the product clock", () => {
  it("starts at the fixed instant and runs on in real time", () => {
    let real = 1_000_000;
    const clock = clockStartingAt(new Date("2026-06-15T09:00:00+08:00"), () => real);
    expect(clock.now().toISOString()).toBe("2026-06-15T01:00:00.000Z");
    real += 1500;
    expect(clock.now().toISOString()).toBe("2026-06-15T01:00:01.500Z");
  });

  it("is the system clock when ONEBOOK_NOW is unset", () => {
    expect(clockFromSetting(undefined)).toBe(systemClock);
    expect(clockFromSetting("")).toBe(systemClock);
  });

  it("refuses an instant without an offset or an impossible one, naming the variable", () => {
    expect(() => clockFromSetting("2026-06-15")).toThrow(/ONEBOOK_NOW/);
    expect(() => clockFromSetting("2026-06-15T09:00:00")).toThrow(/ONEBOOK_NOW/);
    expect(() => clockFromSetting("2026-13-15T09:00:00+08:00")).toThrow(/ONEBOOK_NOW/);
    expect(() => clockFromSetting("2026-02-30T09:00:00+08:00")).toThrow(/ONEBOOK_NOW/);
    expect(clockFromSetting("2026-12-31T23:30:00-05:00").now().toISOString()).toMatch(/^2027-01-01T04:3/);
    expect(clockFromSetting("2026-06-15T09:00:00+08:00").now().getUTCFullYear()).toBe(2026);
  });
});
