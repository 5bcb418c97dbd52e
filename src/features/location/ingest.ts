// Ingest of location reports (location.md "Reports", api12.md), shared by the app route
// (`POST /api/app/reports`, the person's own session) and the device vendors' route
// (`POST /api/devices/reports`, helper `map`). Each report is judged on its own (validate.ts); the
// accepted ones of a batch are written in ONE statement (atomic by itself: a COPY, or for a retry an
// insert that skips what was stored before), idempotent by (person, key, measuring time) through the
// table's unique index, and answered only after the commit. The persons with new reports are then
// judged (judge.ts). A batch is marked before it is stored and the mark deleted once it is judged:
// should the server die in between, or judging fail, the sweep judges what the mark names
// (left-batches.ts), so no stored report goes unjudged. Source `app` and `device` are kept apart: a
// device report carries its vendor and device, and is refused for a person without an
// electronic-location order in force that day (Art. 29).
import { type Kysely, sql } from "kysely";
import { copyText } from "../../db/copy-text.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import type { LocationContext } from "./context.ts";
import { deviceOrderSpans, orderInForce } from "./device-orders.ts";
import {
  anyOf,
  JUDGED_SUBJECT_COLUMNS,
  judgedSubject,
  judgeSubjects,
  type NewReports,
  readJudgingBackground,
} from "./judge.ts";
import "./tables.ts";
import { type AcceptedReport, type Judged, type ReportInput, validateReport } from "./validate.ts";

export type { ReportInput } from "./validate.ts";

export type IngestSource = { kind: "app"; subjectId: string } | { kind: "device"; vendorId: string };

export interface ReportError {
  code: string;
  message: string;
  field: string;
}

export interface ReportResult {
  index: number;
  key: string;
  status: "stored" | "duplicate" | "rejected";
  id?: number;
  error?: ReportError;
}

export interface IngestOptions {
  /** Where a failure of judging (after the reports are committed) is logged. */
  log?: { error(details: object, message: string): void };
}

interface Pending {
  index: number;
  subjectId: string;
  report: AcceptedReport;
}

/**
 * Stores what is acceptable of `reports` from `source` and answers per report, in input order.
 * `stored` and `duplicate` are answered only after the commit; a duplicate stores nothing.
 */
export async function ingestReports(
  ctx: LocationContext,
  source: IngestSource,
  reports: readonly ReportInput[],
  options: IngestOptions = {},
): Promise<ReportResult[]> {
  const k = ctx.db.kysely;
  const now = ctx.clock.now();
  const results: ReportResult[] = reports.map((r, index) => ({ index, key: r.key, status: "rejected" }));
  const reject = (index: number, code: string, field: string, message: string) => {
    results[index] = {
      index,
      key: reports[index]?.key ?? "",
      status: "rejected",
      error: { code, message, field: `reports.${index}.${field}` },
    };
  };
  const subjectOf = (r: ReportInput) => (source.kind === "app" ? source.subjectId : (r.subjectId ?? ""));
  if (reports.length === 0) return results;

  const subjectIds = [...new Set(reports.map(subjectOf))].filter((id) => id !== "");
  // Ids for every report, taken (and the batch marked) while the persons are looked up: on PostgreSQL
  // the two overlap. A rejected report's id is never used.
  const taking = takeIds(k, reports.length, now);
  taking.catch(() => {}); // awaited below; a failure then is thrown, not left unhandled
  const [subjectRows, orders, photos] = await Promise.all([
    subjectIds.length === 0
      ? []
      : k.selectFrom("subject").select(JUDGED_SUBJECT_COLUMNS).where(anyOf("id", subjectIds)).execute(),
    source.kind === "device" ? deviceOrderSpans(k, subjectIds) : undefined,
    source.kind === "app"
      ? photosOf(
          ctx,
          source.subjectId,
          reports.flatMap((r) => (r.photoId ? [r.photoId] : [])),
        )
      : new Set<string>(),
  ]);
  const subjects = new Map(subjectRows.map((s) => [s.id, s]));
  const accuracyLimit = new Map<string, number>();
  for (const s of subjectRows)
    if (!accuracyLimit.has(s.county_id))
      accuracyLimit.set(
        s.county_id,
        (await ctx.policies.forCounty(s.county_id)).profile.location.acceptableAccuracyM,
      );

  // Judge each report; the first of two with one key in a batch is stored, the second answers as it.
  const pending: Pending[] = [];
  const firstOfKey = new Map<string, number>();
  const sameAs = new Map<number, number>();
  const judgeOne = (r: ReportInput): Judged => {
    const subjectId = subjectOf(r);
    const subject = subjects.get(subjectId);
    if (!subject)
      return {
        ok: false,
        problem: { code: "unknown_subject", field: "subjectId", message: "社区矫正对象不存在" },
      };
    const judged = validateReport(r, now.getTime(), accuracyLimit.get(subject.county_id) ?? 1000);
    if (!judged.ok) return judged;
    const day = cstDate(new Date(judged.report.measuredMs));
    if (orders && !orderInForce(orders.get(subjectId), day))
      return {
        ok: false,
        problem: {
          code: "no_device_order",
          field: "subjectId",
          message: "该对象在定位时间没有生效的电子定位装置使用决定，不予接收",
        },
      };
    if (judged.report.photoId && !photos.has(judged.report.photoId))
      return {
        ok: false,
        problem: { code: "unknown_photo", field: "photoId", message: "照片不存在，请先上传照片" },
      };
    return judged;
  };
  reports.forEach((r, index) => {
    const judged = judgeOne(r);
    if (!judged.ok) {
      reject(index, judged.problem.code, judged.problem.field, judged.problem.message);
      return;
    }
    const subjectId = subjectOf(r);
    const dedupe = `${subjectId}\u0000${r.key}`;
    const first = firstOfKey.get(dedupe);
    if (first !== undefined) sameAs.set(index, first);
    else {
      firstOfKey.set(dedupe, index);
      pending.push({ index, subjectId, report: judged.report });
    }
  });

  if (pending.length > 0) {
    // What judging needs besides the reports is read while they are stored (nothing of it is written here).
    const background = readJudgingBackground(k, [...new Set(pending.map((p) => p.subjectId))], orders);
    background.catch(() => {}); // awaited below; a failure then is logged, not left unhandled
    const { ids, mark } = await taking;
    const idOf = await store(ctx, source, pending, ids, now);
    const fresh = new Map<string, NewReports>();
    for (const p of pending) {
      const stored = idOf.get(`${p.subjectId}\u0000${p.report.key}`);
      if (!stored) throw new Error(`report ${p.report.key} neither stored nor found`);
      results[p.index] = {
        index: p.index,
        key: p.report.key,
        status: stored.fresh ? "stored" : "duplicate",
        id: stored.id,
      };
      if (!stored.fresh) continue;
      const entry = fresh.get(p.subjectId) ?? {
        earliestMs: p.report.measuredMs,
        ids: new Set<number>(),
        rows: [],
      };
      entry.earliestMs = Math.min(entry.earliestMs, p.report.measuredMs);
      entry.ids.add(stored.id);
      entry.rows.push({
        id: stored.id,
        subject_id: p.subjectId,
        measured_at: new Date(p.report.measuredMs),
        longitude: p.report.lon,
        latitude: p.report.lat,
        accuracy_m: p.report.accuracyM,
        source: source.kind,
      });
      fresh.set(p.subjectId, entry);
    }
    for (const [index, first] of sameAs) {
      const r = results[first] as ReportResult;
      results[index] =
        r.status === "rejected"
          ? { ...r, index }
          : { index, key: r.key, status: "duplicate", id: r.id as number };
    }
    const judged = [...fresh.keys()].map((id) =>
      judgedSubject(subjects.get(id) as (typeof subjectRows)[number]),
    );
    try {
      await judgeSubjects(ctx, judged, fresh, await background);
      unmark(k, mark, options);
    } catch (error) {
      // The reports are committed and acknowledged; a failure to judge them must not lose that. The
      // mark stays, and the sweep judges them again.
      options.log?.error({ err: error }, "location judging failed");
    }
  } else unmark(k, (await taking).mark, options); // nothing stored
  return results;
}

/**
 * Takes `count` ids from the sequence and marks them as a batch to be judged (migration 140), in one
 * statement; returns the ids and the mark.
 */
async function takeIds(
  k: Kysely<Database>,
  count: number,
  now: Date,
): Promise<{ ids: number[]; mark: number }> {
  const taken = await sql<{ ids: (string | number)[]; mark: string | number }>`
    with taken as (
      select array_agg(nextval('location_report_id_seq')) as ids from generate_series(1, ${count}::int)
    ), marked as (
      insert into location_judging_pending (first_id, last_id, marked_at)
      select (select min(id) from unnest(ids) id), (select max(id) from unnest(ids) id), ${now.toISOString()}::timestamptz
      from taken
      returning first_id
    )
    select taken.ids, marked.first_id as mark from taken, marked`.execute(k);
  return { ids: (taken.rows[0]?.ids ?? []).map(Number), mark: Number(taken.rows[0]?.mark) };
}

/**
 * The batch marked by `mark` is judged (or stored nothing). Not waited for: the answer need not wait,
 * and a mark whose deletion failed only has the sweep judge the batch again, which changes nothing.
 */
function unmark(k: Kysely<Database>, mark: number, options: IngestOptions): void {
  k.deleteFrom("location_judging_pending")
    .where("first_id", "=", mark)
    .execute()
    .catch((error) => options.log?.error({ err: error }, "location judging mark not deleted"));
}

async function photosOf(ctx: LocationContext, subjectId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db.kysely
    .selectFrom("location_photo")
    .select("id")
    .where("subject_id", "=", subjectId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Reports as stored, aggregated into one row (null arrays when there were none). */
interface StoredArrays {
  ids: (string | number)[] | null;
  subjects: string[] | null;
  keys: string[] | null;
}

/** What a batch's reports were stored as, by person and key: the id, and whether this batch stored it. */
type StoredIds = Map<string, { id: number; fresh: boolean }>;

function addStored(out: StoredIds, row: StoredArrays | undefined, fresh: boolean): number {
  const ids = row?.ids ?? [];
  ids.forEach((id, i) => {
    out.set(`${row?.subjects?.[i]}\u0000${row?.keys?.[i]}`, { id: Number(id), fresh });
  });
  return ids.length;
}

const CRS_COLUMN = { WGS84: "wgs84", GCJ02: "gcj02", BD09: "bd09" } as const;

/** The columns a batch's COPY loads, in the order of its rows (store). */
export const COPY_COLUMNS = [
  "id",
  "subject_id",
  "source",
  "device_id",
  "vendor_id",
  "measured_at",
  "received_at",
  "longitude",
  "latitude",
  "accuracy_m",
  "speed_mps",
  "battery_pct",
  "original_crs",
  "low_quality",
  "photo_id",
  "idempotency_key",
] as const;

/**
 * Stores a batch. First as one COPY, with ids taken from the sequence beforehand (takeIds): a batch
 * never seen (the common case) is loaded as fast as a raw load, and is stored whole or not at all. If
 * any report of it was stored before (a retry), the unique index refuses the whole COPY; then one
 * insert stores the rest, with the same ids, and the earlier ones are read back (storeSkippingEarlier).
 */
async function store(
  ctx: LocationContext,
  source: IngestSource,
  pending: Pending[],
  ids: number[],
  now: Date,
): Promise<StoredIds> {
  const vendor = source.kind === "device" ? source.vendorId : null;
  const received = now.toISOString();
  try {
    await ctx.db.copyIn(
      "location_report",
      COPY_COLUMNS,
      copyText(
        pending.map((p, i) => [
          ids[i] as number,
          p.subjectId,
          source.kind,
          p.report.deviceId,
          vendor,
          new Date(p.report.measuredMs).toISOString(),
          received,
          p.report.lon,
          p.report.lat,
          p.report.accuracyM,
          p.report.speedMps,
          p.report.batteryPct,
          CRS_COLUMN[p.report.crs],
          p.report.lowQuality,
          p.report.photoId,
          p.report.key,
        ]),
      ),
    );
  } catch (error) {
    // Anything else stored nothing (a COPY is one statement); the mark is left to the sweep, which
    // finds no report in its range.
    if ((error as { code?: string })?.code !== "23505") throw error;
    return storeSkippingEarlier(ctx, source, pending, ids, now);
  }
  return new Map(
    pending.map((p, i) => [`${p.subjectId}\u0000${p.report.key}`, { id: ids[i] as number, fresh: true }]),
  );
}

/**
 * One multi-row insert that skips reports stored before (arrays unnested), with the ids taken for the
 * batch (so that its mark covers them), then those stored before read back.
 */
async function storeSkippingEarlier(
  ctx: LocationContext,
  source: IngestSource,
  pending: Pending[],
  ids: number[],
  now: Date,
): Promise<StoredIds> {
  const cols = {
    id: ids,
    subject: pending.map((p) => p.subjectId),
    device: pending.map((p) => p.report.deviceId),
    measured: pending.map((p) => new Date(p.report.measuredMs).toISOString()),
    lon: pending.map((p) => p.report.lon),
    lat: pending.map((p) => p.report.lat),
    accuracy: pending.map((p) => p.report.accuracyM),
    speed: pending.map((p) => p.report.speedMps),
    battery: pending.map((p) => p.report.batteryPct),
    crs: pending.map((p) => CRS_COLUMN[p.report.crs]),
    low: pending.map((p) => p.report.lowQuality),
    photo: pending.map((p) => p.report.photoId),
    key: pending.map((p) => p.report.key),
  };
  const vendor = source.kind === "device" ? source.vendorId : null;
  const out: StoredIds = new Map();
  // One statement, so atomic without a transaction of its own (two round trips fewer a batch). What
  // it stored comes back as three arrays in one row, not a row per report: turning a thousand result
  // rows into objects cost as much as the insert itself on PGlite (measured: 1,200 ms against 745 ms
  // for 30,000 reports).
  const inserted = await sql<StoredArrays>`
    with stored as (
      insert into location_report (id, subject_id, source, device_id, vendor_id, measured_at, received_at,
        longitude, latitude, accuracy_m, speed_mps, battery_pct, original_crs, low_quality, photo_id,
        idempotency_key)
      select r.id, r.subject_id, ${source.kind}, r.device_id, ${vendor}, r.measured_at, ${now.toISOString()}::timestamptz,
        r.lon, r.lat, r.accuracy, r.speed, r.battery, r.crs, r.low, r.photo, r.key
      from unnest(${cols.id}::bigint[], ${cols.subject}::text[], ${cols.device}::text[], ${cols.measured}::timestamptz[],
        ${cols.lon}::float8[], ${cols.lat}::float8[], ${cols.accuracy}::float8[], ${cols.speed}::float8[],
        ${cols.battery}::float8[], ${cols.crs}::text[], ${cols.low}::boolean[], ${cols.photo}::text[],
        ${cols.key}::text[])
        as r(id, subject_id, device_id, measured_at, lon, lat, accuracy, speed, battery, crs, low, photo, key)
      on conflict (subject_id, idempotency_key, measured_at) do nothing
      returning id, subject_id, idempotency_key)
    select array_agg(id) as ids, array_agg(subject_id) as subjects, array_agg(idempotency_key) as keys
    from stored`.execute(ctx.db.kysely);
  const freshCount = addStored(out, inserted.rows[0], true);
  if (freshCount === pending.length) return out;
  // The rest were stored before (a retry): read back in a statement of its own, whose snapshot sees
  // also a row another request committed while this insert waited on it.
  const missing = pending.filter((p) => !out.has(`${p.subjectId}\u0000${p.report.key}`));
  const earlier = await sql<StoredArrays>`
    select array_agg(r.id) as ids, array_agg(m.subject_id) as subjects, array_agg(m.key) as keys
    from unnest(${missing.map((p) => p.subjectId)}::text[], ${missing.map((p) => p.report.key)}::text[],
        ${missing.map((p) => new Date(p.report.measuredMs).toISOString())}::timestamptz[])
      as m(subject_id, key, measured_at)
    cross join lateral (
      -- One probe of one month's partition per report: the lateral's measuring time prunes the others
      -- as it runs (offset 0 keeps the planner from turning it into a join over every partition).
      select id from location_report
      where subject_id = m.subject_id and idempotency_key = m.key and measured_at = m.measured_at
      offset 0
    ) r`.execute(ctx.db.kysely);
  addStored(out, earlier.rows[0], false);
  return out;
}
