// Test support for the location rules: a small case builder around a square execution area, and the
// helper that parses (applying the schema's defaults) and evaluates.

import { instantToMs, MS_PER_MINUTE } from "../calendar/instant.ts";
import type { PolicyRegistry } from "../policy/registry.ts";
import { evaluateLocation, formatCstInstant, type LocationAlert } from "./evaluate-location.ts";
import { distanceOutsideM, type LonLat } from "./geometry.ts";
import { type LocationInputData, parseLocationInput } from "./location-schema.ts";
import { geometryArea } from "./timeline.ts";

/** The execution area of the cases: 119.0–119.4 E, 29.0–29.3 N (about 39 km by 33 km). */
export const SQUARE: { type: "Polygon"; coordinates: [number, number][][] } = {
  type: "Polygon",
  coordinates: [
    [
      [119.0, 29.0],
      [119.4, 29.0],
      [119.4, 29.3],
      [119.0, 29.3],
      [119.0, 29.0],
    ],
  ],
};
/** Inside the square, near its middle; the default residence. */
export const HOME: LonLat = [119.1, 29.1];
/** Well outside the square (about 9.7 km east of it). */
export const AWAY: LonLat = [119.5, 29.1];

/** `2025-09-10T09:00` → `2025-09-10T09:00:00+08:00`. */
export const cst = (minute: string) => `${minute}:00+08:00`;

/** A CST minute `minutes` after another: `later("2025-09-10T23:30", 45)` → `2025-09-11T00:15`. */
export function later(minute: string, minutes: number): string {
  return formatCstInstant(instantToMs(cst(minute)) + minutes * MS_PER_MINUTE).slice(0, 16);
}

export type ReportData = LocationInputData["reports"][number];

/** A report at a CST minute (`2025-09-10T09:00`) and a point. */
export function report(
  minute: string,
  point: LonLat,
  accuracyM = 15,
  extra: Partial<ReportData> = {},
): ReportData {
  return { at: cst(minute), lon: point[0], lat: point[1], accuracyM, crs: "WGS84", source: "app", ...extra };
}

/** A valid input as JSON data; `change` edits it (add reports, zones, leaves…). */
export function locationCase(change: (c: LocationInputData) => void = () => {}): LocationInputData {
  const c: LocationInputData = {
    asOf: cst("2025-09-10T18:00"),
    subject: {
      id: "L1",
      level: "key",
      deviceOrder: false,
      residence: [HOME[0], HOME[1]],
      monitoringFrom: cst("2025-09-10T08:00"),
    },
    zones: { execution: structuredClone(SQUARE), prohibited: [] },
    leaves: [],
    reports: [],
    unreachable: [],
  };
  change(c);
  return c;
}

/** Parses and evaluates; a case the schema refuses fails the test with its message. */
export function alertsOf(data: unknown, registry?: PolicyRegistry): LocationAlert[] {
  const parsed = registry ? parseLocationInput(data, registry) : parseLocationInput(data);
  if (!parsed.ok) throw new Error(`refused: ${parsed.problem.path}: ${parsed.problem.message}`);
  return evaluateLocation(parsed.value, registry ? { registry } : {}).alerts;
}

/** A point `metres` east of the square's east edge at latitude 29.1 (exact distance via the rules'). */
export function eastOfSquare(metres: number): LonLat {
  const lat = 29.1;
  const perDegree = (6_371_008.8 * Math.PI * Math.cos((lat * Math.PI) / 180)) / 180;
  return [119.4 + metres / perDegree, lat];
}

/** The distance the rules compute from a point to the square (0 inside). */
export function distanceToSquare(point: LonLat): number {
  return distanceOutsideM(geometryArea(SQUARE), point);
}
