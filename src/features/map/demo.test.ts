// The demo's outline must hold the demo county's villages (homes are within 0.004° of them, work places
// within 0.02° of the centre) and leave the neighbouring county outside, or a fresh demo would raise
// out-of-area alerts for people at home.
import { describe, expect, it } from "vitest";
import { type Area, areaContains, distanceOutsideM } from "../../core/location/geometry.ts";
import { COUNTY_CENTRE, MAIN_COUNTY, OTHER_COUNTY } from "../../db/demo/places.ts";
import { parseDivisionBoundaries } from "../location/division-boundaries.ts";
import { DEMO_COUNTY_OUTLINE, DEMO_NEIGHBOUR_BOUNDARIES, DEMO_PROHIBITED_ZONE } from "./demo.ts";

const outline: Area = { kind: "polygon", geometry: { type: "Polygon", coordinates: [DEMO_COUNTY_OUTLINE] } };
const villages = (county: typeof MAIN_COUNTY) => county.offices.flatMap((o) => o.villages);

describe("the demo county's zones", () => {
  it("hold every village of 青禾县 with a margin, and no village of 石岭县", () => {
    for (const v of villages(MAIN_COUNTY)) {
      expect(areaContains(outline, [v.lon, v.lat]), v.name).toBe(true);
      // 0.004° of a home's spread is about 450 m; keep a full kilometre inside.
      for (const [dx, dy] of [
        [0.009, 0],
        [-0.009, 0],
        [0, 0.009],
        [0, -0.009],
      ] as const)
        expect(areaContains(outline, [v.lon + dx, v.lat + dy]), v.name).toBe(true);
    }
    for (const [dx, dy] of [
      [0.02, 0.02],
      [-0.02, -0.02],
      [0.02, -0.02],
      [-0.02, 0.02],
    ] as const)
      expect(areaContains(outline, [COUNTY_CENTRE.lon + dx, COUNTY_CENTRE.lat + dy])).toBe(true);
    for (const v of villages(OTHER_COUNTY))
      expect(distanceOutsideM(outline, [v.lon, v.lat]), v.name).toBeGreaterThan(500);
  });

  it("puts the prohibited zone inside the county, away from every village", () => {
    expect(areaContains(outline, DEMO_PROHIBITED_ZONE.center)).toBe(true);
    const zone: Area = { kind: "circle", ...DEMO_PROHIBITED_ZONE };
    for (const v of villages(MAIN_COUNTY))
      expect(distanceOutsideM(zone, [v.lon, v.lat]), v.name).toBeGreaterThan(400);
  });
});

describe("the demo's neighbouring division boundaries", () => {
  it("load as the agency's file would, hold 石岭县's villages and none of 青禾县's", () => {
    const boundaries = parseDivisionBoundaries({
      type: "FeatureCollection",
      features: DEMO_NEIGHBOUR_BOUNDARIES.map((b) => ({
        type: "Feature",
        properties: { code: b.code, name: b.name },
        geometry: { type: "Polygon", coordinates: [b.ring] },
      })),
    });
    const areaOf = (code: string): Area => ({
      kind: "polygon",
      geometry: boundaries.find((b) => b.code === code)!.geometry as Extract<
        Area,
        { kind: "polygon" }
      >["geometry"],
    });
    for (const v of villages(OTHER_COUNTY))
      expect(areaContains(areaOf(OTHER_COUNTY.id), [v.lon, v.lat]), v.name).toBe(true);
    for (const b of boundaries)
      for (const v of villages(MAIN_COUNTY))
        expect(areaContains(areaOf(b.code), [v.lon, v.lat]), v.name).toBe(false);
  });
});
