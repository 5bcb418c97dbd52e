// The monthly risk-analysis meeting on a real database: the month's persons pre-filled from its
// alerts, violations and key persons as counted here by hand; the office records its meeting once;
// the agency holds its own; another office cannot see it; the minutes are a Word document with them.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxText } from "../../../test/helpers/docx-text.ts";

describe(`risk-analysis meetings (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let agency: Client;
  let otherHead: Client;
  let officeId: string;
  let staff: { id: string; name: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("chengguan.head");
    agency = await t.signIn("agency.head");
    otherHead = await t.signIn("hexi.head");
    const k = t.database.db.kysely;
    officeId = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    staff = (
      await k
        .selectFrom("app_user")
        .select(["id", "display_name as name"])
        .where("username", "in", ["chengguan.head", "chengguan.assistant", "chengguan.social"])
        .orderBy("username")
        .execute()
    ).map((r) => ({ id: r.id, name: r.name }));
  }, 180_000);
  afterAll(() => t?.close());

  it("pre-fills the month's persons from its alerts, violations and key persons", async () => {
    const res = await head.get("/api/risk-meetings/candidates?month=2026-11");
    expect(res.statusCode, res.body).toBe(200);
    const persons = res.json().persons as { subjectId: string; reasons: string[]; officeId: string }[];
    const rows = await sql<{ subject_id: string; reason: string }>`
      select distinct subject_id, 'alert' as reason from alert
       where office_id = ${officeId} and subject_id is not null
         and raised_at >= ${"2026-11-01T00:00:00+08:00"} and raised_at < ${"2026-12-01T00:00:00+08:00"}
      union select distinct subject_id, 'violation' from violation_case
       where office_id = ${officeId} and occurred_at >= ${"2026-11-01T00:00:00+08:00"} and occurred_at < ${"2026-12-01T00:00:00+08:00"}
      union select id, 'key' from subject where office_id = ${officeId} and status = 'in_correction' and level = 'key'`.execute(
      t.database.db.kysely,
    );
    const hand = new Map<string, string[]>();
    for (const r of rows.rows) hand.set(r.subject_id, [...(hand.get(r.subject_id) ?? []), r.reason]);
    expect(hand.size).toBeGreaterThan(0);
    for (const [id, reasons] of hand) {
      const got = persons.find((p) => p.subjectId === id);
      expect(got, id).toBeDefined();
      for (const r of reasons) expect(got!.reasons).toContain(r);
    }
    expect(new Set(persons.map((p) => p.officeId))).toEqual(new Set([officeId]));
  });

  it("records the office's meeting once a month and gives the minutes in Word", async () => {
    const pre = (await head.get("/api/risk-meetings/candidates?month=2026-11")).json().persons as {
      subjectId: string;
      name: string;
    }[];
    const body = {
      month: "2026-11",
      heldOn: "2026-11-20",
      place: "城关司法所会议室",
      host: "周卫东",
      attendeeIds: staff.map((s) => s.id),
      persons: pre
        .slice(0, 2)
        .map((p) => ({ subjectId: p.subjectId, assessment: "情绪稳定，继续按重点人员管理" })),
      decisions: [{ text: "对重点人员每周实地查访一次", ownerId: staff[1]!.id, deadline: "2026-11-30" }],
      summary: "本月风险总体可控，债务纠纷需持续跟进。",
    };
    const one = await head.post("/api/risk-meetings", { ...body, attendeeIds: [staff[0]!.id] });
    expect([one.statusCode, one.json().error.field]).toEqual([400, "attendeeIds"]);
    const future = await head.post("/api/risk-meetings", { ...body, heldOn: "2026-11-21" });
    expect([future.statusCode, future.json().error.field]).toEqual([400, "heldOn"]);
    const res = await head.post("/api/risk-meetings", body);
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json();
    expect(meeting.unit).toBe("城关司法所");
    expect(meeting.persons).toHaveLength(Math.min(2, pre.length));
    expect(meeting.decisions[0]).toMatchObject({ ownerName: staff[1]!.name, deadline: "2026-11-30" });
    expect((await head.post("/api/risk-meetings", body)).statusCode).toBe(409);
    expect(
      (await otherHead.get("/api/risk-meetings")).json().items.map((m: { id: number }) => m.id),
    ).not.toContain(meeting.id);
    expect((await otherHead.get(`/api/risk-meetings/${meeting.id}/minutes`)).statusCode).toBe(404);
    expect((await agency.get("/api/risk-meetings")).json().items.map((m: { id: number }) => m.id)).toContain(
      meeting.id,
    );

    const doc = await head.get(`/api/risk-meetings/${meeting.id}/minutes`);
    expect(doc.statusCode).toBe(200);
    const text = docxText(doc.rawPayload);
    expect(text).toContain("社区矫正风险研判分析会议记录");
    expect(text).toContain("对重点人员每周实地查访一次");
    for (const p of meeting.persons) expect(text).toContain(p.name);
    for (const s of staff) expect(text).toContain(s.name);
  });

  it("lets the agency hold its own meeting over the county", async () => {
    const pre = (await agency.get("/api/risk-meetings/candidates?month=2026-11")).json().persons as {
      officeId: string;
    }[];
    expect(new Set(pre.map((p) => p.officeId)).size).toBeGreaterThan(1);
    const k = t.database.db.kysely;
    const ids = (
      await k
        .selectFrom("app_user")
        .select("id")
        .where("username", "in", ["agency.head", "agency.staff1"])
        .execute()
    ).map((r) => r.id);
    const res = await agency.post("/api/risk-meetings", {
      month: "2026-11",
      heldOn: "2026-11-20",
      place: "县社区矫正中心",
      host: "陈建华",
      attendeeIds: ids,
      persons: [],
      decisions: [],
      summary: "各所均已召开本月研判会。",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ officeId: null, unit: "青禾县社区矫正机构" });
  });
});
