// The initial level is the office's to decide (policy.md Classification, seed 000 §九.1): the agency's
// registration only proposes it; the case page says "拟定…，待司法所决定"; the decision is on the office
// head's 今日工作 and one click agrees with the proposal; deciding otherwise needs a reason. The demo
// county's persons all have decided levels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import type { TodayItem } from "../today/today.ts";

describe(`registration proposes the level, the office decides it (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let head: Client;
  let officeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    agency = await t.signIn("agency.staff1");
    head = await t.signIn("chengguan.head");
    officeId = (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).place_id;
  }, 180_000);
  afterAll(() => t?.close());

  const todayOf = async (client: Client) =>
    (JSON.parse((await client.get("/api/today?horizon=7&limit=2000")).body).items as TodayItem[]).filter(
      (i) => i.key.startsWith("level:"),
    );

  /** A handover of an adult on probation, registered by the agency with the proposed level. */
  async function register(seq: number, level: "strict" | "normal"): Promise<string> {
    const birth = "1990-03-08";
    const idNumber = makeIdNumber("990121", birth, 700 + seq * 2 + 1);
    const handover = await agency.post("/api/handovers", {
      decidingOrgan: "青禾县人民法院",
      judgmentNumber: `（2026）青刑初${700 + seq}号`,
      judgmentDate: fixedDay(-10),
      judgmentEffectiveDate: fixedDay(-2),
      noticeNumber: `青法执通〔2026〕${700 + seq}号`,
      receivedOn: fixedDay(-1),
      correctionType: "probation",
      termStart: fixedDay(-2),
      termEnd: "2028-06-30",
      sentenceText: "判处有期徒刑十个月，缓刑一年",
      crimeText: "故意伤害罪",
      crimeCategories: ["intentional_injury"],
      personName: seq === 1 ? "赵明远" : "钱晓东",
      personIdNumber: idNumber,
      proposedOfficeId: officeId,
    });
    expect(handover.statusCode, handover.body).toBe(201);
    const registered = await agency.post(`/api/handovers/${handover.json().id}/register`, {
      name: seq === 1 ? "赵明远" : "钱晓东",
      idNumber,
      birthDate: birth,
      gender: Number(idNumber[16]) % 2 === 1 ? "male" : "female",
      officeId,
      intakeDate: FIXED_TODAY,
      level,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().proposedLevel).toBe(level);
    return registered.json().subjectId;
  }

  it("keeps the demo county's levels decided", async () => {
    const pending = await t.database.db.kysely
      .selectFrom("subject")
      .select("id")
      .where("level_pending", "=", true)
      .execute();
    expect(pending).toEqual([]);
    expect(await todayOf(head)).toEqual([]);
  });

  it("proposes at registration; one click on the head's Today decides; otherwise a reason", async () => {
    const k = t.database.db.kysely;
    const id = await register(1, "strict");
    const subject = await head.get(`/api/subjects/${id}`);
    expect(subject.statusCode, subject.body).toBe(200);
    expect(JSON.stringify(subject.json())).toContain('"levelPending":"拟定严管，待司法所决定"');
    expect(
      (await k.selectFrom("subject").select("level_pending").where("id", "=", id).executeTakeFirstOrThrow())
        .level_pending,
    ).toBe(true);

    // Only the office head decides: the item is on the head's Today, with the decision it makes.
    const item = (await todayOf(head)).find((i) => i.subject?.id === id);
    expect(item, "the head's Today has the decision").toBeDefined();
    expect(item!.status).toBe("due_today");
    expect(item!.action).toMatchObject({
      kind: "decide_level",
      subjectId: id,
      levelDecision: { level: "strict", fromDate: FIXED_TODAY },
    });
    expect(item!.basisText, item!.key).not.toMatch(/[A-Za-z]{2,}/);
    expect(await todayOf(await t.signIn("chengguan.assistant"))).toEqual([]);

    // Deciding against the proposal without a reason is refused, naming the field.
    const against = await head.post(`/api/subjects/${id}/level-decisions`, {
      level: "normal",
      fromDate: FIXED_TODAY,
    });
    expect(against.statusCode).toBe(400);
    expect(against.json().error).toMatchObject({ field: "reason" });
    expect(against.json().error.message).toContain("入矫登记拟定为严管");

    // The one click: the action's decision posted as it is.
    const decided = await head.post(`/api/subjects/${id}/level-decisions`, item!.action!.levelDecision);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().levelLabel).toBe("严管");
    expect((await todayOf(head)).map((i) => i.key)).not.toContain(item!.key);
    expect(JSON.stringify(JSON.parse((await head.get(`/api/subjects/${id}`)).body))).toContain(
      '"levelPending":null',
    );
    const audit = await k
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "book.level_decision")
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ level: "strict", initial: true });

    // Another person: the head decides otherwise, with a reason.
    const other = await register(2, "normal");
    const withReason = await head.post(`/api/subjects/${other}/level-decisions`, {
      level: "strict",
      fromDate: FIXED_TODAY,
      reason: "家庭矛盾突出，先行严管",
    });
    expect(withReason.statusCode, withReason.body).toBe(200);
    expect((await todayOf(head)).filter((i) => i.subject?.id === other)).toEqual([]);
  });
});
