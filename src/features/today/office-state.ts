// Everything "today" and the dashboards need about one judicial office, loaded in a few batched
// queries and judged by the rules engine (features/rules/case-facts.ts → src/core), then kept in
// memory per office. The state follows the data through the change log (change-log.ts: a row per
// office and subject written by trigger in the same transaction as every insert, update or delete of
// events, location reports, subjects, level decisions and alerts, read in commit-safe order): after
// any write of this process to the database (`db.writes`, db/write-notes.ts) the next read asks the
// log what changed and reads the persons concerned afresh — their case, their facts and, when an
// alert changed, the office's alerts. Other instances' writes (PostgreSQL) are noticed by asking the
// log every few seconds; the whole state is rebuilt on a new CST day and every ten minutes. The
// states are kept by an `OfficeStates` object of the server (features/today/cache.ts).
import { type Kysely, sql } from "kysely";
import "../alerts/tables.ts";
import {
  type CaseInput,
  EvaluationContext,
  formatDate,
  type LoadedCalendar,
  parseDate,
  periodStart,
} from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { type CountyPolicies, type CountyPolicy, evaluateCountyCase } from "../policy/county-policy.ts";
import { loadCases, type SubjectEvaluation } from "../rules/case-facts.ts";
import { type ChangeCursor, type OfficeChange, readChanges, startCursor } from "./change-log.ts";

const FULL_REBUILD_MS = 10 * 60_000;

export interface OfficeSubject {
  id: string;
  name: string;
  level: string;
  villageId: string | null;
  responsibleUserId: string | null;
  /** The level is registration's proposal awaiting the office head's decision. */
  levelPending: boolean;
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
  /** When it was entered (a late entry counts for the office standards as the profile says). */
  recordedAt: string;
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
  /** The loaded holiday notices the evaluations were made with (a new load rebuilds the state). */
  calendar: LoadedCalendar;
  asOf: Date;
  // Elapsed-time bookkeeping (the machine's Date.now(), not the product clock): how long ago the state
  // was built and the tips were read. Business time — the day judged, `asOf` — comes from `now`.
  builtAt: number;
  checkedAt: number;
  /** A background look at the change log is under way. */
  checking: boolean;
  /**
   * The reads of the change log that change the state, one after another (`OfficeStates.takeIn`):
   * two at once could apply an older read over a newer one.
   */
  refreshing: Promise<void>;
  /** Writers' take-ins under way (their requests wait for them; readers do not). */
  takingIn: number;
  /**
   * `db.writes.any()` when the change log was last read; -1 when another instance's change is waiting
   * to be taken in.
   */
  writesSeen: number;
  /** Where the change log was last read (change-log.ts). */
  changes: ChangeCursor;
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
  /**
   * What is derived from the state and kept with it, so that it goes with the state: the checks of
   * each day (`checksOn`), the items per role and query (today.ts `officeItems`), by their key,
   * other values made once per revision (`kept`: the day's standards, the check queues), and what is
   * kept per loaded case or evaluation — a refresh loads the written persons' anew, so only theirs are
   * made again: the days on leave (office-day.ts `onLeave`) and the due rows (today.ts `personRows`).
   */
  derived: {
    checksByDay: FactsByDay | null;
    items: Map<string, unknown>;
    kept: Map<string, { revision: number; value: unknown }>;
    leaveDays: WeakMap<CaseInput, Map<string, boolean>>;
    rowsByEvaluation: WeakMap<object, Map<string, unknown>>;
  };
}

/** The checks of each CST day, made for one list of checks (a refresh makes a new list). */
interface FactsByDay {
  facts: CheckFact[];
  days: Map<string, CheckFact[]>;
}

/** Since when checks and visits are kept: the first day of the previous quarter. */
function factsSince(day: string): string {
  const quarter = periodStart("quarter", parseDate(day));
  return formatDate(periodStart("quarter", quarter - 1));
}

async function loadSubjects(k: Kysely<Database>, officeId: string, day: string, ids?: string[]) {
  // Persons under correction, and those released in the last two months (release analysis, reviews).
  const since = formatDate(parseDate(day) - 62);
  let query = k
    .selectFrom("subject")
    .select([
      "id",
      "name",
      "level",
      "level_pending",
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
      levelPending: r.level_pending,
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

/** The office's checks, visits, feedback forms and handled alerts since `since`; of some subjects only. */
async function loadFacts(k: Kysely<Database>, officeId: string, since: string, subjectIds?: string[]) {
  let query = k
    .selectFrom("case_event")
    .select([
      "id",
      "subject_id",
      "type",
      "at",
      "kind",
      "by_role",
      "recorded_by",
      "recorded_at",
      sql<string | null>`data->>'by'`.as("by"),
      sql<string | null>`data->>'memberId'`.as("member_id"),
      sql<string | null>`data->>'obligation'`.as("obligation"),
      sql<string | null>`data->>'period'`.as("period"),
      sql<string | null>`data->>'day'`.as("alert_day"),
      sql<string | null>`data->>'handled'`.as("handled"),
    ])
    .where("office_id", "=", officeId)
    .where("type", "in", ["information_check", "field_visit", "feedback_form", "alert"])
    .where("at", ">=", new Date(`${since}T00:00:00+08:00`));
  if (subjectIds) query = query.where("subject_id", "in", subjectIds);
  const rows = await query.orderBy("at").orderBy("id").execute();
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
      recordedAt: cstIso(r.recorded_at),
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

/** Facts in time order (ties by id), as `loadFacts` reads them. */
const byTime = (a: CheckFact, b: CheckFact) => a.ms - b.ms || a.id - b.id;

/**
 * The office's facts without the persons `touched`, with `fresh` (theirs, read again) merged in, in
 * time order. Both lists are in time order already: merged in one pass rather than sorting the
 * office's quarter of checks again at every recorded check.
 */
export function mergeFacts(kept: CheckFact[], touched: Set<string>, fresh: CheckFact[]): CheckFact[] {
  const out: CheckFact[] = [];
  let j = 0;
  for (const fact of kept) {
    if (touched.has(fact.subjectId)) continue;
    while (j < fresh.length && byTime(fresh[j]!, fact) < 0) out.push(fresh[j++]!);
    out.push(fact);
  }
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}

async function evaluateInto(state: OfficeState, k: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  evaluateCases(state, await loadCases(k, ids, state.asOf));
}

/** Judges the loaded cases into the state (only those given; synchronous, so never half done). */
function evaluateCases(state: OfficeState, cases: Map<string, CaseInput>, only?: Set<string>): void {
  // One evaluation context for the batch: the engine's tables are made once, not per person.
  const context = new EvaluationContext();
  for (const [id, input] of cases) {
    if (only && !only.has(id)) continue;
    state.cases.set(id, input);
    state.evaluations.set(id, evaluateCountyCase(state.policy, input, { context, calendar: state.calendar }));
  }
}

export async function buildOfficeState(
  db: Db,
  officeId: string,
  now: Date,
  policy: CountyPolicy,
  calendar: LoadedCalendar,
): Promise<OfficeState> {
  const k = db.kysely;
  const office = await k
    .selectFrom("place")
    .select(["id", "name", "parent_id"])
    .where("id", "=", officeId)
    .where("kind", "=", "office")
    .executeTakeFirstOrThrow();
  const day = cstDate(now);
  const writesSeen = db.writes.any();
  // Taken before anything is read: a change committed after it is read again at the next refresh.
  const changes = await startCursor(k);
  const [subjects, facts, alerts] = await Promise.all([
    loadSubjects(k, officeId, day),
    loadFacts(k, officeId, factsSince(day)),
    loadAlerts(k, officeId, now),
  ]);
  const state: OfficeState = {
    office: { id: office.id, name: office.name, countyId: office.parent_id ?? "" },
    policy,
    revision: 0, // given by the cache that keeps the state (OfficeStates)
    day,
    calendar,
    asOf: now,
    builtAt: Date.now(),
    checkedAt: Date.now(),
    checking: false,
    refreshing: Promise.resolve(),
    takingIn: 0,
    writesSeen,
    changes,
    subjects: new Map(subjects.map((s) => [s.id, s])),
    cases: new Map(),
    evaluations: new Map(),
    checks: facts.checks,
    visits: facts.visits,
    feedback: facts.feedback,
    handledHistory: new Set(facts.handled),
    alerts,
    derived: {
      checksByDay: null,
      items: new Map(),
      kept: new Map(),
      leaveDays: new WeakMap(),
      rowsByEvaluation: new WeakMap(),
    },
  };
  await evaluateInto(
    state,
    k,
    subjects.map((s) => s.id),
  );
  return state;
}

/**
 * Takes in the changes read from the log: each person concerned is read afresh (subject row, case,
 * facts), so inserts, edits and deletions alike are seen; alerts are read again when one changed.
 * `next` is kept only once all is read, so a failure leaves the changes to the next state.
 */
async function refresh(
  db: Db,
  state: OfficeState,
  changes: OfficeChange[],
  next: ChangeCursor,
  now: Date,
  revision: () => number,
): Promise<OfficeState> {
  const k = db.kysely;
  const officeId = state.office.id;
  const touched = new Set<string>();
  let alertsChanged = false;
  for (const change of changes) {
    // Alerts are not part of a person's case: a changed alert only makes the alerts be read again.
    if (change.source === "alert") alertsChanged = true;
    else if (change.subjectId !== null) touched.add(change.subjectId);
  }
  // Everything is read at once (one round of queries, not three after one another: every reader of the
  // office waits for this), then applied without a pause, so no reader sees the state half changed.
  const ids = [...touched];
  const some = ids.length > 0;
  const [rows, facts, cases, alerts] = await Promise.all([
    some ? loadSubjects(k, officeId, state.day, ids) : [],
    some ? loadFacts(k, officeId, factsSince(state.day), ids) : null,
    some ? loadCases(k, ids, now) : null,
    alertsChanged ? loadAlerts(k, officeId, now) : null,
  ]);
  state.asOf = now;
  if (facts && cases) {
    // The persons concerned lose their facts and get them back as they are now (new arrays, so the
    // index of checks by day kept with the state is made again: `checksOn`).
    const other = (f: { subjectId: string }) => !touched.has(f.subjectId);
    state.checks = mergeFacts(state.checks, touched, facts.checks);
    state.visits = mergeFacts(state.visits, touched, facts.visits);
    state.feedback = [...state.feedback.filter(other), ...facts.feedback];
    for (const key of state.handledHistory)
      if (touched.has(key.slice(0, key.indexOf("|")))) state.handledHistory.delete(key);
    for (const h of facts.handled) state.handledHistory.add(h);
    // A person no longer listed (moved to another office, released long ago) leaves the state.
    const listed = new Set(rows.map((r) => r.id));
    for (const id of ids) {
      if (!listed.has(id)) {
        state.subjects.delete(id);
        state.cases.delete(id);
        state.evaluations.delete(id);
      }
    }
    for (const r of rows) state.subjects.set(r.id, r);
    evaluateCases(state, cases, listed);
  }
  if (alerts) state.alerts = alerts;
  state.changes = next;
  // In the same step as the changes: nothing derived from the new data is kept under the old revision.
  state.revision = revision();
  return state;
}

/** The same rules (the objects differ between caches, e.g. the sweep's). */
const samePolicy = (a: CountyPolicy, b: CountyPolicy) => a === b || a.fingerprint === b.fingerprint;

/**
 * The offices' states of one server over its database: cached, refreshed after writes, rebuilt on a
 * new CST day or when the county's rules change. Concurrent callers share one load.
 */
export class OfficeStates {
  private readonly states = new Map<string, Promise<OfficeState>>();
  /** Numbers the states built and refreshed, so that a revision says which data an answer was made from. */
  private revisions = 0;

  constructor(
    private readonly db: Db,
    private readonly policies: CountyPolicies,
  ) {}

  /** The office's state for `now`. */
  get(officeId: string, now: Date): Promise<OfficeState> {
    const previous = this.states.get(officeId);
    const next = this.next(previous, officeId, now);
    this.states.set(officeId, next);
    next.catch(() => {
      if (this.states.get(officeId) === next) this.states.delete(officeId);
    });
    return next;
  }

  private async next(
    previous: Promise<OfficeState> | undefined,
    officeId: string,
    now: Date,
  ): Promise<OfficeState> {
    const db = this.db;
    const state = previous ? await previous.catch(() => null) : null;
    const calendar = await this.policies.calendar.current();
    const policy = await this.policies.forOffice(officeId);
    const stale =
      !state ||
      state.calendar !== calendar ||
      !samePolicy(state.policy, policy) ||
      state.day !== cstDate(now) ||
      Date.now() - state.builtAt > FULL_REBUILD_MS ||
      now.getTime() < state.asOf.getTime();
    if (stale) {
      const built = await buildOfficeState(db, officeId, now, policy, calendar);
      built.revision = ++this.revisions;
      return built;
    }
    const checkEvery = db.kind === "postgres" ? 2_000 : 60_000;
    const writes = db.writes.any();
    if (state.writesSeen === writes) {
      // Nothing written here: look for other instances' writes now and then, without making readers
      // wait; a change found makes the next read take it in.
      if (Date.now() - state.checkedAt >= checkEvery && !state.checking) {
        state.checking = true;
        state.checkedAt = Date.now();
        readChanges(db.kysely, officeId, state.changes)
          .then(({ fresh }) => {
            if (fresh.length > 0) state.writesSeen = -1;
          })
          .catch(() => {
            state.writesSeen = -1;
          })
          .finally(() => {
            state.checking = false;
          });
      }
      return state;
    }
    // A writer's request is taking its write in and waits for it before it replies: what a reader
    // must see (every write acknowledged before it asked) is in the state already; the write under
    // way is not acknowledged yet, so the reader is served at once instead of waiting for it.
    if (state.takingIn > 0) return state;
    // Written without a take-in (the jobs, the command line): read the log before answering.
    await this.catchUp(state, now, writes);
    return state;
  }

  /**
   * Brings the kept states up to date with what this process wrote, for the request that wrote: it
   * replies once this is done (routes.ts, the write hook), so the writer — and anyone asking after the
   * reply — sees the write, while the readers meanwhile are served the state as it was instead of all
   * waiting for the refresh. A failure leaves the write to the next reader.
   */
  async takeIn(now: Date): Promise<void> {
    const writes = this.db.writes.any();
    const kept = [...this.states.values()];
    await Promise.all(
      kept.map(async (promise) => {
        const state = await promise.catch(() => null);
        if (!state) return;
        state.takingIn++;
        try {
          await this.catchUp(state, now, writes);
        } catch {
          // The next reader reads the log again (its writesSeen is behind).
        } finally {
          state.takingIn--;
        }
      }),
    );
  }

  /** Reads the log and takes in what changed, after any read under way (one at a time per state). */
  private catchUp(state: OfficeState, now: Date, writes: number): Promise<void> {
    const run = state.refreshing.then(async () => {
      if (state.writesSeen >= writes) return; // taken in by a read before this one
      const { fresh, next } = await readChanges(this.db.kysely, state.office.id, state.changes);
      state.checkedAt = Date.now();
      if (fresh.length === 0) state.changes = next;
      else await refresh(this.db, state, fresh, next, now, () => ++this.revisions);
      state.writesSeen = Math.max(state.writesSeen, writes);
    });
    state.refreshing = run.catch(() => {});
    return run;
  }

  /** Forgets every state (a new holiday calendar, a restore). */
  clear(): void {
    this.states.clear();
  }
}

/** Values kept per state (a few per role and day): more means something is keyed too finely. */
const MAX_KEPT_VALUES = 64;

/**
 * A value derived from the state as it is at its revision, made once for `key` and kept with the
 * state: the many requests between two writes share it, and a write (a new revision) makes it again.
 */
export function kept<T>(state: OfficeState, key: string, make: () => T): T {
  const memo = state.derived.kept.get(key);
  if (memo && memo.revision === state.revision) return memo.value as T;
  const value = make();
  if (state.derived.kept.size >= MAX_KEPT_VALUES) state.derived.kept.clear();
  state.derived.kept.set(key, { revision: state.revision, value });
  return value;
}

/** The office's checks of one CST day, from an index kept with the state (made again after a refresh). */
export function checksOn(state: OfficeState, day: string): CheckFact[] {
  let index = state.derived.checksByDay;
  if (!index || index.facts !== state.checks) {
    const days = new Map<string, CheckFact[]>();
    for (const f of state.checks) {
      const d = f.at.slice(0, 10);
      const list = days.get(d);
      if (list) list.push(f);
      else days.set(d, [f]);
    }
    index = { facts: state.checks, days };
    state.derived.checksByDay = index;
  }
  return index.days.get(day) ?? [];
}
