// Judging after ingest: each person who has new reports is judged by the SAME engine function as
// `onebook location evaluate` (core/location/evaluate-location.ts) over a window of their reports, with
// their zones (from the spatial index) and approved leave, and each alert episode the new reports take
// part in is raised once (the alert's `source` is unique: `location:<kind>:<subject>:<openedAt>[:zone]`)
// or has the new reports attached. A yellow possible out-of-area that becomes red is turned into the
// red alert in place while unhandled, so there is never a duplicate.
//
// The window: from the person's earliest new report, and from the opening of every episode still
// running when last judged (table location_alert). Every episode is recorded when the report that
// opens it is judged, so reports before the window can neither start, extend nor end what the new
// reports take part in; an episode is never cut by the window and raised again with a later opening.
// So a device sending one report a minute costs one report read per report, not an hour of them.
// Lost contact is the sweep's (lost-contact.ts). Suspected separation is judged against the registered
// residence as a point (subject.residence_lon/lat, set by the office), and not at all until it is set.
import { type Kysely, type Selectable, sql } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import {
  type AlertColour,
  evaluateLocation,
  formatCstInstant,
  type LocationAlert,
  type LocationInput,
  MS_PER_HOUR,
} from "../../core/index.ts";
import type { Database, Level } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { type NewAlert, raiseAlert, raiseAlerts } from "../alerts/service.ts";
import type { LeaveApplicationTable } from "../leave/tables.ts";
import type { CountyPolicy } from "../policy/county-policy.ts";
import { type LocationContext, locationActor } from "./context.ts";
import { deviceOrderSpans, type OrderSpan, orderInForce } from "./device-orders.ts";
import type { ZoneGeometry } from "./tables.ts";
import type { Zone } from "./zone-index.ts";
import "./tables.ts";

/** Where no execution area is loaded, nothing is out of area: the whole world is allowed. */
export const WHOLE_WORLD: LocationInput["zones"]["execution"] = {
  type: "Polygon",
  coordinates: [
    [
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, 90],
      [-180, -90],
    ],
  ],
};
/**
 * A leave's destination is a division (and an address): its area is the division's boundary the agency
 * loaded (division-boundaries.ts), or a circle the office set on the map page (leave-area-routes.ts).
 * Where neither is, the allowed area while on approved leave is
 * every place, so no out-of-area alert is raised for those days.
 */
const ANYWHERE = { circle: { center: [0, 0] as [number, number], radiusM: 25_000_000 } };
/**
 * Approvals whose destination is allowed on their days: ordinary leave, and a standing approval
 * (经常性跨市县活动: trips to its county for months, each reported by the person, leave-contract.md).
 * Moving house is not a stay away.
 */
export const LEAVE_KINDS_WITH_AREA = ["ordinary", "standing"] as const;
/** Reports without an accuracy are of unknown quality: never proof of a breach. */
const UNKNOWN_ACCURACY_M = 1e9;

/** `column = any($1)`: one parameter however many persons (a device batch names thousands). */
export const anyOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`;

type EngineGeometry = LocationInput["zones"]["execution"];
/** Stored shapes were checked on upload (zone-geometry.ts): every position is a [lon, lat] pair. */
const engineGeometry = (g: ZoneGeometry): EngineGeometry => g as unknown as EngineGeometry;

const JUDGED_KINDS = new Set([
  "possible_out_of_area",
  "out_of_area",
  "prohibited_place",
  "suspected_separation",
]);
/** The engine needs a residence; without one, separation is not judged (a made-up point would be far from everything). */
const NO_RESIDENCE: [number, number] = [0, 0];

export interface JudgedSubject {
  id: string;
  countyId: string;
  officeId: string;
  level: Level;
  categories: string[];
  /** The registered residence as a point, once the office has set it; separation is judged only then. */
  residence: [number, number] | null;
}

/** The columns of `subject` that judging needs (judgedSubject). */
export const JUDGED_SUBJECT_COLUMNS = [
  "id",
  "county_id",
  "office_id",
  "level",
  "crime_categories",
  "residence_lon",
  "residence_lat",
] as const;

/** A person as judging sees them, from their row's JUDGED_SUBJECT_COLUMNS. */
export function judgedSubject(
  s: Pick<Selectable<Database["subject"]>, (typeof JUDGED_SUBJECT_COLUMNS)[number]>,
): JudgedSubject {
  return {
    id: s.id,
    countyId: s.county_id,
    officeId: s.office_id,
    level: s.level as Level,
    categories: s.crime_categories,
    residence:
      s.residence_lon === null || s.residence_lat === null ? null : [s.residence_lon, s.residence_lat],
  };
}

export interface NewReports {
  earliestMs: number;
  ids: Set<number>;
  /** The new reports as stored, so judging does not read back what the ingest has just written. */
  rows: ReportRow[];
}

export function alertSource(subjectId: string, a: { kind: string; openedAt: string; zoneId?: string }) {
  return `location:${a.kind}:${subjectId}:${a.openedAt}${a.zoneId ? `:${a.zoneId}` : ""}`;
}

function summaryOf(a: LocationAlert, zone: Zone | undefined, count: number): string {
  const at = a.openedAt.slice(0, 16).replace("T", " ");
  switch (a.kind) {
    case "possible_out_of_area":
      return `${at} 的位置报告显示可能越出执行地，请核实`;
    case "out_of_area":
      return `自 ${at} 起连续位置报告显示越出执行地（${count} 次报告）`;
    case "prohibited_place":
      return `${at} 的位置报告显示进入禁止区域“${zone?.name ?? a.zoneId ?? ""}”`;
    case "suspected_separation":
      return `自 ${at} 起定位长时间停留在居住地以外的同一地点（${count} 次报告），疑似人机分离，请核实`;
    default:
      return `${at} 位置预警`;
  }
}

function colourOf(policy: CountyPolicy, kind: string): AlertColour | undefined {
  if (kind === "possible_out_of_area") return policy.profile.location.outOfArea.possibleColour;
  if (kind === "suspected_separation") return policy.profile.location.separation.colour;
  return undefined;
}

export interface ReportRow {
  id: number;
  subject_id: string;
  measured_at: Date;
  longitude: number;
  latitude: number;
  accuracy_m: number | null;
  source: "app" | "device" | "staff";
}

/** What judging needs besides the reports, read apart so that the ingest can read it while it stores. */
export interface JudgingBackground {
  /** Alert episodes still running when the persons were last judged. */
  openEpisodes: { id: number; subject_id: string; opened_at: Date; kind: string; source: string }[];
  orders: Map<string, OrderSpan[]>;
  leaves: Pick<
    Selectable<LeaveApplicationTable>,
    "subject_id" | "from_date" | "to_date" | "destination_county" | "destination_circle"
  >[];
}

/**
 * The persons' running episodes, electronic-location orders and approved leave. The ingest writes
 * none of them, so they may be read on other connections while the reports are being stored. (The
 * reports already in each window are read after the store: only then is it known who has new ones —
 * a retried batch has none, and its window would be all that came since.) `orders` is passed when the
 * caller has read them already (the device route checks them).
 */
export async function readJudgingBackground(
  k: Kysely<Database>,
  ids: readonly string[],
  orders?: Map<string, OrderSpan[]>,
): Promise<JudgingBackground> {
  const [openEpisodes, orderSpans, leaves] = await Promise.all([
    k
      .selectFrom("location_alert")
      .innerJoin("alert", "alert.id", "location_alert.alert_id")
      .select([
        "location_alert.id",
        "location_alert.subject_id",
        "location_alert.opened_at",
        "location_alert.kind",
        "alert.source",
      ])
      .where(anyOf("location_alert.subject_id", ids))
      .where("location_alert.open", "=", true)
      .execute(),
    orders ?? deviceOrderSpans(k, ids),
    k
      .selectFrom("leave_application")
      .select(["subject_id", "from_date", "to_date", "destination_county", "destination_circle"])
      .where(anyOf("subject_id", ids))
      .where("kind", "in", LEAVE_KINDS_WITH_AREA)
      .where("status", "in", ["approved", "closed"])
      .where("to_date", "is not", null)
      .execute(),
  ]);
  return { openEpisodes, orders: orderSpans, leaves };
}

/** Judges the persons with new reports and raises or extends their alerts; returns the alerts touched. */
export async function judgeSubjects(
  ctx: LocationContext,
  subjects: readonly JudgedSubject[],
  fresh: ReadonlyMap<string, NewReports>,
  background?: JudgingBackground,
): Promise<number> {
  if (subjects.length === 0) return 0;
  const k = ctx.db.kysely;
  const now = ctx.clock.now();
  const ids = subjects.map((s) => s.id);
  const { openEpisodes, orders, leaves } = background ?? (await readJudgingBackground(k, ids));

  const windowStart = new Map<string, number>();
  for (const s of subjects) windowStart.set(s.id, fresh.get(s.id)?.earliestMs ?? now.getTime());
  for (const e of openEpisodes) {
    const ms = new Date(e.opened_at).getTime();
    if (ms < (windowStart.get(e.subject_id) ?? ms)) windowStart.set(e.subject_id, ms);
  }

  // One query for every person's window (a person's own start) — the earlier reports in it only: the
  // new ones are at hand — then the two merged in time order. The new ones are left out by a hashed
  // anti-join (not in a subquery): "<> all(array)" would compare every row with every new id.
  const starts = ids.map((id) => new Date(windowStart.get(id) as number).toISOString());
  const freshIds = [...fresh.values()].flatMap((f) => [...f.ids]);
  const earliest = starts.reduce((a, b) => (a < b ? a : b));
  const earlierRows =
    await sql<ReportRow>`select r.id, r.subject_id, r.measured_at, r.longitude, r.latitude, r.accuracy_m, r.source
        from unnest(${ids}::text[], ${starts}::timestamptz[]) as w(subject_id, since)
        cross join lateral (
          -- Lateral: one index range scan per person, whatever the planner knows of the table
          -- (offset 0 keeps it from being flattened into a hash join over the whole table, which is
          -- what an unanalyzed table gets: PGlite has no autovacuum, and the table grows by the minute).
          -- The earliest start as a constant too: the months before it are left out when planning.
          select id, subject_id, measured_at, longitude, latitude, accuracy_m, source from location_report
          where subject_id = w.subject_id and measured_at >= w.since
            and measured_at >= ${earliest}::timestamptz
          offset 0
        ) r
        where r.id not in (select unnest(${freshIds}::bigint[]))`.execute(k);
  const reportsOf = new Map<string, ReportRow[]>();
  for (const [id, f] of fresh) reportsOf.set(id, [...f.rows]);
  for (const r of earlierRows.rows) {
    const list = reportsOf.get(r.subject_id) ?? [];
    list.push({ ...r, id: Number(r.id), measured_at: new Date(r.measured_at) });
    reportsOf.set(r.subject_id, list);
  }
  const byTime = (a: ReportRow, b: ReportRow) =>
    a.measured_at.getTime() - b.measured_at.getTime() || a.id - b.id;
  for (const list of reportsOf.values()) list.sort(byTime);
  const today = cstDate(now);

  const found: Found[] = [];
  for (const subject of subjects) {
    const rows = reportsOf.get(subject.id) ?? [];
    if (rows.length === 0) continue;
    const policy = await ctx.policies.forCounty(subject.countyId);
    const zones = await ctx.zones.forCounty(subject.countyId);
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of rows) {
      box[0] = Math.min(box[0] as number, r.longitude);
      box[1] = Math.min(box[1] as number, r.latitude);
      box[2] = Math.max(box[2] as number, r.longitude);
      box[3] = Math.max(box[3] as number, r.latitude);
    }
    const prohibited = zones.prohibitedNear(box, subject);
    const input: LocationInput = {
      asOf: formatCstInstant(Math.max(now.getTime(), (rows.at(-1) as ReportRow).measured_at.getTime())),
      policy: policy.profile.id,
      subject: {
        id: subject.id,
        level: subject.level,
        deviceOrder: orderInForce(orders.get(subject.id), today),
        residence: subject.residence ?? NO_RESIDENCE,
        monitoringFrom: formatCstInstant(windowStart.get(subject.id) as number),
      },
      zones: {
        execution: zones.execution?.geometry ? engineGeometry(zones.execution.geometry) : WHOLE_WORLD,
        prohibited: prohibited.map((z) =>
          z.circle
            ? { id: z.id, name: z.name, circle: z.circle }
            : { id: z.id, name: z.name, geometry: z.geometry ? engineGeometry(z.geometry) : WHOLE_WORLD },
        ),
      },
      leaves: leaves
        .filter((l) => l.subject_id === subject.id)
        .map((l) => {
          const area = zones.destinationArea(l.destination_county);
          return {
            from: l.from_date,
            to: l.to_date as string,
            // A circle the office set comes first; then the division's boundary; else anywhere.
            destination: l.destination_circle
              ? { circle: l.destination_circle }
              : area
                ? { geometry: engineGeometry(area.geometry) }
                : ANYWHERE,
          };
        }),
      reports: rows.map((r) => ({
        at: formatCstInstant(r.measured_at.getTime()),
        lon: r.longitude,
        lat: r.latitude,
        accuracyM: r.accuracy_m ?? UNKNOWN_ACCURACY_M,
        crs: "WGS84" as const,
        source: r.source,
      })),
      unreachable: [],
    };
    const result = evaluateLocation(input, { registry: policy.registry });
    for (const alert of result.alerts) {
      if (!JUDGED_KINDS.has(alert.kind)) continue;
      if (alert.kind === "suspected_separation" && !subject.residence) continue;
      const reportIds = alert.reports.map((i) => (rows[i] as ReportRow).id);
      found.push({
        subject,
        policy,
        alert,
        source: alertSource(subject.id, alert),
        reportIds,
        zone: prohibited.find((z) => z.id === alert.zoneId),
      });
    }
  }

  // Episodes still running when last judged that the engine now finds ended (or no longer finds),
  // and the episodes the new reports take part in. Mostly neither: then nothing is written.
  const stillOpen = new Set(found.filter((f) => f.alert.open).map((f) => f.source));
  const ended = openEpisodes
    .filter((t) => t.kind === "lost_contact" || (JUDGED_KINDS.has(t.kind) && !stillOpen.has(t.source)))
    .map((t) => t.id);
  const relevant = found.filter((f) => f.reportIds.some((id) => fresh.get(f.subject.id)?.ids.has(id)));
  if (ended.length === 0 && relevant.length === 0) return 0;
  await k.transaction().execute(async (trx) => {
    if (ended.length > 0)
      await trx.updateTable("location_alert").set({ open: false }).where("id", "in", ended).execute();
    if (relevant.length === 0) return;
    const alertIds = await alertsFor(trx, relevant, now);
    // One row per alert, as the last episode judged leaves it (a possible out-of-area and the red one
    // it became share their alert).
    const episodes = new Map<number, Found>();
    relevant.forEach((f, i) => {
      episodes.set(alertIds[i] as number, f);
    });
    await trx
      .insertInto("location_alert")
      .values(
        [...episodes].map(([alertId, f]) => ({
          alert_id: alertId,
          subject_id: f.subject.id,
          kind: f.alert.kind,
          zone_id: f.alert.zoneId ?? null,
          opened_at: new Date(Date.parse(f.alert.openedAt)),
          open: f.alert.open,
        })),
      )
      .onConflict((oc) =>
        oc
          .column("alert_id")
          .doUpdateSet((eb) => ({ open: eb.ref("excluded.open"), kind: eb.ref("excluded.kind") })),
      )
      .execute();
    await trx
      .insertInto("location_alert_report")
      .values(
        relevant.flatMap((f, i) =>
          f.reportIds.map((report_id) => ({ alert_id: alertIds[i] as number, report_id })),
        ),
      )
      .onConflict((oc) => oc.columns(["alert_id", "report_id"]).doNothing())
      .execute();
  });
  return relevant.length;
}

/**
 * The alerts of the episodes, in their order: those raised before (found by source), the new ones
 * raised together, then each confirmed out-of-area — after the possible one it may grow from, which
 * may be among the new ones — one at a time (alertFor).
 */
async function alertsFor(trx: Kysely<Database>, episodes: readonly Found[], now: Date): Promise<number[]> {
  const existing = await trx
    .selectFrom("alert")
    .select(["id", "source"])
    .where(
      anyOf(
        "source",
        episodes.map((f) => f.source),
      ),
    )
    .execute();
  const bySource = new Map(existing.map((r) => [r.source, r.id]));
  const fresh = episodes.filter((f) => !bySource.has(f.source) && f.alert.kind !== "out_of_area");
  const raised = await raiseAlerts(
    trx,
    { ...locationActor, at: now },
    fresh.map((f) => ({ alert: newAlertOf(f, now), policy: f.policy.profile })),
  );
  for (const [source, id] of raised) bySource.set(source, id);
  const ids: number[] = [];
  for (const f of episodes) ids.push(bySource.get(f.source) ?? (await alertFor(trx, f, now)));
  return ids;
}

/** An episode the engine found, with what raising or extending its alert needs. */
interface Found {
  subject: JudgedSubject;
  policy: CountyPolicy;
  alert: LocationAlert;
  source: string;
  reportIds: number[];
  zone: Zone | undefined;
}

/** The alert of an episode: the one with its source, the possible out-of-area it grew from, or a new one. */
async function alertFor(trx: Kysely<Database>, f: Found, now: Date): Promise<number> {
  const existing = await trx
    .selectFrom("alert")
    .select("id")
    .where("source", "=", f.source)
    .executeTakeFirst();
  if (existing) return existing.id;
  if (f.alert.kind === "out_of_area") {
    const possible = await trx
      .selectFrom("alert")
      .select(["id", "office_id"])
      .where("source", "=", alertSource(f.subject.id, { ...f.alert, kind: "possible_out_of_area" }))
      .where("handled_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (possible) {
      // Confirmed: the same alert turns red, and its clocks start again from now as a red one's.
      const policy = f.policy.profile;
      const colour = policy.alerts.colours.out_of_area;
      await trx
        .updateTable("alert")
        .set({
          kind: "out_of_area",
          colour,
          source: f.source,
          basis: f.alert.basis,
          summary: summaryOf(f.alert, f.zone, f.reportIds.length),
          due_by: new Date(now.getTime() + policy.alerts.handleWithinHours * MS_PER_HOUR),
          escalates_at: new Date(now.getTime() + policy.alerts.escalateAfterHours[colour] * MS_PER_HOUR),
        })
        .where("id", "=", possible.id)
        .execute();
      await writeAudit(
        trx,
        { ...locationActor, at: now },
        {
          action: "alert.upgrade",
          recordType: "alert",
          recordId: String(possible.id),
          subjectId: f.subject.id,
          placeId: possible.office_id,
          details: { kind: "out_of_area", source: f.source },
        },
      );
      return possible.id;
    }
  }
  const id = await raiseAlert(trx, { ...locationActor, at: now }, newAlertOf(f, now), f.policy.profile);
  if (id !== null) return id;
  // Raised at the same moment by another request: take that one.
  const row = await trx
    .selectFrom("alert")
    .select("id")
    .where("source", "=", f.source)
    .executeTakeFirstOrThrow();
  return row.id;
}

function newAlertOf(f: Found, now: Date): NewAlert {
  const alert: NewAlert = {
    countyId: f.subject.countyId,
    officeId: f.subject.officeId,
    subjectId: f.subject.id,
    kind: f.alert.kind as NewAlert["kind"],
    source: f.source,
    basis: f.alert.basis,
    summary: summaryOf(f.alert, f.zone, f.reportIds.length),
    raisedAt: now,
    raisedBy: null,
  };
  const colour = colourOf(f.policy, f.alert.kind);
  if (colour) alert.colour = colour;
  return alert;
}
