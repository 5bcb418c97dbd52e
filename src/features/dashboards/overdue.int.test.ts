// 今日工作 and the dashboards say the same thing about what is late (one function, today/overdue.ts):
// for every office of the demo county on the fixed day, the dashboards' overdue list is exactly the
// per-person work Today shows as overdue to the people who do it (a miss with an open alert shown as
// that alert), and the month's completion rate counts only what is already due.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { runSweep } from "../../jobs/sweep.ts";
import type { TodayItem } from "../today/today.ts";

interface Row {
  key: string;
  alertId: number | null;
  subjectId: string;
  dueBy: string;
}

describe(`Today and the dashboards agree on what is overdue (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let offices: { id: string; county_id: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    // The sweep raises alerts for old misses: some overdue work then shows as its alert.
    await runSweep(t.database.db, t.config.clock.now());
    agency = await t.signIn("agency.head");
    const k = t.database.db.kysely;
    const county = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "agency.head")
      .executeTakeFirstOrThrow();
    offices = await k
      .selectFrom("place")
      .select(["id", "parent_id as county_id"])
      .where("kind", "=", "office")
      .where("parent_id", "=", county.place_id)
      .orderBy("id")
      .execute()
      .then((rows) => rows.map((r) => ({ id: r.id, county_id: r.county_id ?? "" })));
    expect(offices.length).toBeGreaterThan(1);
  }, 240_000);
  afterAll(() => t?.close());

  /** Everyone whose Today lists an office's per-person work: its head and assistants, the county's
   * agency staff and psychologist (the book sections they write). */
  async function readersOf(officeId: string, countyId: string): Promise<string[]> {
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("username")
      .where("place_id", "=", officeId)
      .where("role", "in", ["office_head", "office_assistant"])
      .where("active", "=", true)
      .execute();
    const county = await k
      .selectFrom("app_user")
      .select(["username", "role"])
      .where("place_id", "=", countyId)
      .where("role", "in", ["agency_staff", "psychologist"])
      .where("active", "=", true)
      .orderBy("username")
      .execute();
    const firstOf = (role: string) => county.filter((u) => u.role === role).slice(0, 1);
    return [...office, ...firstOf("agency_staff"), ...firstOf("psychologist")].map((u) => u.username);
  }

  it("lists, for every office, the same overdue items as 今日工作, and counts them alike", async () => {
    let compared = 0;
    for (const office of offices) {
      const dashboard = await agency.get(`/api/dashboards?officeId=${office.id}&period=day`);
      expect(dashboard.statusCode, dashboard.body).toBe(200);
      const rows = JSON.parse(dashboard.body).offices[0].overdue as Row[];
      const onToday = new Set<string>();
      const alertsOnToday = new Set<number>();
      for (const username of await readersOf(office.id, office.county_id)) {
        const client = await t.signIn(username);
        const response = await client.get(`/api/today?officeId=${office.id}&horizon=1&limit=2000`);
        expect(response.statusCode, response.body).toBe(200);
        const listed = JSON.parse(response.body).items as TodayItem[];
        expect(listed.length, "Today's list is not cut short").toBeLessThan(2000);
        const items = listed.flatMap((i) => i.grouped ?? [i]);
        for (const i of items) {
          if (i.office.id !== office.id) continue;
          if ((i.group === "obligation" || i.group === "deadline") && i.status === "overdue")
            if (i.key.startsWith("obligation:") || i.key.startsWith("deadline:")) onToday.add(i.key);
          if (i.group === "alert" && i.action?.alertId) alertsOnToday.add(i.action.alertId);
        }
      }
      const own = rows.filter((r) => r.alertId === null);
      expect(own.map((r) => r.key).sort(), office.id).toEqual([...onToday].sort());
      for (const r of rows.filter((x) => x.alertId !== null))
        expect(alertsOnToday.has(r.alertId!), `${office.id}: ${r.key} shown as its alert`).toBe(true);
      // The same count: a row per overdue item of Today (its own row or its alert's).
      expect(rows.length).toBe(onToday.size + rows.filter((x) => x.alertId !== null).length);
      compared += rows.length;
    }
    expect(compared, "the demo county has overdue work to compare").toBeGreaterThan(0);
  }, 240_000);

  it("counts in the month's completion rate only what is already due", async () => {
    const response = await agency.get("/api/dashboards?period=month");
    expect(response.statusCode, response.body).toBe(200);
    const body = JSON.parse(response.body);
    for (const o of body.offices) {
      // Anything counted is past its due time: it is met, late, waived or overdue — never still open.
      expect(o.obligations.open, o.office.name).toBe(0);
      expect(o.deadlines.open, o.office.name).toBe(0);
      expect(o.obligations.total, o.office.name).toBeGreaterThan(0);
    }
  });
});
