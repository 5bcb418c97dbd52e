// Log-in as a person would try it: right and wrong passwords, unknown accounts, the throttle per account and address and its clearing, CSRF,
// cookie flags, log-out, the per-address rate limit, and the audit rows each step leaves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../helpers/app.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";
import { FIXED_NOW } from "../helpers/fixed-now.ts";

/** A clock the test moves by hand, starting at the fixed instant. */
function handClock() {
  let now = Date.parse(FIXED_NOW);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Log-in as the console does, from a given client address. */
async function loginFrom(client: Client, ip: string, username: string, password: string) {
  await client.request({ method: "GET", url: "/api/auth/session", remoteAddress: ip });
  return client.request({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress: ip,
  });
}

describe(`log-in and sessions (${databaseLabel})`, () => {
  let t: TestApp;
  const clock = handClock();
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
    t = await startTestApp({ loginRatePerMinute: 1000, clock });
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

  it("delays one address's attempts on an account after 5 failures, doubling, and locks nobody else out", async () => {
    const from =
      (ip: string) =>
      (username: string, password = "onebook2025") =>
        loginFrom(t.client(), ip, username, password);
    const attacker = from("10.9.0.1");
    for (let i = 0; i < 5; i++) expect((await attacker("agency.head", "wrong")).statusCode).toBe(401);
    // The attacker's address must wait a second, even with the right password …
    const held = await attacker("agency.head");
    expect(held.statusCode).toBe(429);
    expect(held.headers["retry-after"]).toBe("1");
    expect(JSON.parse(held.body).error).toMatchObject({
      code: "login_throttled",
      message: "登录失败次数过多，请1秒后再试",
    });
    // … while the agency head signs in from their own desk.
    expect((await from("10.9.0.2")("agency.head")).statusCode).toBe(200);
    // Each further failure doubles the wait: 1 s, 2 s, 4 s.
    clock.advance(1_000);
    expect((await attacker("agency.head", "wrong")).statusCode).toBe(401);
    expect((await attacker("agency.head", "wrong")).headers["retry-after"]).toBe("2");
    clock.advance(2_000);
    expect((await attacker("agency.head", "wrong")).statusCode).toBe(401);
    expect((await attacker("agency.head", "wrong")).headers["retry-after"]).toBe("4");
    expect(await auditActions("agency.head")).toContain("auth.login_throttled");

    // An unknown name is throttled exactly alike: nothing tells whether an account exists.
    for (let i = 0; i < 5; i++) expect((await attacker("ghost.user", "wrong")).statusCode).toBe(401);
    const ghost = await attacker("ghost.user", "wrong");
    expect(ghost.statusCode).toBe(429);
    expect(ghost.headers["retry-after"]).toBe("1");
    expect(JSON.parse(ghost.body).error).toEqual(JSON.parse(held.body).error);
  });

  it("lets the agency head clear an account's throttle, audited; nobody else, and not across counties", async () => {
    const attacker = (username: string, password = "onebook2025") =>
      loginFrom(t.client(), "10.9.0.3", username, password);
    for (let i = 0; i < 5; i++) await attacker("chengguan.social", "wrong");
    expect((await attacker("chengguan.social")).statusCode).toBe(429);

    const officeHead = await t.signIn("chengguan.head");
    expect(
      (await officeHead.request({ method: "DELETE", url: "/api/auth/login-throttles/chengguan.social" }))
        .statusCode,
    ).toBe(403);
    const head = await t.signIn("agency.head");
    const otherCounty = await head.request({
      method: "DELETE",
      url: "/api/auth/login-throttles/shiling.head",
    });
    expect(otherCounty.statusCode).toBe(404);
    const cleared = await head.request({
      method: "DELETE",
      url: "/api/auth/login-throttles/chengguan.social",
    });
    expect(cleared.statusCode).toBe(200);
    expect(JSON.parse(cleared.body)).toEqual({ username: "chengguan.social", cleared: 1 });
    expect(await auditActions("chengguan.social")).toContain("auth.login_unlock");
    expect((await attacker("chengguan.social")).statusCode).toBe(200);
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
