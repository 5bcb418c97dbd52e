// The subject list as a worker uses it: search by name, pinyin initials and ID number; filters; paging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

interface Item {
  id: string;
  name: string;
  isMinor: boolean;
  level: string;
  correctionType: string;
  office: { id: string };
  status: string;
}

describe(`subject list and profile (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  const list = async (query: string) =>
    JSON.parse((await head.get(`/api/subjects?${query}`)).body) as { items: Item[]; total: number };

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("agency.head");
  }, 180_000);
  afterAll(() => t?.close());

  it("finds a person by pinyin initials, full name and ID number", async () => {
    const k = t.database.db.kysely;
    const adults = await k
      .selectFrom("subject")
      .selectAll()
      .where("status", "=", "in_correction")
      .orderBy("id")
      .execute();
    const person = adults.find((s) => s.birth_date < "2000-01-01" && s.county_id === adults[0]!.county_id)!;
    const byInitials = await list(`q=${person.name_initials}`);
    expect(byInitials.items.map((s) => s.id)).toContain(person.id);
    for (const item of byInitials.items) expect(item.name.length).toBeGreaterThan(0);
    expect((await list(`q=${encodeURIComponent(person.name)}`)).items.map((s) => s.id)).toContain(person.id);
    const byId = await list(`q=${person.id_number}`);
    expect(byId.items.map((s) => s.id)).toEqual([person.id]);
    expect((await list("q=zzzzzz")).total).toBe(0);
    const searches = await k
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "subject.search")
      .orderBy("id")
      .execute();
    expect(searches.map((row) => row.details.q)).toEqual([
      person.name_initials,
      person.name,
      person.id_number,
      "zzzzzz",
    ]);
  });

  it("filters by office, type, level and status, and pages", async () => {
    const places = JSON.parse((await head.get("/api/places")).body);
    expect(places.offices.length).toBe(3);
    const office = places.offices[0].id;
    const ofOffice = await list(`officeId=${office}&pageSize=200`);
    expect(ofOffice.total).toBeGreaterThan(0);
    expect(ofOffice.items.every((s) => s.office.id === office)).toBe(true);
    const keys = await list("level=key&pageSize=200");
    expect(keys.total).toBeGreaterThan(0);
    expect(keys.items.every((s) => s.level === "key")).toBe(true);
    const parole = await list("correctionType=parole&pageSize=200");
    expect(parole.items.every((s) => s.correctionType === "parole")).toBe(true);
    const released = await list("status=released&pageSize=200");
    expect(released.total).toBeGreaterThan(0);
    const page1 = await list("pageSize=10&page=1");
    const page2 = await list("pageSize=10&page=2");
    expect(page1.items).toHaveLength(10);
    expect(page2.items.map((s) => s.id)).not.toContain(page1.items[0]!.id);
    const bad = await head.get("/api/subjects?level=vip");
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.field).toBe("level");
  });

  it("shows a profile with labels, level history and recent records", async () => {
    const first = (await list("level=key&pageSize=1")).items[0]!;
    const detail = JSON.parse((await head.get(`/api/subjects/${first.id}`)).body);
    expect(detail.levelLabel).toBe("重点人员");
    expect(detail.levelHistory.length).toBeGreaterThan(0);
    expect(detail.levelHistory.at(-1).level).toBe("key");
    expect(detail.recentEvents.length).toBeGreaterThan(0);
    expect(detail.recentEvents[0].typeLabel).toMatch(/[\u4e00-\u9fa5]/);
    expect((await head.get("/api/subjects/does-not-exist")).statusCode).toBe(404);
  });
});
