// Distances and areas on the WGS-84 sphere for the location rules. Haversine for point-to-point;
// for a point outside a polygon, the distance to its boundary is the minimum over the edges of a
// point-to-segment distance in a local equirectangular projection centred on the point — exact enough
// at the scale of a county and of a report's accuracy (metres to a kilometre), and cheap.
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** `[longitude, latitude]` in degrees, WGS-84. */
export type LonLat = readonly [number, number];

/** GeoJSON geometries as the input carries them (positions `[lon, lat]`, an optional altitude ignored). */
export interface Polygon {
  readonly type: "Polygon";
  readonly coordinates: number[][][];
}
export interface MultiPolygon {
  readonly type: "MultiPolygon";
  readonly coordinates: number[][][][];
}

/** An area of the rules: a GeoJSON (Multi)Polygon, or a circle given by its centre and radius. */
export type Area =
  | { readonly kind: "polygon"; readonly geometry: Polygon | MultiPolygon }
  | { readonly kind: "circle"; readonly center: LonLat; readonly radiusM: number };

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance in metres from `p` to the segment `a`–`b`, in a flat projection centred on `p`. */
export function distanceToSegmentM(p: LonLat, a: readonly number[], b: readonly number[]): number {
  const ky = EARTH_RADIUS_M * RAD;
  const kx = ky * Math.cos(p[1] * RAD);
  const ax = ((a[0] ?? 0) - p[0]) * kx;
  const ay = ((a[1] ?? 0) - p[1]) * ky;
  const bx = ((b[0] ?? 0) - p[0]) * kx;
  const by = ((b[1] ?? 0) - p[1]) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  // The projection of the origin (the point) on the segment, clamped to its ends.
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

function polygonsOf(geometry: Polygon | MultiPolygon): number[][][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

/** Distance in metres from `p` to the nearest edge of any ring (outer or hole) of the geometry. */
export function distanceToBoundaryM(p: LonLat, geometry: Polygon | MultiPolygon): number {
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const d = distanceToSegmentM(p, ring[i - 1] as number[], ring[i] as number[]);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

/** Whether the point lies in the area; a polygon's boundary and a circle's rim count as inside. */
export function areaContains(area: Area, p: LonLat): boolean {
  if (area.kind === "circle") return distanceM(p, area.center) <= area.radiusM;
  return booleanPointInPolygon([p[0], p[1]], area.geometry);
}

/** How far (metres) a point outside the area is from it; 0 for a point inside. */
export function distanceOutsideM(area: Area, p: LonLat): number {
  if (areaContains(area, p)) return 0;
  if (area.kind === "circle") return Math.max(0, distanceM(p, area.center) - area.radiusM);
  return distanceToBoundaryM(p, area.geometry);
}
