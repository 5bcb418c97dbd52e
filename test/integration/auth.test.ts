// Log-in as a person would try it: right and wrong passwords, unknown accounts, lock-out, CSRF,
// cookie flags, log-out, the per-address rate limit, and the audit rows each step leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

describe(`log-in and sessions (${databaseLabel})`, () => {
  let t: TestApp;
  const auditActions = async (username: string) =>
    (
      await t.database.db.kysely
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("action", "like", "auth.%")
        .orderBy("id")
        .execute()
    )
      .filter(
        (row) =>
          row.details.username === username || row.action === "auth.login" || row.action === "auth.logout",
      )
      .map((row) => row.action);

  beforeAll(async () => {
    t = await startTestApp({ loginRatePerMinute: 1000 });
  }, 180_000);
  afterAll(() => t?.close());

  it("signs in with the demo password, sets HttpOnly SameSite=Strict session cookie, and audits it", async () => {
    const client = t.client();
    const response = await client.login("chengguan.assistant");
    expect(response.statusCode).toBe(200);
    const user = JSON.parse(response.body).user;
    expect(user.roleLabel).toBe("司法协理员");
    const setCookie = ([] as string[])
      .concat(response.headers["set-cookie"] ?? [])
      .find((c) => c.startsWith("onebook_session="));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(JSON.parse((await client.get("/api/auth/session")).body).user.username).toBe(
      "chengguan.assistant",
    );
    const row = await t.database.db.kysely
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.login")
      .where("actor_id", "=", user.id)
      .executeTakeFirst();
    expect(row?.actor_role).toBe("office_assistant");
    expect(row?.ip).toBeTruthy();
  });

  it("stores passwords as argon2id hashes", async () => {
    const rows = await t.database.db.kysely.selectFrom("app_user").select("password_hash").execute();
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("answers a wrong password and an unknown account with the same message", async () => {
    const wrong = await t.client().login("chengguan.head", "not-the-password");
    const unknown = await t.client().login("no.such.person", "whatever");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(JSON.parse(wrong.body).error.message).toBe(JSON.parse(unknown.body).error.message);
    expect(JSON.parse(wrong.body).error.message).toContain("用户名或密码错误");
  });

  it("locks an account for 15 minutes after 5 failures, and a locked unknown name looks the same", async () => {
    for (let i = 0; i < 5; i++)
      expect((await t.client().login("hexi.assistant", "wrong")).statusCode).toBe(401);
    const locked = await t.client().login("hexi.assistant");
    expect(locked.statusCode).toBe(401);
    expect(JSON.parse(locked.body).error.message).toContain("15分钟");
    const row = await t.database.db.kysely
      .selectFrom("app_user")
      .select("locked_until")
      .where("username", "=", "hexi.assistant")
      .executeTakeFirstOrThrow();
    const minutes = (row.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await auditActions("hexi.assistant")).toContain("auth.account_locked");

    for (let i = 0; i < 5; i++) await t.client().login("ghost.user", "wrong");
    const ghost = await t.client().login("ghost.user", "wrong");
    expect(JSON.parse(ghost.body).error.message).toBe(JSON.parse(locked.body).error.message);
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const client = t.client();
    await client.get("/api/auth/session");
    const response = await client.post(
      "/api/auth/login",
      { username: "chengguan.head", password: "onebook2025" },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe("csrf");
    const signedIn = await t.signIn("chengguan.head");
    const forged = await signedIn.request({
      method: "POST",
      url: "/api/auth/logout",
      headers: { "x-csrf-token": "forged" },
      csrf: false,
    });
    expect(forged.statusCode).toBe(403);
  });

  it("ends the session at log-out", async () => {
    const client = await t.signIn("chengguan.psych");
    expect((await client.get("/api/subjects")).statusCode).toBe(200);
    const stolen = { ...client.cookies };
    expect((await client.post("/api/auth/logout")).statusCode).toBe(204);
    const replay = await t.app.inject({ method: "GET", url: "/api/subjects", cookies: stolen });
    expect(replay.statusCode).toBe(401);
  });

  it("names the field of bad input", async () => {
    const client = t.client();
    await client.get("/api/auth/session");
    const response = await client.post("/api/auth/login", { username: "", password: "x" });
    expect(response.statusCode).toBe(400);
    const error = JSON.parse(response.body).error;
    expect(error.field).toBe("username");
    expect(error.message).toContain("请输入用户名");
  });
});

describe(`log-in rate limit (${databaseLabel})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ loginRatePerMinute: 3 });
  }, 180_000);
  afterAll(() => t?.close());

  it("refuses the fourth attempt within a minute from one address with 429", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await t.client().login("chengguan.head", "wrong")).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
