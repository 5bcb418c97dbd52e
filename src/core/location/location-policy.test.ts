import { describe, expect, it } from "vitest";
import { derivePolicy, getPolicy } from "../policy/registry.ts";

describe("the location section of the default profile", () => {
  const p = getPolicy("yirenyice-2025");

  it("holds every number of location.md with its basis", () => {
    const l = p.location;
    expect(l.reportingLevels).toEqual(["key"]);
    expect(l.acceptableAccuracyM).toBe(1000);
    expect(l.outOfArea).toMatchObject({
      possibleColour: "yellow",
      confirmMinMinutes: 10,
      confirmMaxMinutes: 60,
    });
    expect(l.separation).toMatchObject({
      colour: "yellow",
      withinM: 30,
      awayFromResidenceM: 200,
      minSpanHours: 12,
    });
    expect(p.alerts.lostContactAfterHoursWithoutLocation).toBe(24);
    for (const rule of [l, l.outOfArea, l.prohibitedPlace, l.lostContact, l.separation]) {
      expect(rule.basis.length).toBeGreaterThan(0);
    }
  });

  it("takes the colours of the policy.md kinds from alerts.colours", () => {
    expect(p.alerts.colours).toMatchObject({
      out_of_area: "red",
      prohibited_place: "orange",
      lost_contact: "red",
    });
  });

  it("agrees with the location-report obligation on who must report", () => {
    const levels = Object.keys(p.obligations.location_report.byLevel);
    expect([...p.location.reportingLevels].sort()).toEqual(levels.sort());
  });

  it("refuses a confirmation window that ends before it starts, and non-positive distances", () => {
    expect(() =>
      derivePolicy(p, "bad-window", (d) => {
        d.location.outOfArea.confirmMinMinutes = 61;
      }),
    ).toThrow(/location\.outOfArea\.confirmMinMinutes/);
    expect(() =>
      derivePolicy(p, "bad-distance", (d) => {
        d.location.separation.withinM = 0;
      }),
    ).toThrow(/location\.separation\.withinM/);
  });
});
