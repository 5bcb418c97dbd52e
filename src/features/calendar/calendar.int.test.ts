// The holiday calendar on a real database with the demo county: the years the engine knows, the
// agency's task from 1 November, Today's provisional-calendar warning, loading a notice through the
// API (validated, versioned, audited) and from the command line — and the warning gone afterwards.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { openDatabase } from "../../db/connect.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import { runCalendarCommand } from "./command.ts";
import { currentNotices } from "./notices.ts";

interface Year {
  year: number;
  source: string;
  provisional: boolean;
  holidays: string[];
  loaded: { version: number; fileName: string; loadedByName: string } | null;
}
interface Overview {
  years: Year[];
  versions: { year: number; version: number; source: string }[];
  task: { year: number; overdue: boolean } | null;
  canLoad: boolean;
}
interface TodayAnswer {
  items: { key: string; group: string; title: string; status: string; action: { kind: string } | null }[];
  warnings: { code: string; year: number; message: string }[];
}

// An illustrative 2027 notice (the State Council's was not published on 2026-12-01).
const notice2027 = {
  year: 2027,
  source: "测试用通知",
  holidays: [
    "2027-01-01",
    "2027-01-02",
    "2027-01-03",
    "2027-02-05",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-02-09",
    "2027-02-10",
    "2027-02-11",
  ],
  workdays: ["2027-02-20"],
};

describe(`the holiday calendar (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let assistant: Client;
  let prosecutor: Client;
  let now = new Date("2026-10-31T10:00:00+08:00");
  const signInAll = async () => {
    head = await t.signIn("agency.head");
    assistant = await t.signIn("chengguan.assistant");
    prosecutor = await t.signIn("prosecutor");
  };
  /** Moves the product's clock; sessions follow the clock, so everyone signs in again. */
  const at = async (iso: string) => {
    now = new Date(iso);
    await signInAll();
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => now } });
    await signInAll();
  }, 180_000);
  afterAll(() => t?.close());

  const overview = async (client: Client = head): Promise<Overview> => {
    const r = await client.get("/api/calendar");
    expect(r.statusCode, r.body).toBe(200);
    return JSON.parse(r.body);
  };
  const today = async (client: Client): Promise<TodayAnswer> => {
    const r = await client.get("/api/today?horizon=31");
    expect(r.statusCode, r.body).toBe(200);
    return JSON.parse(r.body);
  };
  const calendarItem = (a: TodayAnswer) => a.items.find((i) => i.key.startsWith("calendar:"));

  it("shows 2026 from the shipped calendar and 2027 as derived (provisional); no task before 1 November", async () => {
    const o = await overview();
    const y2026 = o.years.find((y) => y.year === 2026);
    const y2027 = o.years.find((y) => y.year === 2027);
    expect(y2026?.source).toBe("package");
    expect(y2027).toMatchObject({ source: "derived", provisional: true });
    expect(y2027?.holidays).toContain("2027-02-05"); // 除夕
    expect(o.task).toBeNull();
    expect(o.canLoad).toBe(true);
    expect(calendarItem(await today(head))).toBeUndefined();
  });

  it("from 1 November the agency's Today has the task to load the 2027 calendar, one click from the screen", async () => {
    await at("2026-11-01T09:00:00+08:00");
    const item = calendarItem(await today(head));
    expect(item).toMatchObject({ key: "calendar:2027", title: "载入2027年度节假日安排", status: "open" });
    expect(item?.action?.kind).toBe("load_calendar");
    expect((await overview()).task).toMatchObject({ year: 2027, overdue: false });
    // Offices do not load the calendar; the procuratorate only reads.
    expect(calendarItem(await today(assistant))).toBeUndefined();
    expect(calendarItem(await today(prosecutor))).toBeUndefined();
    expect((await overview(prosecutor)).canLoad).toBe(false);
  });

  let subjectId = "";
  const bookWarnings = async (): Promise<string[]> => {
    const r = await head.get(`/api/subjects/${subjectId}/book`);
    expect(r.statusCode, r.body).toBe(200);
    return JSON.parse(r.body).calendarWarnings;
  };

  it("a person registered on 2026-12-29: basic information due 2027-01-04, the book says it is provisional", async () => {
    await at("2026-12-29T15:00:00+08:00");
    const officeId = JSON.parse((await head.get("/api/places")).body).offices[0].id;
    const idNumber = makeIdNumber("990121", "1985-03-02", 31);
    const handover = await head.post("/api/handovers", {
      decidingOrgan: "青禾县人民法院",
      judgmentNumber: "（2026）青刑初901号",
      judgmentDate: "2026-12-15",
      judgmentEffectiveDate: "2026-12-26",
      receivedOn: "2026-12-28",
      correctionType: "probation",
      termStart: "2026-12-26",
      termEnd: "2028-12-25",
      crimeText: "危险驾驶罪",
      crimeCategories: ["dangerous_driving"],
      personName: "赵新年",
      personIdNumber: idNumber,
      proposedOfficeId: officeId,
    });
    expect(handover.statusCode, handover.body).toBe(201);
    const h = JSON.parse(handover.body);
    await head.post(`/api/handovers/${h.id}/documents`, {
      kind: "judgment",
      fileName: "判决书.pdf",
      contentBase64: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64"),
    });
    const registered = await head.post(`/api/handovers/${h.id}/register`, {
      name: "赵新年",
      idNumber,
      birthDate: "1985-03-02",
      gender: Number(idNumber[16]) % 2 === 1 ? "male" : "female",
      officeId,
      intakeDate: "2026-12-29",
    });
    expect(registered.statusCode, registered.body).toBe(201);
    subjectId = JSON.parse(registered.body).subjectId;

    const book = JSON.parse((await head.get(`/api/subjects/${subjectId}/book`)).body);
    const basic = book.sections.find((x: { id: string }) => x.id === "basic_info");
    expect(basic.deadlines.map((d: { dueDate: string }) => d.dueDate)).toEqual(["2027-01-04"]);
    expect(await bookWarnings()).toEqual([
      "2027年节假日安排尚未载入：2027年的工作日按法定节假日推算（不含调休），相关期限为暂定",
    ]);
  });

  it("in 2027 without a notice Today warns that the year's working days are provisional", async () => {
    await at("2027-01-05T10:00:00+08:00");
    const answer = await today(assistant);
    expect(answer.warnings).toEqual([
      {
        code: "provisional_calendar",
        year: 2027,
        message: "2027年节假日安排尚未载入：2027年的工作日按法定节假日推算（不含调休），相关期限为暂定",
      },
    ]);
    expect(calendarItem(await today(head))).toMatchObject({ key: "calendar:2027", status: "overdue" });
  });

  it("refuses a bad notice with the field and a Chinese message, storing nothing", async () => {
    const bad = await head.post("/api/calendar/notices", {
      fileName: "2027.json",
      notice: { ...notice2027, workdays: ["2027-01-02"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toEqual({
      code: "invalid_input",
      field: "notice.workdays[0]",
      message: "日期 2027-01-02 既是放假日又是调休上班日",
    });
    const outside = await head.post("/api/calendar/notices", {
      fileName: "2027.json",
      notice: { ...notice2027, holidays: ["2026-12-31"] },
    });
    expect(JSON.parse(outside.body).error.field).toBe("notice.holidays[0]");
    expect(
      (await head.post("/api/calendar/notices", { fileName: "x.json", notice: notice2027 }, { csrf: false }))
        .statusCode,
    ).toBe(403);
    expect(
      (await prosecutor.post("/api/calendar/notices", { fileName: "x.json", notice: notice2027 })).statusCode,
    ).toBe(403);
    expect(
      (await assistant.post("/api/calendar/notices", { fileName: "x.json", notice: notice2027 })).statusCode,
    ).toBe(403);
    expect((await overview()).versions).toEqual([]);
  });

  it("loads a notice: audited, used by the next Today at once (warning and task gone), versions kept", async () => {
    const loaded = await head.post("/api/calendar/notices", {
      fileName: "2027年节假日.json",
      notice: notice2027,
    });
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(JSON.parse(loaded.body)).toEqual({ year: 2027, version: 1, source: "测试用通知" });

    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "calendar.load")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: "agency_head", record_type: "calendar_notice" });
    expect(audit[0]?.details).toMatchObject({ year: 2027, version: 1, fileName: "2027年节假日.json" });

    expect((await today(assistant)).warnings).toEqual([]);
    expect(calendarItem(await today(head))).toBeUndefined();
    expect(await bookWarnings()).toEqual([]);
    const o = await overview();
    expect(o.years.find((y) => y.year === 2027)).toMatchObject({
      source: "notice",
      provisional: false,
      loaded: { version: 1, fileName: "2027年节假日.json", loadedByName: expect.any(String) },
    });
    expect(o.task).toBeNull();

    const again = await head.post("/api/calendar/notices", {
      fileName: "2027-更正.json",
      notice: { ...notice2027, source: "测试用通知（更正）" },
    });
    expect(JSON.parse(again.body).version).toBe(2);
    const after = await overview();
    expect(after.versions.map((v) => `${v.year}/${v.version}/${v.source}`)).toEqual([
      "2027/2/测试用通知（更正）",
      "2027/1/测试用通知",
    ]);
    expect(after.years.find((y) => y.year === 2027)?.loaded?.version).toBe(2);
  });
});

describe(`onebook calendar load (${databaseLabel})`, () => {
  const dir = mkdtempSync(join(tmpdir(), "onebook-calendar-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads a notice file into the configured database with an audit row; a bad file exits 2 naming the field", async () => {
    const { openTestDatabase } = await import("../../../test/helpers/database.ts");
    const test = await openTestDatabase();
    // The command opens the configured database itself: the test's PostgreSQL database, or an
    // embedded one in a folder of its own.
    const dataDir = join(dir, "data");
    vi.stubEnv("DATABASE_URL", test.url ?? "");
    vi.stubEnv("ONEBOOK_DATA", dataDir);
    const good = join(dir, "2027.json");
    writeFileSync(good, JSON.stringify(notice2027));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...notice2027, holidays: ["2027-02-30"] }));
    const errors: string[] = [];
    const spyError = vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    const spyLog = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await runCalendarCommand(["load", bad])).toBe(2);
      expect(errors.join("\n")).toContain("holidays[0]: “2027-02-30”不是有效日期");
      expect(await runCalendarCommand(["load", good])).toBe(0);
    } finally {
      spyError.mockRestore();
      spyLog.mockRestore();
    }
    const db = test.url ? test.db : await openDatabase({ dataDir });
    try {
      const notices = await currentNotices(db.kysely);
      expect(notices.map((n) => `${n.year}/${n.version}/${n.fileName}/${n.loadedByName}`)).toEqual([
        "2027/1/2027.json/运维命令行",
      ]);
      const audit = await db.kysely
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "calendar.load")
        .execute();
      expect(audit.map((a) => a.actor_role)).toEqual(["operator"]);
    } finally {
      if (db !== test.db) await db.close();
      await test.close();
      vi.unstubAllEnvs();
    }
  }, 120_000);
});
