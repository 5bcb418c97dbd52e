// Records people can trust, on a real database with the demo county: late entries (补录) need a
// reason and are marked on the timeline and in the Word book, and a check entered after its day does
// not make that day's standards; a field visit is made by two staff accounts with the recorder among
// them or a reason; a minor's birth date is masked with the ID number; the Word book's 个案矫正工作记录
// holds the daily records generated from the events and every evaluation with its period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxText } from "../../../test/helpers/docx-text.ts";
import { FIXED_NOW, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { isMinorSubject } from "../subjects/view.ts";

const hoursAgo = (h: number) =>
  `${new Date(Date.parse(FIXED_NOW) - h * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

interface TimelineItem {
  id: number;
  type: string;
  at: string;
  recordedAt: string;
  late: boolean;
  lateReason: string | null;
  summary: string;
}

describe(`records people can trust (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let officeId: string;
  let normal: string;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    officeId = office.place_id;
    const pick = async (level: "normal" | "key") =>
      (
        await k
          .selectFrom("subject")
          .select("id")
          .where("office_id", "=", officeId)
          .where("level", "=", level)
          .where("status", "=", "in_correction")
          .where("intake_date", "<", fixedDay(-200))
          .orderBy("intake_date") // the longest history
          .orderBy("id")
          .executeTakeFirstOrThrow()
      ).id;
    normal = await pick("normal");
    key = await pick("key");
  }, 180_000);
  afterAll(() => t?.close());

  const timeline = async (subjectId: string, type?: string): Promise<TimelineItem[]> => {
    const response = await assistant.get(`/api/subjects/${subjectId}/timeline${type ? `?type=${type}` : ""}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  describe("late entries (补录)", () => {
    it("an entry more than 2 h after its event needs a reason, naming lateReason", async () => {
      const refused = await assistant.post(`/api/subjects/${normal}/reports`, {
        type: "phone_report",
        at: hoursAgo(3),
        content: "电话报告近况，在家务农",
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.field).toBe("lateReason");
      expect(refused.json().error.message).toContain("补录");

      const late = await assistant.post(`/api/subjects/${normal}/reports`, {
        type: "phone_report",
        at: hoursAgo(3),
        content: "电话报告近况，在家务农",
        lateReason: "上午系统维护，事后补录",
      });
      expect(late.statusCode, late.body).toBe(201);
      const item = (await timeline(normal)).find((i) => i.id === late.json().id)!;
      expect(item).toMatchObject({
        late: true,
        lateReason: "上午系统维护，事后补录",
        at: hoursAgo(3),
      });
      // Entered now, by the product's clock (which runs on from FIXED_NOW).
      expect(item.recordedAt.slice(0, 13)).toBe(FIXED_NOW.slice(0, 13));
    });

    it("an entry within 2 h needs no reason and is not marked", async () => {
      const inTime = await assistant.post(`/api/subjects/${normal}/information-checks`, {
        at: hoursAgo(1.5),
        method: "phone",
        result: "normal",
        note: "电话联系本人，在家",
      });
      expect(inTime.statusCode, inTime.body).toBe(201);
      const item = (await timeline(normal, "information_check")).find((i) => i.id === inTime.json().id)!;
      expect(item).toMatchObject({ late: false, lateReason: null });
    });

    it("every recording form asks for the reason: checks, visits, education and help, leave checks", async () => {
      const workers = (await assistant.get(`/api/subjects/${normal}/workers`)).json().items as Array<{
        id: string;
        role: string;
      }>;
      const me = workers.find((w) => w.role === "office_assistant")!.id;
      const other = workers.find((w) => w.role === "office_head")!.id;
      const bodies: Array<[string, Record<string, unknown>]> = [
        ["information-checks", { method: "video", result: "normal" }],
        [
          "field-visits",
          { workers: [me, other], place: "家中", peopleMet: "本人", findings: "在家，情绪稳定" },
        ],
        ["support", { type: "education", hours: 2, topic: "法治教育" }],
        ["support", { type: "counselling", method: "individual", minutes: 40, summary: "情绪疏导" }],
        ["leave-checks", { kind: "leave_signin_check", method: "online_signin", result: "normal" }],
      ];
      for (const [route, body] of bodies) {
        const response = await assistant.post(`/api/subjects/${normal}/${route}`, {
          ...body,
          at: hoursAgo(26),
        });
        expect(response.statusCode, `${route} ${response.body}`).toBe(400);
        expect(response.json().error.field).toBe("lateReason");
      }
    });

    it("a check of yesterday entered today does not make yesterday's standards", async () => {
      const yesterday = fixedDay(-1);
      const day = async () => {
        const response = await head.get(`/api/dashboards?period=day&date=${yesterday}`);
        expect(response.statusCode, response.body).toBe(200);
        const office = response.json().offices[0];
        return office.checks.find((c: { day: string }) => c.day === yesterday).items as Array<{
          id: string;
          done: number;
        }>;
      };
      const before = await day();
      const late = await assistant.post(`/api/subjects/${key}/information-checks`, {
        at: `${yesterday}T09:30:00+08:00`,
        method: "phone",
        result: "normal",
        note: "昨日上午电话核查，本人在家",
        lateReason: "昨日核查后未及时登记",
      });
      expect(late.statusCode, late.body).toBe(201);
      const after = await day();
      for (const id of ["office_morning_round", "office_key_coverage", "office_off_hours"])
        expect(after.find((i) => i.id === id)?.done, id).toBe(before.find((i) => i.id === id)?.done);
      // Today's check entered in time counts at once.
      const coverage = async () =>
        (await assistant.get("/api/today"))
          .json()
          .offices[0].standards.find((s: { id: string }) => s.id === "office_key_coverage").done as number;
      const was = await coverage();
      const alreadyChecked = (await timeline(key, "information_check")).some(
        (i) => i.at.startsWith(fixedDay(0)) && i.id !== late.json().id,
      );
      const now = await assistant.post(`/api/subjects/${key}/information-checks`, {
        at: hoursAgo(0.5),
        method: "phone",
        result: "normal",
        note: "电话核查，本人在单位",
      });
      expect(now.statusCode, now.body).toBe(201);
      expect(await coverage()).toBe(alreadyChecked ? was : was + 1);
    });
  });

  describe("two workers", () => {
    const visit = (workers: string[], extra: Record<string, unknown> = {}) => ({
      workers,
      place: "村委会",
      peopleMet: "村干部",
      findings: "近期表现稳定",
      ...extra,
    });

    it("a team member does not make the pair; the recorder goes or says why not", async () => {
      const staff = (await assistant.get(`/api/subjects/${normal}/workers`)).json().items as Array<{
        id: string;
        role: string;
      }>;
      const id = (role: string) => staff.find((w) => w.role === role)!.id;
      const withTeam = await assistant.post(
        `/api/subjects/${normal}/field-visits`,
        visit([id("office_assistant"), id("team_member")]),
      );
      expect(withTeam.statusCode).toBe(400);
      expect(withTeam.json().error.field).toBe("workers");
      expect(withTeam.json().error.message).toContain("矫正小组成员不计入");

      const notMe = await assistant.post(
        `/api/subjects/${normal}/field-visits`,
        visit([id("office_head"), id("agency_staff")]),
      );
      expect(notMe.statusCode).toBe(400);
      expect(notMe.json().error.field).toBe("notPresentReason");

      const forThem = await assistant.post(
        `/api/subjects/${normal}/field-visits`,
        visit([id("office_head"), id("agency_staff")], {
          notPresentReason: "所长与机构人员走访，由协理员代为登记",
        }),
      );
      expect(forThem.statusCode, forThem.body).toBe(201);
      const item = (await timeline(normal, "field_visit")).find((i) => i.id === forThem.json().id)!;
      expect(item.summary).toContain("代为登记：所长与机构人员走访");

      const three = await assistant.post(
        `/api/subjects/${normal}/field-visits`,
        visit([id("office_assistant"), id("office_head"), id("team_member")]),
      );
      expect(three.statusCode, three.body).toBe(201);
    });
  });

  describe("minors", () => {
    it("masks a minor's birth date with the ID number, on screen and in the Word book; a search is audited", async () => {
      const k = t.database.db.kysely;
      const rows = await k
        .selectFrom("subject")
        .select(["id", "name", "birth_date", "intake_date", "office_id"])
        .where("status", "=", "in_correction")
        .execute();
      const minor = rows.find((r) => isMinorSubject(r))!;
      expect(minor).toBeDefined();
      const agency = await t.signIn("agency.head");
      const detail = (await agency.get(`/api/subjects/${minor.id}`)).json();
      expect(detail.nameMasked).toBe(true);
      expect(detail.birthDate).toBe("****-**-**");
      expect(JSON.stringify(detail)).not.toContain(minor.birth_date);

      const revealed = await agency.post(`/api/subjects/${minor.id}/unmask`, { purpose: "核对身份" });
      expect(revealed.json().birthDate).toBe(minor.birth_date);

      const found = await agency.get(`/api/subjects?q=${encodeURIComponent(minor.name)}`);
      const hit = found.json().items.find((i: { id: string }) => i.id === minor.id);
      expect(hit.name).not.toBe(minor.name);
      expect(hit.nameMasked).toBe(true);
      const audit = await k
        .selectFrom("audit_log")
        .select("details")
        .where("action", "=", "subject.search")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ q: minor.name });
      expect((audit.details as { subjectIds: string[] }).subjectIds).toContain(minor.id);

      const book = await agency.get(`/api/subjects/${minor.id}/book`);
      expect(book.json().subject.birthDate).toBe("****-**-**");
      const text = docxText((await agency.get(`/api/subjects/${minor.id}/book/export`)).rawPayload);
      expect(text).not.toContain(minor.birth_date);
      expect(text).toContain("****-**-**");
    });
  });

  describe("the Word book's daily records", () => {
    it("holds the records generated from the events, late entries marked, and every evaluation with its period", async () => {
      const late = await assistant.post(`/api/subjects/${key}/support`, {
        type: "assistance",
        kind: "employment_training",
        at: hoursAgo(30),
        note: "推荐参加县人社局电工培训",
        lateReason: "外出培训点，回所后补录",
      });
      expect(late.statusCode, late.body).toBe(201);
      const response = await head.get(`/api/subjects/${key}/book/export?document=work_record`);
      expect(response.statusCode).toBe(200);
      const text = docxText(response.rawPayload);
      expect(text).toContain("个案矫正工作记录");
      expect(text).toContain("日常监管和教育帮扶记录");
      expect(text).toContain("推荐参加县人社局电工培训");
      expect(text).toContain("补录：外出培训点，回所后补录");
      // A year of the demo's history: reports, checks, visits and handled alerts, each a row.
      for (const kind of ["当面报告", "信息化核查", "实地查访", "预警处置"]) expect(text).toContain(kind);
      const events = await t.database.db.kysely
        .selectFrom("case_event")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("subject_id", "=", key)
        .where("type", "in", ["in_person_report", "information_check", "field_visit"])
        .executeTakeFirstOrThrow();
      const rows = text.split("\n").filter((line) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(line));
      expect(rows.length).toBeGreaterThanOrEqual(Number(events.n));

      const whole = docxText((await head.get(`/api/subjects/${key}/book/export`)).rawPayload);
      expect(whole).toContain("日常监管和教育帮扶记录");
      expect(whole).toMatch(/初期（入矫满3个月：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）/);
      // The office's longest case: its evaluations of several quarters.
      const oldest = await t.database.db.kysely
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", officeId)
        .where("status", "=", "in_correction")
        .orderBy("intake_date")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const longest = docxText((await head.get(`/api/subjects/${oldest.id}/book/export`)).rawPayload);
      // Each evaluation on its own row with its period, not one line for all of them.
      const quarters = longest.match(/\d{4}年第[1-4]季度（/g) ?? [];
      expect(new Set(quarters).size).toBeGreaterThanOrEqual(2);
    });
  });
});
