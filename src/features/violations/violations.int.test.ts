// Violation cases end to end through the API on a real database with the demo county: two investigators
// who are staff of the office or the agency, the decision path with its review loop, the ladder's
// proposal (escalation after two reprimands not corrected), K1 and K4 from the recorded facts, the court
// clocks and their alerts, the prosecutor's read-only view, and other counties' cases not found.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { cstIso } from "../../shared/time.ts";
import "../alerts/tables.ts";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe(`violations, sanctions and the court (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let agency: Client;
  let prosecutor: Client;
  let otherCounty: Client;
  const ids: Record<string, string> = {};
  const subjects: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agency = await t.signIn("agency.staff1");
    prosecutor = await t.signIn("prosecutor");
    otherCounty = await t.signIn("shiling.head");
    const k = t.database.db.kysely;
    for (const username of [
      "chengguan.assistant",
      "chengguan.social",
      "chengguan.head",
      "agency.staff1",
      "shiling.head",
    ]) {
      const row = await k
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow();
      ids[username] = row.id;
    }
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    // Probation subjects of the office without any warning or heavier so far (K4 does not hold yet).
    const rows = await k
      .selectFrom("subject")
      .select(["id"])
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("correction_type", "=", "probation")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("case_event")
              .select("case_event.id")
              .whereRef("case_event.subject_id", "=", "subject.id")
              .where("case_event.type", "in", ["sanction", "violation"]),
          ),
        ),
      )
      .orderBy("id")
      .execute();
    subjects.push(...rows.map((r) => r.id));
    expect(subjects.length).toBeGreaterThanOrEqual(3);
  }, 180_000);
  afterAll(() => t?.close());

  const now = () => t.app.clock.now();
  const hoursAgo = (h: number) => cstIso(new Date(now().getTime() - h * 3_600_000));
  const investigators = () => [ids["chengguan.assistant"]!, ids["chengguan.social"]!];

  async function open(subjectId: string, extra: Record<string, unknown> = {}) {
    const response = await assistant.post("/api/violations", {
      subjectId,
      source: "finding",
      kind: "reporting",
      severity: "minor",
      occurredAt: hoursAgo(30),
      facts: "未按规定时间到司法所报告，经电话联系后次日补报",
      investigators: investigators(),
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }
  async function file(client: Client, caseId: string) {
    const response = await client.get(`/api/violations/${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  async function decide(caseId: string, measure: string, reason?: string) {
    const proposed = await assistant.post(`/api/violations/${caseId}/proposal`, { measure, reason });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect((await head.post(`/api/violations/${caseId}/sign`)).statusCode).toBe(200);
    const approved = await agency.post(`/api/violations/${caseId}/review`, { decision: "approve" });
    expect(approved.statusCode, approved.body).toBe(200);
  }
  const criteria = async (subjectId: string) => {
    const book = await assistant.get(`/api/subjects/${subjectId}/book`);
    expect(book.statusCode, book.body).toBe(200);
    return (book.json().classification.criteria as { id: string }[]).map((c) => c.id);
  };

  it("needs two investigators who are staff accounts of the office or the agency", async () => {
    const body = {
      subjectId: subjects[0],
      source: "finding",
      kind: "reporting",
      severity: "minor",
      occurredAt: hoursAgo(30),
      facts: "未按规定报告",
    };
    const one = await assistant.post("/api/violations", {
      ...body,
      investigators: [ids["chengguan.assistant"]],
    });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.field).toBe("investigators");
    expect(one.json().error.message).toMatch(/两名以上/);
    const same = await assistant.post("/api/violations", {
      ...body,
      investigators: [ids["chengguan.assistant"], ids["chengguan.assistant"]],
    });
    expect(same.json().error.field).toBe("investigators");
    const foreign = await assistant.post("/api/violations", {
      ...body,
      investigators: [ids["chengguan.assistant"], ids["shiling.head"]],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.field).toBe("investigators.1");
    expect(foreign.json().error.message).toMatch(/investigators/);
    const typed = await assistant.post("/api/violations", {
      ...body,
      investigators: [ids["chengguan.assistant"], "张三"],
    });
    expect(typed.json().error.field).toBe("investigators.1");
    const noSeverity = await assistant.post("/api/violations", {
      ...body,
      severity: undefined,
      investigators: investigators(),
    });
    expect(noSeverity.json().error.field).toBe("severity");
    // Nothing half-written.
    const stored = await t.database.db.kysely
      .selectFrom("violation_case")
      .select("id")
      .where("subject_id", "=", subjects[0]!)
      .execute();
    expect(stored).toEqual([]);
  });

  it("opens from a lost-contact alert, investigates, proposes, returns once, approves; K4 then holds", async () => {
    const subjectId = subjects[0]!;
    const k = t.database.db.kysely;
    const subject = await k
      .selectFrom("subject")
      .select(["office_id", "county_id"])
      .where("id", "=", subjectId)
      .executeTakeFirstOrThrow();
    const alert = await k
      .insertInto("alert")
      .values({
        county_id: subject.county_id,
        office_id: subject.office_id,
        subject_id: subjectId,
        kind: "lost_contact",
        colour: "red",
        source: `test:lost-contact:${randomUUID()}`,
        basis: "seed 000 §九.3(1)",
        summary: "失联超过 24 小时",
        raised_at: now(),
        due_by: new Date(now().getTime() + 86_400_000),
        escalates_at: now(),
        raised_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await criteria(subjectId)).not.toContain("K4");

    const caseId = await open(subjectId, {
      source: "alert",
      alertId: alert.id,
      kind: "out_of_supervision",
      severity: undefined,
      days: 12,
      facts: "手机关机、不在居住地，脱离监管十二日，后经查找到案",
    });
    const interview = await assistant.post(`/api/violations/${caseId}/interviews`, {
      interviewee: "本人",
      at: hoursAgo(2),
      place: "城关司法所",
      askedBy: ids["chengguan.assistant"],
      recordedBy: ids["chengguan.assistant"],
      content: "问：为何脱离监管？答：外出打工未请假。",
    });
    expect(interview.json().error.field).toBe("recordedBy");
    const interviewOk = await assistant.post(`/api/violations/${caseId}/interviews`, {
      interviewee: "本人",
      at: hoursAgo(2),
      place: "城关司法所",
      askedBy: ids["chengguan.assistant"],
      recordedBy: ids["chengguan.social"],
      content: "问：为何脱离监管？答：外出打工未请假。",
    });
    expect(interviewOk.statusCode, interviewOk.body).toBe(201);
    const badEvidence = await assistant.post(`/api/violations/${caseId}/evidence`, {
      description: "定位记录",
      fileName: "定位.pdf",
      contentBase64: Buffer.from("not a pdf").toString("base64"),
    });
    expect(badEvidence.json().error.field).toBe("contentBase64");
    const evidence = await assistant.post(`/api/violations/${caseId}/evidence`, {
      description: "定位记录截图",
      fileName: "定位.pdf",
      contentBase64: pdf.toString("base64"),
    });
    expect(evidence.statusCode, evidence.body).toBe(201);

    let view = await file(assistant, caseId);
    expect(view.proposal).toMatchObject({ step: "warning", stepLabel: "警告" });
    // An escape from supervision opens the case review at once.
    expect(view.reviews.map((r: { trigger: string }) => r.trigger)).toEqual(["out_of_supervision"]);
    expect(view.proposal.basis).toContain("more than 10 days");
    expect(view.proposal.grounds[0].label).toMatch(/超过十日/);
    expect(view.investigators).toHaveLength(2);
    expect(view.interviews[0].recordedBy.name).toBeTruthy();

    // A different measure needs a written reason.
    const lighter = await assistant.post(`/api/violations/${caseId}/proposal`, { measure: "reprimand" });
    expect(lighter.statusCode).toBe(400);
    expect(lighter.json().error.field).toBe("reason");
    expect(
      (await assistant.post(`/api/violations/${caseId}/proposal`, { measure: "warning" })).statusCode,
    ).toBe(200);
    // The office cannot approve its own proposal; the assistant cannot sign.
    expect((await head.post(`/api/violations/${caseId}/review`, { decision: "approve" })).statusCode).toBe(
      403,
    );
    expect((await assistant.post(`/api/violations/${caseId}/sign`)).statusCode).toBe(403);
    expect((await agency.post(`/api/violations/${caseId}/review`, { decision: "approve" })).statusCode).toBe(
      409,
    );
    expect((await head.post(`/api/violations/${caseId}/sign`)).statusCode).toBe(200);

    // Returned once with its reasons: the case goes back.
    const noReason = await agency.post(`/api/violations/${caseId}/review`, { decision: "return" });
    expect(noReason.json().error.field).toBe("reasons");
    const returned = await agency.post(`/api/violations/${caseId}/review`, {
      decision: "return",
      reasons: "请补充其雇主的证人证言",
    });
    expect(returned.statusCode).toBe(200);
    view = await file(assistant, caseId);
    expect(view.stage).toBe("returned");
    expect(view.decision.returnReasons).toBe("请补充其雇主的证人证言");
    expect(await criteria(subjectId)).not.toContain("K4");

    await decide(caseId, "warning");
    const twice = await agency.post(`/api/violations/${caseId}/review`, { decision: "approve" });
    expect(twice.statusCode).toBe(409);
    view = await file(agency, caseId);
    expect(view.stage).toBe("approved");
    expect(view.steps.map((s: { step: string }) => s.step)).toEqual([
      "opened",
      "proposed",
      "signed",
      "returned",
      "proposed",
      "signed",
      "approved",
    ]);
    expect(await criteria(subjectId)).toContain("K4");

    // Every step audited.
    const actions = await k
      .selectFrom("audit_log")
      .select("action")
      .where("record_id", "=", caseId)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "violation.open",
      "violation.interview",
      "violation.evidence",
      "violation.propose",
      "violation.sign",
      "violation.return",
      "violation.propose",
      "violation.sign",
      "violation.approve",
    ]);
  });

  it("two reprimands without correction: the ladder proposes a warning for the next violation", async () => {
    const subjectId = subjects[1]!;
    const first = await open(subjectId, { occurredAt: hoursAgo(100) });
    await decide(first, "reprimand");
    await assistant.post(`/api/violations/${first}/corrected`, { corrected: true, note: "按时报告" });
    const second = await open(subjectId, { kind: "visitor", occurredAt: hoursAgo(50) });
    expect((await file(assistant, second)).proposal.step).toBe("reprimand");
    await decide(second, "reprimand");
    const notCorrected = await head.post(`/api/violations/${second}/corrected`, {
      corrected: false,
      note: "仍与禁止接触人员往来",
    });
    expect(notCorrected.statusCode, notCorrected.body).toBe(200);
    const third = await open(subjectId, { kind: "leave", occurredAt: hoursAgo(20) });
    const view = await file(assistant, third);
    expect(view.proposal.step).toBe("warning");
    expect(view.proposal.grounds.map((g: { ground: string }) => g.ground)).toEqual(["two_reprimands"]);
    expect(view.proposal.because).toHaveLength(2);
    expect(view.proposal.basis).toContain("two reprimands without correction");
  });

  it("a worker's finding that the person resists supervision makes K1 hold", async () => {
    const subjectId = subjects[2]!;
    expect(await criteria(subjectId)).not.toContain("K1");
    const noReason = await assistant.post(`/api/subjects/${subjectId}/resists-supervision`, {
      resists: true,
      reason: "",
    });
    expect(noReason.json().error.field).toBe("reason");
    const found = await assistant.post(`/api/subjects/${subjectId}/resists-supervision`, {
      resists: true,
      reason: "多次拒绝接听工作人员电话，拒不到所报告",
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(await criteria(subjectId)).toContain("K1");
  });

  it("education refused after being told is recorded as disobedience: K1 holds", async () => {
    const subjectId = subjects[3] ?? subjects[2]!;
    await open(subjectId, {
      kind: "education_refusal",
      severity: undefined,
      facts: "经教育仍拒不参加集中教育",
    });
    expect(await criteria(subjectId)).toContain("K1");
  });

  it("the prosecutor reads cases read-only; another county does not find them", async () => {
    const list = await prosecutor.get("/api/violations?stage=all");
    expect(list.statusCode).toBe(200);
    const caseId = list.json().items[0].id;
    expect((await prosecutor.get(`/api/violations/${caseId}`)).statusCode).toBe(200);
    expect(
      (await prosecutor.post(`/api/violations/${caseId}/review`, { decision: "approve" })).statusCode,
    ).toBe(403);
    expect((await otherCounty.get(`/api/violations/${caseId}`)).statusCode).toBe(404);
    expect((await otherCounty.get("/api/violations?stage=all")).json().items).toEqual([]);
  });
});

describe(`court clocks after a revocation request (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let agency: Client;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agency = await t.signIn("agency.staff1");
  }, 180_000);
  afterAll(() => t?.close());

  it("shows the ruling and arrest clocks on the case and on Today; the sweep raises the overdue one once", async () => {
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    const subject = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("correction_type", "=", "probation")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const staff = await k
      .selectFrom("app_user")
      .select("id")
      .where("username", "in", ["chengguan.assistant", "chengguan.psych"])
      .execute();
    const now = t.app.clock.now();
    const opened = await assistant.post("/api/violations", {
      subjectId: subject.id,
      source: "report",
      kind: "prohibition_order",
      severity: "serious",
      occurredAt: cstIso(new Date(now.getTime() - 3 * 86_400_000)),
      facts: "违反禁止令，多次进入娱乐场所并与他人斗殴",
      investigators: staff.map((s) => s.id),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    const proposal = (await assistant.get(`/api/violations/${caseId}`)).json().proposal;
    expect(proposal.step).toBe("revocation_request");
    expect(proposal.grounds[0].ground).toBe("prohibition_serious");
    expect(
      (await assistant.post(`/api/violations/${caseId}/proposal`, { measure: "revocation_request" }))
        .statusCode,
    ).toBe(200);
    // Recording the court before approval is refused.
    const early = await agency.post(`/api/violations/${caseId}/court`, {
      requestedAt: cstIso(now),
      arrestRequested: true,
    });
    expect(early.statusCode).toBe(409);
    expect((await head.post(`/api/violations/${caseId}/sign`)).statusCode).toBe(200);
    expect((await agency.post(`/api/violations/${caseId}/review`, { decision: "approve" })).statusCode).toBe(
      200,
    );

    const requestedAt = cstIso(t.app.clock.now());
    const badOrder = await agency.post(`/api/violations/${caseId}/court`, {
      requestedAt,
      arrestRequested: false,
      detainedAt: requestedAt,
    });
    expect(badOrder.json().error.field).toBe("detainedAt");
    const court = await agency.post(`/api/violations/${caseId}/court`, {
      requestedAt,
      arrestRequested: true,
    });
    expect(court.statusCode, court.body).toBe(200);

    const view = (await agency.get(`/api/violations/${caseId}`)).json();
    const byId = Object.fromEntries(view.clocks.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(["arrest_decision", "ruling"]);
    expect(byId.arrest_decision.status).toBe("open");
    expect(new Date(byId.arrest_decision.dueBy).getTime() - new Date(requestedAt).getTime()).toBe(
      48 * 3_600_000,
    );
    expect(byId.ruling.dueBy).toMatch(/T23:59:59\+08:00$/);

    const today = (await agency.get("/api/today?horizon=7")).json();
    const items = today.items.filter((i: { group: string }) => i.group === "court");
    expect(items.map((i: { key: string }) => i.key)).toContain(`court:${caseId}:arrest_decision`);
    expect(items[0].action).toMatchObject({ kind: "violation_case", caseId });

    // The request opens the case review (一案一复盘), due one month later; office and agency write their parts.
    const review = view.reviews.find((r: { trigger: string }) => r.trigger === "court_request");
    expect(review).toMatchObject({ status: "open", officeText: null, agencyText: null });
    expect(review.dueDate > requestedAt.slice(0, 10)).toBe(true);
    const prosecutor = await t.signIn("prosecutor");
    expect(
      (await prosecutor.post(`/api/violations/${caseId}/case-review`, { reviewId: review.id, text: "意见" }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await head.post(`/api/violations/${caseId}/case-review`, {
          reviewId: review.id,
          text: "监管中对其禁止令执行情况核查不够及时",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await agency.post(`/api/violations/${caseId}/case-review`, {
          reviewId: review.id,
          text: "督促司法所加强禁止令落实",
        })
      ).statusCode,
    ).toBe(200);
    const reviewed = (await agency.get(`/api/violations/${caseId}`)).json().reviews[0];
    expect(reviewed).toMatchObject({ status: "done", officeText: "监管中对其禁止令执行情况核查不够及时" });
    const { docxText } = await import("../../../test/helpers/docx-text.ts");
    const reviewDoc = await agency.get(`/api/violations/${caseId}/documents/case_review`);
    expect(reviewDoc.statusCode).toBe(200);
    expect(docxText(reviewDoc.rawPayload)).toContain("督促司法所加强禁止令落实");

    // Three days later the arrest decision is overdue: one alert, however often the sweep runs.
    const { runSweep } = await import("../../jobs/sweep.ts");
    const later = new Date(t.app.clock.now().getTime() + 3 * 86_400_000);
    await runSweep(t.database.db, later);
    await runSweep(t.database.db, later);
    const alerts = await k
      .selectFrom("alert")
      .select(["source", "kind"])
      .where("source", "like", `court:${caseId}:%`)
      .execute();
    expect(alerts).toEqual([{ source: `court:${caseId}:arrest_decision`, kind: "overdue_obligation" }]);

    // The decision recorded: the clock is done and leaves Today.
    const decided = await agency.post(`/api/violations/${caseId}/court`, {
      requestedAt,
      arrestRequested: true,
      arrestDecidedAt: cstIso(t.app.clock.now()),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const after = (await agency.get(`/api/violations/${caseId}`)).json();
    expect(after.clocks.find((c: { id: string }) => c.id === "arrest_decision").status).toBe("met");
    const todayAfter = (await agency.get("/api/today?horizon=7")).json();
    expect(todayAfter.items.map((i: { key: string }) => i.key)).not.toContain(
      `court:${caseId}:arrest_decision`,
    );
  });
});

describe(`case documents in Word (${databaseLabel})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t?.close());

  it("the warning's decision and the notice download as real .docx holding the facts, basis and signatures; audited", async () => {
    const { docxText } = await import("../../../test/helpers/docx-text.ts");
    const assistant = await t.signIn("chengguan.assistant");
    const head = await t.signIn("chengguan.head");
    const agency = await t.signIn("agency.head");
    const otherCounty = await t.signIn("shiling.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    const subject = await k
      .selectFrom("subject")
      .select(["id", "name"])
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("correction_type", "=", "parole")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const staff = await k
      .selectFrom("app_user")
      .select("id")
      .where("username", "in", ["chengguan.head", "agency.staff2"])
      .execute();
    const now = t.app.clock.now();
    const opened = await assistant.post("/api/violations", {
      subjectId: subject.id,
      source: "finding",
      kind: "moving",
      severity: "serious",
      occurredAt: cstIso(new Date(now.getTime() - 5 * 86_400_000)),
      facts: "未经批准擅自迁居至邻县，经查证属实",
      investigators: staff.map((s) => s.id),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    expect((await assistant.get(`/api/violations/${caseId}/documents/decision`)).statusCode).toBe(409);
    expect(
      (await assistant.post(`/api/violations/${caseId}/proposal`, { measure: "warning" })).statusCode,
    ).toBe(200);
    expect((await head.post(`/api/violations/${caseId}/sign`)).statusCode).toBe(200);
    expect((await agency.post(`/api/violations/${caseId}/review`, { decision: "approve" })).statusCode).toBe(
      200,
    );

    const decision = await assistant.get(`/api/violations/${caseId}/documents/decision`);
    expect(decision.statusCode).toBe(200);
    expect(decision.headers["content-type"]).toContain("wordprocessingml");
    expect(decision.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
    const text = docxText(decision.rawPayload);
    expect(text).toContain("警告决定书");
    expect(text).toContain("未经批准擅自迁居至邻县，经查证属实");
    expect(text).toContain("违反报告、会客、外出、迁居等规定，情节较重");
    expect(text).toContain("《社区矫正法》第28条");
    expect(text).toContain("司法所负责人意见（签名）");
    expect(text).toContain("社区矫正机构审批意见（签名、盖章）");
    expect(text).toContain(subject.name);
    expect(text).not.toMatch(/[A-Za-z]{4,}/); // no English reaches a document

    const notice = await assistant.get(`/api/violations/${caseId}/documents/notice`);
    expect(docxText(notice.rawPayload)).toContain("陈述和申辩");
    expect((await otherCounty.get(`/api/violations/${caseId}/documents/decision`)).statusCode).toBe(404);
    const audits = await k
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "violation.document")
      .where("record_id", "=", caseId)
      .execute();
    expect(audits).toHaveLength(2);
  });
});
