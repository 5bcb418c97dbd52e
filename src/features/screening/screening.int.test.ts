// The quarterly screening campaign on a real database: the demo's campaign of the quarter with each
// office's completion counted here by hand; the persons left are on the office's Today and one click
// records the talk (the checklist, the talk outline, the five clears), a risk found becoming a hazard
// of the register; once per person; another office cannot; the report in Word; the sweep opens the
// next quarter's campaign by itself.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxText } from "../../../test/helpers/docx-text.ts";
import { systemActor } from "../../audit/audit.ts";
import { getPolicy } from "../../core/index.ts";
import { MAIN_COUNTY } from "../../db/demo/places.ts";
import type { TodayItem } from "../today/today.ts";
import { openDueCampaigns } from "./service.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, TALK_TOPICS } from "./tables.ts";

const body = (subjectId: string) => ({
  subjectId,
  talkedOn: "2026-11-19",
  method: "home_visit",
  checklist: Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"])),
  talk: Object.fromEntries(TALK_TOPICS.map((t) => [t, "情况正常"])),
  clears: Object.fromEntries(FIVE_CLEARS.map((c) => [c, true])),
});

describe(`the quarterly screening campaign (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let agency: Client;
  let otherHead: Client;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    agency = await t.signIn("agency.staff1");
    otherHead = await t.signIn("hexi.head");
  }, 180_000);
  afterAll(() => t?.close());

  it("shows the quarter's campaign with each office's done / persons in the register, as counted by hand", async () => {
    const res = await agency.get("/api/screening/campaigns");
    expect(res.statusCode, res.body).toBe(200);
    const [c] = res.json().items;
    expect(c).toMatchObject({ quarter: "2026-Q4", openedOn: "2026-10-01", dueOn: "2026-10-31", open: true });
    expect(c.dueOn).toBe(`2026-10-${String(1 + getPolicy().screening.talksWithinDays).padStart(2, "0")}`);
    expect(c.status).toBe("overdue");
    expect(res.json().canOpen).toBe(false);
    campaignId = c.id;
    const hand = await sql<{ office_id: string; total: string; done: string }>`
      select s.office_id, count(*) as total, count(r.id) as done
        from subject s left join screening_record r on r.subject_id = s.id and r.campaign_id = ${c.id}
       where s.county_id = ${MAIN_COUNTY.id} and s.status = 'in_correction' and s.intake_date <= '2026-10-31'
       group by s.office_id order by s.office_id`.execute(t.database.db.kysely);
    expect(hand.rows.length).toBeGreaterThan(1);
    for (const row of hand.rows) {
      const got = c.offices.find((o: { officeId: string }) => o.officeId === row.office_id);
      expect(got, row.office_id).toMatchObject({ total: Number(row.total), done: Number(row.done) });
      expect(got.total - got.done).toBeGreaterThan(0);
    }
  });

  it("puts each person still to screen on the office's Today; the form records the talk once", async () => {
    const items = (await assistant.get("/api/today?horizon=31&limit=2000")).json().items as TodayItem[];
    const todo = items.filter((i) => i.key.startsWith("screening:"));
    const detail = (await assistant.get(`/api/screening/campaigns/${campaignId}`)).json();
    const left = detail.persons.filter((p: { record: unknown }) => p.record === null);
    expect(todo.map((i) => i.subject!.id).sort()).toEqual(
      left.map((p: { subjectId: string }) => p.subjectId).sort(),
    );
    const item = todo[0]!;
    expect(item).toMatchObject({ status: "overdue", action: { kind: "screening", campaignId } });
    expect(item.basisText).toContain(String(getPolicy().screening.talksWithinDays));
    const subjectId = item.subject!.id;
    const url = `/api/screening/campaigns/${campaignId}/records`;

    const { clears: _, ...noClears } = body(subjectId);
    const missing = await assistant.post(url, { ...noClears, clears: { crime_facts: true } });
    expect([missing.statusCode, missing.json().error.field]).toEqual([400, "clears.conduct"]);
    const unclear = await assistant.post(url, {
      ...body(subjectId),
      clears: { ...body(subjectId).clears, thinking: false },
    });
    expect([unclear.statusCode, unclear.json().error.field]).toEqual([400, "risks"]);
    expect((await otherHead.post(url, body(subjectId))).statusCode).toBe(404);
    expect((await agency.post(url, body(subjectId))).statusCode).toBe(403);

    const ownerId = (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", "chengguan.assistant")
        .executeTakeFirstOrThrow()
    ).id;
    const res = await assistant.post(url, {
      ...body(subjectId),
      checklist: { ...body(subjectId).checklist, leave: "issue" },
      clears: { ...body(subjectId).clears, whereabouts: false },
      risks: "近期多次外出务工未按时请假",
      hazard: {
        kind: "unauthorized_absence",
        level: "general",
        description: "外出务工请销假不规范",
        measures: [{ measure: "谈话教育，重申请销假规定", ownerId, deadline: "2026-11-30" }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json();
    expect(record.hazardId).toEqual(expect.any(Number));
    expect(record.clears.find((c: { id: string }) => c.id === "whereabouts")).toMatchObject({
      label: "行为去向清",
      clear: false,
    });
    const hazards = (await assistant.get("/api/hazards?status=all")).json().items as { id: number }[];
    expect(hazards.find((h) => h.id === record.hazardId)).toMatchObject({
      kind: "unauthorized_absence",
      subject: { id: subjectId },
    });
    expect((await assistant.post(url, body(subjectId))).statusCode).toBe(409);

    const after = (await assistant.get("/api/today?horizon=31&limit=2000")).json().items as TodayItem[];
    expect(after.map((i) => i.key)).not.toContain(item.key);
    const office = (await agency.get("/api/screening/campaigns"))
      .json()
      .items[0].offices.find((o: { officeId: string }) => o.officeId === item.office.id);
    const before = detail.offices.find((o: { officeId: string }) => o.officeId === item.office.id);
    expect(office.done).toBe(before.done + 1);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("record_id", "=", record.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["screening.record"]);
  });

  it("keeps another office's persons out of an office's view and gives the report in Word", async () => {
    const mine = (await otherHead.get(`/api/screening/campaigns/${campaignId}`)).json();
    expect(new Set(mine.persons.map((p: { officeId: string }) => p.officeId)).size).toBe(1);
    expect(
      (await otherHead.get("/api/screening/campaigns/00000000-0000-0000-0000-000000000000")).statusCode,
    ).toBe(404);
    const doc = await agency.get(`/api/screening/campaigns/${campaignId}/report`);
    expect(doc.statusCode).toBe(200);
    const text = docxText(doc.rawPayload);
    expect(text).toContain("社区矫正安全隐患排查工作报告");
    expect(text).toContain("2026年第4季度");
    expect(text).toContain("近期多次外出务工未按时请假");
    expect(text).toContain("城关司法所");
  });

  it("lets the agency open a quarter once; the sweep opens the next quarter by itself", async () => {
    expect((await agency.post("/api/screening/campaigns", {})).statusCode).toBe(409);
    expect((await assistant.post("/api/screening/campaigns", {})).statusCode).toBe(403);
    const next = new Date("2027-01-02T08:00:00+08:00");
    const profile = async () => getPolicy();
    const opened = await openDueCampaigns(t.database.db.kysely, profile, systemActor, next);
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(await openDueCampaigns(t.database.db.kysely, profile, systemActor, next)).toBe(0);
    const row = await t.database.db.kysely
      .selectFrom("screening_campaign")
      .selectAll()
      .where("county_id", "=", MAIN_COUNTY.id)
      .where("quarter", "=", "2027-Q1")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ opened_on: "2027-01-02", due_on: "2027-02-01", opened_by: null });
  });
});
