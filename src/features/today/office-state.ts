// Everything "today" and the dashboards need about one judicial office, loaded in a few batched
// queries and judged by the rules engine (features/rules/case-facts.ts → src/core), then kept in
// memory per office. The state follows the data: a write through the API bumps a process-wide data
// version (see `noteWrite`), after which the next read takes in only the rows added since (new events,
// location reports, changed subjects, alerts) and re-evaluates just the persons concerned. Other
// instances' writes (PostgreSQL) are noticed through a cheap fingerprint of the office's index tips,
// checked every few seconds; the whole state is rebuilt on a new CST day and every ten minutes.
import { type Kysely, sql } from "kysely";
import "../alerts/tables.ts";
import { type CaseInput, formatDate, parseDate, periodStart } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { type CountyPolicies, type CountyPolicy, evaluateCountyCase } from "../policy/county-policy.ts";
import { loadCases, type SubjectEvaluation } from "../rules/case-facts.ts";

const FULL_REBUILD_MS = 10 * 60_000;

export interface OfficeSubject {
  id: string;
  name: string;
  level: string;
  villageId: string | null;
  responsibleUserId: string | null;
  status: string;
  intakeDate: string;
  /** Last day under correction: release date, else term end. */
  lastDay: string;
}

export interface CheckFact {
  id: number;
  subjectId: string;
  at: string;
  ms: number;
  by: "office" | "agency";
  byUser: string | null;
}

export interface FeedbackFact {
  subjectId: string;
  memberId: string;
  month: string;
}

export interface AlertRow {
  id: number;
  subjectId: string | null;
  kind: string;
  colour: string;
  source: string;
  basis: string;
  summary: string;
  raisedAt: Date;
  dueBy: Date;
  escalatesAt: Date;
  escalatedAt: Date | null;
  handledAt: Date | null;
  note: string | null;
}

export interface OfficeState {
  office: { id: string; name: string; countyId: string };
  /** The rules of the office's county, by which everything here was judged. */
  policy: CountyPolicy;
  /** Changes whenever the state does (built or refreshed): a key for what is derived from it. */
  revision: number;
  /** The CST day and instant the evaluations were made for. */
  day: string;
  asOf: Date;
  // Elapsed-time bookkeeping (the machine's Date.now(), not the product clock): how long ago the state
  // was built and the tips were read. Business time — the day judged, `asOf` — comes from `now`.
  builtAt: number;
  checkedAt: number;
  /** A background look at the index tips is under way. */
  checking: boolean;
  localVersion: number;
  tips: Tips;
  subjects: Map<string, OfficeSubject>;
  cases: Map<string, CaseInput>;
  evaluations: Map<string, SubjectEvaluation>;
  /** Information checks and field visits from the start of the previous quarter. */
  checks: CheckFact[];
  visits: CheckFact[];
  feedback: FeedbackFact[];
  /** `subjectId|obligationId` of overdue obligations already handled as alerts in the case history. */
  handledHistory: Set<string>;
  /** Unhandled alerts, and those handled in the last 40 days. */
  alerts: AlertRow[];
}

interface Tips {
  event: number;
  location: number;
  subjectUpdated: string;
  subjects: number;
  level: number;
  alert: string;
}

let localVersion = 0;
let revisions = 0;
/** Called after every successful write through the API (and by the sweep): states refresh on next read. */
export function noteWrite(): void {
  localVersion++;
}

/** Since when checks and visits are kept: the first day of the previous quarter. */
function factsSince(day: string): string {
  const quarter = periodStart("quarter", parseDate(day));
  return formatDate(periodStart("quarter", quarter - 1));
}

async function readTips(k: Kysely<Database>, officeId: string): Promise<Tips> {
  const row = await sql<{
    event: number | null;
    location: number | null;
    subject_updated: Date | null;
    subjects: number;
    level: number | null;
    alert: Date | null;
    alert_id: number | null;
  }>`select
      (select max(id) from case_event where office_id = ${officeId}) as event,
      (select max(x.id) from subject s cross join lateral
         (select l.id from location_report l where l.subject_id = s.id order by l.id desc limit 1) x
        where s.office_id = ${officeId}) as location,
      (select max(updated_at) from subject where office_id = ${officeId}) as subject_updated,
      (select count(*)::int from subject where office_id = ${officeId}) as subjects,
      (select max(d.id) from level_decision d join subject s on s.id = d.subject_id where s.office_id = ${officeId}) as level,
      (select max(greatest(raised_at, coalesce(handled_at, raised_at), coalesce(escalated_at, raised_at)))
         from alert where office_id = ${officeId}) as alert,
      (select max(id) from alert where office_id = ${officeId}) as alert_id`.execute(k);
  const r = row.rows[0]!;
  return {
    event: Number(r.event ?? 0),
    location: Number(r.location ?? 0),
    subjectUpdated: r.subject_updated ? r.subject_updated.toISOString() : "",
    subjects: Number(r.subjects),
    level: Number(r.level ?? 0),
    alert: `${r.alert_id ?? 0}@${r.alert ? r.alert.toISOString() : ""}`,
  };
}

const sameTips = (a: Tips, b: Tips) =>
  a.event === b.event &&
  a.location === b.location &&
  a.subjectUpdated === b.subjectUpdated &&
  a.subjects === b.subjects &&
  a.level === b.level &&
  a.alert === b.alert;

async function loadSubjects(k: Kysely<Database>, officeId: string, day: string, ids?: string[]) {
  // Persons under correction, and those released in the last two months (release analysis, reviews).
  const since = formatDate(parseDate(day) - 62);
  let query = k
    .selectFrom("subject")
    .select([
      "id",
      "name",
      "level",
      "village_id",
      "responsible_user_id",
      "status",
      "intake_date",
      "release_date",
      "term_end",
      "birth_date",
    ])
    .where("office_id", "=", officeId)
    .where((eb) =>
      eb.or([
        eb("status", "=", "in_correction"),
        eb("release_date", ">=", since),
        eb("term_end", ">=", since),
      ]),
    );
  if (ids) query = query.where("id", "in", ids);
  const rows = await query.orderBy("id").execute();
  return rows.map(
    (r): OfficeSubject => ({
      id: r.id,
      // A minor's name is masked everywhere a list shows it (Community Correction Law Art. 54).
      name: isMinor(r.birth_date, r.intake_date) ? maskName(r.name) : r.name,
      level: r.level,
      villageId: r.village_id,
      responsibleUserId: r.responsible_user_id,
      status: r.status,
      intakeDate: r.intake_date,
      lastDay: r.release_date ?? r.term_end,
    }),
  );
}

function isMinor(birth: string, intake: string): boolean {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [iy, im, id] = intake.split("-").map(Number) as [number, number, number];
  // 18 years of age are reached the day after the 18th birthday.
  const eighteenth = new Date(Date.UTC(by + 18, bm - 1, bd));
  if (eighteenth.getUTCMonth() !== bm - 1) eighteenth.setUTCDate(0);
  return Date.UTC(iy, im - 1, id) <= eighteenth.getTime();
}

async function loadFacts(k: Kysely<Database>, officeId: string, since: string, afterId = 0) {
  const rows = await k
    .selectFrom("case_event")
    .select([
      "id",
      "subject_id",
      "type",
      "at",
      "kind",
      "by_role",
      "recorded_by",
      sql<string | null>`data->>'by'`.as("by"),
      sql<string | null>`data->>'memberId'`.as("member_id"),
      sql<string | null>`data->>'obligation'`.as("obligation"),
      sql<string | null>`data->>'period'`.as("period"),
      sql<string | null>`data->>'day'`.as("alert_day"),
      sql<string | null>`data->>'handled'`.as("handled"),
    ])
    .where("office_id", "=", officeId)
    .where("type", "in", ["information_check", "field_visit", "feedback_form", "alert"])
    .where("at", ">=", new Date(`${since}T00:00:00+08:00`))
    .where("id", ">", afterId)
    .orderBy("at")
    .execute();
  const checks: CheckFact[] = [];
  const visits: CheckFact[] = [];
  const feedback: FeedbackFact[] = [];
  const handled: string[] = [];
  for (const r of rows) {
    const fact: CheckFact = {
      id: r.id,
      subjectId: r.subject_id,
      at: cstIso(r.at),
      ms: r.at.getTime(),
      by:
        r.by === "agency" || r.by_role === "agency_staff" || r.by_role === "agency_head"
          ? "agency"
          : "office",
      byUser: r.recorded_by,
    };
    if (r.type === "information_check") checks.push(fact);
    else if (r.type === "field_visit") visits.push(fact);
    else if (r.type === "feedback_form" && r.member_id && r.kind)
      feedback.push({ subjectId: r.subject_id, memberId: r.member_id, month: r.kind });
    else if (r.type === "alert" && r.handled === "true") {
      if (r.obligation && r.period) handled.push(`${r.subject_id}|${r.obligation}:${r.period}`);
      else if (r.kind === "missed_location_reports" && r.alert_day)
        handled.push(`${r.subject_id}|location_report:${r.alert_day}/${r.alert_day}`);
    }
  }
  return { checks, visits, feedback, handled };
}

async function loadAlerts(k: Kysely<Database>, officeId: string, now: Date): Promise<AlertRow[]> {
  const since = new Date(now.getTime() - 40 * 86_400_000);
  const rows = await k
    .selectFrom("alert")
    .selectAll()
    .where("office_id", "=", officeId)
    .where((eb) => eb.or([eb("handled_at", "is", null), eb("handled_at", ">=", since)]))
    .orderBy("raised_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    kind: r.kind,
    colour: r.colour,
    source: r.source,
    basis: r.basis,
    summary: r.summary,
    raisedAt: r.raised_at,
    dueBy: r.due_by,
    escalatesAt: r.escalates_at,
    escalatedAt: r.escalated_at,
    handledAt: r.handled_at,
    note: r.note,
  }));
}

async function evaluateInto(state: OfficeState, k: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const cases = await loadCases(k, ids, state.asOf);
  for (const [id, input] of cases) {
    state.cases.set(id, input);
    state.evaluations.set(id, evaluateCountyCase(state.policy, input));
  }
}

export async function buildOfficeState(
  db: Db,
  officeId: string,
  now: Date,
  policy: CountyPolicy,
): Promise<OfficeState> {
  const k = db.kysely;
  const office = await k
    .selectFrom("place")
    .select(["id", "name", "parent_id"])
    .where("id", "=", officeId)
    .where("kind", "=", "office")
    .executeTakeFirstOrThrow();
  const day = cstDate(now);
  const version = localVersion;
  const tips = await readTips(k, officeId);
  const [subjects, facts, alerts] = await Promise.all([
    loadSubjects(k, officeId, day),
    loadFacts(k, officeId, factsSince(day)),
    loadAlerts(k, officeId, now),
  ]);
  const state: OfficeState = {
    office: { id: office.id, name: office.name, countyId: office.parent_id ?? "" },
    policy,
    revision: ++revisions,
    day,
    asOf: now,
    builtAt: Date.now(),
    checkedAt: Date.now(),
    checking: false,
    localVersion: version,
    tips,
    subjects: new Map(subjects.map((s) => [s.id, s])),
    cases: new Map(),
    evaluations: new Map(),
    checks: facts.checks,
    visits: facts.visits,
    feedback: facts.feedback,
    handledHistory: new Set(facts.handled),
    alerts,
  };
  await evaluateInto(
    state,
    k,
    subjects.map((s) => s.id),
  );
  return state;
}

/** Takes in what changed since the state was built or last refreshed. */
async function refresh(db: Db, state: OfficeState, tips: Tips, now: Date): Promise<OfficeState> {
  const k = db.kysely;
  const old = state.tips;
  const touched = new Set<string>();
  state.asOf = now;
  if (tips.event !== old.event) {
    const added = await k
      .selectFrom("case_event")
      .select("subject_id")
      .distinct()
      .where("office_id", "=", state.office.id)
      .where("id", ">", old.event)
      .execute();
    for (const r of added) touched.add(r.subject_id);
    const facts = await loadFacts(k, state.office.id, factsSince(state.day), old.event);
    state.checks.push(...facts.checks);
    state.visits.push(...facts.visits);
    state.feedback.push(...facts.feedback);
    for (const h of facts.handled) state.handledHistory.add(h);
  }
  if (tips.location !== old.location && state.subjects.size > 0) {
    const added = await k
      .selectFrom("location_report")
      .select("subject_id")
      .distinct()
      .where("id", ">", old.location)
      .where("subject_id", "in", [...state.subjects.keys()])
      .execute();
    for (const r of added) touched.add(r.subject_id);
  }
  if (
    tips.subjectUpdated !== old.subjectUpdated ||
    tips.subjects !== old.subjects ||
    tips.level !== old.level
  ) {
    const changed = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", state.office.id)
      .where((eb) =>
        eb.or([
          old.subjectUpdated ? eb("updated_at", ">=", new Date(old.subjectUpdated)) : eb.lit(true),
          eb("id", "in", eb.selectFrom("level_decision").select("subject_id").where("id", ">", old.level)),
        ]),
      )
      .execute();
    for (const r of changed) touched.add(r.id);
    // Subjects that moved away from the office.
    const present = new Set(
      (await k.selectFrom("subject").select("id").where("office_id", "=", state.office.id).execute()).map(
        (r) => r.id,
      ),
    );
    for (const id of state.subjects.keys()) {
      if (!present.has(id)) {
        state.subjects.delete(id);
        state.cases.delete(id);
        state.evaluations.delete(id);
      }
    }
  }
  if (touched.size > 0) {
    const ids = [...touched];
    const rows = await loadSubjects(k, state.office.id, state.day, ids);
    for (const id of ids) {
      if (!rows.some((r) => r.id === id)) {
        state.subjects.delete(id);
        state.cases.delete(id);
        state.evaluations.delete(id);
      }
    }
    for (const r of rows) state.subjects.set(r.id, r);
    await evaluateInto(
      state,
      k,
      rows.map((r) => r.id),
    );
  }
  if (tips.alert !== old.alert) state.alerts = await loadAlerts(k, state.office.id, now);
  state.tips = tips;
  state.revision = ++revisions;
  return state;
}

const states = new Map<string, Promise<OfficeState>>();

/** The same rules (the objects differ between caches, e.g. the sweep's). */
const samePolicy = (a: CountyPolicy, b: CountyPolicy) => a === b || a.fingerprint === b.fingerprint;

/**
 * The office's state for `now`: cached, refreshed after writes, rebuilt on a new CST day or when the
 * county's rules change. Concurrent callers share one load.
 */
export function officeState(
  db: Db,
  officeId: string,
  now: Date,
  policies: CountyPolicies,
): Promise<OfficeState> {
  const key = `${db.location}|${officeId}`;
  const previous = states.get(key);
  const next = (async () => {
    const state = previous ? await previous.catch(() => null) : null;
    const policy = await policies.forOffice(officeId);
    const stale =
      !state ||
      !samePolicy(state.policy, policy) ||
      state.day !== cstDate(now) ||
      Date.now() - state.builtAt > FULL_REBUILD_MS ||
      now.getTime() < state.asOf.getTime();
    if (stale) return buildOfficeState(db, officeId, now, policy);
    const checkEvery = db.kind === "postgres" ? 2_000 : 60_000;
    if (state.localVersion === localVersion) {
      // Nothing written here: look for other instances' writes now and then, without making readers
      // wait; a change found makes the next read take it in.
      if (Date.now() - state.checkedAt >= checkEvery && !state.checking) {
        state.checking = true;
        state.checkedAt = Date.now();
        readTips(db.kysely, officeId)
          .then((tips) => {
            if (!sameTips(tips, state.tips)) state.localVersion = -1;
          })
          .catch(() => {
            state.localVersion = -1;
          })
          .finally(() => {
            state.checking = false;
          });
      }
      return state;
    }
    const version = localVersion;
    const tips = await readTips(db.kysely, officeId);
    state.checkedAt = Date.now();
    state.localVersion = version;
    if (sameTips(tips, state.tips)) return state;
    return refresh(db, state, tips, now);
  })();
  states.set(key, next);
  next.catch(() => {
    if (states.get(key) === next) states.delete(key);
  });
  return next;
}

const byDay = new WeakMap<CheckFact[], { length: number; days: Map<string, CheckFact[]> }>();

/** The facts (checks or visits) of one CST day, from an index kept beside the list. */
export function factsOn(facts: CheckFact[], day: string): CheckFact[] {
  let index = byDay.get(facts);
  if (!index || index.length !== facts.length) {
    const days = new Map<string, CheckFact[]>();
    for (const f of facts) {
      const d = f.at.slice(0, 10);
      const list = days.get(d);
      if (list) list.push(f);
      else days.set(d, [f]);
    }
    index = { length: facts.length, days };
    byDay.set(facts, index);
  }
  return index.days.get(day) ?? [];
}

/** Forgets every cached state (tests, restore). */
export function clearOfficeStates(): void {
  states.clear();
}
