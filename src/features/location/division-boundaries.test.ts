import { describe, expect, it } from "vitest";
import {
  type DivisionBoundary,
  destinationBoundary,
  enclosingCodes,
  parseDivisionBoundaries,
} from "./division-boundaries.ts";
import { GeometryError } from "./zone-geometry.ts";

const ring = [
  [120, 30],
  [120.1, 30],
  [120.1, 30.1],
  [120, 30],
];
const feature = (properties: Record<string, unknown>, coordinates: unknown = [ring]) => ({
  type: "Feature",
  properties,
  geometry: { type: "Polygon", coordinates },
});
const refusal = (value: unknown) => {
  try {
    parseDivisionBoundaries(value);
  } catch (error) {
    if (error instanceof GeometryError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("accepted");
};

describe("division boundaries as loaded", () => {
  it("takes code or a numeric adcode, and the name, one feature or a collection", () => {
    expect(
      parseDivisionBoundaries({
        type: "FeatureCollection",
        features: [feature({ code: "990122", name: " 石岭县 " }), feature({ adcode: 330102 })],
      }).map((b) => [b.code, b.name]),
    ).toEqual([
      ["990122", "石岭县"],
      ["330102", "330102"],
    ]);
    expect(parseDivisionBoundaries(feature({ code: "990122" }))[0]?.geometry.type).toBe("Polygon");
  });

  it("refuses naming the feature: no code, a repeated code, a broken ring", () => {
    expect(refusal({ type: "FeatureCollection", features: [feature({ code: "9901" })] })).toEqual({
      field: "geojson.features.0.properties.code",
      message: expect.stringContaining("第 1 个要素缺少六位行政区划代码"),
    });
    expect(
      refusal({
        type: "FeatureCollection",
        features: [feature({ code: "990122" }), feature({ code: "990122" })],
      }).message,
    ).toContain("与第 1 个要素的区划代码重复");
    expect(
      refusal({
        type: "FeatureCollection",
        features: [
          feature({ code: "990122", name: "石岭县" }),
          feature({ code: "990123", name: "望江县" }, [ring.slice(0, 3)]),
        ],
      }),
    ).toEqual({
      field: "geojson.features.1.geometry.coordinates.0",
      message: expect.stringMatching(/^第 2 个要素（990123 望江县）：/),
    });
    expect(refusal({ type: "FeatureCollection", features: [] }).field).toBe("geojson.features");
    expect(refusal({ type: "Polygon", coordinates: [ring] }).field).toBe("geojson.type");
  });
});

describe("a leave destination's area", () => {
  const loaded = (...codes: string[]) =>
    new Map<string, DivisionBoundary>(
      codes.map((code) => [code, { code, name: code, geometry: { type: "Polygon", coordinates: [ring] } }]),
    );

  it("is the division's own boundary, else its city's, else its province's, else none", () => {
    expect(enclosingCodes("330102")).toEqual(["330102", "330100", "330000"]);
    expect(enclosingCodes("441900")).toEqual(["441900", "440000"]);
    expect(destinationBoundary("330102", loaded("330102", "330100"))?.code).toBe("330102");
    expect(destinationBoundary("330105", loaded("330102", "330100"))?.code).toBe("330100");
    expect(destinationBoundary("330782", loaded("330000"))?.code).toBe("330000");
    expect(destinationBoundary("320106", loaded("330102", "330100", "330000"))).toBeNull();
  });
});
