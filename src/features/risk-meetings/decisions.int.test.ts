// Risk-meeting decisions as work, on a real database: the demo's open decisions are on the Today of
// their owner's unit (the office's near its deadline, the agency's past it); the unit marks one done
// with a note, once, and it goes from Today; another office neither sees nor closes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import type { TodayItem } from "../today/today.ts";

describe(`risk-meeting decisions on Today (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let agency: Client;
  let otherHead: Client;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    agency = await t.signIn("agency.staff1");
    otherHead = await t.signIn("hexi.head");
  }, 180_000);
  afterAll(() => t?.close());

  const decisionItems = async (client: Client) =>
    ((await client.get("/api/today?horizon=31&limit=2000")).json().items as TodayItem[]).filter((i) =>
      i.key.startsWith("risk_decision:"),
    );

  it("lists each open decision near or past its deadline on its owner's unit's Today", async () => {
    const office = await decisionItems(assistant);
    expect(office).toHaveLength(1);
    expect(office[0]).toMatchObject({
      status: "open",
      dueBy: "2026-11-22T23:59:59+08:00",
      mine: true,
      action: { kind: "risk_decision" },
    });
    expect(office[0]!.basisText).toMatch(/3/);
    const agencyItems = await decisionItems(agency);
    expect(agencyItems.map((i) => [i.status, i.group])).toEqual([["overdue", "agency"]]);
    expect(await decisionItems(otherHead)).toEqual([]);
    // The decision already done in the demo is not on Today.
    const meetings = (await assistant.get("/api/risk-meetings")).json().items;
    const demo = meetings.find((m: { month: string }) => m.month === "2026-10");
    expect(demo.decisions[0].done).toMatchObject({ note: expect.any(String) });
    expect(demo.decisions[1].done).toBeNull();
  });

  it("marks a decision done with a note, once; another office cannot", async () => {
    const [item] = await decisionItems(assistant);
    const { meetingId, index } = item!.action!.decision!;
    const url = `/api/risk-meetings/${meetingId}/decisions/${index}/done`;
    const empty = await assistant.post(url, { note: " " });
    expect([empty.statusCode, empty.json().error.field]).toEqual([400, "note"]);
    expect((await otherHead.post(url, { note: "已办" })).statusCode).toBe(404);
    expect(
      (await assistant.post(`/api/risk-meetings/${meetingId}/decisions/9/done`, { note: "已办" })).statusCode,
    ).toBe(404);
    const res = await assistant.post(url, { note: "已联系村委会调解，双方达成还款协议" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().decisions[index].done).toMatchObject({ note: "已联系村委会调解，双方达成还款协议" });
    expect((await assistant.post(url, { note: "再次办结" })).statusCode).toBe(409);
    expect(await decisionItems(assistant)).toEqual([]);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("action", "=", "risk_meeting.decision_done")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
