// The audit log is append-only in the database itself, and reads of sensitive data leave a row.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

describe(`audit log (${databaseLabel})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t?.close());

  it("refuses UPDATE, DELETE and TRUNCATE, and keeps the rows", async () => {
    const k = t.database.db.kysely;
    await t.signIn("chengguan.head"); // leaves an auth.login row
    const before = await k
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'tampered'`.execute(k)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(k)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(k)).rejects.toThrow(/append-only/);
    const after = await k
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    expect(Number(after.n)).toBe(Number(before.n));
    const tampered = await k.selectFrom("audit_log").select("id").where("action", "=", "tampered").execute();
    expect(tampered).toEqual([]);
  });

  it("records each view of a subject and each reveal of a full ID number with its purpose", async () => {
    const client = await t.signIn("chengguan.assistant");
    const list = JSON.parse((await client.get("/api/subjects?pageSize=5")).body);
    const subject = list.items.find((s: { isMinor: boolean }) => !s.isMinor);
    expect(subject.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect((await client.get(`/api/subjects/${subject.id}`)).statusCode).toBe(200);
    const revealed = await client.post(`/api/subjects/${subject.id}/unmask`, { purpose: "核对报到身份" });
    expect(revealed.statusCode).toBe(200);
    expect(JSON.parse(revealed.body).idNumber).toHaveLength(18);
    const rows = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["action", "actor_role", "details", "ip"])
      .where("subject_id", "=", subject.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["subject.view", "subject.unmask"]);
    expect(rows[1]!.details).toEqual({ purpose: "核对报到身份" });
    expect(rows[1]!.actor_role).toBe("office_assistant");
  });

  it("requires a purpose to reveal, and refuses roles without the right", async () => {
    const client = await t.signIn("chengguan.assistant");
    const id = JSON.parse((await client.get("/api/subjects?pageSize=1")).body).items[0].id;
    const noPurpose = await client.post(`/api/subjects/${id}/unmask`, { purpose: "" });
    expect(noPurpose.statusCode).toBe(400);
    expect(JSON.parse(noPurpose.body).error.field).toBe("purpose");
    const social = await t.signIn("chengguan.social");
    expect((await social.post(`/api/subjects/${id}/unmask`, { purpose: "帮扶" })).statusCode).toBe(403);
  });

  it("masks a minor's name on the list and logs the unmasking", async () => {
    const head = await t.signIn("agency.head");
    const all = JSON.parse((await head.get("/api/subjects?pageSize=200&status=all")).body);
    const minor = all.items.find((s: { isMinor: boolean }) => s.isMinor);
    expect(minor, "the demo county has a juvenile").toBeDefined();
    expect(minor.nameMasked).toBe(true);
    expect(minor.name).toMatch(/^.\*+$/);
    const detail = JSON.parse((await head.get(`/api/subjects/${minor.id}`)).body);
    expect(detail.name).toBe(minor.name);
    const real = JSON.parse(
      (await head.post(`/api/subjects/${minor.id}/unmask`, { purpose: "审批矫正方案" })).body,
    );
    expect(real.name).not.toContain("*");
    const row = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", minor.id)
      .where("action", "=", "subject.unmask_minor")
      .executeTakeFirst();
    expect(row).toBeDefined();
  });

  it("shows the log to the agency head, not to an office assistant", async () => {
    const head = await t.signIn("agency.head");
    const log = JSON.parse((await head.get("/api/audit?pageSize=10")).body);
    expect(log.total).toBeGreaterThan(0);
    expect(log.items[0].actorRoleLabel).toBeTruthy();
    const assistant = await t.signIn("chengguan.assistant");
    expect((await assistant.get("/api/audit")).statusCode).toBe(403);
  });
});
