// Leave destinations as areas (location.md "Zones") through the API on a real database with the demo
// county: the agency loads division boundaries (bad GeoJSON refused naming the feature; offices may
// read, not load); a person on approved leave reporting inside the destination division raises no
// out-of-area alert, outside both the county and the destination raises one; a person on leave to a
// division without a boundary raises nothing (everything allowed while away, as before); the map's
// answer carries each leave's destination area, or null and the page's notice; a boundary retired by its
// code no longer gives one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { fixedDay } from "../../../test/helpers/fixed-now.ts";
import { clockStartingAt } from "../../shared/clock.ts";

const NOW = new Date(`${DEMO_TODAY}T10:00:00+08:00`);
const at = (hhmm: string) => `${DEMO_TODAY}T${hhmm}:00+08:00`;
/** A fictional division east of the demo county (whose outline ends at about 120.005° E). */
const DESTINATION = "990122";
const square = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const feature = (code: string, name: string, coordinates: unknown) => ({
  type: "Feature",
  properties: { code, name },
  geometry: { type: "Polygon", coordinates },
});

describe(`leave destinations as areas (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let head: Client;
  let toLoaded: { id: string; office_id: string; county_id: string };
  let toUnloaded: { id: string; office_id: string; county_id: string };
  let standing: { id: string; office_id: string; county_id: string };

  const outOfAreaAlerts = (subjectId: string) =>
    t.database.db.kysely
      .selectFrom("alert")
      .select(["kind", "colour"])
      .where("subject_id", "=", subjectId)
      .where("kind", "in", ["possible_out_of_area", "out_of_area"])
      .execute();
  const send = async (person: { id: string; office_id: string }, reports: unknown[]) => {
    const client = await t.subjectClient(person.id, person.office_id);
    const response = await client.post("/api/app/reports", { reports });
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body).results.every((r: { status: string }) => r.status === "stored")).toBe(
      true,
    );
  };

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
    // Two persons of the office not on leave in these days, without reports today.
    const onLeave = k
      .selectFrom("leave_application")
      .select("subject_id")
      .where("to_date", ">=", fixedDay(-3))
      .where("status", "in", ["approved", "pending", "closed"]);
    const persons = await k
      .selectFrom("subject")
      .select(["id", "office_id", "county_id"])
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "normal")
      .where("id", "not in", onLeave)
      .orderBy("id")
      .limit(3)
      .execute();
    expect(persons).toHaveLength(3);
    [toLoaded, toUnloaded, standing] = persons as [typeof toLoaded, typeof toUnloaded, typeof standing];
    for (const [person, code, name, kind] of [
      [toLoaded, DESTINATION, "禾川省 云州市 石岭县", "ordinary"],
      [toUnloaded, "330102", "浙江省 杭州市 上城区", "ordinary"],
      // 经常性跨市县活动: approved by the agency for months, no days away named.
      [standing, DESTINATION, "禾川省 云州市 石岭县", "standing"],
    ] as const)
      await k
        .insertInto("leave_application")
        .values({
          id: `division-test-${person.id}`,
          subject_id: person.id,
          county_id: person.county_id,
          office_id: person.office_id,
          kind,
          from_date: kind === "standing" ? fixedDay(-30) : fixedDay(-1),
          to_date: kind === "standing" ? fixedDay(120) : fixedDay(1),
          destination_county: code,
          destination_name: name,
          reason: "探望住院的父亲",
          status: "approved",
          approver: kind === "standing" ? "agency" : "office",
          applied_at: new Date(`${fixedDay(-5)}T09:00:00+08:00`),
          approved_at: new Date(`${fixedDay(-4)}T09:00:00+08:00`),
        })
        .execute();
  }, 180_000);
  afterAll(() => t?.close());

  it("refuses bad GeoJSON with 400 naming the feature, and loading by an office with 403", async () => {
    const before = await t.database.db.kysely.selectFrom("division_boundary").select("id").execute();
    const good = feature(DESTINATION, "石岭县", square(120.02, 28.25, 120.3, 28.55));
    const cases: [unknown, string, RegExp][] = [
      [
        {
          type: "FeatureCollection",
          features: [good, feature("990123", "望江县", [square(120.3, 28.2, 120.5, 28.4)[0]?.slice(0, 4)])],
        },
        "geojson.features.1.geometry.coordinates.0",
        /第 2 个要素（990123 望江县）：.*没有闭合/,
      ],
      [
        { type: "FeatureCollection", features: [{ ...good, properties: { name: "无代码" } }] },
        "geojson.features.0.properties.code",
        /第 1 个要素.*六位行政区划代码/,
      ],
      [{ type: "FeatureCollection", features: [good, good] }, "geojson.features.1.properties.code", /重复/],
      [{ type: "Polygon", coordinates: square(0, 0, 1, 1) }, "geojson.type", /要素集合/],
    ];
    for (const [geojson, field, message] of cases) {
      const response = await agency.post("/api/division-boundaries", { geojson });
      expect(response.statusCode, response.body).toBe(400);
      const error = JSON.parse(response.body).error;
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    // Nothing of a refused load is stored (the demo's own boundaries stay as they were).
    const stored = await t.database.db.kysely
      .selectFrom("division_boundary")
      .select(["id", "retired_at"])
      .execute();
    expect(stored.length).toBe(before.length);
    expect(stored.every((r) => r.retired_at === null)).toBe(true);
    const byOffice = await head.post("/api/division-boundaries", {
      geojson: { type: "FeatureCollection", features: [good] },
    });
    expect(byOffice.statusCode).toBe(403);
  });

  it("the agency loads boundaries (audited); a code loaded again is replaced; the office reads them", async () => {
    const load = (x1: number) =>
      agency.post("/api/division-boundaries", {
        geojson: {
          type: "FeatureCollection",
          features: [
            { ...feature(DESTINATION, "石岭县", square(120.02, 28.25, x1, 28.55)) },
            { ...feature("990124", "临江县", square(119.6, 28.1, 119.76, 28.3)) },
          ],
        },
      });
    expect((await load(120.2)).statusCode).toBe(201);
    const response = await load(120.3);
    expect(response.statusCode, response.body).toBe(201);
    expect(JSON.parse(response.body).loaded.map((l: { code: string }) => l.code)).toEqual([
      DESTINATION,
      "990124",
    ]);
    const k = t.database.db.kysely;
    const rows = await k
      .selectFrom("division_boundary")
      .select(["code", "retired_at"])
      .where("code", "=", DESTINATION)
      .execute();
    expect(rows.filter((r) => r.retired_at === null)).toHaveLength(1);
    const audit = await k
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "division.load")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    const read = await head.get(`/api/division-boundaries?covering=${DESTINATION}`);
    expect(read.statusCode).toBe(200);
    const features = JSON.parse(read.body).features;
    expect(features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([DESTINATION]);
    expect(features[0].geometry.coordinates[0][1]).toEqual([120.3, 28.25]);
    const none = JSON.parse((await head.get("/api/division-boundaries?covering=330102")).body);
    expect(none.features).toEqual([]);
  });

  it("on leave, inside the destination division: no out-of-area alert", async () => {
    await send(toLoaded, [
      { key: "dest-in-0001", at: at("09:00"), lon: 120.15, lat: 28.4, accuracyM: 30 },
      { key: "dest-in-0002", at: at("09:20"), lon: 120.16, lat: 28.41, accuracyM: 30 },
    ]);
    expect(await outOfAreaAlerts(toLoaded.id)).toEqual([]);
  });

  it("under a standing approval, in its destination division: no out-of-area alert; beyond it: one", async () => {
    await send(standing, [
      { key: "standing-in-01", at: at("09:00"), lon: 120.15, lat: 28.4, accuracyM: 30 },
      { key: "standing-in-02", at: at("09:20"), lon: 120.16, lat: 28.41, accuracyM: 30 },
    ]);
    expect(await outOfAreaAlerts(standing.id)).toEqual([]);
    await send(standing, [
      { key: "standing-out-1", at: at("09:40"), lon: 121.5, lat: 28.4, accuracyM: 30 },
      { key: "standing-out-2", at: at("09:55"), lon: 121.5, lat: 28.41, accuracyM: 30 },
    ]);
    expect((await outOfAreaAlerts(standing.id)).map((a) => a.kind)).toEqual(["out_of_area"]);
  });

  it("on leave, outside both the county and the destination: out of area, confirmed red", async () => {
    await send(toLoaded, [
      { key: "dest-out-001", at: at("09:40"), lon: 121.5, lat: 28.4, accuracyM: 30 },
      { key: "dest-out-002", at: at("09:55"), lon: 121.5, lat: 28.41, accuracyM: 30 },
    ]);
    expect((await outOfAreaAlerts(toLoaded.id)).map((a) => [a.kind, a.colour])).toEqual([
      ["out_of_area", "red"],
    ]);
  });

  it("on leave to a division without a boundary: everything allowed, nothing raised", async () => {
    await send(toUnloaded, [
      { key: "free-out-001", at: at("09:40"), lon: 121.5, lat: 28.4, accuracyM: 30 },
      { key: "free-out-002", at: at("09:55"), lon: 121.5, lat: 28.41, accuracyM: 30 },
    ]);
    expect(await outOfAreaAlerts(toUnloaded.id)).toEqual([]);
  });

  it("the office sets a destination circle (audited; bad input 400, the procuratorate 403), judged first", async () => {
    const leaveId = `division-test-${toUnloaded.id}`;
    const url = `/api/leave/${leaveId}/destination-area`;
    const put = (client: Client, payload: unknown) =>
      client.request({ method: "PUT", url, payload: payload as object });
    expect(JSON.parse((await head.get(url)).body)).toEqual({ circle: null, boundary: null });
    const bad = await put(head, { circle: { center: [121.5, 28.4], radiusM: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.field).toBe("circle.radiusM");
    const prosecutor = await t.signIn("prosecutor");
    expect((await put(prosecutor, { circle: { center: [121.5, 28.4], radiusM: 5000 } })).statusCode).toBe(
      403,
    );
    const set = await put(head, { circle: { center: [121.5, 28.4], radiusM: 5000 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(JSON.parse(set.body)).toEqual({
      circle: { center: [121.5, 28.4], radiusM: 5000 },
      boundary: null,
    });
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("record_id")
      .where("action", "=", "leave.destination_area")
      .execute();
    expect(audit.map((a) => a.record_id)).toEqual([leaveId]);
    // Inside the circle: nothing; far outside it and the county: out of area at once (yellow).
    await send(toUnloaded, [{ key: "circle-in-01", at: at("09:57"), lon: 121.5, lat: 28.42, accuracyM: 30 }]);
    expect(await outOfAreaAlerts(toUnloaded.id)).toEqual([]);
    await send(toUnloaded, [{ key: "circle-out-1", at: at("09:59"), lon: 122.5, lat: 28.4, accuracyM: 30 }]);
    expect((await outOfAreaAlerts(toUnloaded.id)).map((a) => a.kind)).toEqual(["possible_out_of_area"]);
    // The leave to the loaded division answers its boundary.
    const loaded = JSON.parse(
      (await head.get(`/api/leave/division-test-${toLoaded.id}/destination-area`)).body,
    );
    expect(loaded).toEqual({ circle: null, boundary: { code: DESTINATION, name: "石岭县" } });
  });

  it("the map's answer carries each leave's destination area, or none", async () => {
    const read = async (subjectId: string) => {
      const response = await head.get(
        `/api/subjects/${subjectId}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}&purpose=${encodeURIComponent("请假期间轨迹分析")}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return JSON.parse(response.body).leaves;
    };
    const loaded = await read(toLoaded.id);
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({
      destinationCounty: DESTINATION,
      area: { code: DESTINATION, name: "石岭县" },
    });
    expect(loaded[0].area.geometry.type).toBe("Polygon");
    const unloaded = await read(toUnloaded.id);
    expect(unloaded).toEqual([
      expect.objectContaining({
        destinationCounty: "330102",
        area: null,
        circle: { center: [121.5, 28.4], radiusM: 5000 },
      }),
    ]);
  });

  it("the agency retires a boundary by its code (audited); the office may not; then the leave has no area", async () => {
    const retire = (client: Client, code: string) =>
      client.post(`/api/division-boundaries/${code}/retire`, {});
    expect((await retire(head, DESTINATION)).statusCode).toBe(403);
    const bad = await retire(agency, "12");
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.field).toBe("code");
    const done = await retire(agency, DESTINATION);
    expect(done.statusCode, done.body).toBe(200);
    expect(JSON.parse(done.body)).toEqual({ code: DESTINATION, name: "石岭县" });
    expect((await retire(agency, DESTINATION)).statusCode).toBe(404);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("record_id")
      .where("action", "=", "division.retire")
      .execute();
    expect(audit.map((a) => a.record_id)).toEqual([DESTINATION]);
    const covering = JSON.parse((await head.get(`/api/division-boundaries?covering=${DESTINATION}`)).body);
    expect(covering.features).toEqual([]);
    const area = JSON.parse(
      (await head.get(`/api/leave/division-test-${toLoaded.id}/destination-area`)).body,
    );
    expect(area).toEqual({ circle: null, boundary: null });
  });
});
