// From the database to the rules engine: builds each subject's case (src/core's CaseInput) from its
// row, its level decisions, its case events and its location reports, in a few batched queries, and
// evaluates it. The server, the sweeps and the pages all get their obligations and deadlines here.
import { type Kysely, sql } from "kysely";
import {
  BOOK_SECTIONS,
  type CaseEvent,
  type CaseInput,
  type CaseResult,
  EvaluationContext,
  formatDate,
  parseDate,
  SANCTION_KINDS,
  STAFF_ROLES,
  VIOLATION_KINDS,
} from "../../core/index.ts";
import type { Database, Subject } from "../../db/schema.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { type CountyPolicies, evaluateCountyCase } from "../policy/county-policy.ts";

const sanctionKinds = new Set<string>(SANCTION_KINDS);
const violationKinds = new Set<string>(VIOLATION_KINDS);
const bookSections = new Set<string>(BOOK_SECTIONS);
const staffRoles = new Set<string>(STAFF_ROLES);
const ENGINE_EVENT_TYPES = [
  "phone_report",
  "in_person_report",
  "field_visit",
  "leave",
  "leave_return",
  "leave_signin_check",
  "leave_phone_check",
  "sanction",
  "violation",
  "book_section",
] as const;

type EventRow = {
  id?: number;
  subject_id: string;
  type: string;
  at: Date;
  end_date: string | null;
  kind: string | null;
  by_role: string | null;
};

/** One stored event as the engine sees it, or null for kinds the engine does not read. */
export function toEngineEvent(row: EventRow): CaseEvent | null {
  const at = cstIso(row.at);
  switch (row.type) {
    case "phone_report":
    case "in_person_report":
    case "leave_signin_check":
    case "leave_phone_check":
      return { type: row.type, at };
    case "field_visit":
      return row.by_role && staffRoles.has(row.by_role)
        ? { type: "field_visit", at, byRole: row.by_role as never }
        : null;
    case "leave":
      return row.end_date ? { type: "leave", from: cstDate(row.at), to: row.end_date } : null;
    case "sanction":
      return row.kind && sanctionKinds.has(row.kind)
        ? { type: "sanction", kind: row.kind as never, at }
        : null;
    case "violation":
      return row.kind && violationKinds.has(row.kind)
        ? { type: "violation", kind: row.kind as never, at }
        : null;
    case "book_section":
      return row.kind && bookSections.has(row.kind)
        ? { type: "book_section", section: row.kind as never, at }
        : null;
    default:
      return null;
  }
}

export function toEngineSubject(
  row: Subject,
  levels: Array<{ from_date: string; level: string }>,
): CaseInput["subject"] {
  return {
    id: row.id,
    birthDate: row.birth_date,
    correctionType: row.correction_type,
    crimeCategories: row.crime_categories,
    termStart: row.term_start,
    termEnd: row.term_end,
    intakeDate: row.intake_date,
    releaseDate: row.release_date,
    priorConvictions: row.prior_convictions,
    priorBadRecords: row.prior_bad_records,
    riskLevel: row.risk_level,
    stableResidence: row.stable_residence,
    stableIncome: row.stable_income,
    emotionalInstability: row.emotional_instability,
    familyIncomplete: row.family_incomplete,
    rebellious: row.rebellious,
    resistsSupervision: row.resists_supervision,
    level: row.level as CaseInput["subject"]["level"],
    levelHistory: levels.length
      ? levels.map((l) => ({ from: l.from_date, level: l.level as CaseInput["subject"]["level"] }))
      : undefined,
    keyOverride: row.key_override ?? null,
  };
}

/** The cases of the given subjects as of `asOf`. Events after `asOf` are left to the engine, which ignores them. */
export async function loadCases(
  db: Kysely<Database>,
  subjectIds: string[],
  asOf: Date,
): Promise<Map<string, CaseInput>> {
  const cases = new Map<string, CaseInput>();
  if (subjectIds.length === 0) return cases;
  const [subjects, levels, events, locations] = await Promise.all([
    db.selectFrom("subject").selectAll().where("id", "in", subjectIds).execute(),
    db
      .selectFrom("level_decision")
      .select(["subject_id", "from_date", "level"])
      .where("subject_id", "in", subjectIds)
      .orderBy("subject_id")
      .orderBy("from_date")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("case_event")
      .select([
        "id",
        "subject_id",
        "type",
        "at",
        "end_date",
        "kind",
        "by_role",
        sql<string | null>`data->>'leaveEventId'`.as("leave_event_id"),
      ])
      .where("subject_id", "in", subjectIds)
      .where("type", "in", ENGINE_EVENT_TYPES)
      .execute(),
    db
      .selectFrom("location_report")
      .select(["subject_id", "measured_at"])
      .where("subject_id", "in", subjectIds)
      .where("source", "=", "app")
      .where("measured_at", "<=", asOf)
      .execute(),
  ]);
  const asOfIso = cstIso(asOf);
  for (const row of subjects) {
    cases.set(row.id, { asOf: asOfIso, subject: toEngineSubject(row, []), events: [] });
  }
  const levelsOf = new Map<string, Array<{ from_date: string; level: string }>>();
  for (const level of levels) {
    const list = levelsOf.get(level.subject_id) ?? [];
    list.push(level);
    levelsOf.set(level.subject_id, list);
  }
  for (const row of subjects) {
    const input = cases.get(row.id)!;
    input.subject = toEngineSubject(row, levelsOf.get(row.id) ?? []);
  }
  const returns = leaveReturns(events);
  for (const row of events) {
    const event = toEngineEvent(row);
    if (!event) continue;
    if (event.type === "leave") {
      const back = returns.get(row.id);
      if (back !== undefined && back <= event.to) {
        // Back early (销假 before the last day): the leave ends the day before the return.
        const to = addDaysText(back, -1);
        if (to < event.from) continue;
        event.to = to;
      }
    }
    cases.get(row.subject_id)?.events.push(event);
  }
  for (const row of locations)
    cases.get(row.subject_id)?.events.push({ type: "location_report", at: cstIso(row.measured_at) });
  return cases;
}

/** The CST day of each leave's return (销假), by the leave's event id. */
function leaveReturns(rows: Array<{ type: string; at: Date; leave_event_id: string | null }>) {
  const back = new Map<number, string>();
  for (const row of rows) {
    if (row.type !== "leave_return" || !row.leave_event_id) continue;
    const id = Number(row.leave_event_id);
    const day = cstDate(row.at);
    const known = back.get(id);
    if (known === undefined || day < known) back.set(id, day);
  }
  return back;
}

function addDaysText(day: string, days: number): string {
  return formatDate(parseDate(day) + days);
}

export type SubjectEvaluation = { ok: true; result: CaseResult } | { ok: false; problem: string };

/**
 * Evaluates stored cases, each by the rules of its county. Stored data are validated like any other
 * input: a case the engine cannot accept (say, a level history that disagrees with the level) is
 * reported, not silently skipped.
 */
export async function evaluateSubjects(
  db: Kysely<Database>,
  subjectIds: string[],
  asOf: Date,
  policies: CountyPolicies,
): Promise<Map<string, SubjectEvaluation>> {
  const out = new Map<string, SubjectEvaluation>();
  if (subjectIds.length === 0) return out;
  const counties = await db
    .selectFrom("subject")
    .select(["id", "county_id"])
    .where("id", "in", subjectIds)
    .execute();
  const countyOf = new Map(counties.map((r) => [r.id, r.county_id]));
  const context = new EvaluationContext();
  const calendar = await policies.calendar.current();
  for (const [id, input] of await loadCases(db, subjectIds, asOf)) {
    const policy = await policies.forCounty(countyOf.get(id)!);
    out.set(id, evaluateCountyCase(policy, input, { context, calendar }));
  }
  return out;
}
