// The location pipeline through the API on a real database with the demo county: the person's app
// sends reports (validation, idempotency, conversion), the agency loads zones (invalid geometry
// refused), reports outside the county raise a yellow then red alert once, a prohibited zone raises an
// orange one, the office reads the trajectory for a purpose (audited), the sweep raises lost contact
// once with its field-visit item on Today, device reports need an order in force, and the key
// person's three daily reports on Today count the stored reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { fromWgs84 } from "../../core/location/crs.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { clockStartingAt } from "../../shared/clock.ts";
import { ingestReports } from "./ingest.ts";

const NOW = new Date(`${DEMO_TODAY}T10:00:00+08:00`);
const at = (hhmm: string, day = DEMO_TODAY) => `${day}T${hhmm}:00+08:00`;
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

interface Result {
  index: number;
  key: string;
  status: string;
  id?: number;
  error?: { code: string; field: string; message: string };
}

describe(`location pipeline (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let head: Client;
  let app: Client;
  let key: { id: string; office_id: string; county_id: string };
  let home: [number, number];

  const send = async (client: Client, reports: unknown[]): Promise<Result[]> => {
    const response = await client.post("/api/app/reports", { reports });
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body).results;
  };

  const locationAlerts = async (subjectId: string) =>
    t.database.db.kysely
      .selectFrom("alert")
      .select(["id", "kind", "colour", "source", "handled_at"])
      .where("subject_id", "=", subjectId)
      .where("source", "like", "location:%")
      .orderBy("id")
      .execute();

  /** A key person of the county other than `key` (the first by id). */
  const anotherKeyPerson = () =>
    t.database.db.kysely
      .selectFrom("subject")
      .select(["id", "office_id"])
      .where("county_id", "=", key.county_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "key")
      .where("id", "<>", key.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp({ clock: clockStartingAt(NOW) });
    agency = await t.signIn("agency.head");
    head = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    key = await k
      .selectFrom("subject")
      .select(["id", "office_id", "county_id"])
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "key")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const last = await k
      .selectFrom("location_report")
      .select(["longitude", "latitude"])
      .where("subject_id", "=", key.id)
      .orderBy("measured_at", "desc")
      .executeTakeFirstOrThrow();
    home = [last.longitude, last.latitude];
    app = await t.subjectClient(key.id, key.office_id);
  }, 180_000);
  afterAll(() => t?.close());

  it("judges each report on its own, stores once per key, converts GCJ-02, marks low quality", async () => {
    const [gLon, gLat] = fromWgs84(home[0], home[1], "GCJ02");
    const results = await send(app, [
      { key: "ok-000001", at: at("09:10"), lon: home[0], lat: home[1], accuracyM: 20 },
      { key: "bad-lat-01", at: at("09:11"), lon: home[0], lat: 91, accuracyM: 20 },
      { key: "future-01", at: at("10:40"), lon: home[0], lat: home[1], accuracyM: 20 },
      { key: "too-old-01", at: at("09:00", "2026-10-20"), lon: home[0], lat: home[1], accuracyM: 20 },
      { key: "gcj-000001", at: at("09:12"), lon: gLon, lat: gLat, accuracyM: 20, crs: "GCJ02" },
      { key: "coarse-001", at: at("09:13"), lon: home[0], lat: home[1], accuracyM: 1500 },
      { key: "ok-000001", at: at("09:10"), lon: home[0], lat: home[1], accuracyM: 20 },
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "stored",
      "rejected",
      "rejected",
      "rejected",
      "stored",
      "stored",
      "duplicate",
    ]);
    expect(results[1]?.error).toMatchObject({ code: "out_of_range", field: "reports.1.lat" });
    expect(results[2]?.error).toMatchObject({ code: "in_future", field: "reports.2.at" });
    expect(results[3]?.error).toMatchObject({ code: "too_old", field: "reports.3.at" });
    expect(results[6]?.id).toBe(results[0]?.id);

    const again = await send(app, [{ key: "ok-000001", at: at("09:10"), lon: 0, lat: 0, accuracyM: 5 }]);
    expect(again[0]).toMatchObject({ status: "duplicate", id: results[0]?.id });

    const k = t.database.db.kysely;
    const rows = await k
      .selectFrom("location_report")
      .select(["idempotency_key", "longitude", "latitude", "original_crs", "low_quality", "source"])
      .where("subject_id", "=", key.id)
      .where("idempotency_key", "in", ["ok-000001", "gcj-000001", "coarse-001"])
      .orderBy("idempotency_key")
      .execute();
    expect(rows.map((r) => [r.idempotency_key, r.original_crs, r.low_quality, r.source])).toEqual([
      ["coarse-001", "wgs84", true, "app"],
      ["gcj-000001", "gcj02", false, "app"],
      ["ok-000001", "wgs84", false, "app"],
    ]);
    const gcj = rows.find((r) => r.idempotency_key === "gcj-000001")!;
    expect(Math.abs(gcj.longitude - home[0])).toBeLessThan(1e-5);
    expect(Math.abs(gcj.latitude - home[1])).toBeLessThan(1e-5);
  });

  it("refuses a body of the wrong shape with 400 naming the field, and other roles with 403", async () => {
    const empty = await app.post("/api/app/reports", { reports: [] });
    expect(empty.statusCode).toBe(400);
    expect(JSON.parse(empty.body).error.field).toBe("reports");
    const shortKey = await app.post("/api/app/reports", {
      reports: [{ key: "short", at: at("09:00"), lon: 1, lat: 1 }],
    });
    expect(shortKey.statusCode).toBe(400);
    expect(JSON.parse(shortKey.body).error.field).toBe("reports.0.key");
    const staff = await head.post("/api/app/reports", {
      reports: [{ key: "staff-0001", at: at("09:00"), lon: 1, lat: 1 }],
    });
    expect(staff.statusCode).toBe(403);
  });

  it("refuses invalid zone geometry with a Chinese message naming the field", async () => {
    const square = (d: number, close = true) => {
      const ring = [
        [home[0] - d, home[1] - d],
        [home[0] + d, home[1] - d],
        [home[0] + d, home[1] + d],
        [home[0] - d, home[1] + d],
      ];
      return close ? [...ring, ring[0]] : ring;
    };
    const post = (geojson: unknown) =>
      agency.post("/api/zones", { kind: "execution", name: "青禾县", geojson });
    const cases: [unknown, string][] = [
      [{ type: "Polygon", coordinates: [square(0.2, false)] }, "geojson.coordinates.0"],
      [{ type: "Polygon", coordinates: [square(0.2).slice(0, 3)] }, "geojson.coordinates.0"],
      [{ type: "Point", coordinates: home }, "geojson.type"],
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [1, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        },
        "geojson.coordinates.0",
      ],
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 95],
              [1, 0],
              [0, 0],
            ],
          ],
        },
        "geojson.coordinates.0.1",
      ],
    ];
    for (const [geojson, field] of cases) {
      const response = await post(geojson);
      expect(response.statusCode, JSON.stringify(geojson)).toBe(400);
      const error = JSON.parse(response.body).error;
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const head403 = await head.post("/api/zones", {
      kind: "execution",
      name: "青禾县",
      geojson: { type: "Polygon", coordinates: [square(0.2)] },
    });
    expect(head403.statusCode).toBe(403);
  });

  it("an execution area replaces the old one with the next version", async () => {
    const ring = (d: number) => [
      [home[0] - d, home[1] - d],
      [home[0] + d, home[1] - d],
      [home[0] + d, home[1] + d],
      [home[0] - d, home[1] + d],
      [home[0] - d, home[1] - d],
    ];
    const first = await agency.post("/api/zones", {
      kind: "execution",
      name: "青禾县（旧）",
      geojson: { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [ring(0.3)] } },
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await agency.post("/api/zones", {
      kind: "execution",
      name: "青禾县",
      geojson: {
        type: "FeatureCollection",
        features: [{ type: "Feature", geometry: { type: "Polygon", coordinates: [ring(0.1)] } }],
      },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(JSON.parse(second.body).version).toBe(JSON.parse(first.body).version + 1);
    const zones = JSON.parse((await head.get("/api/zones")).body);
    const executions = zones.features.filter(
      (f: { properties: { kind: string } }) => f.properties.kind === "execution",
    );
    expect(executions).toHaveLength(1);
    expect(executions[0].properties.name).toBe("青禾县");
  });

  it("inside: no alert; outside once: yellow; outside again 20 min later: the same alert turns red", async () => {
    const inside = await send(app, [
      { key: "in-0000001", at: at("09:15"), lon: home[0], lat: home[1], accuracyM: 30 },
    ]);
    expect(inside[0]?.status).toBe("stored");
    expect(await locationAlerts(key.id)).toEqual([]);

    const far = [home[0] + 0.5, home[1]];
    await send(app, [{ key: "out-000001", at: at("09:20"), lon: far[0], lat: far[1], accuracyM: 30 }]);
    const yellow = await locationAlerts(key.id);
    expect(yellow.map((a) => [a.kind, a.colour])).toEqual([["possible_out_of_area", "yellow"]]);

    await send(app, [{ key: "out-000002", at: at("09:40"), lon: far[0], lat: far[1], accuracyM: 30 }]);
    await send(app, [{ key: "out-000003", at: at("09:50"), lon: far[0], lat: far[1], accuracyM: 30 }]);
    const red = await locationAlerts(key.id);
    expect(red.map((a) => [a.id, a.kind, a.colour])).toEqual([[yellow[0]!.id, "out_of_area", "red"]]);

    const board = JSON.parse((await head.get(`/api/alerts?subjectId=${key.id}`)).body);
    expect(board.items.filter((a: { kind: string }) => a.kind === "out_of_area")).toHaveLength(1);
    // Today follows through the change log: the red alert is on the office's list at once.
    const today = JSON.parse((await head.get("/api/today?horizon=31")).body);
    expect(
      today.items.some(
        (i: { key: string; colour: string | null }) => i.key === `alert:${red[0]!.id}` && i.colour === "red",
      ),
    ).toBe(true);
    const links = await t.database.db.kysely
      .selectFrom("location_alert_report")
      .select("report_id")
      .where("alert_id", "=", red[0]!.id)
      .execute();
    expect(links).toHaveLength(3);
  });

  it("a prohibited zone applying to the person raises one orange alert per episode", async () => {
    const cafe = [home[0] + 0.01, home[1] + 0.01] as [number, number];
    const zone = await agency.post("/api/zones", {
      kind: "prohibited",
      name: "某棋牌室",
      circle: { center: cafe, radiusM: 200 },
      appliesTo: { subjectIds: [key.id] },
    });
    expect(zone.statusCode, zone.body).toBe(201);
    await send(app, [
      { key: "back-00001", at: at("09:51"), lon: home[0], lat: home[1], accuracyM: 20 },
      { key: "cafe-00001", at: at("09:55"), lon: cafe[0], lat: cafe[1], accuracyM: 20 },
    ]);
    await send(app, [{ key: "cafe-00002", at: at("09:58"), lon: cafe[0], lat: cafe[1], accuracyM: 20 }]);
    const alerts = (await locationAlerts(key.id)).filter((a) => a.kind === "prohibited_place");
    expect(alerts.map((a) => a.colour)).toEqual(["orange"]);
  });

  it("a batch stored and never judged (judging interrupted) is judged by the sweep, once", async () => {
    const k = t.database.db.kysely;
    const other = await anotherKeyPerson();
    const far = [home[0] + 0.5, home[1]] as const;
    const batch = ["10", "30", "50"].map((mm, i) => ({
      key: `left-00${i}`,
      at: at(`08:${mm}`),
      lon: far[0],
      lat: far[1],
      accuracyM: 25,
    }));
    // Judging breaks off after the commit, as when the server dies there: the zones cannot be read.
    const logged: string[] = [];
    const interrupted = {
      ...t.app.location,
      zones: {
        forCounty: async () => {
          throw new Error("interrupted");
        },
      } as unknown as typeof t.app.location.zones,
    };
    const results = await ingestReports(interrupted, { kind: "app", subjectId: other.id }, batch, {
      log: { error: (_details, message) => logged.push(message) },
    });
    expect(results.map((r) => r.status)).toEqual(["stored", "stored", "stored"]);
    expect(logged).toEqual(["location judging failed"]);
    expect(await locationAlerts(other.id)).toEqual([]);

    // A sweep at once leaves the batch alone (it might be being judged); two minutes on, it judges it.
    expect((await runSweep(t.database.db, NOW)).locationBatchesJudged).toBe(0);
    const later = new Date(NOW.getTime() + 3 * 60_000);
    expect((await runSweep(t.database.db, later)).locationBatchesJudged).toBe(1);
    const alerts = await locationAlerts(other.id);
    expect(alerts.map((a) => [a.kind, a.colour])).toEqual([["out_of_area", "red"]]);
    const links = await k
      .selectFrom("location_alert_report")
      .select("report_id")
      .where("alert_id", "=", alerts[0]!.id)
      .execute();
    const byNumber = (a: number, b: number) => a - b;
    expect(links.map((l) => Number(l.report_id)).sort(byNumber)).toEqual(
      results.map((r) => r.id as number).sort(byNumber),
    );
    // Judged once: the next sweep has nothing left, and the phone sending the batch again changes nothing.
    expect((await runSweep(t.database.db, later)).locationBatchesJudged).toBe(0);
    const phone = await t.subjectClient(other.id, other.office_id);
    expect((await send(phone, batch)).map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect((await locationAlerts(other.id)).map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it("the office reads reports, alerts and zones for a stated purpose, audited; without a purpose 400", async () => {
    const none = await head.get(`/api/subjects/${key.id}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}`);
    expect(none.statusCode).toBe(400);
    expect(JSON.parse(none.body).error.field).toBe("purpose");
    const purpose = encodeURIComponent("核查越界预警");
    const response = await head.get(
      `/api/subjects/${key.id}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}&purpose=${purpose}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.reports.length).toBeGreaterThanOrEqual(8);
    const red = body.alerts.find((a: { kind: string }) => a.kind === "out_of_area");
    expect(red).toMatchObject({ color: "red", status: "open" });
    expect(red.reportIds).toHaveLength(3);
    expect(
      body.zones.features.map((f: { properties: { kind: string } }) => f.properties.kind).sort(),
    ).toEqual(["execution", "prohibited"]);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "location.view")
      .where("subject_id", "=", key.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.details)).toContain("核查越界预警");
    const other = await t.signIn("xishan.head").catch(() => null);
    if (other) {
      const foreign = await other.get(
        `/api/subjects/${key.id}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}&purpose=${purpose}`,
      );
      expect(foreign.statusCode).toBe(404);
    }
  });

  it("a selfie is content-checked, referenced by a report and shown to the office (audited)", async () => {
    const fake = await app.request({
      method: "POST",
      url: "/api/app/photos",
      headers: { "content-type": "image/png" },
      payload: Buffer.from("<html>not a picture</html>"),
    });
    expect(fake.statusCode).toBe(400);
    const upload = await app.request({
      method: "POST",
      url: "/api/app/photos",
      headers: { "content-type": "image/png" },
      payload: PNG,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { photoId } = JSON.parse(upload.body);
    const results = await send(app, [
      { key: "selfie-001", at: at("09:59"), lon: home[0], lat: home[1], accuracyM: 10, photoId },
      { key: "selfie-002", at: at("09:59"), lon: home[0], lat: home[1], accuracyM: 10, photoId: "nope" },
    ]);
    expect(results.map((r) => r.status)).toEqual(["stored", "rejected"]);
    expect(results[1]?.error?.field).toBe("reports.1.photoId");
    const view = await head.get(`/api/subjects/${key.id}/location-photos/${photoId}`);
    expect(view.statusCode).toBe(200);
    expect(view.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(view.rawPayload).equals(PNG)).toBe(true);
  });

  it("device reports need an order in force; the sweep raises lost contact once, with its visit on Today", async () => {
    const k = t.database.db.kysely;
    const normal = await k
      .selectFrom("subject")
      .select(["id", "office_id"])
      .where("office_id", "=", key.office_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "normal")
      .where("intake_date", "<=", "2026-10-01")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const device = (subjectId: string, keyText: string, time: string) => ({
      key: keyText,
      subjectId,
      deviceId: "TAG-1",
      at: at(time),
      lon: home[0],
      lat: home[1],
      accuracyM: 10,
    });
    const refused = await ingestReports(t.app.location, { kind: "device", vendorId: "v1" }, [
      device(normal.id, "dev-000001", "08:00"),
    ]);
    expect(refused[0]?.error?.code).toBe("no_device_order");

    await k
      .insertInto("device_order")
      .values({
        id: "DO-1",
        subject_id: normal.id,
        reason: "left_area_unapproved",
        approved_by: "县司法局局长",
        from_date: "2026-11-18",
        to_date: "2027-02-17",
      })
      .execute();
    // Under an order, a person who never reported is lost from contact 24 h after it began.
    const first = await runSweep(t.database.db, NOW);
    const second = await runSweep(t.database.db, NOW);
    expect(second.alertsRaised).toBe(0);
    expect(first.alertsRaised).toBeGreaterThanOrEqual(1);
    const lost = (await locationAlerts(normal.id)).filter((a) => a.kind === "lost_contact");
    expect(lost.map((a) => [a.colour, a.source])).toEqual([
      ["red", `location:lost_contact:${normal.id}:2026-11-19T00:00:00+08:00`],
    ]);
    const today = JSON.parse((await head.get("/api/today?horizon=31")).body);
    expect(
      today.items.some(
        (i: { key: string; subject: { id: string } | null }) =>
          i.key === `lost_contact_visit:${lost[0]!.id}` && i.subject?.id === normal.id,
      ),
    ).toBe(true);

    const stored = await ingestReports(t.app.location, { kind: "device", vendorId: "v1" }, [
      device(normal.id, "dev-000002", "09:30"),
    ]);
    expect(stored[0]?.status).toBe("stored");
    const row = await k
      .selectFrom("location_report")
      .select(["source", "vendor_id", "device_id"])
      .where("id", "=", stored[0]!.id!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: "device", vendor_id: "v1", device_id: "TAG-1" });
    const episode = await k
      .selectFrom("location_alert")
      .select("open")
      .where("alert_id", "=", lost[0]!.id)
      .executeTakeFirstOrThrow();
    expect(episode.open).toBe(false);
    expect((await runSweep(t.database.db, NOW)).alertsRaised).toBe(0);
  });

  it("the key person's three daily reports on Today count the stored app reports", async () => {
    const k = t.database.db.kysely;
    const other = await anotherKeyPerson();
    const officeHead = await k
      .selectFrom("app_user")
      .select("username")
      .where("place_id", "=", other.office_id)
      .where("role", "=", "office_head")
      .executeTakeFirstOrThrow();
    const head = await t.signIn(officeHead.username);
    // Start the day afresh: none of today's reports, then two sent through the app.
    await k
      .deleteFrom("location_report")
      .where("subject_id", "=", other.id)
      .where("measured_at", ">=", new Date(`${DEMO_TODAY}T00:00:00+08:00`))
      .execute();
    const itemOf = async () => {
      const today = JSON.parse((await head.get("/api/today?horizon=31")).body);
      return today.items.find(
        (i: { subject: { id: string } | null; required: number | null; period: string | null }) =>
          i.subject?.id === other.id && i.required === 3,
      );
    };
    expect((await itemOf())?.done).toBe(0);
    const client = await t.subjectClient(other.id, other.office_id);
    await send(client, [
      { key: "day-000001", at: at("08:00"), lon: home[0], lat: home[1], accuracyM: 20 },
      { key: "day-000002", at: at("09:00"), lon: home[0], lat: home[1], accuracyM: 20 },
    ]);
    expect((await itemOf())?.done).toBe(2);
  });
});
