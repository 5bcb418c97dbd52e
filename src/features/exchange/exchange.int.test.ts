// The partners' exchange on a real database: the agency registers a court (secret shown once); the
// court's signed handover lands in intake with its statutory clock; bad signatures, replays, unknown
// keys and bad files are refused with nothing stored; a partner sees only its own persons, minors
// masked; a webhook receiver that fails twice gets the notice exactly once; a release makes a delivery.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { exchangeCall, type PartnerKey, rowCount } from "../../../test/helpers/exchange-call.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { methodPathTimestampBodyHash, signText } from "../../http/signed-request.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import { runExchangeJob } from "./job.ts";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let seq = 700;
function courtHandover(officeId: string, overrides: Record<string, unknown> = {}) {
  seq += 2;
  return {
    decidingOrgan: "青禾县人民法院",
    judgmentNumber: `（2026）青刑初${seq}号`,
    judgmentDate: fixedDay(-12),
    judgmentEffectiveDate: fixedDay(-3),
    receivedOn: FIXED_TODAY,
    correctionType: "probation",
    termStart: fixedDay(-3),
    termEnd: "2028-12-31",
    crimeText: "危险驾驶罪",
    crimeCategories: ["dangerous_driving"],
    personName: "赵立新",
    personIdNumber: makeIdNumber("990121", "1985-03-02", seq + 1),
    proposedOfficeId: officeId,
    documents: [{ kind: "judgment", fileName: "判决书.pdf", contentBase64: pdf.toString("base64") }],
    ...overrides,
  };
}

describe(`exchange: partners, signed calls, webhooks (${databaseLabel})`, () => {
  let t: TestApp;
  let staff: Client;
  let head: Client;
  let officeId: string;
  let court: { id: string; keyId: string; secret: string };
  let prison: { id: string; keyId: string; secret: string };
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  let failuresLeft = 2;
  /** The court's handover that the agency registers later. */
  let sentByCourt: ReturnType<typeof courtHandover>;

  /** A signed call as a partner's server makes it. */
  const call = (
    who: PartnerKey,
    method: "GET" | "POST",
    url: string,
    body?: unknown,
    tamper: { signature?: string; timestamp?: string } = {},
  ) => exchangeCall(t.app, who, method, url, body, tamper);
  const count = (table: "handover" | "handover_document") => rowCount(t.database.db.kysely, table);

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.signIn("agency.staff1");
    head = await t.signIn("chengguan.head");
    const account = await t.database.db.kysely
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    officeId = account.place_id;
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(503).end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/onebook/events`;
  }, 180_000);
  afterAll(async () => {
    receiver?.close();
    await t?.close();
  });

  it("registers partners; the secret is shown once; the procuratorate may not register", async () => {
    const made = await staff.post("/api/exchange/partners", {
      kind: "court",
      name: "青禾市中级人民法院",
      scopes: ["handover", "court_notice", "status", "webhook"],
    });
    expect(made.statusCode, made.body).toBe(201);
    court = { id: made.json().id, keyId: made.json().keyId, secret: made.json().secret };
    expect(court.secret).toMatch(/^[0-9a-f]{64}$/);
    const list = (await staff.get("/api/exchange/partners")).json();
    expect(JSON.stringify(list)).not.toContain(court.secret);
    expect(list.items.find((p: { id: string }) => p.id === court.id)).toMatchObject({
      kindLabel: "人民法院",
      keyId: court.keyId,
    });
    const stored = await t.database.db.kysely.selectFrom("exchange_key").select("secret_enc").execute();
    expect(stored.map((r) => r.secret_enc).join()).not.toContain(court.secret);
    const other = await staff.post("/api/exchange/partners", {
      kind: "prison",
      name: "省第一监狱",
      scopes: ["handover", "status"],
    });
    prison = { id: other.json().id, keyId: other.json().keyId, secret: other.json().secret };
    const dup = await staff.post("/api/exchange/partners", {
      kind: "court",
      name: "青禾市中级人民法院",
      scopes: ["status"],
    });
    expect(dup.statusCode).toBe(409);
    const prosecutor = await t.signIn("prosecutor");
    expect(
      (await prosecutor.post("/api/exchange/partners", { kind: "court", name: "x", scopes: ["status"] }))
        .statusCode,
    ).toBe(403);
  });

  it("takes a signed handover from the court into intake with its statutory clock and documents", async () => {
    await call(court, "POST", "/api/exchange/v1/webhooks", {
      url: receiverUrl,
      events: ["registration", "release"],
    });
    const body = courtHandover(officeId);
    sentByCourt = body;
    const { response, replay } = await call(court, "POST", "/api/exchange/v1/handovers", body);
    expect(response.statusCode, response.body).toBe(201);
    const ref = response.json().ref;
    expect(response.json()).toMatchObject({ status: "pending", documents: 1, clock: { status: "open" } });
    // The same record the agency's form makes: in the intake queue, with its clock and the PDF.
    const queue = (await staff.get("/api/handovers?status=pending")).json();
    const mine = queue.items.find((h: { id: string }) => h.id === ref);
    expect(mine).toMatchObject({ judgmentNumber: body.judgmentNumber, decidingOrgan: "青禾县人民法院" });
    expect(mine.clock.reportBy).toBe(response.json().clock.reportBy);
    const detail = (await staff.get(`/api/handovers/${ref}`)).json();
    expect(detail.documents).toHaveLength(1);
    expect(detail.documents[0]).toMatchObject({ contentType: "application/pdf" });
    // Sent again as captured: refused, nothing added.
    const before = await count("handover");
    expect((await replay()).statusCode).toBe(409);
    expect(await count("handover")).toBe(before);
    // Audited with the court as the actor.
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["actor_name", "actor_role", "action"])
      .where("record_id", "=", ref)
      .execute();
    expect(audit).toContainEqual({
      actor_name: "青禾市中级人民法院",
      actor_role: "partner",
      action: "handover.create",
    });
  });

  it("refuses wrong signatures, unknown keys, stale timestamps and scopes not granted", async () => {
    const body = courtHandover(officeId);
    const wrong = await call(court, "POST", "/api/exchange/v1/handovers", body, {
      signature: "0".repeat(64),
    });
    expect(wrong.response.statusCode).toBe(401);
    const otherSecret = await call(
      { keyId: court.keyId, secret: prison.secret },
      "POST",
      "/api/exchange/v1/handovers",
      body,
    );
    expect(otherSecret.response.statusCode).toBe(401);
    const unknown = await call(
      { keyId: "pk-nobody", secret: court.secret },
      "POST",
      "/api/exchange/v1/handovers",
      body,
    );
    expect(unknown.response.statusCode).toBe(401);
    const stale = await call(court, "POST", "/api/exchange/v1/handovers", body, {
      timestamp: new Date(t.app.clock.now().getTime() - 10 * 60_000).toISOString(),
    });
    expect(stale.response.statusCode).toBe(401);
    // A signature made for another path does not open this one.
    const timestamp = t.app.clock.now().toISOString();
    const forPersons = signText(
      court.secret,
      methodPathTimestampBodyHash({
        method: "POST",
        path: "/api/exchange/v1/persons",
        timestamp,
        rawBody: JSON.stringify(body),
      }),
    );
    const moved = await call(court, "POST", "/api/exchange/v1/handovers", body, {
      signature: forPersons,
      timestamp,
    });
    expect(moved.response.statusCode).toBe(401);
    const noScope = await call(prison, "POST", "/api/exchange/v1/court-notices", {
      caseId: "x",
      kind: "ruling",
      at: t.app.clock.now().toISOString(),
    });
    expect(noScope.response.statusCode).toBe(403);
  });

  it("takes the court's notices on a case it was asked to decide, through the violations' court path", async () => {
    const k = t.database.db.kysely;
    const subject = await k
      .selectFrom("subject")
      .select(["id", "office_id", "county_id"])
      .where("office_id", "=", officeId)
      .where("status", "=", "in_correction")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const now = t.app.clock.now().getTime();
    const caseId = crypto.randomUUID();
    await k
      .insertInto("violation_case")
      .values({
        id: caseId,
        county_id: subject.county_id,
        office_id: subject.office_id,
        subject_id: subject.id,
        source: "finding",
        kind: "education_refusal",
        occurred_at: new Date(now - 20 * 86_400_000),
        facts: "经教育仍不改正",
        opened_at: new Date(now - 19 * 86_400_000),
        stage: "approved",
        proposed_measure: "revocation_request",
        approved_at: new Date(now - 10 * 86_400_000),
        court_requested_at: new Date(now - 9 * 86_400_000),
        arrest_requested: true,
      })
      .execute();
    const notice = (kind: string, at: number) => ({ caseId, kind, at: new Date(at).toISOString() });
    const early = await call(
      court,
      "POST",
      "/api/exchange/v1/court-notices",
      notice("ruling", now - 15 * 86_400_000),
    );
    expect(early.response.statusCode).toBe(400);
    expect(early.response.json().error.field).toBe("at");
    const arrest = await call(
      court,
      "POST",
      "/api/exchange/v1/court-notices",
      notice("arrest_decision", now - 86_400_000),
    );
    expect(arrest.response.statusCode, arrest.response.body).toBe(200);
    const row = await k
      .selectFrom("violation_case")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(new Date(row.arrest_decided_at!).getTime()).toBe(now - 86_400_000);
    const step = await k
      .selectFrom("violation_step")
      .selectAll()
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(step).toMatchObject({ step: "court", by_user: null });
    const audit = await k
      .selectFrom("audit_log")
      .select(["actor_name", "actor_role"])
      .where("action", "=", "violation.court")
      .where("record_id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_name: "青禾市中级人民法院", actor_role: "partner" });
    const unknown = await call(court, "POST", "/api/exchange/v1/court-notices", {
      ...notice("ruling", now),
      caseId: "none",
    });
    expect(unknown.response.statusCode).toBe(404);
  });

  it("refuses a bad or oversized file naming the field, storing nothing", async () => {
    const handovers = await count("handover");
    const documents = await count("handover_document");
    const exe = await call(
      court,
      "POST",
      "/api/exchange/v1/handovers",
      courtHandover(officeId, {
        documents: [
          { kind: "judgment", fileName: "判决书.pdf", contentBase64: pdf.toString("base64") },
          {
            kind: "other",
            fileName: "a.pdf",
            contentBase64: Buffer.from("MZ\x90\x00binary").toString("base64"),
          },
        ],
      }),
    );
    expect(exe.response.statusCode).toBe(400);
    expect(exe.response.json().error.field).toBe("documents.1.contentBase64");
    const big = Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]);
    const oversized = await call(
      court,
      "POST",
      "/api/exchange/v1/handovers",
      courtHandover(officeId, {
        documents: [{ kind: "judgment", fileName: "大.pdf", contentBase64: big.toString("base64") }],
      }),
    );
    expect([400, 413]).toContain(oversized.response.statusCode);
    const badId = await call(
      court,
      "POST",
      "/api/exchange/v1/handovers",
      courtHandover(officeId, { personIdNumber: "123" }),
    );
    expect(badId.response.statusCode).toBe(400);
    expect(badId.response.json().error.field).toBe("personIdNumber");
    expect(await count("handover")).toBe(handovers);
    expect(await count("handover_document")).toBe(documents);
  });

  it("lets a partner see only its own persons, a minor masked unless a lawful purpose is stated", async () => {
    const minor = courtHandover(officeId, {
      personName: "钱小明",
      personIdNumber: makeIdNumber("990121", "2010-05-06", 801),
      documents: [],
    });
    const sent = await call(prison, "POST", "/api/exchange/v1/handovers", minor);
    expect(sent.response.statusCode, sent.response.body).toBe(201);
    const ref = sent.response.json().ref;
    const mine = (await call(prison, "GET", "/api/exchange/v1/persons")).response.json();
    expect(mine.items.map((p: { ref: string }) => p.ref)).toEqual([ref]);
    expect(mine.items[0]).toMatchObject({ isMinor: true, masked: true, name: "钱**", status: "pending" });
    expect(mine.items[0].idNumber).toContain("********");
    const withPurpose = (await call(prison, "GET", `/api/exchange/v1/persons/${ref}?purpose=case_handling`))
      .response;
    expect(withPurpose.json()).toMatchObject({ masked: false, name: "钱小明" });
    const purposeAudit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "exchange.persons")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(purposeAudit.details)).toContain("case_handling");
    // The court's person is not the prison's.
    const courtPersons = (await call(court, "GET", "/api/exchange/v1/persons")).response.json();
    const courtRef = courtPersons.items[0].ref;
    expect((await call(prison, "GET", `/api/exchange/v1/persons/${courtRef}`)).response.statusCode).toBe(404);
    expect(courtPersons.items.map((p: { ref: string }) => p.ref)).not.toContain(ref);
  });

  it("pushes the registration to the court's webhook: two failures, retried with back-off, received once", async () => {
    const courtPersons = (await call(court, "GET", "/api/exchange/v1/persons")).response.json();
    const person = courtPersons.items[0];
    const id = sentByCourt.personIdNumber;
    const registered = await staff.post(`/api/handovers/${person.ref}/register`, {
      name: sentByCourt.personName,
      idNumber: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? "male" : "female",
      officeId,
      intakeDate: FIXED_TODAY,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const subjectId = registered.json().subjectId;
    const config = { ...t.config, webhookRetrySeconds: 60, webhookMaxAttempts: 5 };
    let at = t.app.clock.now();
    const first = await runExchangeJob(t.database.db, config, at);
    expect(first).toMatchObject({ collected: 1, delivered: 0, failed: 1 });
    // Not due yet 30 s later; due after 60 s, fails again; then after 120 s more, delivered.
    expect(await runExchangeJob(t.database.db, config, new Date(at.getTime() + 30_000))).toMatchObject({
      collected: 0,
      failed: 0,
      delivered: 0,
    });
    at = new Date(at.getTime() + 60_000);
    expect(await runExchangeJob(t.database.db, config, at)).toMatchObject({ failed: 1 });
    expect(await runExchangeJob(t.database.db, config, new Date(at.getTime() + 119_000))).toMatchObject({
      failed: 0,
      delivered: 0,
    });
    at = new Date(at.getTime() + 120_000);
    expect(await runExchangeJob(t.database.db, config, at)).toMatchObject({ delivered: 1 });
    expect(await runExchangeJob(t.database.db, config, new Date(at.getTime() + 3_600_000))).toMatchObject({
      collected: 0,
      delivered: 0,
    });
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0]!.body);
    expect(payload).toMatchObject({ event: "registration", personRef: person.ref });
    // Signed with the court's secret over method, path, timestamp and the body's hash.
    const expected = signText(
      court.secret,
      methodPathTimestampBodyHash({
        method: "POST",
        path: "/onebook/events",
        timestamp: String(received[0]!.headers["x-onebook-timestamp"]),
        rawBody: received[0]!.body,
      }),
    );
    expect(received[0]!.headers["x-onebook-signature"]).toBe(expected);
    // The case shows its delivery.
    const onCase = (await head.get(`/api/subjects/${subjectId}/exchange-deliveries`)).json();
    expect(onCase.items).toMatchObject([
      { event: "registration", status: "delivered", statusLabel: "已送达", attempts: 3 },
    ]);

    // The release of the person makes a delivery too.
    await t.database.db.kysely
      .updateTable("subject")
      .set({ term_end: FIXED_TODAY })
      .where("id", "=", subjectId)
      .execute();
    const headId = (
      await t.database.db.kysely
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", "chengguan.head")
        .executeTakeFirstOrThrow()
    ).id;
    const released = await head.post(`/api/subjects/${subjectId}/release`, {
      date: FIXED_TODAY,
      place: "城关司法所宣告室",
      present: [{ userId: headId }, { name: "赵立新之妻", role: "家属" }],
    });
    expect(released.statusCode, released.body).toBe(201);
    const later = new Date(at.getTime() + 7_200_000);
    expect(await runExchangeJob(t.database.db, config, later)).toMatchObject({ collected: 1, delivered: 1 });
    expect(JSON.parse(received[1]!.body)).toMatchObject({
      event: "release",
      personRef: person.ref,
      endKind: "release",
    });
  });

  it("sets a delivery aside as a dead letter after the attempts, and the agency re-sends it", async () => {
    const k = t.database.db.kysely;
    const hook = await call(court, "POST", "/api/exchange/v1/webhooks", {
      url: "http://127.0.0.1:9/nowhere",
      events: ["release"],
    });
    expect(hook.response.statusCode, hook.response.body).toBe(201);
    const hookId = hook.response.json().id;
    // An event for this subscription (the release above happened before it, so make one directly).
    const subject = await k
      .selectFrom("handover")
      .select("subject_id")
      .where("partner_id", "=", court.id)
      .where("subject_id", "is not", null)
      .executeTakeFirstOrThrow();
    await k
      .insertInto("exchange_delivery")
      .values({
        id: crypto.randomUUID(),
        webhook_id: hookId,
        partner_id: court.id,
        event_key: "test:dead",
        event_kind: "release",
        subject_id: subject.subject_id,
        payload: JSON.stringify({ event: "release" }),
        next_attempt_at: t.app.clock.now(),
        created_at: t.app.clock.now(),
      })
      .execute();
    const config = { ...t.config, webhookRetrySeconds: 1, webhookMaxAttempts: 2 };
    const start = t.app.clock.now().getTime() + 86_400_000;
    await runExchangeJob(t.database.db, config, new Date(start));
    const run = await runExchangeJob(t.database.db, config, new Date(start + 10_000));
    expect(run.dead).toBe(1);
    const dead = {
      items: (await staff.get("/api/exchange/deliveries?status=dead"))
        .json()
        .items.filter((d: { partnerId: string }) => d.partnerId === court.id),
    };
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ statusLabel: "发送失败", lastError: "无法连接接收方" });
    const retry = await staff.post(`/api/exchange/deliveries/${dead.items[0].id}/retry`, {});
    expect(retry.statusCode, retry.body).toBe(200);
    const pending = (await staff.get("/api/exchange/deliveries?status=pending")).json().items;
    expect(pending.filter((d: { partnerId: string }) => d.partnerId === court.id)).toHaveLength(1);
    expect((await staff.post(`/api/exchange/deliveries/${dead.items[0].id}/retry`, {})).statusCode).toBe(409);
  });

  it("立即推送 sends a partner's due deliveries at once; two runs at once post a delivery once; agency only", async () => {
    const k = t.database.db.kysely;
    const hooks = (await call(court, "GET", "/api/exchange/v1/webhooks")).response.json().items;
    const live = hooks.find((h: { url: string; retiredAt: string | null }) => h.url === receiverUrl);
    const subject = await k
      .selectFrom("handover")
      .select("subject_id")
      .where("partner_id", "=", court.id)
      .where("subject_id", "is not", null)
      .executeTakeFirstOrThrow();
    /** A due delivery of the court's live subscription (events themselves are covered above). */
    const due = async (key: string) => {
      const id = crypto.randomUUID();
      await k
        .insertInto("exchange_delivery")
        .values({
          id,
          webhook_id: live.id,
          partner_id: court.id,
          event_key: key,
          event_kind: "release",
          subject_id: subject.subject_id,
          payload: JSON.stringify({ id, event: "release" }),
          next_attempt_at: t.app.clock.now(),
          created_at: t.app.clock.now(),
        })
        .execute();
      return id;
    };
    const sentOf = (id: string) => received.filter((r) => JSON.parse(r.body).id === id);
    const statusOf = (id: string) =>
      k
        .selectFrom("exchange_delivery")
        .select(["status", "attempts"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    // Two runs at the same moment (the minute's job beside a push, or on two instances): each
    // delivery is claimed by one of them and posted once.
    const raced = await due("test:race");
    await Promise.all([
      runExchangeJob(t.database.db, t.config, t.app.clock.now()),
      runExchangeJob(t.database.db, t.config, t.app.clock.now()),
    ]);
    expect(sentOf(raced)).toHaveLength(1);
    expect(await statusOf(raced)).toEqual({ status: "delivered", attempts: 1 });

    const pushedId = await due("test:push");
    const before = received.length;
    const pushed = await staff.post(`/api/exchange/partners/${court.id}/push`, {});
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushed.json()).toMatchObject({ delivered: 1 });
    expect(sentOf(pushedId)).toHaveLength(1);
    expect(received).toHaveLength(before + 1);
    expect(await statusOf(pushedId)).toEqual({ status: "delivered", attempts: 1 });
    const audited = await k
      .selectFrom("audit_log")
      .select("action")
      .where("record_id", "=", court.id)
      .where("action", "=", "exchange_delivery.push")
      .execute();
    expect(audited).toHaveLength(1);
    // Nothing due any more: the next push sends nothing.
    expect((await staff.post(`/api/exchange/partners/${court.id}/push`, {})).json()).toMatchObject({
      collected: 0,
      delivered: 0,
    });
    expect(received).toHaveLength(before + 1);
    const prosecutor = await t.signIn("prosecutor");
    expect((await prosecutor.post(`/api/exchange/partners/${court.id}/push`, {})).statusCode).toBe(403);
    expect((await staff.post("/api/exchange/partners/nobody/push", {})).statusCode).toBe(404);
  });

  it("rotates a key (the old one stops at once) and shows the partner's calls", async () => {
    const rotated = await staff.post(`/api/exchange/partners/${court.id}/rotate-key`, {});
    expect(rotated.statusCode, rotated.body).toBe(201);
    const old = await call(court, "GET", "/api/exchange/v1/persons");
    expect(old.response.statusCode).toBe(401);
    court = { ...court, keyId: rotated.json().keyId, secret: rotated.json().secret };
    expect((await call(court, "GET", "/api/exchange/v1/persons")).response.statusCode).toBe(200);
    const activity = (await staff.get(`/api/exchange/partners/${court.id}/activity`)).json();
    expect(activity.calls[0]).toMatchObject({
      method: "GET",
      path: "/api/exchange/v1/persons",
      status: 200,
      actionLabel: "接入单位调用接口",
    });
    expect(activity.deliveries.length).toBeGreaterThan(0);
    const retired = await staff.post(`/api/exchange/partners/${prison.id}/retire`, {});
    expect(retired.statusCode).toBe(200);
    expect((await call(prison, "GET", "/api/exchange/v1/persons")).response.statusCode).toBe(401);
  });

  it("takes a court's signed commission for a pre-sentence investigation, with its due day in working days", async () => {
    const made = await staff.post("/api/exchange/partners", {
      kind: "court",
      name: "青禾县城关人民法庭",
      scopes: ["investigation"],
    });
    expect(made.statusCode, made.body).toBe(201);
    const county = { keyId: made.json().keyId, secret: made.json().secret };
    const commission = {
      court: "青禾县人民法院",
      commissionNo: "（2026）青法委调字第31号",
      procedure: "expedited",
      receivedOn: FIXED_TODAY,
      name: "钱文斌",
      gender: "male",
      birthDate: "1988-06-01",
      address: "青禾县城关镇西街12号",
      charge: "危险驾驶罪",
      proposedType: "probation",
    };
    const { response, replay } = await call(county, "POST", "/api/exchange/v1/investigations", commission);
    expect(response.statusCode, response.body).toBe(201);
    const { ref, dueOn } = response.json();
    // 2026-11-20 is a Friday: five working days later is Friday 27 November.
    expect(dueOn).toBe("2026-11-27");
    expect((await replay()).statusCode).toBe(409);
    // The agency finds it among its commissions, to assign, received from the court.
    const list = (await staff.get("/api/investigations")).json();
    expect(list.items.find((i: { id: string }) => i.id === ref)).toMatchObject({
      commissionNo: commission.commissionNo,
      status: "received",
      dueOn: "2026-11-27",
    });
    const row = await t.database.db.kysely
      .selectFrom("investigation")
      .select(["received_by", "partner_id"])
      .where("id", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ received_by: null, partner_id: made.json().id });
    // A partner without that kind of exchange is refused, and nothing is stored.
    const before = (await staff.get("/api/investigations")).json().items.length;
    const other = await call(court, "POST", "/api/exchange/v1/investigations", {
      ...commission,
      commissionNo: "（2026）青法委调字第32号",
    });
    expect(other.response.statusCode).toBe(403);
    expect((await staff.get("/api/investigations")).json().items.length).toBe(before);
  });
});
