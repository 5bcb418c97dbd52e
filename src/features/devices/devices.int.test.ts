// Electronic location (Art. 29) through the API on a real database with the demo counties: the agency
// head registers a device vendor (secret shown once); the agency records a device order of at most
// 3 months and extends it by at most 3 months at a time; the vendor's platform sends signed bulk
// reports — stored while an order is in force, rejected per report without one, refused whole with a
// bad, stale or replayed signature.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { pruneSeenSignatures, signText } from "../../http/signed-request.ts";
import { clockStartingAt } from "../../shared/clock.ts";

const NOW = new Date(`${DEMO_TODAY}T10:00:00+08:00`); // 2026-11-20

describe(`device orders, vendors and the signed bulk route (${databaseLabel})`, () => {
  let t: TestApp;
  let agencyHead: Client;
  let agencyStaff: Client;
  let assistant: Client;
  let ordered: string; // a person of 城关 under an order from today
  let other: string; // a person of the same county without an order
  let foreign: string; // a person of the other county
  let vendor: { id: string; secret: string };

  const send = (
    body: unknown,
    options: { vendorId?: string; secret?: string; timestamp?: string; raw?: string } = {},
  ) => {
    const raw = options.raw ?? JSON.stringify(body);
    const timestamp = options.timestamp ?? at(0);
    return t.client().request({
      method: "POST",
      url: "/api/devices/reports",
      headers: {
        "content-type": "application/json",
        "x-onebook-vendor": options.vendorId ?? vendor.id,
        "x-onebook-timestamp": timestamp,
        "x-onebook-signature": signText(options.secret ?? vendor.secret, `${timestamp}\n${raw}`),
      },
      payload: raw,
    });
  };
  /** A timestamp `ms` from the product's clock now (it runs on while the tests run). */
  const at = (ms: number) => new Date(t.config.clock.now().getTime() + ms).toISOString();
  const report = (subjectId: string, key: string, minutesAgo = 5) => ({
    key,
    subjectId,
    deviceId: "TAG-0001",
    at: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    lon: 120.1,
    lat: 30.1,
    accuracyM: 15,
  });

  beforeAll(async () => {
    t = await startTestApp({ clock: clockStartingAt(NOW) });
    const k = t.database.db.kysely;
    agencyHead = await t.signIn("agency.head");
    agencyStaff = await t.signIn("agency.staff1");
    assistant = await t.signIn("chengguan.assistant");
    const county = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "agency.head")
      .executeTakeFirstOrThrow();
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    const mine = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .orderBy("id")
      .limit(2)
      .execute();
    [ordered, other] = mine.map((s) => s.id) as [string, string];
    foreign = (
      await k
        .selectFrom("subject")
        .select("id")
        .where("county_id", "<>", county.place_id)
        .where("status", "=", "in_correction")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lets the agency head register a vendor and shows its secret only once", async () => {
    expect((await agencyStaff.post("/api/device-vendors", { name: "某定位科技" })).statusCode).toBe(403);
    const created = await agencyHead.post("/api/device-vendors", { name: "某定位科技" });
    expect(created.statusCode).toBe(201);
    vendor = created.json();
    expect(vendor.secret).toMatch(/^[0-9a-f]{64}$/);
    const again = await agencyHead.post("/api/device-vendors", { name: "某定位科技" });
    expect(again.statusCode).toBe(409);
    const list = await agencyStaff.get("/api/device-vendors");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("某定位科技");
    expect(list.body).not.toContain(vendor.secret);
  });

  it("records a device order of at most 3 months, for one of the five situations, by the agency only", async () => {
    const url = `/api/subjects/${ordered}/device-orders`;
    const body = { reason: "left_area_unapproved", approvedBy: "张局长", from: DEMO_TODAY, to: "2027-02-19" };
    expect((await assistant.post(url, body)).statusCode).toBe(403);
    const tooLong = await agencyStaff.post(url, { ...body, to: "2027-02-20" });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.field).toBe("to");
    expect(tooLong.json().error.message).toContain("2027-02-19");
    const badReason = await agencyStaff.post(url, { ...body, reason: "suspicious" });
    expect(badReason.json().error.field).toBe("reason");
    const created = await agencyStaff.post(url, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ until: "2027-02-19", inForce: true, extensions: [] });
    const overlapping = await agencyStaff.post(url, { ...body, from: "2027-01-01", to: "2027-03-01" });
    expect(overlapping.statusCode).toBe(409);
    expect((await agencyHead.post(`/api/subjects/${foreign}/device-orders`, body)).statusCode).toBe(404);
    // The office reads its person's orders (audited); the list carries the order.
    const read = await assistant.get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json().items).toHaveLength(1);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", ordered)
      .where("action", "in", ["device_order.create", "device_order.view"])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["device_order.create", "device_order.view"]);
  });

  it("extends an order by at most 3 months at a time, counted from the day after its end", async () => {
    const [order] = (await assistant.get(`/api/subjects/${ordered}/device-orders`)).json().items;
    const url = `/api/device-orders/${order.id}/extensions`;
    const tooLong = await agencyHead.post(url, { to: "2027-05-20", approvedBy: "张局长" });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ field: "to" });
    expect(tooLong.json().error.message).toContain("2027-05-19");
    const backwards = await agencyHead.post(url, { to: "2027-01-01", approvedBy: "张局长" });
    expect(backwards.json().error.field).toBe("to");
    const first = await agencyHead.post(url, { to: "2027-05-19", approvedBy: "张局长" });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ to: "2027-02-19", until: "2027-05-19" });
    const second = await agencyHead.post(url, { to: "2027-08-19", approvedBy: "李局长" });
    expect(second.json().until).toBe("2027-08-19");
    expect(second.json().extensions).toHaveLength(2);
    expect((await assistant.post(url, { to: "2027-09-01", approvedBy: "x" })).statusCode).toBe(403);
    expect(
      (await agencyHead.post("/api/device-orders/nope/extensions", { to: "2027-09-01", approvedBy: "x" }))
        .statusCode,
    ).toBe(404);
  });

  it("stores signed device reports under an order and rejects, per report, those without one", async () => {
    const response = await send({
      reports: [
        report(ordered, "dev-key-0001"),
        report(other, "dev-key-0002"),
        report(foreign, "dev-key-0003"),
      ],
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results[0]).toMatchObject({ index: 0, status: "stored" });
    expect(results[1]).toMatchObject({
      index: 1,
      status: "rejected",
      error: { code: "no_device_order", field: "reports.1.subjectId" },
    });
    expect(results[2]).toMatchObject({ index: 2, status: "rejected", error: { code: "no_device_order" } });
    const rows = await t.database.db.kysely
      .selectFrom("location_report")
      .select(["subject_id", "source", "vendor_id", "device_id"])
      .where("idempotency_key", "like", "dev-key-%")
      .execute();
    expect(rows).toEqual([
      { subject_id: ordered, source: "device", vendor_id: vendor.id, device_id: "TAG-0001" },
    ]);
    // The same key again, newly signed: answered as before, stored once.
    const again = await send(
      { reports: [report(ordered, "dev-key-0001")] },
      { timestamp: String(t.config.clock.now().getTime() + 1) },
    );
    expect(again.json().results[0]).toMatchObject({ status: "duplicate", id: results[0].id });
    // The office sees the device report on the map while the order is in force.
    const seen = await assistant.get(
      `/api/subjects/${ordered}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}&purpose=轨迹分析`,
    );
    expect(seen.statusCode).toBe(200);
    expect(seen.json().reports.map((r: { source: string }) => r.source)).toContain("device");
  });

  it("refuses a bad, stale, unknown or replayed signature, and checks the signature before the body", async () => {
    const body = { reports: [report(ordered, "dev-key-0100")] };
    const badSignature = await send(body, { secret: "0".repeat(64) });
    expect(badSignature.statusCode).toBe(401);
    const stale = await send(body, { timestamp: at(-6 * 60_000) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.message).toContain("5 分钟");
    const early = await send(body, { timestamp: at(6 * 60_000) });
    expect(early.statusCode).toBe(401);
    expect((await send(body, { vendorId: "v-unknown" })).statusCode).toBe(401);
    const unsigned = await t.client().post("/api/devices/reports", { reports: "garbage" }, { csrf: false });
    expect(unsigned.statusCode).toBe(401);
    // A signed body of the wrong shape: 400 naming the field.
    const badShape = await send({ reports: [{ ...report(ordered, "dev-key-0101"), lat: "north" }] });
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json().error.field).toBe("reports.0.lat");
    // A body changed after signing: the signature no longer matches.
    const timestamp = at(2000);
    const tampered = await t.client().request({
      method: "POST",
      url: "/api/devices/reports",
      headers: {
        "content-type": "application/json",
        "x-onebook-vendor": vendor.id,
        "x-onebook-timestamp": timestamp,
        "x-onebook-signature": signText(vendor.secret, `${timestamp}\n${JSON.stringify(body)}`),
      },
      payload: JSON.stringify({ reports: [report(other, "dev-key-0100")] }),
    });
    expect(tampered.statusCode).toBe(401);

    const timestamp2 = at(3000);
    const first = await send(body, { timestamp: timestamp2 });
    expect(first.statusCode).toBe(200);
    const replay = await send(body, { timestamp: timestamp2 });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe("replayed_request");
  });

  it("forgets spent signatures once their timestamp is out of the window, and stops a retired vendor", async () => {
    const k = t.database.db.kysely;
    const before = await k.selectFrom("signed_request_seen").select("id").execute();
    expect(before.length).toBeGreaterThan(0);
    const now = t.config.clock.now().getTime();
    expect(await pruneSeenSignatures(k, new Date(now))).toBe(0);
    expect(await pruneSeenSignatures(k, new Date(now + 11 * 60_000))).toBe(before.length);
    expect((await agencyHead.post(`/api/device-vendors/${vendor.id}/retire`, {})).statusCode).toBe(200);
    const response = await send({ reports: [report(ordered, "dev-key-0200")] }, { timestamp: at(4000) });
    expect(response.statusCode).toBe(401);
  });
});
