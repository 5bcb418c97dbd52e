// Zone shapes as the agency uploads them: a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection
// (of those), or a circle. Checked here with a Chinese message naming the field (`geojson.coordinates.0.3`)
// — wrong type, a position that is not [经度, 纬度] in range, a ring of fewer than 4 positions or not
// closed, a ring that crosses itself — and reduced to one (Multi)Polygon. Pure.
import Flatbush from "flatbush";
import { EARTH_RADIUS_M } from "../../core/location/geometry.ts";
import type { ZoneCircle, ZoneGeometry } from "./tables.ts";

export class GeometryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (field: string, message: string): never => {
  throw new GeometryError(field, message);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function position(value: unknown, field: string): [number, number] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) fail(field, "坐标点应为 [经度, 纬度]");
  const [lon, lat] = value as unknown[];
  if (typeof lon !== "number" || !Number.isFinite(lon) || lon < -180 || lon > 180)
    fail(field, "经度应为 -180 至 180 之间的数");
  if (typeof lat !== "number" || !Number.isFinite(lat) || lat < -90 || lat > 90)
    fail(field, "纬度应为 -90 至 90 之间的数");
  return [lon as number, lat as number];
}

function ring(value: unknown, field: string): number[][] {
  if (!Array.isArray(value)) return fail(field, "多边形的边界应为坐标点的数组");
  const points = value.map((p, i) => position(p, `${field}.${i}`));
  if (points.length < 4) fail(field, "多边形的边界至少需要 4 个坐标点（首尾相同）");
  const first = points[0] as number[];
  const last = points[points.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    fail(field, "多边形的边界没有闭合：最后一个坐标点应与第一个相同");
  if (selfIntersects(points)) fail(field, "多边形的边界自相交，请检查坐标点的顺序");
  return points;
}

function polygon(value: unknown, field: string): number[][][] {
  if (!Array.isArray(value) || value.length === 0) return fail(field, "多边形至少需要一条外边界");
  return value.map((r, i) => ring(r, `${field}.${i}`));
}

function geometryOf(value: unknown, field: string): number[][][][] {
  if (!isObject(value)) return fail(field, "应为 GeoJSON 多边形（Polygon 或 MultiPolygon）");
  switch (value.type) {
    case "Polygon":
      return [polygon(value.coordinates, `${field}.coordinates`)];
    case "MultiPolygon": {
      const c = value.coordinates;
      if (!Array.isArray(c) || c.length === 0) return fail(`${field}.coordinates`, "多边形集合不能为空");
      return c.map((p, i) => polygon(p, `${field}.coordinates.${i}`));
    }
    case "Feature":
      return geometryOf(value.geometry, `${field}.geometry`);
    case "FeatureCollection": {
      const features = value.features;
      if (!Array.isArray(features) || features.length === 0)
        return fail(`${field}.features`, "要素集合中没有要素");
      return features.flatMap((f, i) => geometryOf(f, `${field}.features.${i}`));
    }
    default:
      return fail(`${field}.type`, "只支持 Polygon、MultiPolygon、Feature 或 FeatureCollection 类型的区域");
  }
}

/** The uploaded GeoJSON as one Polygon or MultiPolygon, or a GeometryError naming the field. */
export function parseZoneGeometry(value: unknown, field = "geojson"): ZoneGeometry {
  const polygons = geometryOf(value, field);
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] as number[][][] }
    : { type: "MultiPolygon", coordinates: polygons };
}

/**
 * Whether two non-adjacent edges of a closed ring cross or touch. Edges are indexed by their boxes so
 * a county boundary of many thousand points is checked in near-linear time.
 */
export function selfIntersects(points: number[][]): boolean {
  const n = points.length - 1; // edges: i → i+1, the last point repeats the first
  if (n < 3) return false;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const a = points[i] as number[];
    const b = points[i + 1] as number[];
    index.add(
      Math.min(a[0] as number, b[0] as number),
      Math.min(a[1] as number, b[1] as number),
      Math.max(a[0] as number, b[0] as number),
      Math.max(a[1] as number, b[1] as number),
    );
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const a = points[i] as number[];
    const b = points[i + 1] as number[];
    const near = index.search(
      Math.min(a[0] as number, b[0] as number),
      Math.min(a[1] as number, b[1] as number),
      Math.max(a[0] as number, b[0] as number),
      Math.max(a[1] as number, b[1] as number),
    );
    for (const j of near) {
      if (j <= i) continue;
      // Consecutive edges share a point (and the last meets the first): not a crossing.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(a, b, points[j] as number[], points[j + 1] as number[])) return true;
    }
  }
  return false;
}

function orient(p: number[], q: number[], r: number[]): number {
  const v =
    ((q[1] as number) - (p[1] as number)) * ((r[0] as number) - (q[0] as number)) -
    ((q[0] as number) - (p[0] as number)) * ((r[1] as number) - (q[1] as number));
  return v === 0 ? 0 : v > 0 ? 1 : -1;
}

function onSegment(p: number[], q: number[], r: number[]): boolean {
  return (
    (q[0] as number) <= Math.max(p[0] as number, r[0] as number) &&
    (q[0] as number) >= Math.min(p[0] as number, r[0] as number) &&
    (q[1] as number) <= Math.max(p[1] as number, r[1] as number) &&
    (q[1] as number) >= Math.min(p[1] as number, r[1] as number)
  );
}

function segmentsMeet(p1: number[], q1: number[], p2: number[], q2: number[]): boolean {
  const o1 = orient(p1, q1, p2);
  const o2 = orient(p1, q1, q2);
  const o3 = orient(p2, q2, p1);
  const o4 = orient(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1, p2, q1)) ||
    (o2 === 0 && onSegment(p1, q2, q1)) ||
    (o3 === 0 && onSegment(p2, p1, q2)) ||
    (o4 === 0 && onSegment(p2, q1, q2))
  );
}

const RAD = Math.PI / 180;
const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** [minLon, minLat, maxLon, maxLat] of a zone's shape (a circle's box is slightly generous). */
export function zoneBox(shape: { geometry: ZoneGeometry | null; circle: ZoneCircle | null }): number[] {
  if (shape.circle) {
    const [lon, lat] = shape.circle.center;
    const dLat = shape.circle.radiusM / M_PER_DEG;
    const dLon = shape.circle.radiusM / (M_PER_DEG * Math.max(0.01, Math.cos(lat * RAD)));
    return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
  }
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons =
    shape.geometry?.type === "Polygon" ? [shape.geometry.coordinates] : (shape.geometry?.coordinates ?? []);
  for (const p of polygons)
    for (const r of p)
      for (const [x, y] of r as [number, number][]) {
        if (x < (box[0] as number)) box[0] = x;
        if (y < (box[1] as number)) box[1] = y;
        if (x > (box[2] as number)) box[2] = x;
        if (y > (box[3] as number)) box[3] = y;
      }
  return box;
}

/** A circle as a GeoJSON polygon of 64 sides, for maps (the rules use the circle itself). */
export function circlePolygon(circle: ZoneCircle): ZoneGeometry {
  const [lon, lat] = circle.center;
  const coordinates: number[][] = [];
  for (let i = 0; i <= 64; i++) {
    const angle = ((i % 64) / 64) * 2 * Math.PI;
    const dLat = (circle.radiusM * Math.cos(angle)) / M_PER_DEG;
    const dLon = (circle.radiusM * Math.sin(angle)) / (M_PER_DEG * Math.max(0.01, Math.cos(lat * RAD)));
    coordinates.push([lon + dLon, lat + dLat]);
  }
  return { type: "Polygon", coordinates: [coordinates] };
}
