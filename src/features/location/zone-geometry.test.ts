// Zone shapes as uploaded: refused with the field and a Chinese message, or reduced to one polygon.
import { describe, expect, it } from "vitest";
import { GeometryError, parseZoneGeometry, selfIntersects } from "./zone-geometry.ts";

const square = [
  [120, 30],
  [121, 30],
  [121, 31],
  [120, 31],
  [120, 30],
];
const failure = (value: unknown) => {
  try {
    parseZoneGeometry(value);
  } catch (error) {
    if (error instanceof GeometryError) return { field: error.field, message: error.message };
    throw error;
  }
  return null;
};

describe("parseZoneGeometry", () => {
  it("accepts a Polygon, a Feature and a FeatureCollection (several polygons become a MultiPolygon)", () => {
    expect(parseZoneGeometry({ type: "Polygon", coordinates: [square] })).toEqual({
      type: "Polygon",
      coordinates: [square],
    });
    expect(
      parseZoneGeometry({ type: "Feature", geometry: { type: "Polygon", coordinates: [square] } }).type,
    ).toBe("Polygon");
    const two = parseZoneGeometry({
      type: "FeatureCollection",
      features: [
        { type: "Feature", geometry: { type: "Polygon", coordinates: [square] } },
        { type: "Feature", geometry: { type: "MultiPolygon", coordinates: [[square]] } },
      ],
    });
    expect(two.type).toBe("MultiPolygon");
    expect(two.coordinates).toHaveLength(2);
  });

  it("refuses what is not a polygon, naming the field in Chinese", () => {
    expect(failure({ type: "Point", coordinates: [120, 30] })).toMatchObject({ field: "geojson.type" });
    expect(failure("polygon")).toMatchObject({ field: "geojson" });
    expect(failure({ type: "FeatureCollection", features: [] })).toMatchObject({ field: "geojson.features" });
    expect(failure({ type: "Polygon", coordinates: [] })?.message).toMatch(/外边界/);
  });

  it("refuses unclosed rings, rings of fewer than 4 positions and positions out of range", () => {
    expect(failure({ type: "Polygon", coordinates: [square.slice(0, 4)] })?.message).toMatch(/闭合/);
    expect(
      failure({
        type: "Polygon",
        coordinates: [
          [
            [120, 30],
            [121, 30],
            [120, 30],
          ],
        ],
      }),
    ).toMatchObject({ field: "geojson.coordinates.0" });
    expect(
      failure({
        type: "MultiPolygon",
        coordinates: [
          [square],
          [
            [
              [120, 30],
              [200, 30],
              [121, 31],
              [120, 30],
            ],
          ],
        ],
      }),
    ).toMatchObject({ field: "geojson.coordinates.1.0.1" });
    expect(
      failure({
        type: "Polygon",
        coordinates: [
          [
            [120, 30],
            ["a", 30],
            [121, 31],
            [120, 30],
          ],
        ],
      }),
    ).toMatchObject({
      field: "geojson.coordinates.0.1",
    });
  });

  it("refuses a ring that crosses itself (a bow tie), not one that only turns", () => {
    const bowTie = [
      [120, 30],
      [121, 31],
      [121, 30],
      [120, 31],
      [120, 30],
    ];
    expect(selfIntersects(bowTie)).toBe(true);
    expect(selfIntersects(square)).toBe(false);
    expect(failure({ type: "Polygon", coordinates: [bowTie] })?.message).toMatch(/自相交/);
  });

  it("checks a boundary of many thousand points, and finds one crossing among them", () => {
    const ring: number[][] = [];
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const angle = (i / n) * 2 * Math.PI;
      ring.push([120 + Math.cos(angle), 30 + Math.sin(angle)]);
    }
    ring.push(ring[0] as number[]);
    expect(selfIntersects(ring)).toBe(false);
    const crossed = ring.map((p) => [...p]);
    crossed[5000] = [122, 30]; // a spike across the circle
    expect(selfIntersects(crossed)).toBe(true);
  });
});
