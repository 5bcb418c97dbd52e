// The subject's phone app through the API on a real database with the demo county: the office's
// one-time code (once, hashed, expiring, reset), activation and sign-in with the staff log-in throttle,
// a subject session that reaches nothing but its own /api/app, notices with read status, and leave
// filed and reported back from the app, seen by the office.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import type { Clock } from "../../shared/clock.ts";

const START = new Date(`${DEMO_TODAY}T10:00:00+08:00`).getTime();
const HANGZHOU_SHANGCHENG = "330102";

describe(`the subject's phone app (${databaseLabel})`, () => {
  let t: TestApp;
  /** Days the test has moved the product's clock on (the clock stands still otherwise). */
  let shiftDays = 0;
  const clock: Clock = { now: () => new Date(START + shiftDays * 86_400_000) };
  let assistant: Client;
  let head: Client;
  let person: { id: string; idNumber: string; name: string };
  let other: { id: string; idNumber: string };
  const password = "qinghe2026a";

  const giveCode = async (subjectId = person.id) => {
    const response = await assistant.post(`/api/subjects/${subjectId}/app-access`);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { code: string; expiresAt: string; reset: boolean };
  };
  const phone = async () => {
    const c = t.client();
    await c.get("/api/app/me"); // the CSRF cookie, as the app does on start
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    const people = await k
      .selectFrom("subject")
      .select(["id", "id_number", "name"])
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "normal")
      .where("term_end", ">", "2027-06-01")
      .where("birth_date", "<", "2000-01-01")
      .where(
        "id",
        "not in",
        k.selectFrom("leave_application").select("subject_id").where("status", "in", ["pending", "approved"]),
      )
      .orderBy("id")
      .limit(2)
      .execute();
    person = { id: people[0]!.id, idNumber: people[0]!.id_number, name: people[0]!.name };
    other = { id: people[1]!.id, idNumber: people[1]!.id_number };
  }, 180_000);

  afterAll(() => t?.close());

  it("gives a one-time code, stored only as an argon2id hash and audited", async () => {
    const { code, expiresAt, reset } = await giveCode();
    expect(code).toMatch(/^[0-9]{8}$/);
    expect(expiresAt.startsWith("2026-11-27")).toBe(true); // 7 days (APP_CODE_DAYS)
    expect(typeof reset).toBe("boolean");
    const rows = await t.database.db.kysely
      .selectFrom("app_access_code")
      .select(["code_hash", "used_at", "revoked_at"])
      .where("subject_id", "=", person.id)
      .execute();
    const open = rows.filter((r) => !r.used_at && !r.revoked_at);
    expect(open).toHaveLength(1);
    expect(open[0]!.code_hash.startsWith("$argon2id$")).toBe(true);
    expect(open[0]!.code_hash).not.toContain(code);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", person.id)
      .where("action", "in", ["app.code_issue", "app.code_reset"])
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    const seen = await assistant.get(`/api/subjects/${person.id}/app`);
    expect(seen.json().access.state).toBe("code_issued");
  });

  it("activates once with the code and a valid password, then signs in with the ID number", async () => {
    const { code } = await giveCode();
    const c = await phone();
    expect((await c.get("/api/app/me")).json().me).toBeNull();
    const wrong = await c.post("/api/app/activate", {
      idNumber: person.idNumber,
      code: code === "00000000" ? "00000001" : "00000000",
      password,
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await c.post("/api/app/activate", { idNumber: person.idNumber, code, password: "12345678" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe("password");
    const ok = await c.post("/api/app/activate", { idNumber: person.idNumber.toLowerCase(), code, password });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().me.subjectId).toBe(person.id);
    expect((await c.get("/api/app/me")).json().me.name).toBe(person.name);
    expect((await c.get("/api/app/today")).statusCode).toBe(200);

    const again = await (await phone()).post("/api/app/activate", {
      idNumber: person.idNumber,
      code,
      password: "another2026b",
    });
    expect(again.statusCode).toBe(401); // a code works once

    const signIn = await (await phone()).post("/api/app/login", { idNumber: person.idNumber, password });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const status = (await assistant.get(`/api/subjects/${person.id}/app`)).json().access;
    expect(status.state).toBe("active");
    expect(status.activatedAt).not.toBeNull();
  });

  it("refuses an expired code", async () => {
    const { code } = await giveCode(other.id);
    shiftDays = 8; // the staff sessions of the other tests are not used while the clock is moved
    try {
      const c = await phone();
      const late = await c.post("/api/app/activate", { idNumber: other.idNumber, code, password });
      expect(late.statusCode).toBe(401);
      // (The office's own session has expired by now too: sign in afresh.)
      const office = await t.signIn("chengguan.assistant");
      expect((await office.get(`/api/subjects/${other.id}/app`)).json().access.state).toBe("code_expired");
    } finally {
      shiftDays = 0;
    }
  });

  it("throttles wrong passwords like the staff log-in, and a new code lifts it", async () => {
    const c = await phone();
    const tries: number[] = [];
    for (let i = 0; i < 6; i++)
      tries.push(
        (await c.post("/api/app/login", { idNumber: person.idNumber, password: "wrong2026x" })).statusCode,
      );
    expect(tries.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(tries[5]).toBe(429);
    // Even the right password waits while the throttle stands (the clock does not move here).
    const blocked = await c.post("/api/app/login", { idNumber: person.idNumber, password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
    // Unknown numbers answer exactly as known ones.
    const unknown = await c.post("/api/app/login", { idNumber: "110101199001011237", password });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe("身份证号或密码错误");

    const { code, reset } = await giveCode();
    expect(reset).toBe(true);
    const ok = await c.post("/api/app/activate", { idNumber: person.idNumber, code, password });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("a reset ends the person's sessions and the old password", async () => {
    const c = await phone();
    expect((await c.post("/api/app/login", { idNumber: person.idNumber, password })).statusCode).toBe(200);
    const { code, reset } = await giveCode();
    expect(reset).toBe(true);
    expect((await c.get("/api/app/today")).statusCode).toBe(401);
    const old = await (await phone()).post("/api/app/login", { idNumber: person.idNumber, password });
    expect(old.statusCode).toBe(401);
    const fresh = await (await phone()).post("/api/app/activate", {
      idNumber: person.idNumber,
      code,
      password,
    });
    expect(fresh.statusCode).toBe(200);
  });

  it("a subject session reaches only its own /api/app", async () => {
    const c = await phone();
    expect((await c.post("/api/app/login", { idNumber: person.idNumber, password })).statusCode).toBe(200);
    for (const url of [
      "/api/subjects",
      `/api/subjects/${person.id}`,
      `/api/subjects/${other.id}`,
      `/api/subjects/${person.id}/app`,
      "/api/today",
      "/api/leave",
      "/api/alerts",
      "/api/divisions",
    ])
      expect((await c.get(url)).statusCode, url).toBe(403);
    expect((await c.post(`/api/subjects/${other.id}/notices`, { title: "x", body: "y" })).statusCode).toBe(
      403,
    );
    // Another person's notice is not found.
    const sent = await assistant.post(`/api/subjects/${other.id}/notices`, {
      title: "报到提醒",
      body: "请按时报到",
    });
    expect(sent.statusCode).toBe(201);
    expect((await c.post(`/api/app/notices/${sent.json().id}/read`)).statusCode).toBe(404);
    expect((await c.get("/api/app/notices")).json().items.map((n: { id: string }) => n.id)).not.toContain(
      sent.json().id,
    );
    // Staff cannot use the app's routes.
    expect((await assistant.get("/api/app/today")).statusCode).toBe(403);
    expect((await assistant.get("/api/app/me")).json().me).toBeNull();
  });

  it("notices: the office sends, the person reads, the office sees when", async () => {
    const c = await phone();
    await c.post("/api/app/login", { idNumber: person.idNumber, password });
    const sent = await assistant.post(`/api/subjects/${person.id}/notices`, {
      title: "集中教育通知",
      body: "11月25日上午9时到司法所参加集中教育。",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const bad = await assistant.post(`/api/subjects/${person.id}/notices`, { title: "", body: "内容" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("title");
    const id = sent.json().id as string;
    expect((await c.get("/api/app/today")).json().unreadNotices).toBeGreaterThanOrEqual(1);
    const list = (await c.get("/api/app/notices")).json().items;
    expect(list.find((n: { id: string }) => n.id === id)).toMatchObject({
      title: "集中教育通知",
      readAt: null,
    });
    const read = await c.post(`/api/app/notices/${id}/read`);
    expect(read.statusCode).toBe(200);
    const office = (await assistant.get(`/api/subjects/${person.id}/app`)).json();
    expect(office.notices.find((n: { id: string }) => n.id === id).readAt).toBe(read.json().readAt);
  });

  it("the person's day comes from the rules engine", async () => {
    const c = await phone();
    await c.post("/api/app/login", { idNumber: person.idNumber, password });
    const day = (await c.get("/api/app/today")).json();
    expect(day.date).toBe(DEMO_TODAY);
    expect(day.locationReports).toBeNull(); // a normal-level person has no daily location reports
    expect(day.nextReports.map((r: { kind: string }) => r.kind).sort()).toEqual([
      "in_person_report",
      "phone_report",
    ]);
    for (const r of day.nextReports) expect(r.periodEnd >= DEMO_TODAY).toBe(true);
  });

  it("leave filed in the app reaches the office, and 销假 from the app closes it", async () => {
    const c = await phone();
    await c.post("/api/app/login", { idNumber: person.idNumber, password });
    const bad = await c.post("/api/app/leaves", {
      from: DEMO_TODAY,
      to: "2026-11-31",
      destinationCounty: HANGZHOU_SHANGCHENG,
      reason: "探亲",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("to");
    const filed = await c.post("/api/app/leaves", {
      from: DEMO_TODAY,
      to: "2026-11-22",
      destinationCounty: HANGZHOU_SHANGCHENG,
      destinationAddress: "清河坊 1 号",
      reason: "探望住院的母亲",
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id as string;
    expect(filed.json().advice.approver.by).toBe("office");

    const officeList = (await assistant.get(`/api/leave?subjectId=${person.id}`)).json().items;
    expect(officeList.find((a: { id: string }) => a.id === id)).toMatchObject({ status: "pending" });
    const row = await t.database.db.kysely
      .selectFrom("leave_application")
      .select(["channel", "applied_by"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe("app");

    const mine = (await c.get("/api/app/leaves")).json().items;
    expect(mine.find((a: { id: string }) => a.id === id)).toMatchObject({
      status: "pending",
      canReportBack: false,
    });
    expect((await c.post(`/api/app/leaves/${id}/return`, {})).statusCode).toBe(409);

    const approved = await head.post(`/api/leave/${id}/decision`, {
      decision: "approve",
      comment: "同意",
      overrideReason: "家人住院，情况紧急",
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await c.get("/api/app/today")).json().leave).toMatchObject({ id });
    const back = await c.post(`/api/app/leaves/${id}/return`, { note: "已返回居住地" });
    expect(back.statusCode, back.body).toBe(200);
    const seen = (await assistant.get(`/api/leave/${id}`)).json();
    expect(seen).toMatchObject({ status: "closed", returnMethod: "app" });
    expect((await c.post(`/api/app/leaves/${id}/return`, {})).statusCode).toBe(409);
  });
});
