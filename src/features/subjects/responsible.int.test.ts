// Named responsibility (seed 000 §二(五), §九.3(4)) through the API on the demo county: the office head
// names a case's responsible worker from the office's staff, a key person's is the office head, a
// decision that makes a person key names the head at once, every change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { FIXED_TODAY } from "../../../test/helpers/fixed-now.ts";

describe(`named responsibility (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let assistant: Client;
  const subjectOf = async (level: "key" | "normal") =>
    (
      await t.database.db.kysely
        .selectFrom("subject")
        .innerJoin("app_user", "app_user.place_id", "subject.office_id")
        .select("subject.id")
        .where("app_user.username", "=", "chengguan.head")
        .where("subject.level", "=", level)
        .where("subject.status", "=", "in_correction")
        .orderBy("subject.id")
        .executeTakeFirstOrThrow()
    ).id;
  const userId = async (username: string) =>
    (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).id;
  const put = (client: Client, id: string, body: Record<string, unknown>) =>
    client.request({ method: "PUT", url: `/api/subjects/${id}/responsible`, payload: body });

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("chengguan.head");
    assistant = await t.signIn("chengguan.assistant");
  }, 180_000);
  afterAll(() => t?.close());

  it("the office head names a normal person's worker; the case page shows it; the change is audited", async () => {
    const id = await subjectOf("normal");
    const options = JSON.parse((await head.get(`/api/subjects/${id}/responsible`)).body);
    expect(options.keyPerson).toBe(false);
    expect(options.candidates.every((c: { allowed: boolean }) => c.allowed)).toBe(true);
    const assistantId = await userId("chengguan.assistant");
    const named = await put(head, id, { userId: assistantId, reason: "按片区分工" });
    expect(named.statusCode, named.body).toBe(200);
    const detail = JSON.parse((await head.get(`/api/subjects/${id}`)).body);
    expect(detail.responsible).toMatchObject({ id: assistantId });
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["actor_role", "details"])
      .where("action", "=", "subject.responsible")
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: "office_head" });
    // The assistant does not name responsibility; a stranger to the office cannot be named.
    expect((await put(assistant, id, { userId: assistantId })).statusCode).toBe(403);
    const stranger = await put(head, id, { userId: await userId("agency.staff1") });
    expect(stranger.statusCode).toBe(400);
    expect(JSON.parse(stranger.body).error.field).toBe("userId");
  });

  it("a key person's responsible worker is the office head", async () => {
    const id = await subjectOf("key");
    const refused = await put(head, id, { userId: await userId("chengguan.assistant") });
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body).error).toMatchObject({ field: "userId" });
    expect(JSON.parse(refused.body).error.message).toContain("司法所负责人");
    const options = JSON.parse((await head.get(`/api/subjects/${id}/responsible`)).body);
    expect(
      options.candidates.filter((c: { allowed: boolean }) => c.allowed).map((c: { role: string }) => c.role),
    ).toEqual(["office_head"]);
    expect((await put(head, id, { userId: await userId("chengguan.head") })).statusCode).toBe(200);
  });

  it("a decision that makes a person key names the office head in the same step", async () => {
    const id = await subjectOf("normal");
    const assistantId = await userId("chengguan.assistant");
    expect((await put(head, id, { userId: assistantId })).statusCode).toBe(200);
    const decided = await head.post(`/api/subjects/${id}/level-decisions`, {
      level: "key",
      fromDate: FIXED_TODAY,
      reason: "近期多次违反报告规定，列为重点人员",
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const detail = JSON.parse((await head.get(`/api/subjects/${id}`)).body);
    expect(detail.responsible).toMatchObject({ id: await userId("chengguan.head") });
  });
});
