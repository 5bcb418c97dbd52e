// Coordinates from maps and SDKs used in China arrive in GCJ-02 (AMap, Tencent) or BD-09 (Baidu); the
// rules reason in WGS-84 only, so a report is converted before anything looks at it (location.md).
import gcoordModule from "gcoord";
import type { LonLat } from "./geometry.ts";

// gcoord is CommonJS with typings that declare an ES default export: under Node the default import is
// already the library object, while TypeScript (NodeNext) types it as the namespace holding `default`.
// Take whichever is there, so both the types and every loader (Node, tsx, Vite) agree.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord =
  (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

export const COORDINATE_SYSTEMS = ["WGS84", "GCJ02", "BD09"] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/** A WGS-84 position in `crs` (what a Chinese map shows): for tests and map views. */
export function fromWgs84(lon: number, lat: number, crs: CoordinateSystem): LonLat {
  if (crs === "WGS84") return [lon, lat];
  const to = crs === "GCJ02" ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, to);
  return [x, y];
}

/** The WGS-84 position of a point given in `crs`. Outside China GCJ-02 equals WGS-84 (gcoord's rule). */
export function toWgs84(lon: number, lat: number, crs: CoordinateSystem): LonLat {
  if (crs === "WGS84") return [lon, lat];
  const from = crs === "GCJ02" ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lon, lat], from, gcoord.WGS84);
  return [x, y];
}
