// What every location rule reads: the counted reports in time order, converted to WGS-84 and marked
// acceptable or not; the counted `unreachable` records; the areas; whether the person must report.
// Built once per evaluation so that each rule is a plain pass over arrays.

import type { AlertColour } from "../alerts/alerts.ts";
import { type DayNumber, parseDate } from "../calendar/days.ts";
import { cstDayOfMs, instantToMs } from "../calendar/instant.ts";
import type { PolicyProfile } from "../policy/schema.ts";
import { toWgs84 } from "./crs.ts";
import type { Area, LonLat } from "./geometry.ts";
import type { LocationArea, LocationGeometry, LocationInput } from "./location-schema.ts";

export const LOCATION_ALERT_KINDS = [
  "lost_contact",
  "out_of_area",
  "possible_out_of_area",
  "prohibited_place",
  "suspected_separation",
] as const;
export type LocationAlertKind = (typeof LOCATION_ALERT_KINDS)[number];

/** One alert episode as a rule finds it; `evaluateLocation` formats it for the contract. */
export interface Episode {
  kind: LocationAlertKind;
  color: AlertColour;
  openedAtMs: number;
  /** Still running at `asOf`. */
  open: boolean;
  /** Indexes into the input `reports`, in time order. */
  reports: number[];
  zoneId?: string;
  basis: string;
  /**
   * Time-order position of the report that opened the episode among those the rule reads: orders
   * episodes of one rule opened at the same instant without looking at input positions.
   */
  rank: number;
}

export interface TimedReport {
  /** Position in the input `reports` array: what the alerts cite. */
  index: number;
  ms: number;
  /** The CST calendar day, which decides the leave destinations allowed. */
  day: DayNumber;
  /** WGS-84, converted from the report's `crs`. */
  point: LonLat;
  accuracyM: number;
  acceptable: boolean;
}

export interface LeaveArea {
  from: DayNumber;
  to: DayNumber;
  area: Area;
}

export interface LocationTimeline {
  policy: PolicyProfile;
  asOfMs: number;
  monitoringFromMs: number;
  /** Key level (the profile's reporting levels) or a device order: lost contact and separation apply. */
  mustReport: boolean;
  residence: LonLat;
  /** Reports with `monitoringFrom <= at <= asOf`, any quality, in time order. */
  reports: TimedReport[];
  /** The acceptable ones among `reports`, in the same order. */
  acceptable: TimedReport[];
  /** Instants of the `unreachable` records with `monitoringFrom <= at <= asOf`, ascending. */
  unreachableMs: number[];
  execution: Area;
  prohibited: { id: string; area: Area }[];
  leaves: LeaveArea[];
}

export function geometryArea(geometry: LocationGeometry): Area {
  // Positions may carry an altitude; the rules use longitude and latitude only.
  if (geometry.type === "Polygon") {
    return {
      kind: "polygon",
      geometry: { type: "Polygon", coordinates: geometry.coordinates.map(flatRing) },
    };
  }
  return {
    kind: "polygon",
    geometry: { type: "MultiPolygon", coordinates: geometry.coordinates.map((p) => p.map(flatRing)) },
  };
}

function flatRing(ring: readonly (readonly [number, number, number?])[]): number[][] {
  return ring.map((p) => [p[0], p[1]]);
}

export function inputArea(area: { circle?: LocationArea["circle"]; geometry?: LocationGeometry }): Area {
  if (area.circle) return { kind: "circle", center: area.circle.center, radiusM: area.circle.radiusM };
  if (area.geometry) return geometryArea(area.geometry);
  throw new TypeError("an area needs a circle or a geometry (the schema guarantees one)");
}

/**
 * Time order. Reports measured at the same instant are ordered by what they say (position, then
 * accuracy), not by their place in the input, so that the result does not depend on the input order;
 * only reports identical in all of these are ordered by index, and the rules treat those alike.
 */
function byTime(a: TimedReport, b: TimedReport): number {
  return (
    a.ms - b.ms ||
    a.point[0] - b.point[0] ||
    a.point[1] - b.point[1] ||
    a.accuracyM - b.accuracyM ||
    a.index - b.index
  );
}

export function buildTimeline(input: LocationInput, policy: PolicyProfile): LocationTimeline {
  const asOfMs = instantToMs(input.asOf);
  const monitoringFromMs = instantToMs(input.subject.monitoringFrom);
  const counted = (ms: number) => ms >= monitoringFromMs && ms <= asOfMs;

  const reports: TimedReport[] = [];
  input.reports.forEach((r, index) => {
    const ms = instantToMs(r.at);
    if (!counted(ms)) return;
    reports.push({
      index,
      ms,
      day: cstDayOfMs(ms),
      point: toWgs84(r.lon, r.lat, r.crs),
      accuracyM: r.accuracyM,
      acceptable: r.accuracyM <= policy.location.acceptableAccuracyM,
    });
  });
  reports.sort(byTime);

  const unreachableMs = input.unreachable
    .map((u) => instantToMs(u.at))
    .filter(counted)
    .sort((a, b) => a - b);

  return {
    policy,
    asOfMs,
    monitoringFromMs,
    mustReport: input.subject.deviceOrder || policy.location.reportingLevels.includes(input.subject.level),
    residence: input.subject.residence,
    reports,
    acceptable: reports.filter((r) => r.acceptable),
    unreachableMs,
    execution: geometryArea(input.zones.execution),
    prohibited: input.zones.prohibited.map((z) => ({ id: z.id, area: inputArea(z) })),
    leaves: input.leaves.map((l) => ({
      from: parseDate(l.from),
      to: parseDate(l.to),
      area: inputArea(l.destination),
    })),
  };
}
