// Administrative division boundaries as the agency loads them, and a leave's destination area from
// them. A load is a GeoJSON FeatureCollection (or one Feature): each feature carries its six-digit
// division code (`code`, or `adcode` as the common public boundary files name it) and optionally its
// `name`; its geometry is checked as a zone's is (zone-geometry.ts), and any problem is refused with
// the feature named (第 3 个要素（990122 石岭县）…). Pure.
//
// A leave's destination is a county-level code (leave-contract.md: the county, 市、县, of the six-digit
// code — a district of a city is one). Its area is the boundary loaded for that code — which covers the
// whole county-level division, all its towns and streets — or, when none is, the boundary of the
// smallest division that contains it by the GB/T 2260 hierarchy (its prefecture-level city `XXYY00`,
// then its province `XX0000`): a wider area, so that a person on leave is never reported out of area
// where they may be. With none of those loaded the destination has no area: everything is allowed
// while on leave, as before boundaries were loaded, and the map and the leave record say so.
import type { ZoneGeometry } from "./tables.ts";
import { GeometryError, parseZoneGeometry } from "./zone-geometry.ts";

export interface DivisionBoundary {
  code: string;
  name: string;
  geometry: ZoneGeometry;
}

/** At most this many divisions in one load (a province's counties are about a hundred). */
export const MAX_BOUNDARIES_PER_LOAD = 500;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function codeOf(properties: Record<string, unknown>): string | null {
  const raw = properties.code ?? properties.adcode;
  const code = typeof raw === "number" ? String(raw) : raw;
  return typeof code === "string" && /^[0-9]{6}$/.test(code) ? code : null;
}

/** The boundaries of a load, or a GeometryError naming the feature and the field. */
export function parseDivisionBoundaries(value: unknown, field = "geojson"): DivisionBoundary[] {
  if (!isObject(value) || (value.type !== "FeatureCollection" && value.type !== "Feature"))
    throw new GeometryError(
      `${field}.type`,
      "行政区划边界应为 GeoJSON 要素集合（FeatureCollection），每个要素带六位区划代码（code）",
    );
  const features = value.type === "Feature" ? [value] : value.features;
  const prefix = value.type === "Feature" ? field : `${field}.features`;
  if (!Array.isArray(features) || features.length === 0)
    throw new GeometryError(`${field}.features`, "要素集合中没有要素");
  if (features.length > MAX_BOUNDARIES_PER_LOAD)
    throw new GeometryError(`${field}.features`, `一次最多载入 ${MAX_BOUNDARIES_PER_LOAD} 个区划边界`);
  const seen = new Map<string, number>();
  return features.map((feature, i) => {
    const at = value.type === "Feature" ? prefix : `${prefix}.${i}`;
    const ordinal = `第 ${i + 1} 个要素`;
    if (!isObject(feature) || feature.type !== "Feature")
      throw new GeometryError(`${at}.type`, `${ordinal}不是 GeoJSON 要素（Feature）`);
    const properties = isObject(feature.properties) ? feature.properties : {};
    const code = codeOf(properties);
    if (code === null)
      throw new GeometryError(
        `${at}.properties.code`,
        `${ordinal}缺少六位行政区划代码（属性 code 或 adcode，如 "990122"）`,
      );
    const given = typeof properties.name === "string" ? properties.name.trim().slice(0, 100) : "";
    const label = `${ordinal}（${code}${given ? ` ${given}` : ""}）`;
    const earlier = seen.get(code);
    if (earlier !== undefined)
      throw new GeometryError(
        `${at}.properties.code`,
        `${label}与第 ${earlier + 1} 个要素的区划代码重复，每个区划只能载入一个边界`,
      );
    seen.set(code, i);
    let geometry: ZoneGeometry;
    try {
      geometry = parseZoneGeometry(feature.geometry, `${at}.geometry`);
    } catch (error) {
      if (error instanceof GeometryError) throw new GeometryError(error.field, `${label}：${error.message}`);
      throw error;
    }
    return { code, name: given || code, geometry };
  });
}

/** The codes a destination's area is looked for by, most precise first: itself, its city, its province. */
export function enclosingCodes(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

/** A destination's area among the loaded boundaries (by code), or null when none covers it. */
export function destinationBoundary(
  code: string,
  boundaries: ReadonlyMap<string, DivisionBoundary>,
): DivisionBoundary | null {
  for (const c of enclosingCodes(code)) {
    const found = boundaries.get(c);
    if (found) return found;
  }
  return null;
}
