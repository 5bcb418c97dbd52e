// Leave end to end through the API on a real database with the demo county: filing with proof, the
// engine's advice, the approval chain by length and level, overrides, overlaps, the engine's input,
// checks while away, 销假, the overdue alert from the sweep, the Word documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { clockStartingAt } from "../../shared/clock.ts";
import { evaluateSubjects } from "../rules/case-facts.ts";

const NOW = new Date(`${DEMO_TODAY}T09:00:00+08:00`); // 2026-11-20, a Friday
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
const HANGZHOU_SHANGCHENG = "330102";

interface Advice {
  days: number | null;
  approver: { by: string; label: string; basis: string };
  refusals: { id: string; label: string; ids?: string[] }[];
  warnings: { id: string; label: string }[];
  checksWhileAway: { id: string; perDay: number; from: string; to: string }[];
  returnDue: { date: string; status: string } | null;
  overdue: boolean;
}

describe(`leave and movement (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let agencyHead: Client;
  let normal: string;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: clockStartingAt(NOW) });
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agencyHead = await t.signIn("agency.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    const pick = async (level: "key" | "normal", termAfter: string) => {
      const row = await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", office.place_id)
        .where("status", "=", "in_correction")
        .where("level", "=", level)
        .where("term_end", ">", termAfter)
        .where(
          "id",
          "not in",
          k
            .selectFrom("case_event")
            .select("subject_id")
            .where("type", "=", "leave")
            .where("end_date", ">=", "2026-11-01"),
        )
        .orderBy("id")
        .executeTakeFirstOrThrow();
      return row.id;
    };
    normal = await pick("normal", "2027-06-01");
    key = await pick("key", "2026-12-03");
  }, 180_000);
  afterAll(() => t?.close());

  const file = async (client: Client, body: Record<string, unknown>) =>
    client.post("/api/leave", {
      kind: "ordinary",
      destinationCounty: HANGZHOU_SHANGCHENG,
      reason: "探望住院的母亲",
      proofs: [{ fileName: "住院证明.pdf", contentBase64: PDF }],
      ...body,
    });
  const decide = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post(`/api/leave/${id}/decision`, { decision: "approve", comment: "同意", ...body });
  const errorOf = (body: string) =>
    JSON.parse(body).error as { code: string; message: string; field?: string };

  it("serves the division pickers from the data set and the county's own places", async () => {
    const provinces = JSON.parse((await assistant.get("/api/divisions")).body).items as {
      code: string;
      name: string;
    }[];
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(["浙江省", "北京市", "禾川省"]));
    const cities = JSON.parse((await assistant.get("/api/divisions?parent=330000")).body).items;
    expect(cities).toContainEqual({ code: "330100", name: "杭州市", leaf: false });
    const counties = JSON.parse((await assistant.get("/api/divisions?parent=330100")).body).items;
    expect(counties).toContainEqual({ code: HANGZHOU_SHANGCHENG, name: "上城区", leaf: true });
    // Municipalities list their districts directly.
    const beijing = JSON.parse((await assistant.get("/api/divisions?parent=110000")).body).items;
    expect(beijing[0]).toMatchObject({ code: "110101", name: "东城区", leaf: true });
    expect((await assistant.get("/api/divisions?parent=33")).statusCode).toBe(400);
    // The installation's own counties are named as divisions, not as their agencies.
    const yunzhou = JSON.parse((await assistant.get("/api/divisions?parent=990100")).body).items;
    expect(yunzhou).toContainEqual({ code: "990122", name: "石岭县", leaf: true });
  });

  let fiveDay: string;
  let keyLeave: string;
  it("the office files a 5-day leave with proof and sees the engine's advice at once", async () => {
    const response = await file(assistant, { subjectId: normal, from: "2026-11-25", to: "2026-11-29" });
    expect(response.statusCode, response.body).toBe(201);
    const { id, advice } = JSON.parse(response.body) as { id: string; advice: Advice };
    fiveDay = id;
    expect(advice).toMatchObject({ days: 5, approver: { by: "office", label: "司法所负责人审批" } });
    expect(advice.refusals).toEqual([]);
    expect(advice.warnings).toEqual([]);
    expect(advice.checksWhileAway.map((c) => [c.id, c.perDay])).toEqual([
      ["agency_leave_check", 1],
      ["leave_signin_check", 3],
    ]);
    const detail = JSON.parse((await head.get(`/api/leave/${id}`)).body);
    expect(detail).toMatchObject({
      status: "pending",
      statusLabel: "待审批",
      destinationName: "浙江省 杭州市 上城区",
      can: { decide: true },
    });
    expect(detail.proofs).toHaveLength(1);
    const proof = await head.get(`/api/leave/${id}/proofs/${detail.proofs[0].id}`);
    expect(proof.headers["content-type"]).toBe("application/pdf");
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("record_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("leave.create");
  });

  it("only the office head approves a leave of up to 7 days, once, with a comment", async () => {
    expect((await decide(assistant, fiveDay, {})).statusCode).toBe(403);
    const agency = await decide(agencyHead, fiveDay, {});
    expect(agency.statusCode).toBe(403);
    expect(errorOf(agency.body).message).toContain("司法所负责人审批");
    const noComment = await decide(head, fiveDay, { comment: "  " });
    expect([noComment.statusCode, errorOf(noComment.body).field]).toEqual([400, "comment"]);
    const approved = await decide(head, fiveDay, { comment: "事由属实，同意" });
    expect(approved.statusCode, approved.body).toBe(200);
    const twice = await decide(head, fiveDay, {});
    expect(twice.statusCode).toBe(409);
    const k = t.database.db.kysely;
    const decisions = await k
      .selectFrom("leave_decision")
      .selectAll()
      .where("application_id", "=", fiveDay)
      .execute();
    expect(decisions).toHaveLength(1);
    const audit = await k.selectFrom("audit_log").select("action").where("record_id", "=", fiveDay).execute();
    expect(audit.map((a) => a.action)).toContain("leave.approve");
  });

  it("the engine gets the approved leave: three sign-in checks on each day away", async () => {
    const during = new Date("2026-11-29T20:00:00+08:00");
    const evaluation = (await evaluateSubjects(t.database.db.kysely, [normal], during, t.app.policies)).get(
      normal,
    )!;
    expect(evaluation.ok).toBe(true);
    if (!evaluation.ok) return;
    const signins = evaluation.result.obligations.filter((o) => o.kind === "leave_signin_check");
    expect(signins.map((o) => o.periodStart)).toEqual([
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    expect(signins.every((o) => o.required === 3)).toBe(true);
    expect(evaluation.result.obligations.some((o) => o.kind === "leave_phone_check")).toBe(false);
  });

  it("an overlapping leave can be filed but not approved: the refusal names the field", async () => {
    const response = await file(assistant, { subjectId: normal, from: "2026-11-29", to: "2026-12-01" });
    expect(response.statusCode, response.body).toBe(201);
    const { id, advice } = JSON.parse(response.body) as { id: string; advice: Advice };
    expect(advice.refusals).toEqual([expect.objectContaining({ id: "overlaps", ids: [fiveDay] })]);
    const refused = await decide(head, id, {});
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused.body)).toMatchObject({ code: "leave_refused", field: "from" });
    expect(errorOf(refused.body).message).toContain("与已批准的请假时间重叠");
    const status = JSON.parse((await head.get(`/api/leave/${id}`)).body).status;
    expect(status).toBe("pending");
    // It can still be refused, with a comment.
    expect((await decide(head, id, { decision: "refuse", comment: "与已批准请假重叠" })).statusCode).toBe(
      200,
    );
  });

  it("two overlapping applications approved at the same moment: one is approved, the other refused", async () => {
    const a = JSON.parse(
      (await file(assistant, { subjectId: normal, from: "2026-12-20", to: "2026-12-22" })).body,
    );
    const b = JSON.parse(
      (await file(assistant, { subjectId: normal, from: "2026-12-21", to: "2026-12-23" })).body,
    );
    const results = await Promise.all([decide(head, a.id, {}), decide(head, b.id, {})]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const approved = await t.database.db.kysely
      .selectFrom("leave_application")
      .select("id")
      .where("id", "in", [a.id, b.id])
      .where("status", "=", "approved")
      .execute();
    expect(approved).toHaveLength(1);
  });

  it("a key person's 10-day leave goes to the agency and needs a written override", async () => {
    const response = await file(assistant, { subjectId: key, from: "2026-11-24", to: "2026-12-03" });
    expect(response.statusCode, response.body).toBe(201);
    const { id, advice } = JSON.parse(response.body) as { id: string; advice: Advice };
    keyLeave = id;
    expect(advice.approver.by).toBe("agency");
    expect(advice.warnings.map((w) => w.id)).toEqual(["key_person"]);
    expect(advice.checksWhileAway.map((c) => c.id)).toContain("leave_phone_check");
    expect((await decide(head, id, {})).statusCode).toBe(403);
    const bare = await decide(agencyHead, id, {});
    expect([bare.statusCode, errorOf(bare.body).field]).toEqual([400, "overrideReason"]);
    expect(errorOf(bare.body).message).toContain("重点人员");
    const ok = await decide(agencyHead, id, { overrideReason: "其父病危，经集体研判同意；每日电话核查" });
    expect(ok.statusCode, ok.body).toBe(200);
    const stored = await t.database.db.kysely
      .selectFrom("leave_decision")
      .select(["override_reason", "decided_role"])
      .where("application_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      override_reason: "其父病危，经集体研判同意；每日电话核查",
      decided_role: "agency_head",
    });
  });

  it("a standing approval of more than 6 months is refused by the engine", async () => {
    const response = await file(assistant, {
      subjectId: normal,
      kind: "standing",
      from: "2026-12-01",
      to: "2027-06-01",
    });
    const { id, advice } = JSON.parse(response.body) as { id: string; advice: Advice };
    expect(advice.approver.by).toBe("agency");
    expect(advice.refusals.map((r) => r.id)).toEqual(["too_long"]);
    const refused = await decide(agencyHead, id, {});
    expect([refused.statusCode, errorOf(refused.body).field]).toEqual([409, "to"]);
  });

  it("bad input is a 400 naming the field, and nothing is stored", async () => {
    const k = t.database.db.kysely;
    const before = await k.selectFrom("leave_application").select("id").execute();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ from: "2026-11-30", to: "2026-11-25" }, "to"],
      [{ from: "2026-02-30", to: "2026-03-02" }, "from"],
      [{ from: "2026-11-25", to: "2026-11-26", destinationCounty: "999999" }, "destinationCounty"],
      [{ from: "2026-11-25", to: "2026-11-26", destinationCounty: "3301" }, "destinationCounty"],
      [{ from: "2026-11-25", to: null }, "to"],
      [{ from: "2026-11-10", to: "2026-11-12" }, "from"],
      [
        {
          from: "2026-11-25",
          to: "2026-11-26",
          proofs: [{ fileName: "证明.pdf", contentBase64: Buffer.from("not a pdf").toString("base64") }],
        },
        "proofs[0].contentBase64",
      ],
    ];
    for (const [body, field] of cases) {
      const response = await file(assistant, { subjectId: normal, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const error = errorOf(response.body);
      expect(error.field, response.body).toBe(field);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const inside = await file(assistant, {
      subjectId: normal,
      from: "2026-11-25",
      to: "2026-11-26",
      destinationCounty: "990121",
    });
    expect([inside.statusCode, errorOf(inside.body).field]).toEqual([400, "destinationCounty"]);
    expect(await k.selectFrom("leave_application").select("id").execute()).toHaveLength(before.length);
  });

  it("records the checks while away in one call; an abnormal one raises an alert", async () => {
    const normalCheck = await assistant.post(`/api/subjects/${normal}/leave-checks`, {
      kind: "leave_signin_check",
      method: "online_signin",
      result: "normal",
    });
    expect(normalCheck.statusCode, normalCheck.body).toBe(201);
    expect(JSON.parse(normalCheck.body).alertId).toBeNull();
    const abnormal = await assistant.post(`/api/subjects/${key}/leave-checks`, {
      kind: "leave_phone_check",
      method: "phone",
      result: "abnormal",
      abnormalKind: "lost_contact",
      note: "电话无人接听",
    });
    expect(abnormal.statusCode, abnormal.body).toBe(201);
    expect(JSON.parse(abnormal.body).alertId).toEqual(expect.any(Number));
    const missingNote = await assistant.post(`/api/subjects/${key}/leave-checks`, {
      kind: "leave_phone_check",
      method: "phone",
      result: "abnormal",
    });
    expect([missingNote.statusCode, errorOf(missingNote.body).field]).toEqual([400, "note"]);
  });

  it("not back after the last day: one orange leave_overdue alert however often the sweep runs", async () => {
    const k = t.database.db.kysely;
    const later = new Date("2026-11-30T10:00:00+08:00");
    await runSweep(t.database.db, later);
    await runSweep(t.database.db, new Date("2026-11-30T11:00:00+08:00"));
    const alerts = await k
      .selectFrom("alert")
      .selectAll()
      .where("source", "=", `leave_overdue:${fiveDay}`)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "leave_overdue", colour: "orange", subject_id: normal });
    // The key person's leave (ends 12-03) is not over: nothing for it.
    expect(
      await k.selectFrom("alert").select("id").where("source", "=", `leave_overdue:${keyLeave}`).execute(),
    ).toHaveLength(0);
    // The demo's leave that ended on 11-22 without 销假 is overdue too: one alert of its own.
    const demo = await k
      .selectFrom("leave_application")
      .select("id")
      .where("status", "=", "approved")
      .where("to_date", "<", "2026-11-30")
      .where("id", "like", "demo-leave-%")
      .execute();
    const all = await k.selectFrom("alert").select("source").where("kind", "=", "leave_overdue").execute();
    expect(all.map((a) => a.source).sort()).toEqual(
      [`leave_overdue:${fiveDay}`, ...demo.map((d) => `leave_overdue:${d.id}`)].sort(),
    );
  });

  it("销假 closes the leave; an early return ends it early for the engine", async () => {
    const late = await head.post(`/api/leave/${fiveDay}/return`, { method: "in_person", note: "已返回" });
    expect(late.statusCode, late.body).toBe(200);
    expect((await head.post(`/api/leave/${fiveDay}/return`, { method: "phone" })).statusCode).toBe(409);
    const detail = JSON.parse((await head.get(`/api/leave/${fiveDay}`)).body);
    expect(detail).toMatchObject({ status: "closed", statusLabel: "已销假", returnMethod: "in_person" });

    // A second leave, approved, then back on its second day: the engine's leave ends on the first.
    const response = await file(assistant, { subjectId: normal, from: "2026-12-05", to: "2026-12-09" });
    const { id } = JSON.parse(response.body) as { id: string };
    expect((await decide(head, id, {})).statusCode).toBe(200);
    const k = t.database.db.kysely;
    const leaveEvent = await k
      .selectFrom("leave_application")
      .select("leave_event_id")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await k
      .insertInto("case_event")
      .values({
        subject_id: normal,
        office_id: (
          await k.selectFrom("subject").select("office_id").where("id", "=", normal).executeTakeFirstOrThrow()
        ).office_id,
        type: "leave_return",
        at: new Date("2026-12-06T10:00:00+08:00"),
        data: JSON.stringify({ applicationId: id, leaveEventId: leaveEvent.leave_event_id }),
      })
      .execute();
    const evaluation = (
      await evaluateSubjects(
        t.database.db.kysely,
        [normal],
        new Date("2026-12-08T10:00:00+08:00"),
        t.app.policies,
      )
    ).get(normal)!;
    if (!evaluation.ok) throw new Error(evaluation.problem);
    const days = evaluation.result.obligations
      .filter((o) => o.kind === "leave_signin_check" && o.periodStart >= "2026-12-01")
      .map((o) => o.periodStart);
    expect(days).toEqual(["2026-12-05"]);
  });

  it("lists by status and prints the approval form and the notice in Word", async () => {
    const pending = JSON.parse((await head.get("/api/leave?status=pending")).body).items as { id: string }[];
    expect(pending.every((a) => a.id !== fiveDay)).toBe(true);
    const closed = JSON.parse((await head.get("/api/leave?status=closed")).body).items as { id: string }[];
    expect(closed.map((a) => a.id)).toContain(fiveDay);
    // Another office's head sees none of them.
    const other = await t.signIn("shiling.head");
    const theirs = JSON.parse((await other.get("/api/leave")).body).items as { id: string }[];
    expect(theirs.map((a) => a.id)).not.toContain(fiveDay);
    expect((await other.get(`/api/leave/${fiveDay}`)).statusCode).toBe(404);
    expect((await decide(other, fiveDay, { decision: "refuse" })).statusCode).toBe(404);
    const foreignFiling = await file(await t.signIn("shiling.assistant"), {
      subjectId: normal,
      from: "2026-12-20",
      to: "2026-12-21",
    });
    expect(foreignFiling.statusCode).toBe(404);
    for (const kind of ["approval_form", "notice"]) {
      const doc = await head.get(`/api/leave/${fiveDay}/document?kind=${kind}`);
      expect(doc.statusCode).toBe(200);
      expect(doc.rawPayload.subarray(0, 2).toString()).toBe("PK");
    }
  });

  it("the month's leave files: an item on Today until handed in, then the agency's to review", async () => {
    const todayItems = async (client: Client) =>
      (
        JSON.parse((await client.get("/api/today?horizon=31&limit=2000")).body).items as {
          key: string;
          status: string;
        }[]
      ).filter((i) => i.key.startsWith("leave_files"));
    // On 2026-11-20 the files of October are due by 11-10. The office with October leave sees an
    // overdue hand-in; an office without leave in October has nothing to hand in.
    const perOffice = JSON.parse((await agencyHead.get("/api/leave/files?month=2026-10")).body).offices as {
      id: string;
      applications: unknown[];
    }[];
    const withLeave = perOffice.find((o) => o.applications.length > 0)!;
    const without = perOffice.find((o) => o.applications.length === 0)!;
    const k = t.database.db.kysely;
    const userOf = async (officeId: string) =>
      (
        await k
          .selectFrom("app_user")
          .select("username")
          .where("place_id", "=", officeId)
          .where("role", "=", "office_assistant")
          .executeTakeFirstOrThrow()
      ).username;
    const assistant = await t.signIn(await userOf(withLeave.id));
    expect(await todayItems(await t.signIn(await userOf(without.id)))).toEqual([]);
    const officeItems = await todayItems(assistant);
    expect(officeItems).toEqual([expect.objectContaining({ status: "overdue" })]);
    expect(officeItems[0]!.key).toBe(`leave_files:${withLeave.id}:2026-10`);
    expect((await todayItems(agencyHead)).some((i) => i.key === officeItems[0]!.key)).toBe(true);
    const files = JSON.parse((await assistant.get("/api/leave/files?month=2026-10")).body);
    expect(files.dueBy).toBe("2026-11-10");
    expect(files.offices).toHaveLength(1);
    const count = files.offices[0].applications.length;
    expect(count).toBeGreaterThan(0);

    const handin = await assistant.post("/api/leave/files", { month: "2026-10" });
    expect(handin.statusCode, handin.body).toBe(201);
    expect(JSON.parse(handin.body).applications).toBe(count);
    expect((await assistant.post("/api/leave/files", { month: "2026-10" })).statusCode).toBe(409);
    expect((await assistant.post("/api/leave/files", { month: "2026-11" })).statusCode).toBe(400);
    expect(await todayItems(assistant)).toEqual([]);
    const { id } = JSON.parse(handin.body) as { id: number };
    expect((await todayItems(agencyHead)).map((i) => i.key)).toContain(`leave_files_review:${id}`);

    const register = await agencyHead.get(`/api/leave/files/${id}/register`);
    expect(register.statusCode).toBe(200);
    expect(register.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await head.post(`/api/leave/files/${id}/review`, { note: "齐全" })).statusCode).toBe(403);
    const reviewed = await agencyHead.post(`/api/leave/files/${id}/review`, { note: "材料齐全，已审查" });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((await agencyHead.post(`/api/leave/files/${id}/review`, { note: "再审" })).statusCode).toBe(409);
    expect((await todayItems(agencyHead)).map((i) => i.key)).not.toContain(`leave_files_review:${id}`);
  });
});
