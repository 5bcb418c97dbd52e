// What the office reads of a person's location (GET /api/subjects/:id/locations): the reports of the
// days asked (device reports only for days an electronic-location order was in force: Art. 29), the
// location alerts of those days with the reports that raised them, the zones that apply to the person
// as GeoJSON, and the person's approved leaves of those days with their destination's area (null when
// no boundary is loaded for it: then nothing is out of area while away). The caller audits the read in
// the same transaction.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { SubjectRef } from "../supervision/subject-ref.ts";
import "../alerts/tables.ts";
import "../leave/tables.ts";
import type { LocationContext } from "./context.ts";
import { deviceOrderSpans, orderInForce } from "./device-orders.ts";
import { LEAVE_KINDS_WITH_AREA } from "./judge.ts";
import { circlePolygon } from "./zone-geometry.ts";
import { type CountyZones, type Zone, zoneApplies } from "./zone-index.ts";
import "./tables.ts";

const CST = "+08:00";

export interface ZoneFeature {
  type: "Feature";
  id: string;
  geometry: unknown;
  properties: Record<string, unknown>;
}

/** A zone as a GeoJSON feature: circles as 64-sided polygons, with the circle kept in the properties. */
export function zoneFeature(zone: Zone, extra: Record<string, unknown> = {}): ZoneFeature {
  return {
    type: "Feature",
    id: zone.id,
    geometry: zone.circle ? circlePolygon(zone.circle) : zone.geometry,
    properties: {
      id: zone.id,
      kind: zone.kind,
      name: zone.name,
      version: zone.version,
      ...(zone.circle ? { circle: zone.circle } : {}),
      ...extra,
    },
  };
}

export async function readLocations(
  k: Kysely<Database>,
  ctx: LocationContext,
  subject: SubjectRef,
  from: string,
  to: string,
  /**
   * The county's zones, read before a transaction: the index reads through its own connection, and on
   * PGlite (one connection) a read inside the caller's transaction would wait for it for ever.
   */
  countyZones?: CountyZones,
) {
  const start = new Date(`${from}T00:00:00${CST}`);
  const end = new Date(`${to}T23:59:59.999${CST}`);
  const [rows, orders, person, zones, leaveRows] = await Promise.all([
    k
      .selectFrom("location_report")
      .select([
        "id",
        "measured_at",
        "longitude",
        "latitude",
        "accuracy_m",
        "source",
        "low_quality",
        "photo_id",
      ])
      .where("subject_id", "=", subject.id)
      .where("measured_at", ">=", start)
      .where("measured_at", "<=", end)
      .orderBy("measured_at")
      .orderBy("id")
      .execute(),
    deviceOrderSpans(k, [subject.id]),
    k
      .selectFrom("subject")
      .select(["crime_categories", "residence_lon", "residence_lat"])
      .where("id", "=", subject.id)
      .executeTakeFirstOrThrow(),
    countyZones ?? ctx.zones.forCounty(subject.countyId),
    // The leaves judge.ts allows the destination of: approved leave and standing approvals.
    k
      .selectFrom("leave_application")
      .select([
        "id",
        "kind",
        "from_date",
        "to_date",
        "destination_county",
        "destination_name",
        "destination_circle",
      ])
      .where("subject_id", "=", subject.id)
      .where("kind", "in", LEAVE_KINDS_WITH_AREA)
      .where("status", "in", ["approved", "closed"])
      .where("from_date", "<=", to)
      .where("to_date", ">=", from)
      .orderBy("from_date")
      .execute(),
  ]);
  const spans = orders.get(subject.id);
  const reports = rows
    .filter((r) => r.source !== "device" || orderInForce(spans, cstDate(r.measured_at)))
    .map((r) => ({
      id: Number(r.id),
      at: cstIso(r.measured_at),
      lon: r.longitude,
      lat: r.latitude,
      accuracyM: r.accuracy_m,
      source: r.source,
      lowQuality: r.low_quality,
      ...(r.photo_id ? { photoId: r.photo_id } : {}),
    }));
  const shown = new Set(reports.map((r) => r.id));

  const alertRows = await k
    .selectFrom("location_alert")
    .innerJoin("alert", "alert.id", "location_alert.alert_id")
    .select(["alert.id", "alert.kind", "alert.colour", "alert.handled_at", "location_alert.opened_at"])
    .where("location_alert.subject_id", "=", subject.id)
    .where("location_alert.opened_at", "<=", end)
    .where((eb) =>
      eb.or([
        eb("location_alert.opened_at", ">=", start),
        eb("location_alert.open", "=", true),
        eb(
          "alert.id",
          "in",
          eb
            .selectFrom("location_alert_report")
            .innerJoin("location_report", "location_report.id", "location_alert_report.report_id")
            .select("location_alert_report.alert_id")
            .where("location_report.subject_id", "=", subject.id)
            .where("location_report.measured_at", ">=", start)
            .where("location_report.measured_at", "<=", end),
        ),
      ]),
    )
    .orderBy("location_alert.opened_at")
    .execute();
  const links =
    alertRows.length === 0
      ? []
      : await k
          .selectFrom("location_alert_report")
          .select(["alert_id", "report_id"])
          .where(
            "alert_id",
            "in",
            alertRows.map((a) => a.id),
          )
          .orderBy("report_id")
          .execute();
  const alerts = alertRows.map((a) => ({
    id: a.id,
    kind: a.kind,
    color: a.colour,
    openedAt: cstIso(a.opened_at),
    status: a.handled_at ? ("handled" as const) : ("open" as const),
    reportIds: links
      .filter((l) => l.alert_id === a.id && shown.has(Number(l.report_id)))
      .map((l) => Number(l.report_id)),
  }));

  const categories = person.crime_categories;
  const features: ZoneFeature[] = [];
  if (zones.execution) features.push(zoneFeature(zones.execution));
  for (const z of zones.prohibited)
    if (zoneApplies(z, { id: subject.id, categories })) features.push(zoneFeature(z));
  const residence =
    person.residence_lon === null || person.residence_lat === null
      ? null
      : { lon: person.residence_lon, lat: person.residence_lat };
  const leaves = leaveRows.map((l) => {
    const area = zones.destinationArea(l.destination_county);
    return {
      id: l.id,
      kind: l.kind as (typeof LEAVE_KINDS_WITH_AREA)[number],
      from: l.from_date,
      to: l.to_date as string,
      destinationCounty: l.destination_county,
      destinationName: l.destination_name,
      circle: l.destination_circle,
      area: area ? { code: area.code, name: area.name, geometry: area.geometry } : null,
    };
  });
  return { reports, alerts, residence, zones: { type: "FeatureCollection" as const, features }, leaves };
}
