// The hazard register on a real database: an office records a person's hazard with its measure, owner
// and deadline; bad input names its field; another office does not see it; the measure is on the
// owner's Today before its deadline, on the agency's once overdue, and the sweep raises one alert for
// it however often it runs; follow-ups, marking the measure done, and closing only when all are done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { FIXED_NOW } from "../../../test/helpers/fixed-now.ts";
import { runSweep } from "../../jobs/sweep.ts";

interface Item {
  key: string;
  status: string;
  mine: boolean;
  title: string;
  action: { kind: string } | null;
}

describe(`hazard register (${databaseLabel})`, () => {
  let t: TestApp;
  let now = new Date(FIXED_NOW);
  let head: Client;
  let assistant: Client;
  let agency: Client;
  let otherHead: Client;
  let prosecutor: Client;
  let subjectId: string;
  let assistantId: string;
  let hazardId: number;
  let measureId: number;

  const todayKeys = async (c: Client) => {
    const res = await c.get("/api/today?limit=2000&horizon=7");
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Item[]).filter((i) => i.key.startsWith("hazard:"));
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => now } });
    head = await t.signIn("chengguan.head");
    assistant = await t.signIn("chengguan.assistant");
    agency = await t.signIn("agency.head");
    otherHead = await t.signIn("hexi.head");
    prosecutor = await t.signIn("prosecutor");
    const k = t.database.db.kysely;
    const a = await k
      .selectFrom("app_user")
      .select(["id", "place_id"])
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    assistantId = a.id;
    subjectId = (
      await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", a.place_id)
        .where("status", "=", "in_correction")
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
  }, 180_000);
  afterAll(() => t?.close());

  const body = () => ({
    subjectId,
    kind: "debt",
    level: "serious",
    description: "与同村村民因借款十万元发生纠纷，对方多次上门催讨，情绪激动",
    foundOn: "2026-11-19",
    measures: [
      { measure: "联系村调委会组织调解，约定还款计划", ownerId: assistantId, deadline: "2026-11-22" },
    ],
  });

  it("refuses bad input, naming the field", async () => {
    const noOne = await head.post("/api/hazards", { ...body(), subjectId: undefined });
    expect([noOne.statusCode, noOne.json().error.field]).toEqual([400, "subjectId"]);
    const k = t.database.db.kysely;
    const foreign = await k
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "shiling.assistant")
      .executeTakeFirstOrThrow();
    const badOwner = await head.post("/api/hazards", {
      ...body(),
      measures: [{ ...body().measures[0]!, ownerId: foreign.id }],
    });
    expect([badOwner.statusCode, badOwner.json().error.field]).toEqual([400, "measures.0.ownerId"]);
    const past = await head.post("/api/hazards", {
      ...body(),
      measures: [{ ...body().measures[0]!, deadline: "2026-11-19" }],
    });
    expect([past.statusCode, past.json().error.field]).toEqual([400, "measures.0.deadline"]);
    const noMeasure = await head.post("/api/hazards", { ...body(), measures: [] });
    expect([noMeasure.statusCode, noMeasure.json().error.field]).toEqual([400, "measures"]);
    expect((await prosecutor.post("/api/hazards", body())).statusCode).toBe(403);
    expect((await otherHead.post("/api/hazards", body())).statusCode).toBe(404);
  });

  it("records a person's hazard with its measure, owner and deadline, seen by its office and the agency only", async () => {
    const res = await head.post("/api/hazards", body());
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    hazardId = h.id;
    measureId = h.measures[0].id;
    expect(h).toMatchObject({ kindLabel: "债务纠纷", levelLabel: "较大", overdue: false, closedAt: null });
    expect(h.measures[0]).toMatchObject({ ownerName: "李婷", deadline: "2026-11-22", status: "open" });
    const mine = (await head.get("/api/hazards")).json().items.map((i: { id: number }) => i.id);
    expect(mine).toContain(hazardId);
    expect((await agency.get("/api/hazards")).json().items.map((i: { id: number }) => i.id)).toContain(
      hazardId,
    );
    expect((await prosecutor.get("/api/hazards")).json().items.map((i: { id: number }) => i.id)).toContain(
      hazardId,
    );
    expect((await otherHead.get("/api/hazards")).json().items.map((i: { id: number }) => i.id)).not.toContain(
      hazardId,
    );
    expect((await otherHead.post(`/api/hazards/${hazardId}/followups`, { text: "看看" })).statusCode).toBe(
      404,
    );
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("record_type", "=", "hazard")
      .where("record_id", "=", String(hazardId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["hazard.record"]);
  });

  it("puts the measure on the owner's Today before its deadline and on the agency's once overdue", async () => {
    const own = await todayKeys(assistant);
    expect(own.find((i) => i.key === `hazard:${measureId}`)).toMatchObject({
      status: "open",
      mine: true,
      action: { kind: "hazard" },
    });
    expect((await todayKeys(agency)).map((i) => i.key)).not.toContain(`hazard:${measureId}`);
    // Days later (sessions end with the idle time: everyone signs in again).
    now = new Date("2026-11-24T09:00:00+08:00");
    head = await t.signIn("chengguan.head");
    assistant = await t.signIn("chengguan.assistant");
    agency = await t.signIn("agency.head");
    expect((await todayKeys(assistant)).find((i) => i.key === `hazard:${measureId}`)?.status).toBe("overdue");
    expect((await todayKeys(agency)).find((i) => i.key === `hazard:${measureId}`)?.status).toBe("overdue");
    expect(
      (await head.get("/api/hazards")).json().items.find((i: { id: number }) => i.id === hazardId).overdue,
    ).toBe(true);
  });

  it("raises one alert for the overdue measure however often the sweep runs", async () => {
    await runSweep(t.database.db, new Date("2026-11-24T09:00:00+08:00"));
    await runSweep(t.database.db, new Date("2026-11-24T10:00:00+08:00"));
    const alerts = await t.database.db.kysely
      .selectFrom("alert")
      .selectAll()
      .where("source", "=", `hazard:${measureId}`)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subject_id: subjectId, kind: "overdue_obligation" });
    expect(alerts[0]!.summary).toContain("联系村调委会组织调解");
  });

  it("follows up, marks the measure done and closes only when every measure is done", async () => {
    const added = await head.post(`/api/hazards/${hazardId}/measures`, {
      measure: "每周电话回访一次，掌握思想动态",
      ownerId: assistantId,
      deadline: "2026-12-10",
    });
    expect(added.statusCode, added.body).toBe(201);
    const second = added.json().measures[1].id as number;
    const note = await assistant.post(`/api/hazards/${hazardId}/followups`, {
      text: "已组织调解，双方签订还款协议",
      measureId,
      done: true,
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().measures[0].status).toBe("done");
    expect(note.json().followups).toHaveLength(1);
    const twice = await assistant.post(`/api/hazards/${hazardId}/followups`, {
      text: "再次标记",
      measureId,
      done: true,
    });
    expect(twice.statusCode).toBe(409);
    expect((await todayKeys(assistant)).map((i) => i.key)).not.toContain(`hazard:${measureId}`);
    const early = await head.post(`/api/hazards/${hazardId}/close`, { note: "隐患已消除" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("1 项整改措施未完成");
    await assistant.post(`/api/hazards/${hazardId}/followups`, {
      text: "回访正常",
      measureId: second,
      done: true,
    });
    const closed = await head.post(`/api/hazards/${hazardId}/close`, { note: "纠纷化解，隐患已消除" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect((await head.get("/api/hazards")).json().items.map((i: { id: number }) => i.id)).not.toContain(
      hazardId,
    );
    expect(
      (await head.get("/api/hazards?status=closed")).json().items.map((i: { id: number }) => i.id),
    ).toContain(hazardId);
    expect((await head.post(`/api/hazards/${hazardId}/followups`, { text: "销号后" })).statusCode).toBe(409);
  });

  it("records a place's hazard for an office chosen by the agency", async () => {
    const res = await agency.post("/api/hazards", {
      placeText: "城关镇农贸市场东侧棋牌室",
      kind: "gambling",
      level: "general",
      description: "多名社区矫正对象常在此聚集打牌",
      foundOn: "2026-11-20",
      measures: [{ measure: "会同派出所开展联合检查", ownerId: assistantId, deadline: "2026-12-05" }],
    });
    expect([res.statusCode, res.json().error?.field]).toEqual([400, "officeId"]);
    const officeId = (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    const ok = await agency.post("/api/hazards", {
      placeText: "城关镇农贸市场东侧棋牌室",
      officeId,
      kind: "gambling",
      level: "general",
      description: "多名社区矫正对象常在此聚集打牌",
      foundOn: "2026-11-20",
      measures: [{ measure: "会同派出所开展联合检查", ownerId: assistantId, deadline: "2026-12-05" }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      subject: null,
      placeText: "城关镇农贸市场东侧棋牌室",
      office: { id: officeId },
    });
  });
});
