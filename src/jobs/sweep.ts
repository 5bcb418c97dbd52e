// The sweep: turns what the rules engine finds overdue into alerts (per-person obligations, book
// deadlines, the office's daily standards), escalates unhandled alerts when the profile says, and
// draws the agency's samples of the day. Idempotent — every alert has a unique source and every draw
// a unique (office, kind, period), so running it twice changes nothing — and each office's work is
// one transaction. On PostgreSQL a session advisory lock lets one instance sweep at a time.
import { type Kysely, sql } from "kysely";
import { type Actor, systemActor } from "../audit/audit.ts";
import { type AlertKind, alertColour, alertEscalatesAt, alertHandleBy } from "../core/index.ts";
import type { Db } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import "../features/alerts/tables.ts";
import { overdueHazardAlerts } from "../features/hazards/today.ts";
import { leaveOverdueCandidates } from "../features/leave/overdue.ts";
import { makeLocationContext } from "../features/location/context.ts";
import { judgeLeftBatches } from "../features/location/left-batches.ts";
import { raiseLostContact } from "../features/location/lost-contact.ts";
import { ensureLocationMonths } from "../features/location/partitions.ts";
import { sweepLocationRetention } from "../features/location/retention.ts";
import { CountyPolicies, type CountyPolicy } from "../features/policy/county-policy.ts";
import { openDueCampaigns } from "../features/screening/service.ts";
import { ensureCountyDraws, ensureDraws } from "../features/supervision/sampling-service.ts";
import { pruneChanges } from "../features/today/change-log.ts";
import { officeDay, type SamplePopulations, samplePopulations } from "../features/today/office-day.ts";
import { buildOfficeState, type OfficeState } from "../features/today/office-state.ts";
import { overdueWork } from "../features/today/overdue.ts";
import { addDaysText } from "../features/today/today.ts";
import { overdueCaseReviewAlerts } from "../features/violations/case-review.ts";
import { overdueCourtAlerts, runningCourtClocks } from "../features/violations/court-clocks.ts";
import { bookSectionLabel, officeItemLabel } from "../glossary.ts";
import { pruneSeenSignatures } from "../http/signed-request.ts";

export const SWEEP_LOCK = 4_172_027; // advisory-lock key of the sweep (migrations use 4_172_026)
export const sweepActor: Actor = { ...systemActor, name: "系统巡检", role: "system" };

export interface SweepSummary {
  skipped: boolean;
  offices: number;
  subjects: number;
  alertsRaised: number;
  alertsEscalated: number;
  samplesDrawn: number;
  /** Location reports deleted past their retention (features/location/retention.ts). */
  locationReportsDeleted: number;
  /** Batches of location reports stored and left unjudged, judged now (features/location/left-batches.ts). */
  locationBatchesJudged: number;
  ms: number;
}

interface Candidate {
  subjectId: string | null;
  kind: AlertKind;
  source: string;
  basis: string;
  summary: string;
}

/** Overdue things of one office, as alert candidates (the insert skips those already raised). */
export function overdueCandidates(state: OfficeState, now: Date): Candidate[] {
  const out: Candidate[] = [];
  // Per-person misses: the one overdue list Today and the dashboards show (features/today/overdue.ts);
  // one already raised is skipped by the insert.
  for (const late of overdueWork(state)) {
    const kind: AlertKind =
      late.code === "phone_report" || late.code === "in_person_report"
        ? "missed_report"
        : late.code === "location_report"
          ? "missed_location_reports"
          : "overdue_obligation";
    out.push({
      subjectId: late.subjectId,
      kind: late.group === "deadline" ? "overdue_obligation" : kind,
      source: late.key,
      basis: late.basis,
      summary:
        late.group === "obligation"
          ? `${late.subjectName}：${late.item}（${late.period.replace("/", " 至 ")}）应 ${late.required} 次，实际 ${late.done} 次，已逾期`
          : `${late.subjectName}：工作记录本“${bookSectionLabel[late.code] ?? late.code}”应于 ${late.period} 前完成，已逾期`,
    });
  }
  // The office's own standards of yesterday and today (the sweep may not have run at midnight).
  for (const day of [addDaysText(state.day, -1), state.day]) {
    for (const item of officeDay(state, day, now).items) {
      if (item.status !== "overdue" || item.id.startsWith("agency_")) continue;
      out.push({
        subjectId: null,
        kind: "overdue_obligation",
        source: `office:${state.office.id}:${day}:${item.id}`,
        basis: item.basis,
        summary: `${state.office.name} ${day}：${officeItemLabel[item.id] ?? item.id} 应 ${item.required}，实际 ${item.done}，未达标`,
      });
    }
  }
  return out;
}

async function raiseMany(
  trx: Kysely<Database>,
  state: OfficeState,
  candidates: Candidate[],
  now: Date,
): Promise<number> {
  if (candidates.length === 0) return 0;
  const policy = state.policy.profile;
  const raised: { id: number; subject_id: string | null; source: string; kind: string }[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    raised.push(
      ...(await trx
        .insertInto("alert")
        .values(
          chunk.map((c) => ({
            county_id: state.office.countyId,
            office_id: state.office.id,
            subject_id: c.subjectId,
            kind: c.kind,
            colour: alertColour(policy, c.kind),
            source: c.source,
            basis: c.basis,
            summary: c.summary,
            raised_at: now,
            due_by: new Date(alertHandleBy(policy, now.getTime())),
            escalates_at: new Date(alertEscalatesAt(policy, c.kind, now.getTime())),
            raised_by: null,
          })),
        )
        .onConflict((oc) => oc.column("source").doNothing())
        .returning(["id", "subject_id", "source", "kind"])
        .execute()),
    );
  }
  for (let i = 0; i < raised.length; i += 500) {
    await trx
      .insertInto("audit_log")
      .values(
        raised.slice(i, i + 500).map((r) => ({
          actor_id: null,
          actor_name: sweepActor.name,
          actor_role: sweepActor.role,
          at: now,
          ip: null,
          user_agent: null,
          action: "alert.raise",
          record_type: "alert",
          record_id: String(r.id),
          subject_id: r.subject_id,
          place_id: state.office.id,
          details: JSON.stringify({ kind: r.kind, source: r.source }),
        })),
      )
      .execute();
  }
  return raised.length;
}

async function escalate(trx: Kysely<Database>, officeId: string, now: Date): Promise<number> {
  const rows = await trx
    .updateTable("alert")
    .set({ escalated_at: now })
    .where("office_id", "=", officeId)
    .where("handled_at", "is", null)
    .where("escalated_at", "is", null)
    .where("escalates_at", "<=", now)
    .returning(["id", "subject_id", "kind"])
    .execute();
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("audit_log")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          actor_id: null,
          actor_name: sweepActor.name,
          actor_role: sweepActor.role,
          at: now,
          ip: null,
          user_agent: null,
          action: "alert.escalate",
          record_type: "alert",
          record_id: String(r.id),
          subject_id: r.subject_id,
          place_id: officeId,
          details: JSON.stringify({ kind: r.kind }),
        })),
      )
      .execute();
  }
  return rows.length;
}

/** Sweeps every office of every county as of `now`, each by its county's rules. */
export async function runSweep(db: Db, now: Date, policies = new CountyPolicies(db)): Promise<SweepSummary> {
  const started = performance.now();
  const summary: SweepSummary = {
    skipped: false,
    offices: 0,
    subjects: 0,
    alertsRaised: 0,
    alertsEscalated: 0,
    samplesDrawn: 0,
    locationReportsDeleted: 0,
    locationBatchesJudged: 0,
    ms: 0,
  };
  const work = async () => {
    const offices = await db.kysely
      .selectFrom("place")
      .select("id")
      .where("kind", "=", "office")
      .orderBy("id")
      .execute();
    // Offices are judged with a fresh state, one after another, each in its own transaction.
    // Whom each county's visit samples are taken of, office by office (the states are not kept).
    const counties = new Map<string, { policy: CountyPolicy; parts: SamplePopulations[] }>();
    for (const { id } of offices) {
      const state = await buildOfficeState(
        db,
        id,
        now,
        await policies.forOffice(id),
        await policies.calendar.current(),
      );
      const county = counties.get(state.office.countyId) ?? { policy: state.policy, parts: [] };
      county.parts.push(samplePopulations(state, state.day));
      counties.set(state.office.countyId, county);
      summary.offices++;
      summary.subjects += state.subjects.size;
      const candidates = [
        ...overdueCandidates(state, now),
        ...(await leaveOverdueCandidates(db.kysely, state, now)),
      ];
      // The court's clocks after a revocation or imprisonment request (Arts. 47–49), and case reviews
      // (一案一复盘) past their due day.
      candidates.push(...overdueCourtAlerts(await runningCourtClocks(db.kysely, policies, [id], now)));
      candidates.push(...(await overdueCaseReviewAlerts(db.kysely, id, now)));
      // Hazard measures past their deadline (seed 002 四.1).
      candidates.push(...(await overdueHazardAlerts(db.kysely, id, now)));
      await db.kysely.transaction().execute(async (trx) => {
        summary.alertsRaised += await raiseMany(trx, state, candidates, now);
        summary.alertsEscalated += await escalate(trx, id, now);
        summary.samplesDrawn += await ensureDraws(trx, state, now, { ...sweepActor, at: now });
      });
    }
    // The field-visit samples are the county's: drawn once over all its offices (seed 000 §九.2(3)).
    for (const { policy, parts } of counties.values())
      summary.samplesDrawn += await db.kysely
        .transaction()
        .execute((trx) => ensureCountyDraws(trx, policy, parts, now, { ...sweepActor, at: now }));
    // Location reports stored but never judged (the server died in between), then lost contact: no
    // location report for 24 h from a person who must report (features/location).
    summary.locationBatchesJudged += await judgeLeftBatches(
      makeLocationContext(db, { now: () => now }, policies),
    );
    summary.alertsRaised += await raiseLostContact(db, policies, now, sweepActor);
    // The quarter's safety-hazard screening, opened when the agency has not (seed 002 二).
    await openDueCampaigns(db.kysely, async (id) => (await policies.forCounty(id)).profile, sweepActor, now);
    // Housekeeping: Today's change log keeps a day (features/today/change-log.ts).
    await pruneChanges(db.kysely);
    await pruneSeenSignatures(db.kysely, now); // spent signatures out of their window (http/signed-request.ts)
    await ensureLocationMonths(db, now); // next month's partition of the location reports, made ahead
    // Location data kept past the county's retention after the correction ended (location.md "Retention").
    summary.locationReportsDeleted += (await sweepLocationRetention(db, policies, now, sweepActor)).reports;
  };
  if (db.kind === "postgres") {
    // The lock is held by one pooled connection while the work uses the others.
    await db.kysely.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${SWEEP_LOCK}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) {
        summary.skipped = true;
        return;
      }
      try {
        await work();
      } finally {
        await sql`select pg_advisory_unlock(${SWEEP_LOCK})`.execute(conn);
      }
    });
  } else {
    // PGlite is one process's embedded database: no other instance can sweep it.
    await work();
  }
  // What the sweep wrote (alerts, samples, campaigns, …) may be anywhere on Today.
  db.writes.note();
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
