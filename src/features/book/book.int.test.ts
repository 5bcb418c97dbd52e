// The book on a real database: author roles, versions with a stale-save refusal, statuses from the
// rules engine, the team's composition rules, the level decision against the proposal, and the Word
// export read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxPart, docxText } from "../../../test/helpers/docx-text.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { makeIdNumber } from "../../shared/id-number.ts";

const today = FIXED_TODAY;
const daysAgo = (n: number) => fixedDay(-n);

describe(`the book (${databaseLabel})`, () => {
  let t: TestApp;
  let staff: Client;
  let assistant: Client;
  let head: Client;
  let psych: Client;
  let officeId: string;
  let seq = 300;

  async function register(name: string, birth: string, gender: "male" | "female") {
    seq += 2;
    const idNumber = makeIdNumber("990121", birth, gender === "male" ? seq + 1 : seq);
    const handover = await staff.post("/api/handovers", {
      decidingOrgan: "青禾县人民法院",
      judgmentNumber: `（2026）青刑初${seq}号`,
      judgmentEffectiveDate: daysAgo(2),
      receivedOn: daysAgo(1),
      correctionType: "probation",
      termStart: daysAgo(2),
      termEnd: "2028-06-30",
      crimeText: "危险驾驶罪",
      crimeCategories: ["dangerous_driving"],
      personName: name,
      personIdNumber: idNumber,
    });
    expect(handover.statusCode, handover.body).toBe(201);
    const result = await staff.post(`/api/handovers/${handover.json().id}/register`, {
      name,
      idNumber,
      birthDate: birth,
      gender,
      officeId,
      intakeDate: today,
    });
    expect(result.statusCode, result.body).toBe(201);
    return result.json() as { subjectId: string; bookNumber: string };
  }

  const book = async (client: Client, id: string) => (await client.get(`/api/subjects/${id}/book`)).json();
  const section = (b: { sections: Array<{ id: string }> }, id: string) =>
    b.sections.find((s) => s.id === id) as unknown as {
      status: string;
      entries: Array<{ version: number; content: Record<string, unknown>; history: unknown[] }>;
      deadlines: Array<{ basis: string; status: string }>;
      canWrite: boolean;
      teamProblems: Array<{ message: string }> | null;
    };
  const save = (client: Client, id: string, sectionId: string, body: Record<string, unknown>) =>
    client.request({ method: "PUT", url: `/api/subjects/${id}/book/sections/${sectionId}`, payload: body });

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.signIn("agency.staff1");
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    psych = await t.signIn("chengguan.psych");
    officeId = (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).place_id;
  }, 180_000);
  afterAll(() => t?.close());

  it("lets only the author role write a section; versions are kept and a stale save is refused", async () => {
    const { subjectId, bookNumber } = await register("赵红军", "1985-03-02", "male");
    const first = await book(assistant, subjectId);
    expect(first.registration.bookNumber).toBe(bookNumber);
    expect(first.sections.map((s: { id: string }) => s.id).slice(0, 4)).toEqual([
      "basic_info",
      "intake_evaluation",
      "psych_evaluation",
      "file_review_summary",
    ]);
    const basic = section(first, "basic_info");
    expect(basic.canWrite).toBe(true);
    expect(basic.status).toBe("open");
    expect(basic.deadlines[0]!.basis).toContain("一人一册实施方案");

    const byPsych = await save(psych, subjectId, "basic_info", {
      baseVersion: 0,
      content: { phone: "13800000000" },
    });
    expect(byPsych.statusCode).toBe(403);
    expect(byPsych.json().error.message).toContain("由司法协理员填写");

    const incomplete = await save(assistant, subjectId, "basic_info", {
      baseVersion: 0,
      content: { phone: "13800000000" },
      complete: true,
    });
    expect(incomplete.json().error).toMatchObject({ field: "content.address" });
    const unknown = await save(assistant, subjectId, "basic_info", {
      baseVersion: 0,
      content: { hobby: "x" },
    });
    expect(unknown.statusCode).toBe(400);

    const v1 = await save(assistant, subjectId, "basic_info", {
      baseVersion: 0,
      content: { phone: "13800000000", address: "青禾县城关镇人民路1号", familyMembers: "妻、子" },
    });
    expect(v1.json()).toMatchObject({ version: 1, completedNow: false });
    const v2 = await save(assistant, subjectId, "basic_info", {
      baseVersion: 1,
      content: { phone: "13800000001", address: "青禾县城关镇人民路1号", familyMembers: "妻、子" },
      complete: true,
    });
    expect(v2.json()).toMatchObject({ version: 2, completedNow: true });
    // A colleague still looking at version 1 saves: refused, not lost silently.
    const stale = await save(assistant, subjectId, "basic_info", {
      baseVersion: 1,
      content: { phone: "13900000000", address: "x", familyMembers: "y" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe(
      "这一部分已被他人修改，您的内容尚未保存：请对照最新版本合并后再保存",
    );

    // Two colleagues saving the same version at the same moment: one wins, the other is told.
    const both = await Promise.all(
      ["13700000001", "13700000002"].map((phone) =>
        save(assistant, subjectId, "basic_info", {
          baseVersion: 2,
          content: { phone, address: "青禾县城关镇人民路1号", familyMembers: "妻、子" },
          complete: true,
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    const after = await book(head, subjectId);
    const done = section(after, "basic_info");
    expect(done.status).toBe("met");
    expect(done.canWrite).toBe(false);
    expect(done.entries[0]!.version).toBe(3);
    expect(done.entries[0]!.history).toHaveLength(3);
    expect(done.entries[0]!.history[1]).toMatchObject({ version: 2, changed: ["联系电话"] });
    const subject = await t.database.db.kysely
      .selectFrom("subject")
      .select("phone")
      .where("id", "=", subjectId)
      .executeTakeFirstOrThrow();
    expect(subject.phone).toMatch(/^1370000000[12]$/);
    const event = await t.database.db.kysely
      .selectFrom("case_event")
      .selectAll()
      .where("subject_id", "=", subjectId)
      .where("type", "=", "book_section")
      .execute();
    expect(event.map((e) => e.kind)).toEqual(["basic_info"]);

    const prosecutor = await t.signIn("prosecutor");
    expect((await prosecutor.get(`/api/subjects/${subjectId}/book`)).statusCode).toBe(200);
    expect(
      (await save(prosecutor, subjectId, "basic_info", { baseVersion: 2, content: {} })).statusCode,
    ).toBe(403);
    const otherOffice = await t.signIn("hexi.head");
    expect((await otherOffice.get(`/api/subjects/${subjectId}/book`)).statusCode).toBe(404);
  });

  it("shows the psychologist's special reminder on the case", async () => {
    const { subjectId } = await register("钱小梅", "1990-07-08", "female");
    const saved = await save(psych, subjectId, "psych_evaluation", {
      baseVersion: 0,
      content: {
        mentalHealth: "存在焦虑情绪",
        conclusion: "建议每月心理辅导",
        emotionalInstability: true,
        specialReminder: "有自伤倾向，谈话时注意方式",
      },
      complete: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reminder = (await assistant.get(`/api/subjects/${subjectId}/book/reminder`)).json();
    expect(reminder.specialReminder).toBe("有自伤倾向，谈话时注意方式");
    expect((await book(head, subjectId)).specialReminder).toBe("有自伤倾向，谈话时注意方式");

    // A female subject's team must include a woman (Art. 25).
    const members = [
      { kind: "office", name: "李所长", gender: "male" },
      { kind: "village_rep", name: "王主任", gender: "male" },
      { kind: "family", name: "钱大山", gender: "male" },
    ];
    const noWoman = await save(head, subjectId, "team_formed", {
      baseVersion: 0,
      content: { leader: "李所长", letterSignedOn: today, members },
      complete: true,
    });
    expect(noWoman.json().error.message).toContain("矫正小组中应有女性成员");
    expect(noWoman.json().error.message).toContain("《社区矫正法》第25条");
    const ok = await save(assistant, subjectId, "team_formed", {
      baseVersion: 0,
      content: {
        leader: "李所长",
        letterSignedOn: today,
        members: [...members, { kind: "volunteer", name: "周丽", gender: "female" }],
      },
      complete: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("lets the office head decide the level, against the engine's proposal only with a reason", async () => {
    const { subjectId } = await register("孙立伟", "1979-11-20", "male");
    const evaluation = await save(staff, subjectId, "intake_evaluation", {
      baseVersion: 0,
      content: {
        crimeCause: "酒后驾车",
        attitude: "认罪悔罪",
        riskLevel: "elevated",
        conclusion: "需重点关注",
      },
      complete: true,
    });
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const before = await book(head, subjectId);
    expect(before.classification.proposedKey).toBe(true);
    expect(before.classification.criteria[0]).toMatchObject({ id: "K5" });
    expect(before.classification.criteria[0].evidence).toContain("危险驾驶");
    expect(before.classification.canDecide).toBe(true);

    const noReason = await head.post(`/api/subjects/${subjectId}/level-decisions`, {
      level: "normal",
      fromDate: today,
    });
    expect(noReason.json().error).toMatchObject({ field: "reason" });
    expect(noReason.json().error.message).toContain("须写明理由");
    expect(
      (await assistant.post(`/api/subjects/${subjectId}/level-decisions`, { level: "key", fromDate: today }))
        .statusCode,
    ).toBe(403);
    const decided = await head.post(`/api/subjects/${subjectId}/level-decisions`, {
      level: "strict",
      fromDate: today,
      reason: "初犯，悔罪态度好，家庭支持有力，暂按严管",
    });
    expect(decided.json()).toMatchObject({ level: "strict", against: true });
    const after = await book(head, subjectId);
    expect(after.classification.decidedLevel).toBe("strict");
    expect(after.classification.keyOverride).toMatchObject({ key: false });
    expect(after.classification.mismatch).toBe(false);
    expect(after.classification.decisions).toHaveLength(2);
    const agree = await head.post(`/api/subjects/${subjectId}/level-decisions`, {
      level: "key",
      fromDate: today,
    });
    expect(agree.json()).toMatchObject({ level: "key", against: false });
  });

  it("exports the whole book and each document to Word, A4 with Chinese fonts named", async () => {
    const { subjectId, bookNumber } = await register("周文斌", "1982-02-14", "male");
    await save(head, subjectId, "file_review_summary", {
      baseVersion: 0,
      content: { crimeCause: "法律意识淡薄", supervisionRisks: "饮酒习惯", summary: "阅卷小结正文" },
      complete: true,
    });
    const whole = await head.get(`/api/subjects/${subjectId}/book/export`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers["content-type"]).toContain("wordprocessingml");
    const text = docxText(whole.rawPayload);
    expect(text).toContain("周文斌");
    expect(text).toContain(bookNumber);
    expect(text).toContain("阅卷小结正文");
    expect(text).toContain("矫正方案");
    const styles = docxPart(whole.rawPayload, "word/styles.xml");
    expect(styles).toContain("宋体");
    expect(styles).toContain("黑体");
    expect(docxPart(whole.rawPayload, "word/document.xml")).toContain('w:w="11906"');

    const one = await head.get(`/api/subjects/${subjectId}/book/export?document=file_review_summary`);
    const oneText = docxText(one.rawPayload);
    expect(oneText).toContain("阅卷小结正文");
    expect(oneText).not.toContain("矫正方案（");
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "book.export")
      .where("subject_id", "=", subjectId)
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("masks a minor's name in the export unless an allowed role states a purpose (audited)", async () => {
    const birth = fixedDay(-Math.round(16 * 365.25));
    const { subjectId } = await register("吴小龙", birth, "male");
    const masked = docxText((await head.get(`/api/subjects/${subjectId}/book/export`)).rawPayload);
    expect(masked).not.toContain("吴小龙");
    expect(masked).toContain("吴**");
    const full = await head.get(
      `/api/subjects/${subjectId}/book/export?purpose=${encodeURIComponent("报送法院")}`,
    );
    expect(docxText(full.rawPayload)).toContain("吴小龙");
    const social = await t.signIn("chengguan.social");
    const refused = await social.get(
      `/api/subjects/${subjectId}/book/export?purpose=${encodeURIComponent("报送法院")}`,
    );
    expect(refused.statusCode).toBe(400);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "book.export_minor")
      .where("subject_id", "=", subjectId)
      .execute();
    expect(audit).toHaveLength(1);
    // The juvenile variant of the plan.
    const b = await book(head, subjectId);
    const plan = b.sections.find((s: { id: string }) => s.id === "correction_plan");
    expect(plan.fields.map((f: { name: string }) => f.name)).toContain("guardianship");
  });

  it("shows the team's monthly feedback forms in the book", async () => {
    const { subjectId } = await register("林建华", "1983-09-09", "male");
    const team = await t.signIn("chengguan.team1");
    const month = today.slice(0, 7);
    const sent = await team.post(`/api/subjects/${subjectId}/feedback-forms`, {
      month,
      situation: "按时报到，工作稳定",
      risks: "近期与邻居有纠纷",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const forms = (await book(head, subjectId)).feedbackForms;
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ month, summary: "按时报到，工作稳定；风险或异常：近期与邻居有纠纷" });
    const text = docxText(
      (await head.get(`/api/subjects/${subjectId}/book/export?document=feedback_forms`)).rawPayload,
    );
    expect(text).toContain("按时报到，工作稳定");
  });

  it("shows a demo subject's book with the engine's statuses", async () => {
    const demo = await t.database.db.kysely
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", officeId)
      .where("status", "=", "in_correction")
      .orderBy("intake_date")
      .executeTakeFirstOrThrow();
    const b = await book(head, demo.id);
    const statuses = new Set(b.sections.map((s: { status: string | null }) => s.status));
    expect([...statuses].some((s) => ["met", "late", "overdue"].includes(String(s)))).toBe(true);
  });
});
