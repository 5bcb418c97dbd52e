import { describe, expect, it } from "vitest";
import { distanceM, EARTH_RADIUS_M, type LonLat } from "./geometry.ts";
import { alertsOf, cst, HOME, locationCase, report } from "./test-support.ts";

const CASINO: LonLat = [119.25, 29.2];
const SCHOOL = {
  type: "Polygon" as const,
  coordinates: [
    [
      [119.2, 29.15],
      [119.202, 29.15],
      [119.202, 29.152],
      [119.2, 29.152],
      [119.2, 29.15],
    ],
  ] as [number, number][][],
};
/** A point `metres` north of the casino's centre. */
const northOfCasino = (metres: number): LonLat => [
  CASINO[0],
  CASINO[1] + (metres / EARTH_RADIUS_M) * (180 / Math.PI),
];

const prohibited = (...reports: ReturnType<typeof report>[]) =>
  alertsOf(
    locationCase((c) => {
      c.subject.level = "normal";
      c.zones.prohibited.push({
        id: "casino-1",
        name: "某棋牌室",
        circle: { center: [...CASINO], radiusM: 200 },
      });
      c.zones.prohibited.push({ id: "school-1", name: "某小学", geometry: SCHOOL });
      c.reports.push(...reports);
    }),
  );

describe("prohibited place (rule 4)", () => {
  it("opens an orange episode with the zone's id at an acceptable report in the zone", () => {
    expect(prohibited(report("2025-09-10T10:00", CASINO))).toEqual([
      {
        kind: "prohibited_place",
        color: "orange",
        openedAt: cst("2025-09-10T10:00"),
        open: true,
        reports: [0],
        zoneId: "casino-1",
        basis: "prohibition order (禁止令) and the plan's specific places; location.md prohibited place",
      },
    ]);
  });

  it("counts a circle up to and including its radius, by the point alone", () => {
    const rim = northOfCasino(200);
    const inCircleOf = (radiusM: number, accuracyM: number) =>
      alertsOf(
        locationCase((c) => {
          c.zones.prohibited.push({
            id: "casino-1",
            name: "某棋牌室",
            circle: { center: [...CASINO], radiusM },
          });
          c.reports.push(report("2025-09-10T10:00", rim, accuracyM));
        }),
      );
    const exact = distanceM(CASINO, rim);
    // Its accuracy circle reaches far outside the zone: only the point matters.
    expect(inCircleOf(exact, 900)).toEqual([expect.objectContaining({ zoneId: "casino-1" })]);
    expect(inCircleOf(exact - 1e-6, 15)).toEqual([]);
  });

  it("counts a polygon's boundary as in the zone", () => {
    expect(prohibited(report("2025-09-10T10:00", [119.202, 29.151]))).toEqual([
      expect.objectContaining({ zoneId: "school-1" }),
    ]);
  });

  it("attaches later reports in the zone and ends at the next acceptable report outside it", () => {
    const alerts = prohibited(
      report("2025-09-10T10:00", CASINO),
      report("2025-09-10T10:30", northOfCasino(100)),
      report("2025-09-10T10:40", HOME, 1001), // low quality: does not end it
      report("2025-09-10T11:00", HOME),
      report("2025-09-10T12:00", CASINO, 1001), // low quality: does not start one
      report("2025-09-10T13:00", CASINO),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        openedAt: cst("2025-09-10T10:00"),
        open: false,
        reports: [0, 1],
        zoneId: "casino-1",
      }),
      expect.objectContaining({
        openedAt: cst("2025-09-10T13:00"),
        open: true,
        reports: [5],
        zoneId: "casino-1",
      }),
    ]);
  });

  it("keeps one episode per zone and sorts same-instant alerts by kind, then zone", () => {
    const alerts = alertsOf(
      locationCase((c) => {
        c.subject.level = "normal";
        c.zones.prohibited.push({ id: "b-zone", name: "b", circle: { center: [119.5, 29.1], radiusM: 500 } });
        c.zones.prohibited.push({ id: "a-zone", name: "a", circle: { center: [119.5, 29.1], radiusM: 300 } });
        c.reports.push(report("2025-09-10T10:00", [119.5, 29.1]));
      }),
    );
    expect(alerts.map((a) => [a.kind, a.zoneId])).toEqual([
      ["possible_out_of_area", undefined],
      ["prohibited_place", "a-zone"],
      ["prohibited_place", "b-zone"],
    ]);
    expect("zoneId" in (alerts[0] ?? {})).toBe(false);
  });
});
