// Suspected separation (人机分离, location.md rule 6) through the API on a real database: the office
// sets a key person's residence point (bad input names the field; another office's person is not
// found; the change is audited); then still reports 1 km from home spanning 12 h raise one yellow
// alert — once, however often the batch is sent again — while for a person without a residence point
// the same run raises nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { fixedDay } from "../../../test/helpers/fixed-now.ts";
import { clockStartingAt } from "../../shared/clock.ts";

const NOW = new Date(`${DEMO_TODAY}T10:00:00+08:00`);

describe(`suspected separation (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let keyPersons: { id: string; office_id: string }[];

  beforeAll(async () => {
    t = await startTestApp({ clock: clockStartingAt(NOW) });
    head = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    // The office's key person first (its head sets the residence), then another key person of the county.
    const county = await k
      .selectFrom("place")
      .select("parent_id")
      .where("id", "=", office.place_id)
      .executeTakeFirstOrThrow();
    const keyOfCounty = await k
      .selectFrom("subject")
      .select(["id", "office_id"])
      .where("county_id", "=", county.parent_id as string)
      .where("status", "=", "in_correction")
      .where("level", "=", "key")
      .orderBy("id")
      .execute();
    const mine = keyOfCounty.find((s) => s.office_id === office.place_id);
    const another = keyOfCounty.find((s) => s !== mine);
    keyPersons = mine && another ? [mine, another] : [];
    expect(keyPersons).toHaveLength(2);
    // The run below must be the only reports of those hours: the demo's of the last two days go.
    await k
      .deleteFrom("location_report")
      .where(
        "subject_id",
        "in",
        keyPersons.map((p) => p.id),
      )
      .where("measured_at", ">=", new Date(`${fixedDay(-2)}T00:00:00+08:00`))
      .execute();
  }, 180_000);
  afterAll(() => t?.close());

  /** Every 30 minutes from yesterday 19:00 to today 08:30, all within a few metres of `at`. */
  const stillRun = (at: [number, number], prefix: string) =>
    Array.from({ length: 28 }, (_, i) => {
      const ms = Date.parse(`${fixedDay(-1)}T19:00:00+08:00`) + i * 30 * 60_000;
      return {
        key: `${prefix}-${String(i).padStart(4, "0")}`,
        at: new Date(ms).toISOString(),
        lon: at[0] + (i % 2) * 0.00003,
        lat: at[1],
        accuracyM: 15,
      };
    });

  const separationAlerts = (subjectId: string) =>
    t.database.db.kysely
      .selectFrom("alert")
      .select(["kind", "colour", "summary"])
      .where("subject_id", "=", subjectId)
      .where("kind", "=", "suspected_separation")
      .execute();

  it("the office sets the residence point; bad input names the field; the change is audited", async () => {
    const person = keyPersons[0] as { id: string };
    const url = `/api/subjects/${person.id}/residence-point`;
    const bad = await head.request({ method: "PUT", url, payload: { lon: 119.9, lat: 95 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.field).toBe("lat");
    const other = await t.signIn("shiling.head");
    expect((await other.request({ method: "PUT", url, payload: { lon: 119.9, lat: 28.3 } })).statusCode).toBe(
      404,
    );
    const prosecutor = await t.signIn("prosecutor");
    expect(
      (await prosecutor.request({ method: "PUT", url, payload: { lon: 119.9, lat: 28.3 } })).statusCode,
    ).toBe(403);
    const ok = await head.request({ method: "PUT", url, payload: { lon: 119.95, lat: 28.36 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ lon: 119.95, lat: 28.36 });
    const read = await head.get(
      `/api/subjects/${person.id}/locations?from=${DEMO_TODAY}&to=${DEMO_TODAY}&purpose=${encodeURIComponent("核实居住地")}`,
    );
    expect(JSON.parse(read.body).residence).toEqual({ lon: 119.95, lat: 28.36 });
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", person.id)
      .where("action", "=", "location.residence_set")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("still reports 1 km from home for 12 h raise one yellow alert; none without a residence point", async () => {
    const [withHome, withoutHome] = keyPersons as [
      { id: string; office_id: string },
      { id: string; office_id: string },
    ];
    const away: [number, number] = [119.95, 28.37]; // ≈ 1.1 km north of the residence point
    const app = await t.subjectClient(withHome.id, withHome.office_id);
    const first = await app.post("/api/app/reports", { reports: stillRun(away, "still") });
    expect(first.statusCode, first.body).toBe(200);
    expect(JSON.parse(first.body).results.every((r: { status: string }) => r.status === "stored")).toBe(true);
    const again = await app.post("/api/app/reports", { reports: stillRun(away, "still") });
    expect(JSON.parse(again.body).results.every((r: { status: string }) => r.status === "duplicate")).toBe(
      true,
    );
    const alerts = await separationAlerts(withHome.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "suspected_separation", colour: "yellow" });
    expect(alerts[0]?.summary).toContain("疑似人机分离");

    const other = await t.subjectClient(withoutHome.id, withoutHome.office_id);
    const sent = await other.post("/api/app/reports", { reports: stillRun(away, "nohome") });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(await separationAlerts(withoutHome.id)).toEqual([]);
  });
});
