// The demo county as a user would check it: staff of every role, a believable population, valid ID
// numbers, searchable pinyin, nothing dated after "today", and the same rows for the same seed — on
// an in-memory PGlite always, and on PostgreSQL when TEST_DATABASE_URL names a server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../auth/password.ts";
import { parseIdNumber } from "../../shared/id-number.ts";
import { type Db, openDatabase } from "../connect.ts";
import { migrate } from "../migrate.ts";
import type { Role } from "../schema.ts";
import { buildDemo, createDemoCounty, DEMO_PASSWORD, type DemoSummary } from "./index.ts";
import { nameInitials, namePinyin } from "./names.ts";

const TODAY = "2026-11-20";
const SEED = 20250401;
const pgUrl = process.env.TEST_DATABASE_URL;
const ALL_ROLES: Role[] = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "psychologist",
  "team_member",
  "social_worker",
  "prosecutor",
  "subject",
];

interface Scratch {
  db: Db;
  close(): Promise<void>;
}

async function openPglite(): Promise<Scratch> {
  const db = await openDatabase({ memory: true });
  await migrate(db);
  return { db, close: () => db.close() };
}

/** A database of its own on the server, dropped afterwards: the server may be shared. */
async function openPostgres(serverUrl: string): Promise<Scratch> {
  const name = `demo_gen_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD);
});

async function subjectRows(db: Db) {
  return db.kysely.selectFrom("subject").selectAll().orderBy("id").execute();
}

async function eventDigest(db: Db) {
  const byType = await db.kysely
    .selectFrom("case_event")
    .select(["type", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("type")
    .orderBy("type")
    .execute();
  const levels = await db.kysely
    .selectFrom("level_decision")
    .select(["subject_id", "from_date", "level", "reason"])
    .orderBy("id")
    .execute();
  const locations = await db.kysely
    .selectFrom("location_report")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { byType: byType.map((r) => [r.type, Number(r.n)]), levels, locations: Number(locations.n) };
}

function demoSuite(label: string, open: () => Promise<Scratch>) {
  describe(`demo county on ${label}`, () => {
    let scratch: Scratch;
    let summary: DemoSummary;
    let db: Db;

    beforeAll(async () => {
      scratch = await open();
      db = scratch.db;
      summary = await createDemoCounty(db, { today: TODAY, seed: SEED, passwordHash });
    });
    afterAll(() => scratch?.close());

    const mainCountyId = async () =>
      (
        await db.kysely
          .selectFrom("place")
          .select("id")
          .where("kind", "=", "county")
          .where("name", "like", `${summary.county}%`)
          .executeTakeFirstOrThrow()
      ).id;

    it("staffs the main county with every role, and the other county apart", async () => {
      const county = await mainCountyId();
      const places = await db.kysely.selectFrom("place").select(["id", "parent_id", "kind"]).execute();
      const parent = new Map(places.map((p) => [p.id, p.parent_id]));
      const countyOf = (id: string): string | null => {
        for (let at: string | null = id; at; at = parent.get(at) ?? null) {
          if (places.find((p) => p.id === at)?.kind === "county") return at;
        }
        return null;
      };
      expect(places.filter((p) => p.kind === "county")).toHaveLength(2);
      expect(places.filter((p) => p.kind === "office" && p.parent_id === county)).toHaveLength(3);

      const users = await db.kysely.selectFrom("app_user").selectAll().execute();
      const main = users.filter((u) => countyOf(u.place_id) === county);
      const staff = main.filter((u) => u.role !== "subject");
      expect(staff.length).toBeGreaterThanOrEqual(12);
      expect(summary.staff).toBe(staff.length);
      expect(new Set(main.map((u) => u.role))).toEqual(new Set(ALL_ROLES));
      for (const u of main.filter((x) => x.role === "subject")) {
        expect(u.subject_id).not.toBeNull();
        expect(u.username).toMatch(/^subject\.[a-z]+\d*$/);
      }
      const other = users.filter((u) => countyOf(u.place_id) !== county);
      expect(other.map((u) => u.username).sort()).toEqual(["shiling.assistant", "shiling.head"]);

      const logins = new Map(summary.logins.map((l) => [l.username, l]));
      for (const name of ["agency.head", "agency.staff1", "prosecutor", "chengguan.head", "shiling.head"]) {
        expect(logins.get(name)?.password).toBe(DEMO_PASSWORD);
      }
      expect(logins.get("chengguan.head")?.place).toBe("城关司法所");
      const head = users.find((u) => u.username === "agency.head");
      expect(await verifyPassword(head?.password_hash ?? "", DEMO_PASSWORD)).toBe(true);
    });

    it("has a believable population: types, levels, a juvenile, women, a release", async () => {
      const county = await mainCountyId();
      const rows = (await subjectRows(db)).filter((s) => s.county_id === county);
      expect(rows.length).toBeGreaterThanOrEqual(60);
      expect(summary.subjects).toBe(rows.length);
      const count = (pick: (s: (typeof rows)[number]) => string) =>
        rows.reduce((m, s) => m.set(pick(s), (m.get(pick(s)) ?? 0) + 1), new Map<string, number>());
      const types = count((s) => s.correction_type);
      expect([...types.keys()].sort()).toEqual(["control", "parole", "probation", "temporary_release"]);
      expect(types.get("probation")).toBeGreaterThan(rows.length / 2);
      const crimes = count((s) => (s.crime_categories as unknown as string[])[0] as string);
      const [topCrime] = [...crimes.entries()].sort((a, b) => b[1] - a[1]);
      expect(topCrime?.[0]).toBe("dangerous_driving");
      expect(new Set(rows.map((s) => s.level))).toEqual(new Set(["key", "strict", "normal"]));
      expect(rows.filter((s) => s.gender === "female").length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((s) => s.gender === "male").length / rows.length).toBeGreaterThan(0.75);

      // A juvenile: under 18 on the intake date (18th birthday not yet passed), incomplete family, key.
      const juveniles = rows.filter((s) => {
        const [y, m, d] = s.birth_date.split("-");
        return `${Number(y) + 18}-${m}-${d}` >= s.intake_date;
      });
      expect(juveniles.some((s) => s.family_incomplete && s.level === "key")).toBe(true);

      const released = rows.filter((s) => s.status === "released");
      expect(
        released.some((s) => s.release_date && s.release_date >= "2025-11-20" && s.release_date <= TODAY),
      ).toBe(true);
      for (const s of released) expect(s.term_end < TODAY).toBe(true);
      for (const s of rows.filter((x) => x.status === "in_correction"))
        expect(s.term_end >= TODAY).toBe(true);
      expect(rows.filter((s) => s.status === "in_correction").length).toBeGreaterThan(rows.length * 0.8);

      // Book numbers: county, intake year, a consecutive sequence per year.
      const byYear = new Map<string, number[]>();
      for (const s of rows) {
        expect(s.book_number).toMatch(new RegExp(`^${county}-${s.intake_date.slice(0, 4)}-\\d{4}$`));
        const year = s.intake_date.slice(0, 4);
        byYear.set(year, [...(byYear.get(year) ?? []), Number(s.book_number?.slice(-4))]);
      }
      for (const numbers of byYear.values()) {
        expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
      }
    });

    it("gives every subject a valid ID number that matches birth date and gender", async () => {
      const rows = await subjectRows(db);
      for (const s of rows) {
        const parsed = parseIdNumber(s.id_number);
        expect(parsed.ok, `${s.name} ${s.id_number}`).toBe(true);
        if (!parsed.ok) continue;
        expect(parsed.info.birthDate).toBe(s.birth_date);
        expect(parsed.info.gender).toBe(s.gender);
        expect(s.phone).toMatch(/^1[3-9]\d{9}$/);
      }
      expect(new Set(rows.map((s) => s.id_number)).size).toBe(rows.length);
    });

    it("stores pinyin for search, polyphonic surnames included", async () => {
      expect(nameInitials("张三")).toBe("zs");
      expect(nameInitials("曾小红")).toBe("zxh");
      expect(namePinyin("曾小红")).toBe("zengxiaohong");
      expect(namePinyin("单伟")).toBe("shanwei");
      for (const s of await subjectRows(db)) {
        expect(s.name_pinyin).toBe(namePinyin(s.name));
        expect(s.name_initials).toBe(nameInitials(s.name));
        expect(s.name_initials).toMatch(/^[a-z]{2,4}$/);
      }
    });

    it("keeps the level equal to the last decision", async () => {
      const decisions = await db.kysely
        .selectFrom("level_decision")
        .select(["subject_id", "from_date", "level"])
        .orderBy("subject_id")
        .orderBy("from_date")
        .execute();
      const last = new Map(decisions.map((d) => [d.subject_id, d.level]));
      const rows = await subjectRows(db);
      for (const s of rows) expect(last.get(s.id), s.name).toBe(s.level);
      const changed = new Set(decisions.map((d) => d.subject_id)).size < decisions.length;
      expect(changed).toBe(true);
    });

    it("dates nothing after today, and has someone on leave around today", async () => {
      const endOfToday = new Date(`${TODAY}T23:59:59+08:00`).getTime();
      const latest = await db.kysely
        .selectFrom("case_event")
        .select((eb) => [
          eb.fn.max("at").as("at"),
          eb.fn.max("recorded_at").as("recorded"),
          eb.fn.countAll<number>().as("n"),
        ])
        .executeTakeFirstOrThrow();
      expect(new Date(latest.at as unknown as Date).getTime()).toBeLessThanOrEqual(endOfToday);
      expect(new Date(latest.recorded as unknown as Date).getTime()).toBeLessThanOrEqual(endOfToday);
      expect(Number(latest.n)).toBe(summary.events - 0);
      const reports = await db.kysely
        .selectFrom("location_report")
        .select((eb) => [eb.fn.max("measured_at").as("at"), eb.fn.countAll<number>().as("n")])
        .executeTakeFirstOrThrow();
      expect(new Date(reports.at as unknown as Date).getTime()).toBeLessThanOrEqual(endOfToday);
      expect(Number(reports.n)).toBe(summary.locationReports);
      expect(summary.locationReports).toBeGreaterThan(0);

      const leaves = await db.kysely
        .selectFrom("case_event")
        .select(["subject_id", "at", "end_date", "data"])
        .where("type", "=", "leave")
        .execute();
      const cst = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(leaves.some((l) => cst(l.at) <= TODAY && (l.end_date ?? "") >= TODAY)).toBe(true);
      for (const l of leaves) expect(l.data).toHaveProperty("destination");
      // The 请销假 page shows them: each leave is an approved (or, when over, closed) application.
      const applications = await db.kysely
        .selectFrom("leave_application")
        .select(["status", "to_date", "leave_event_id"])
        .execute();
      expect(applications).toHaveLength(leaves.length);
      for (const a of applications) expect(a.status).toBe((a.to_date ?? "") < TODAY ? "closed" : "approved");

      const types = new Set(
        (await db.kysely.selectFrom("case_event").select("type").distinct().execute()).map((r) => r.type),
      );
      for (const type of [
        "phone_report",
        "in_person_report",
        "field_visit",
        "information_check",
        "leave",
        "leave_signin_check",
        "sanction",
        "violation",
        "book_section",
        "education",
      ]) {
        expect(types, type).toContain(type);
      }
    });

    it("refuses a database that is not empty", async () => {
      await expect(createDemoCounty(db, { today: TODAY, passwordHash })).rejects.toThrow(/empty/);
    });

    it("gives the same rows for the same seed and today on a fresh database", async () => {
      const again = await openPglite();
      try {
        await createDemoCounty(again.db, { today: TODAY, seed: SEED, passwordHash });
        expect(await subjectRows(again.db)).toEqual(await subjectRows(db));
        expect(await eventDigest(again.db)).toEqual(await eventDigest(db));
      } finally {
        await again.close();
      }
    });
  });
}

demoSuite("PGlite (in memory)", openPglite);
describe.skipIf(!pgUrl)("on PostgreSQL (TEST_DATABASE_URL)", () => {
  demoSuite("PostgreSQL", () => openPostgres(pgUrl as string));
});

describe("demo generator without a database", () => {
  it("draws small and odd sizes, and a different seed gives different people", () => {
    for (const subjects of [1, 2, 5]) {
      const data = buildDemo({ subjects, today: TODAY }, "hash");
      expect(data.summary.subjects).toBe(subjects);
    }
    const a = buildDemo({ subjects: 20, today: TODAY, seed: 1 }, "hash");
    const b = buildDemo({ subjects: 20, today: TODAY, seed: 2 }, "hash");
    expect(a.subjects.map((s) => s.id_number)).not.toEqual(b.subjects.map((s) => s.id_number));
    expect(() => buildDemo({ subjects: 0, today: TODAY }, "hash")).toThrow(/subjects/);
    expect(() => buildDemo({ today: "2026-13-45" }, "hash")).toThrow(/today/);
  });
});
