import { describe, expect, it } from "vitest";
import {
  type Area,
  areaContains,
  distanceM,
  distanceOutsideM,
  distanceToBoundaryM,
  distanceToSegmentM,
  EARTH_RADIUS_M,
  type Polygon,
} from "./geometry.ts";

const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;
const squareWithHole: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [119.0, 29.0],
      [119.4, 29.0],
      [119.4, 29.3],
      [119.0, 29.3],
      [119.0, 29.0],
    ],
    // A hole: 119.1–119.2 E, 29.1–29.2 N.
    [
      [119.1, 29.1],
      [119.1, 29.2],
      [119.2, 29.2],
      [119.2, 29.1],
      [119.1, 29.1],
    ],
  ],
};
const square: Area = { kind: "polygon", geometry: squareWithHole };

describe("distances", () => {
  it("measures one degree of latitude as πR/180", () => {
    expect(distanceM([120, 30], [120, 31])).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(distanceM([120, 30], [120, 30])).toBe(0);
  });

  it("measures a point to a segment perpendicularly, or to the nearer end", () => {
    const p = [120, 30] as const;
    // A north–south segment 0.001° east of the point: the perpendicular foot is inside it.
    const east = 0.001 * METRES_PER_DEGREE * Math.cos((30 * Math.PI) / 180);
    expect(distanceToSegmentM(p, [120.001, 29.9], [120.001, 30.1])).toBeCloseTo(east, 6);
    // The same line, but the segment ends south of the point: the nearer end counts.
    const toEnd = distanceToSegmentM(p, [120.001, 29.9], [120.001, 29.999]);
    expect(toEnd).toBeCloseTo(Math.hypot(east, 0.001 * METRES_PER_DEGREE), 3);
    expect(distanceToSegmentM(p, [120, 30.001], [120, 30.001])).toBeCloseTo(0.001 * METRES_PER_DEGREE, 6);
  });

  it("agrees with haversine within a millimetre at report scales", () => {
    const p = [119.4123, 29.1] as const;
    const foot = [119.4, 29.1] as const;
    expect(distanceToSegmentM(p, [119.4, 29.0], [119.4, 29.3])).toBeCloseTo(distanceM(p, foot), 3);
  });
});

describe("areas", () => {
  it("counts a polygon's boundary as inside and a hole as outside", () => {
    expect(areaContains(square, [119.05, 29.05])).toBe(true);
    expect(areaContains(square, [119.4, 29.05])).toBe(true);
    expect(areaContains(square, [119.15, 29.15])).toBe(false);
    expect(areaContains(square, [119.1, 29.15])).toBe(true);
  });

  it("measures a point in a hole to the hole's edge and a point outside to the outer ring", () => {
    const inHole = [119.15, 29.11] as const;
    expect(distanceOutsideM(square, inHole)).toBeCloseTo(0.01 * METRES_PER_DEGREE, 0);
    expect(distanceOutsideM(square, [119.05, 29.05])).toBe(0);
    expect(distanceOutsideM(square, [119.0, 29.5])).toBeCloseTo(0.2 * METRES_PER_DEGREE, 0);
    expect(distanceToBoundaryM([119.05, 29.05], squareWithHole)).toBeCloseTo(
      0.05 * METRES_PER_DEGREE * Math.cos((29.05 * Math.PI) / 180),
      0,
    );
  });

  it("reads every polygon of a MultiPolygon", () => {
    const two: Area = {
      kind: "polygon",
      geometry: {
        type: "MultiPolygon",
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
              [0, 0],
            ],
          ],
          [
            [
              [2, 0],
              [3, 0],
              [3, 1],
              [2, 1],
              [2, 0],
            ],
          ],
        ],
      },
    };
    expect(areaContains(two, [2.5, 0.5])).toBe(true);
    expect(areaContains(two, [1.5, 0.5])).toBe(false);
    expect(distanceOutsideM(two, [1.9, 0.5])).toBeCloseTo(
      0.1 * METRES_PER_DEGREE * Math.cos((0.5 * Math.PI) / 180),
      0,
    );
  });

  it("measures a circle from its rim: inside up to and including the radius", () => {
    const centre = [120, 30] as const;
    const north = [120, 30 + 100 / METRES_PER_DEGREE] as const;
    const d = distanceM(centre, north);
    expect(areaContains({ kind: "circle", center: centre, radiusM: d }, north)).toBe(true);
    expect(areaContains({ kind: "circle", center: centre, radiusM: d - 1e-6 }, north)).toBe(false);
    expect(distanceOutsideM({ kind: "circle", center: centre, radiusM: 40 }, north)).toBeCloseTo(60, 6);
  });
});
