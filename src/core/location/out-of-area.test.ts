import { describe, expect, it } from "vitest";
import { fromWgs84, toWgs84 } from "./crs.ts";
import {
  AWAY,
  alertsOf,
  cst,
  distanceToSquare,
  eastOfSquare,
  HOME,
  later,
  locationCase,
  report,
} from "./test-support.ts";

const outOfArea = (c: ReturnType<typeof locationCase>) =>
  alertsOf(c).filter((a) => a.kind === "out_of_area" || a.kind === "possible_out_of_area");

/** Two outside reports `minutes` apart, starting 15:00. */
function pairApart(minutes: number) {
  return locationCase((c) => {
    c.reports.push(report("2025-09-10T15:00", AWAY));
    c.reports.push(report(later("2025-09-10T15:00", minutes), AWAY));
  });
}

describe("out of area (rule 3)", () => {
  it("opens a yellow possible_out_of_area at one outside report, still open at asOf", () => {
    const alerts = outOfArea(locationCase((c) => c.reports.push(report("2025-09-10T15:00", AWAY))));
    expect(alerts).toEqual([
      {
        kind: "possible_out_of_area",
        color: "yellow",
        openedAt: "2025-09-10T15:00:00+08:00",
        open: true,
        reports: [0],
        basis: "seed 000 §九.3(1) 越界; location.md out of area",
      },
    ]);
  });

  it.each([
    [9, "possible_out_of_area"],
    [10, "out_of_area"],
    [35, "out_of_area"],
    [60, "out_of_area"],
    [61, "possible_out_of_area"],
  ])("a pair %i minutes apart gives %s (10 to 60 minutes inclusive)", (minutes, kind) => {
    const alerts = outOfArea(pairApart(minutes));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind,
      openedAt: "2025-09-10T15:00:00+08:00",
      open: true,
      reports: [0, 1],
    });
    expect(alerts[0]?.color).toBe(kind === "out_of_area" ? "red" : "yellow");
  });

  it("confirms on a later consecutive pair when the first pair was too close", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T15:00", AWAY));
        c.reports.push(report("2025-09-10T15:05", AWAY));
        c.reports.push(report("2025-09-10T15:15", AWAY));
      }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({ kind: "out_of_area", openedAt: cst("2025-09-10T15:00"), reports: [0, 1, 2] }),
    ]);
  });

  it("does not pair reports across an uncertain one, and does not attach the uncertain one", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T15:00", AWAY));
        c.reports.push(report("2025-09-10T15:15", eastOfSquare(50), 200)); // uncertain: 50 m out, ±200 m
        c.reports.push(report("2025-09-10T15:30", AWAY));
      }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({ kind: "possible_out_of_area", open: true, reports: [0, 2] }),
    ]);
  });

  it("looks past a low-quality report: it neither breaks the pair nor is attached", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T15:00", AWAY));
        c.reports.push(report("2025-09-10T15:10", HOME, 1001));
        c.reports.push(report("2025-09-10T15:20", AWAY));
      }),
    );
    expect(alerts).toEqual([expect.objectContaining({ kind: "out_of_area", open: true, reports: [0, 2] })]);
  });

  it("ends at the next inside report and opens a new episode at a later outside one", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T09:00", AWAY));
        c.reports.push(report("2025-09-10T09:20", AWAY));
        c.reports.push(report("2025-09-10T10:00", HOME));
        c.reports.push(report("2025-09-10T11:00", AWAY));
      }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: "out_of_area",
        openedAt: cst("2025-09-10T09:00"),
        open: false,
        reports: [0, 1],
      }),
      expect.objectContaining({
        kind: "possible_out_of_area",
        openedAt: cst("2025-09-10T11:00"),
        open: true,
        reports: [3],
      }),
    ]);
  });

  it("lets neither an uncertain nor a low-quality report start or end an episode", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T09:00", eastOfSquare(50), 100)); // uncertain
        c.reports.push(report("2025-09-10T09:30", AWAY, 1001)); // low quality
        c.reports.push(report("2025-09-10T10:00", AWAY));
        c.reports.push(report("2025-09-10T10:30", eastOfSquare(50), 100)); // uncertain
        c.reports.push(report("2025-09-10T11:00", HOME, 1001)); // low quality
      }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({ openedAt: cst("2025-09-10T10:00"), open: true, reports: [2] }),
    ]);
  });

  it("takes accuracy 1000 m as acceptable and 1001 m as not", () => {
    const away = (accuracyM: number) =>
      outOfArea(
        locationCase((c) => c.reports.push(report("2025-09-10T15:00", eastOfSquare(5000), accuracyM))),
      );
    expect(away(1000)).toHaveLength(1);
    expect(away(1001)).toEqual([]);
  });

  it("needs the point farther from the area than its accuracy: exactly on the margin is uncertain", () => {
    const point = eastOfSquare(700);
    const d = distanceToSquare(point);
    expect(d).toBeCloseTo(700, 3);
    const at = (accuracyM: number) =>
      outOfArea(locationCase((c) => c.reports.push(report("2025-09-10T15:00", point, accuracyM))));
    expect(at(d)).toEqual([]);
    expect(at(d - 0.001)).toHaveLength(1);
  });

  it("reads reports in time order but cites their input positions", () => {
    const alerts = outOfArea(
      locationCase((c) => {
        c.reports.push(report("2025-09-10T10:00", HOME));
        c.reports.push(report("2025-09-10T09:20", AWAY));
        c.reports.push(report("2025-09-10T09:00", AWAY));
      }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: "out_of_area",
        openedAt: cst("2025-09-10T09:00"),
        open: false,
        reports: [2, 1],
      }),
    ]);
  });

  describe("approved leave", () => {
    const DESTINATION = { circle: { center: [120.5, 30.0] as [number, number], radiusM: 5000 } };
    const withLeave = (...reports: ReturnType<typeof report>[]) =>
      outOfArea(
        locationCase((c) => {
          c.asOf = cst("2025-09-14T12:00");
          c.leaves.push({ from: "2025-09-12", to: "2025-09-13", destination: DESTINATION });
          c.reports.push(...reports);
        }),
      );

    it("allows the destination on the leave's days, by CST date", () => {
      expect(
        withLeave(report("2025-09-12T00:00", [120.5, 30.0]), report("2025-09-13T23:59", [120.51, 30.0])),
      ).toEqual([]);
    });

    it("does not allow it the day before or the day after", () => {
      expect(withLeave(report("2025-09-11T23:59", [120.5, 30.0]))).toHaveLength(1);
      expect(withLeave(report("2025-09-14T00:00", [120.5, 30.0]))).toHaveLength(1);
    });

    it("judges the day in CST even when the instant is written in UTC", () => {
      // 2025-09-13T16:30Z is 2025-09-14 00:30 CST: after the leave.
      const utc = { ...report("2025-09-13T00:00", [120.5, 30.0]), at: "2025-09-13T16:30:00Z" };
      expect(withLeave(utc)).toHaveLength(1);
      const onLeave = { ...report("2025-09-13T00:00", [120.5, 30.0]), at: "2025-09-13T15:30:00Z" };
      expect(withLeave(onLeave)).toEqual([]);
    });

    it("ends an episode at a report inside the destination on a leave day", () => {
      const alerts = withLeave(
        report("2025-09-11T20:00", [120.5, 30.0]),
        report("2025-09-12T08:00", [120.5, 30.0]),
      );
      expect(alerts).toEqual([
        expect.objectContaining({ kind: "possible_out_of_area", open: false, reports: [0] }),
      ]);
    });
  });

  describe("coordinates in GCJ-02 or BD-09", () => {
    // A WGS-84 point 100 m inside the square's east edge; written in GCJ-02 or BD-09 its numbers lie
    // outside the square (the offsets are several hundred metres east), so only the conversion keeps it in.
    const inside = eastOfSquare(-100);

    it.each(["GCJ02", "BD09"] as const)("converts %s before any rule", (crs) => {
      const [lon, lat] = fromWgs84(inside[0], inside[1], crs);
      expect(distanceToSquare([lon, lat])).toBeGreaterThan(300);
      expect(distanceToSquare(toWgs84(lon, lat, crs))).toBe(0);
      const asWritten = (system: "WGS84" | typeof crs) =>
        outOfArea(
          locationCase((c) => {
            c.reports.push({ ...report("2025-09-10T15:00", [lon, lat], 20), crs: system });
          }),
        );
      expect(asWritten(crs)).toEqual([]);
      expect(asWritten("WGS84")).toHaveLength(1);
    });
  });
});
