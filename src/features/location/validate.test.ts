// Acceptance of one report (location.md "Acceptance"), without a database.
import { describe, expect, it } from "vitest";
import { fromWgs84 } from "../../core/location/crs.ts";
import { MAX_AGE_MS, MAX_FUTURE_SKEW_MS, validateReport } from "./validate.ts";

const NOW = Date.parse("2026-11-20T10:00:00+08:00");
const base = { key: "k-00000001", at: "2026-11-20T09:30:00+08:00", lon: 120.1, lat: 30.2, accuracyM: 25 };
const problem = (input: object) => {
  const judged = validateReport({ ...base, ...input }, NOW, 1000);
  return judged.ok ? null : judged.problem;
};

describe("validateReport", () => {
  it("accepts a good report as WGS-84 of acceptable quality", () => {
    const judged = validateReport(base, NOW, 1000);
    expect(judged).toEqual({
      ok: true,
      report: {
        key: "k-00000001",
        measuredMs: Date.parse(base.at),
        lon: 120.1,
        lat: 30.2,
        accuracyM: 25,
        crs: "WGS84",
        speedMps: null,
        batteryPct: null,
        photoId: null,
        deviceId: null,
        lowQuality: false,
      },
    });
  });

  it("refuses coordinates out of range, naming the field", () => {
    expect(problem({ lat: 90.0001 })).toMatchObject({ code: "out_of_range", field: "lat" });
    expect(problem({ lat: -91 })).toMatchObject({ field: "lat" });
    expect(problem({ lon: 180.5 })).toMatchObject({ code: "out_of_range", field: "lon" });
    expect(problem({ lon: -180, lat: 90 })).toBeNull();
  });

  it("refuses a time more than 5 minutes ahead or more than 30 days ago, by the given now", () => {
    expect(problem({ at: new Date(NOW + MAX_FUTURE_SKEW_MS).toISOString() })).toBeNull();
    expect(problem({ at: new Date(NOW + MAX_FUTURE_SKEW_MS + 1000).toISOString() })).toMatchObject({
      code: "in_future",
      field: "at",
    });
    expect(problem({ at: new Date(NOW - MAX_AGE_MS).toISOString() })).toBeNull();
    expect(problem({ at: new Date(NOW - MAX_AGE_MS - 1000).toISOString() })).toMatchObject({
      code: "too_old",
      field: "at",
    });
  });

  it("stores a coarse or unknown accuracy but marks it low quality", () => {
    const coarse = validateReport({ ...base, accuracyM: 1001 }, NOW, 1000);
    expect(coarse.ok && coarse.report.lowQuality).toBe(true);
    const limit = validateReport({ ...base, accuracyM: 1000 }, NOW, 1000);
    expect(limit.ok && limit.report.lowQuality).toBe(false);
    const { accuracyM: _, ...withoutAccuracy } = base;
    const unknown = validateReport(withoutAccuracy, NOW, 1000);
    expect(unknown.ok && unknown.report.lowQuality).toBe(true);
    expect(problem({ accuracyM: -1 })).toMatchObject({ field: "accuracyM" });
  });

  it("refuses a negative speed and a battery outside 0–100", () => {
    expect(problem({ speedMps: -0.1 })).toMatchObject({ field: "speedMps" });
    expect(problem({ batteryPct: 101 })).toMatchObject({ field: "batteryPct" });
    expect(problem({ batteryPct: 0, speedMps: 0 })).toBeNull();
  });

  it("converts GCJ-02 and BD-09 to WGS-84 and keeps the original system", () => {
    for (const crs of ["GCJ02", "BD09"] as const) {
      const [lon, lat] = fromWgs84(120.1, 30.2, crs);
      const judged = validateReport({ ...base, lon, lat, crs }, NOW, 1000);
      if (!judged.ok) throw new Error("refused");
      expect(judged.report.crs).toBe(crs);
      expect(judged.report.lon).toBeCloseTo(120.1, 5);
      expect(judged.report.lat).toBeCloseTo(30.2, 5);
      expect(Math.abs(lon - 120.1) + Math.abs(lat - 30.2)).toBeGreaterThan(0.001);
    }
  });
});
