// Major-event reports on a real database: an office reports a new crime at once; it is on the agency's
// Today until the agency closes it, with the follow-up reports; the statistics count it as reoffending
// in its month and drill to the person; another office does not see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";

describe(`major-event reports (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let agency: Client;
  let otherHead: Client;
  let subject: { id: string; name: string };
  let eventId: number;

  const agencyToday = async () =>
    ((await agency.get("/api/today?limit=2000")).json().items as { key: string; title: string }[]).filter(
      (i) => i.key.startsWith("major_event:"),
    );

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("chengguan.head");
    agency = await t.signIn("agency.head");
    otherHead = await t.signIn("hexi.head");
    const k = t.database.db.kysely;
    const office = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    subject = await k
      .selectFrom("subject")
      .select(["id", "name"])
      .where("office_id", "=", office)
      .where("status", "=", "in_correction")
      .where("birth_date", "<", "2000-01-01")
      .orderBy("id")
      .executeTakeFirstOrThrow();
  }, 180_000);
  afterAll(() => t?.close());

  it("reports a new crime at once; it is on the agency's Today and counted as reoffending", async () => {
    const before = (await agency.get("/api/statistics?period=month&date=2026-11-20")).json();
    const reoffBefore = before.indicators.find((f: { id: string }) => f.id === "reoffending");
    const bad = await head.post("/api/major-events", {
      kind: "new_crime",
      occurredAt: "2026-11-19T21:00:00+08:00",
      summary: "涉嫌盗窃",
    });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, "subjectId"]);
    const res = await head.post("/api/major-events", {
      kind: "new_crime",
      subjectId: subject.id,
      occurredAt: "2026-11-19T21:00:00+08:00",
      summary: "该对象因涉嫌盗窃被县公安局刑事拘留",
    });
    expect(res.statusCode, res.body).toBe(201);
    eventId = res.json().id;
    expect(res.json()).toMatchObject({ kindLabel: "重新犯罪", subject: { id: subject.id }, closedAt: null });
    expect((await agencyToday()).map((i) => i.key)).toContain(`major_event:${eventId}`);
    expect((await otherHead.get("/api/major-events")).json().items).toEqual([]);

    const after = (await agency.get("/api/statistics?period=month&date=2026-11-20")).json();
    const reoff = after.indicators.find((f: { id: string }) => f.id === "reoffending");
    expect(reoff.numerator).toBe(reoffBefore.numerator + 1);
    const drill = (
      await agency.get("/api/statistics/persons?period=month&date=2026-11-20&figure=reoffending")
    ).json();
    expect(
      drill.persons
        .filter((p: { counted: boolean }) => p.counted)
        .map((p: { subjectId: string }) => p.subjectId),
    ).toContain(subject.id);
    // October is not touched by a November event.
    const oct = (await agency.get("/api/statistics?period=month&date=2026-10-15")).json();
    expect(oct.indicators.find((f: { id: string }) => f.id === "reoffending").numerator).toBe(0);
  });

  it("takes follow-up reports and is closed by the agency only, leaving Today", async () => {
    const update = await head.post(`/api/major-events/${eventId}/updates`, {
      text: "检察院已批准逮捕，拟提请撤销缓刑",
    });
    expect(update.statusCode, update.body).toBe(201);
    expect(update.json().updates).toHaveLength(1);
    expect((await otherHead.post(`/api/major-events/${eventId}/updates`, { text: "x" })).statusCode).toBe(
      404,
    );
    expect((await head.post(`/api/major-events/${eventId}/close`, { note: "结案" })).statusCode).toBe(403);
    const closed = await agency.post(`/api/major-events/${eventId}/close`, {
      note: "已提请撤销缓刑，转入违规处置",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect((await agencyToday()).map((i) => i.key)).not.toContain(`major_event:${eventId}`);
    expect((await head.post(`/api/major-events/${eventId}/updates`, { text: "再续报" })).statusCode).toBe(
      409,
    );
  });
});
