import { describe, expect, it } from "vitest";
import { derivePolicy, getPolicy, PolicyRegistry } from "../policy/registry.ts";
import { distanceM, EARTH_RADIUS_M, type LonLat } from "./geometry.ts";
import type { LocationInputData } from "./location-schema.ts";
import { alertsOf, cst, HOME, later, locationCase, report } from "./test-support.ts";

const DEGREES_PER_METRE = (1 / EARTH_RADIUS_M) * (180 / Math.PI);
/** A point `metres` north of `p`. */
const north = (p: LonLat, metres: number): LonLat => [p[0], p[1] + metres * DEGREES_PER_METRE];
/** 1 km north of the residence: a phone left at a workplace, say. */
const DESK = north(HOME, 1000);

/** Reports at `place` every `stepMinutes` from 2025-09-10 08:00, `count` of them. */
function every(stepMinutes: number, count: number, place: LonLat | ((i: number) => LonLat)) {
  return Array.from({ length: count }, (_, i) =>
    report(later("2025-09-10T08:00", i * stepMinutes), typeof place === "function" ? place(i) : place),
  );
}

function separation(
  reports: ReturnType<typeof report>[],
  change: (c: LocationInputData) => void = () => {},
  registry?: PolicyRegistry,
) {
  return alertsOf(
    locationCase((c) => {
      c.asOf = cst("2025-09-11T08:00");
      c.reports.push(...reports);
      change(c);
    }),
    registry,
  ).filter((a) => a.kind === "suspected_separation");
}

describe("suspected separation (rule 6)", () => {
  it("opens a yellow episode at the report that makes the run span 12 h, attaching the run", () => {
    const reports = every(60, 14, DESK); // 08:00 … 21:00
    expect(separation(reports)).toEqual([
      {
        kind: "suspected_separation",
        color: "yellow",
        openedAt: cst("2025-09-10T20:00"),
        open: true,
        reports: [...Array(14).keys()],
        basis: "seed 004 人机分离; location.md suspected separation",
      },
    ]);
  });

  it("needs the full 12 h: 11 h 59 min is not enough", () => {
    const reports = [report("2025-09-10T08:00", DESK), report("2025-09-10T19:59", DESK)];
    expect(separation(reports)).toEqual([]);
    expect(separation([...reports, report("2025-09-10T20:00", DESK)])).toHaveLength(1);
  });

  it("keeps a report 30 m from the run's first in the run, and one 30.1 m away ends it", () => {
    const within = [report("2025-09-10T08:00", DESK), report("2025-09-10T20:00", north(DESK, 29.9))];
    expect(separation(within)).toHaveLength(1);
    const beyond = [report("2025-09-10T08:00", DESK), report("2025-09-10T20:00", north(DESK, 30.1))];
    expect(separation(beyond)).toEqual([]);
  });

  it("counts exactly the profile's distance as within", () => {
    const moved = north(DESK, 30);
    const exact = distanceM(DESK, moved);
    const registryWith = (withinM: number) =>
      new PolicyRegistry([
        derivePolicy(getPolicy(), "exact", (p) => {
          p.location.separation.withinM = withinM;
        }),
      ]);
    const reports = [report("2025-09-10T08:00", DESK), report("2025-09-10T20:00", moved)];
    const run = (withinM: number) => separation(reports, (c) => (c.policy = "exact"), registryWith(withinM));
    expect(run(exact)).toHaveLength(1);
    expect(run(exact - 1e-9)).toEqual([]);
  });

  it("measures every report from the run's first, not from the previous one", () => {
    // Drifting 20 m per report: each is within 30 m of the previous, but the third is 40 m from the first.
    const drifting = every(360, 3, (i) => north(DESK, 20 * i));
    expect(separation(drifting)).toEqual([]);
    // Wandering ±25 m around the first report: 50 m apart from each other, all within 30 m of the first.
    const wandering = every(360, 3, (i) => north(DESK, i === 1 ? 25 : i === 2 ? -25 : 0));
    expect(separation(wandering)).toHaveLength(1);
  });

  it("ends at the first report beyond 30 m, which starts the next run", () => {
    const reports = [...every(60, 13, DESK), report("2025-09-10T21:30", HOME)];
    expect(separation(reports)).toEqual([
      expect.objectContaining({
        openedAt: cst("2025-09-10T20:00"),
        open: false,
        reports: [...Array(13).keys()],
      }),
    ]);
  });

  it("needs the run's first report more than 200 m from the residence", () => {
    expect(separation(every(60, 13, north(HOME, 150)))).toEqual([]);
    expect(separation(every(60, 13, north(HOME, 199.9)))).toEqual([]);
    expect(separation(every(60, 13, north(HOME, 200.1)))).toHaveLength(1);
  });

  it("looks past low-quality reports, and applies to key persons and device orders only", () => {
    const reports = [
      report("2025-09-10T08:00", DESK),
      report("2025-09-10T14:00", HOME, 1001),
      report("2025-09-10T20:00", DESK),
    ];
    expect(separation(reports)).toEqual([expect.objectContaining({ reports: [0, 2] })]);
    expect(separation(reports, (c) => (c.subject.level = "strict"))).toEqual([]);
    expect(
      separation(reports, (c) => Object.assign(c.subject, { level: "normal", deviceOrder: true })),
    ).toHaveLength(1);
  });
});
