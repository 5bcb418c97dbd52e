// The demo county generator (domain.md, "The demo county"): a fictional county with its agency,
// three judicial offices and their villages, staff of every role, people under correction with a
// year of history, and a small neighbouring county for access-control tests. Deterministic from the
// seed and `today`: the same inputs give the same rows on PGlite and on PostgreSQL.
//
// The work is split in two: `buildDemo` draws everything in memory (pure, no clock, no database),
// `createDemoCounty` writes it in one transaction with multi-row inserts.
import type { Insertable, Kysely, Transaction } from "kysely";
import { hashPassword } from "../../auth/password.ts";
import { demoCare } from "../../features/care/demo.ts";
import { demoExchange } from "../../features/exchange/demo.ts";
import { demoHandovers } from "../../features/intake/demo.ts";
import { demoLeaveApplications } from "../../features/leave/demo.ts";
import { makeLocationMonths } from "../../features/location/partitions.ts";
import { demoDivisionBoundaries, demoZones } from "../../features/map/demo.ts";
import { demoRiskMeetings } from "../../features/risk-meetings/demo.ts";
import { demoScreening } from "../../features/screening/demo.ts";
import { cstDate } from "../../shared/time.ts";
import type { Db } from "../connect.ts";
import type {
  AppUserTable,
  CaseEventTable,
  Database,
  LevelDecisionTable,
  LocationReportTable,
  PlaceTable,
  Role,
  SubjectTable,
} from "../schema.ts";
import { addDays, at, minDate } from "./calendar.ts";
import { informationChecks } from "./checks.ts";
import {
  type AgencyCrew,
  type Crew,
  type DemoEvent,
  EventSink,
  type HistoryContext,
  type StaffRef,
} from "./context.ts";
import { personHistory } from "./history.ts";
import { leaveEvents, planLeaves } from "./leave.ts";
import { type DemoLocation, locationReports } from "./location.ts";
import { drawPeople, type Person, Uniques } from "./people.ts";
import { type CountyDef, MAIN_COUNTY, OTHER_COUNTY, placeRows } from "./places.ts";
import { writeDemoPolicies } from "./policy.ts";
import { Rng } from "./random.ts";
import { type StaffDef, staffDefs } from "./staff.ts";

export interface DemoOptions {
  /** People under correction in the main county (default 60); the other county always has 3. */
  subjects?: number;
  /** Default 20250401. */
  seed?: number;
  /** 'YYYY-MM-DD' in CST, the last day of the history: the product clock's today (`todayCst`). */
  today: string;
  /** A ready argon2 hash of the demo password, to skip hashing (tests hash once for many databases). */
  passwordHash?: string;
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  /** The name of the account's place: 城关司法所, 青禾县社区矫正机构, … */
  place: string;
}

export interface DemoSummary {
  /** The main county's name (青禾县). */
  county: string;
  /** Offices, staff accounts (subject accounts excluded) and subjects of the main county. */
  offices: number;
  staff: number;
  subjects: number;
  /** Rows written to case_event and location_report, both counties. */
  events: number;
  locationReports: number;
  /** Every demo account, main county first, then the other county's. */
  logins: DemoLogin[];
}

/** The password of every demo account. */
export const DEMO_PASSWORD = "onebook2025";
export const DEFAULT_SEED = 20250401;
export const DEFAULT_SUBJECTS = 60;
const OTHER_COUNTY_SUBJECTS = 3;
/** Subject-app accounts in the main county: enough to try the phone app from several offices and levels. */
const SUBJECT_ACCOUNTS = 5;

export interface DemoData {
  today: string;
  places: Insertable<PlaceTable>[];
  users: Insertable<AppUserTable>[];
  subjects: Insertable<SubjectTable>[];
  levelDecisions: Insertable<LevelDecisionTable>[];
  /** The two big tables stay in their drawn form and become rows a chunk at a time (memory). */
  events: DemoEvent[];
  locations: DemoLocation[];
  summary: DemoSummary;
}

function eventRow(e: DemoEvent): Insertable<CaseEventTable> {
  return {
    subject_id: e.subjectId,
    office_id: e.officeId,
    type: e.type,
    at: e.at,
    end_date: e.endDate,
    kind: e.kind,
    by_role: e.byRole,
    data: JSON.stringify(e.data),
    recorded_by: e.recordedBy,
    recorded_at: e.recordedAt,
  };
}

function locationRow(l: DemoLocation): Insertable<LocationReportTable> {
  return {
    subject_id: l.subjectId,
    source: "app",
    device_id: null,
    measured_at: l.measuredAt,
    received_at: l.receivedAt,
    longitude: l.longitude,
    latitude: l.latitude,
    accuracy_m: l.accuracyM,
    battery_pct: l.batteryPct,
    idempotency_key: l.idempotencyKey,
  };
}

export async function createDemoCounty(db: Db, options: DemoOptions): Promise<DemoSummary> {
  // argon2id is deliberately slow (tens of milliseconds): hash once and give every account the same
  // hash. They all share one password anyway; per-account salts would protect nothing here.
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const data = buildDemo(options, passwordHash);
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("place")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new Error(`the demo county needs an empty, migrated database; this one has ${existing.n} places`);
    }
    await writeDemo(trx, data);
    await demoHandovers(trx, MAIN_COUNTY.id, options.today);
    await writeDemoPolicies(trx, OTHER_COUNTY.id);
    await demoLeaveApplications(trx, options.today);
    await demoZones(trx, MAIN_COUNTY.id, options.today);
    await demoScreening(trx, MAIN_COUNTY.id, options.today);
    await demoRiskMeetings(trx, MAIN_COUNTY.id, options.today);
    await demoCare(trx, MAIN_COUNTY.id, options.today);
    await demoExchange(trx, MAIN_COUNTY.id, options.today);
    await demoDivisionBoundaries(trx, MAIN_COUNTY.id, options.today);
  });
  return data.summary;
}

/** Draws the whole demo in memory. */
export function buildDemo(options: DemoOptions, passwordHash: string): DemoData {
  const total = options.subjects ?? DEFAULT_SUBJECTS;
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`subjects must be a positive integer, got ${total}`);
  const today = options.today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new Error(`today must be a date YYYY-MM-DD, got ${today}`);
  }
  const root = new Rng(options.seed ?? DEFAULT_SEED);
  const uniques = new Uniques();

  const main = drawPeople({
    rng: root.fork("main"),
    county: MAIN_COUNTY,
    total,
    today,
    uniques,
    firstIndex: 0,
    small: false,
  });
  const other = drawPeople({
    rng: root.fork("other"),
    county: OTHER_COUNTY,
    total: OTHER_COUNTY_SUBJECTS,
    today,
    uniques,
    firstIndex: total,
    small: true,
  });
  const people = [...main, ...other];

  // Staff: fixed names, ids and phones from the seed. Created before the earliest intake.
  const staffRng = root.fork("staff");
  const earliest = people.reduce((min, p) => minDate(min, p.intakeDate), today);
  const createdAt = at(addDays(earliest, -30), 9 * 60);
  const defs = staffDefs();
  const staff = defs.map((def) => ({ def, id: staffRng.uuid(), phone: uniques.phone(staffRng) }));
  const ref = (username: string): StaffRef => {
    const found = staff.find((s) => s.def.username === username);
    if (!found) throw new Error(`no demo staff ${username}`);
    return { id: found.id, role: found.def.role };
  };
  const crews = new Map<string, Crew>();
  for (const county of [MAIN_COUNTY, OTHER_COUNTY]) {
    for (const office of county.offices) {
      const has = (suffix: string) => staff.some((s) => s.def.username === `${office.prefix}.${suffix}`);
      const assistant = ref(`${office.prefix}.assistant`);
      crews.set(office.id, {
        head: ref(`${office.prefix}.head`),
        assistant,
        psych: has("psych") ? ref(`${office.prefix}.psych`) : assistant,
        social: has("social") ? ref(`${office.prefix}.social`) : assistant,
        team: ["team1", "team2"].filter(has).map((s) => ref(`${office.prefix}.${s}`)),
      });
    }
  }
  const agencies = new Map<string, AgencyCrew | null>([
    [MAIN_COUNTY.id, { head: ref("agency.head"), staff: [ref("agency.staff1"), ref("agency.staff2")] }],
    [OTHER_COUNTY.id, null],
  ]);
  const ctx: HistoryContext = { today, end: at(today, 8 * 60), crews, agencies };

  // Events: leave first (reports avoid leave days), then each person's own history, then the
  // office-wide checks, then location reports (with their alerts).
  const leaves = [
    ...planLeaves(main, ctx, root.fork("leaves-main"), true),
    ...planLeaves(other, ctx, root.fork("leaves-other"), false),
  ];
  const events: DemoEvent[] = [];
  const locations: DemoLocation[] = [];
  for (const person of people) {
    const rng = root.fork(`history-${person.index}`);
    const sink = new EventSink(ctx, rng.fork("recorded"));
    const leaveDays = new Set<string>();
    for (const leave of leaves.filter((l) => l.person === person)) {
      for (let d = leave.from; d <= leave.to; d = addDays(d, 1)) leaveDays.add(d);
      leaveEvents(leave, ctx, rng.fork(`leave-${leave.from}`), sink);
    }
    personHistory(person, ctx, rng, sink, leaveDays);
    for (const report of locationReports(person, leaves, ctx, rng.fork("location"), sink))
      locations.push(report);
    for (const event of sink.events) events.push(event);
  }
  const checks = new EventSink(ctx, root.fork("checks-recorded"));
  informationChecks(people, leaves, ctx, root.fork("checks"), checks);
  for (const event of checks.events) events.push(event);
  // Ids follow time, as they would have had the records been made day by day.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  locations.sort((a, b) => (a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : 0));

  const accounts = subjectAccounts(main, root.fork("accounts"));
  const users: Insertable<AppUserTable>[] = [
    ...staff.map(({ def, id, phone }) => ({
      id,
      username: def.username,
      display_name: def.displayName,
      role: def.role,
      place_id: def.placeId,
      subject_id: null,
      gender: def.gender,
      phone,
      password_hash: passwordHash,
      created_at: createdAt,
    })),
    ...accounts.map(({ person, username, id }) => ({
      id,
      username,
      display_name: person.name,
      role: "subject" as const,
      place_id: person.office.id,
      subject_id: person.id,
      gender: person.gender,
      phone: person.phone,
      password_hash: passwordHash,
      created_at: at(person.intakeDate, 11 * 60),
    })),
  ];

  const places = placeRows();
  const placeName = new Map(places.map((p) => [p.id, p.name]));
  const login = (username: string, role: Role, displayName: string, placeId: string): DemoLogin => ({
    username,
    password: DEMO_PASSWORD,
    role,
    displayName,
    place: placeName.get(placeId) ?? placeId,
  });
  const inCounty = (def: StaffDef, county: CountyDef) =>
    def.placeId === county.id || county.offices.some((o) => o.id === def.officeId);
  const logins = [
    ...defs
      .filter((d) => inCounty(d, MAIN_COUNTY))
      .map((d) => login(d.username, d.role, d.displayName, d.placeId)),
    ...accounts.map((a) => login(a.username, "subject", a.person.name, a.person.office.id)),
    ...defs
      .filter((d) => inCounty(d, OTHER_COUNTY))
      .map((d) => login(d.username, d.role, d.displayName, d.placeId)),
  ];

  return {
    today,
    places,
    users,
    subjects: people.map((p) => subjectRow(p, crews.get(p.office.id) as Crew, ctx.end)),
    levelDecisions: people.flatMap((p) =>
      p.levels.map((step) => ({
        subject_id: p.id,
        from_date: step.from,
        level: step.level,
        reason: step.reason,
        decided_by: (crews.get(p.office.id) as Crew).head.id,
        created_at: at(step.from, 16 * 60),
      })),
    ),
    events,
    locations,
    summary: {
      county: MAIN_COUNTY.name,
      offices: MAIN_COUNTY.offices.length,
      staff: defs.filter((d) => inCounty(d, MAIN_COUNTY)).length,
      subjects: main.length,
      events: events.length,
      locationReports: locations.length,
      logins,
    },
  };
}

function subjectRow(p: Person, crew: Crew, end: string): Insertable<SubjectTable> {
  const lastChange = p.levels.at(-1)?.from ?? p.intakeDate;
  const updated = p.releaseDate && p.releaseDate > lastChange ? p.releaseDate : lastChange;
  const updatedAt = at(updated, 16 * 60 + 30);
  return {
    id: p.id,
    county_id: p.county.id,
    office_id: p.office.id,
    village_id: p.village.id,
    name: p.name,
    name_pinyin: p.namePinyin,
    name_initials: p.nameInitials,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birth_date: p.birthDate,
    id_number: p.idNumber,
    phone: p.phone,
    address: p.address,
    education: p.education,
    occupation: p.occupation,
    correction_type: p.correctionType,
    crime_categories: JSON.stringify(p.crimes),
    crime_text: p.crimeText,
    deciding_organ: p.decidingOrgan,
    judgment_number: p.judgmentNumber,
    judgment_effective_date: p.judgmentEffectiveDate,
    sentence_text: p.sentenceText,
    term_start: p.termStart,
    term_end: p.termEnd,
    intake_date: p.intakeDate,
    release_date: p.releaseDate,
    status: p.status,
    level: p.level,
    risk_level: p.riskLevel,
    prior_convictions: p.priorConvictions,
    prior_bad_records: p.priorBadRecords,
    stable_residence: p.stableResidence,
    stable_income: p.stableIncome,
    emotional_instability: p.emotionalInstability,
    family_incomplete: p.familyIncomplete,
    rebellious: p.rebellious,
    resists_supervision: p.resistsSupervision,
    key_override: p.keyOverride ? JSON.stringify(p.keyOverride) : null,
    book_number: p.bookNumber,
    // The office head answers for key persons (domain.md), the assistant for the others.
    responsible_user_id: p.level === "key" ? crew.head.id : crew.assistant.id,
    created_at: at(p.intakeDate, 10 * 60),
    updated_at: updatedAt > end ? end : updatedAt,
  };
}

interface Account {
  person: Person;
  username: string;
  id: string;
}

/**
 * A few people get the subject app: from the first office (so access tests find a subject there) a
 * key, a strict and a normal person, and a normal person from each other office. Adults only, in
 * correction. Usernames are `subject.<pinyin>`, with a number when two share a name.
 */
function subjectAccounts(people: Person[], rng: Rng): Account[] {
  const chosen: Person[] = [];
  const active = people.filter((p) => p.status === "in_correction" && !p.juvenile);
  const [firstOffice, ...otherOffices] = MAIN_COUNTY.offices;
  for (const level of ["key", "strict", "normal"]) {
    const found = active.find((p) => p.office === firstOffice && p.level === level && !chosen.includes(p));
    if (found) chosen.push(found);
  }
  for (const office of otherOffices) {
    const found = active.find((p) => p.office === office && p.level === "normal" && !chosen.includes(p));
    if (found) chosen.push(found);
  }
  for (const p of active) if (chosen.length < SUBJECT_ACCOUNTS && !chosen.includes(p)) chosen.push(p);
  const used = new Set<string>();
  return chosen.slice(0, SUBJECT_ACCOUNTS).map((person) => {
    let username = `subject.${person.namePinyin}`;
    for (let n = 2; used.has(username); n++) username = `subject.${person.namePinyin}${n}`;
    used.add(username);
    return { person, username, id: rng.uuid() };
  });
}

/** Rows per statement: under PostgreSQL's 65,535 bind parameters, and big enough to be fast. */
const CHUNK = 1000;

async function writeDemo(trx: Transaction<Database> | Kysely<Database>, data: DemoData): Promise<void> {
  const chunks = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
  };
  // Parents before children: the place tree, then accounts (subjects name their responsible worker).
  await chunks(data.places, (rows) => trx.insertInto("place").values(rows).execute());
  await chunks(data.users, (rows) => trx.insertInto("app_user").values(rows).execute());
  await chunks(data.subjects, (rows) => trx.insertInto("subject").values(rows).execute());
  await chunks(data.levelDecisions, (rows) => trx.insertInto("level_decision").values(rows).execute());
  await chunks(data.events, (rows) => trx.insertInto("case_event").values(rows.map(eventRow)).execute());
  // The reports' months first, so that the demo's year goes straight into them (features/location/
  // partitions.ts) instead of waiting in the default partition to be moved at the first start.
  await makeLocationMonths(
    trx,
    data.locations.map((l) => cstDate(new Date(l.measuredAt))),
  );
  await chunks(data.locations, (rows) =>
    trx.insertInto("location_report").values(rows.map(locationRow)).execute(),
  );
}
