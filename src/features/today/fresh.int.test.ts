// Today keeps what it read between requests (features/today/cache.ts) and reads a feature's items
// again only when a write may have changed them (write-areas.ts): a recorded check refreshes the
// person's facts and nothing beside, a write of a side feature that feature's items. Each case reads
// Today first (so that what is kept is used), writes through the API, and must see the write on the
// very next read — well within the minute PGlite keeps side items and the two seconds PostgreSQL does.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, TALK_TOPICS } from "../screening/tables.ts";
import type { SideArea } from "./write-areas.ts";
import { writeAreasOf } from "./write-areas.ts";

interface Item {
  key: string;
  subject: { id: string; level: string } | null;
  action: { kind: string; campaignId?: string } | null;
}
interface Today {
  offices: { id: string; standards: { id: string; done: number }[] }[];
  items: Item[];
}

const SIDE_AREAS: SideArea[] = [
  "leave",
  "transfer",
  "court",
  "hazards",
  "major_events",
  "screening",
  "risk_decisions",
  "samples",
  "care",
  "exchange",
];

describe(`Today shows every write at once, reading again only what it touched (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
  }, 180_000);
  afterAll(() => t?.close());

  const today = async (client: Client): Promise<Today> => {
    const response = await client.get("/api/today?horizon=31&limit=2000");
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body);
  };
  const keys = (r: Today) => r.items.map((i) => i.key);
  const sideVersions = () => SIDE_AREAS.map((a) => t.database.db.writes.version(a));

  it("a recorded check counts at once and reads no other feature's items again", async () => {
    const before = await today(assistant);
    const coverage = (r: Today) => r.offices[0]!.standards.find((s) => s.id === "office_other_checks")!.done;
    const normal = before.items.find((i) => i.subject?.level === "normal")!.subject!.id;
    const sides = sideVersions();
    const writes = t.database.db.writes.any();
    const check = await assistant.post(`/api/subjects/${normal}/information-checks`, {
      method: "phone",
      result: "normal",
    });
    expect(check.statusCode, check.body).toBe(201);
    expect(t.database.db.writes.any()).toBe(writes + 1); // the office states look at the change log
    expect(sideVersions()).toEqual(sides); // the side items are not read again
    expect(coverage(await today(assistant))).toBe(coverage(before) + 1);
  });

  it("another worker's Today is served while a recorded check is taken in; the recorder's reply waits for it", async () => {
    const head = await t.signIn("chengguan.head");
    const coverage = (r: Today) => r.offices[0]!.standards.find((s) => s.id === "office_other_checks")!.done;
    const before = await today(head);
    const officeId = before.offices[0]!.id;
    const state = await t.app.today.offices.get(officeId, t.config.clock.now());
    // Hold the office state's refreshes, as a slow database would, to see who waits for them.
    let release: (() => void) | undefined;
    state.refreshing = state.refreshing.then(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const normal = before.items.find((i) => i.subject?.level === "normal")!.subject!.id;
    const writes = t.database.db.writes.any();
    let replied = false;
    const recording = assistant
      .post(`/api/subjects/${normal}/information-checks`, { method: "phone", result: "normal" })
      .then((response) => {
        replied = true;
        return response;
      });
    // The check is committed and noted; its take-in waits behind the held refresh.
    await vi.waitFor(() => expect(t.database.db.writes.any()).toBe(writes + 1));
    const during = await today(head);
    expect(replied).toBe(false);
    expect(coverage(during)).toBe(coverage(before)); // not acknowledged yet: the answer as it was
    release!();
    const recorded = await recording;
    expect(recorded.statusCode, recorded.body).toBe(201);
    // Once the recorder has the reply, everyone's Today counts the check, the recorder's first.
    expect(coverage(await today(assistant))).toBe(coverage(before) + 1);
    expect(coverage(await today(head))).toBe(coverage(before) + 1);
  });

  it("a hazard recorded reaches Today at once, and leaves it at once when its measure is done", async () => {
    const head = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    const me = await k
      .selectFrom("app_user")
      .select(["id", "place_id"])
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    const subject = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", me.place_id)
      .where("status", "=", "in_correction")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const before = keys(await today(assistant));
    const versions = sideVersions();
    const recorded = await head.post("/api/hazards", {
      subjectId: subject.id,
      kind: "debt",
      level: "serious",
      description: "与同村村民因借款发生纠纷，对方多次上门催讨",
      foundOn: "2026-11-19",
      measures: [{ measure: "联系村调委会组织调解，约定还款计划", ownerId: me.id, deadline: "2026-11-22" }],
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    // Only the hazards' items are read again.
    expect(sideVersions().filter((v, i) => v !== versions[i])).toHaveLength(1);
    const hazard = JSON.parse(recorded.body) as { id: number; measures: { id: number }[] };
    const key = `hazard:${hazard.measures[0]!.id}`;
    expect(before).not.toContain(key);
    expect(keys(await today(assistant))).toContain(key);
    const done = await assistant.post(`/api/hazards/${hazard.id}/followups`, {
      text: "已组织调解，双方约定还款计划",
      measureId: hazard.measures[0]!.id,
      done: true,
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(keys(await today(assistant))).not.toContain(key);
  });

  it("a screening talk recorded leaves Today at once", async () => {
    // The sweep opens the quarter's screening campaign.
    await runSweep(t.database.db, t.config.clock.now());
    const before = await today(assistant);
    const item = before.items.find((i) => i.key.startsWith("screening:") && i.subject);
    expect(item, "a screening talk due on the office's Today").toBeDefined();
    const recorded = await assistant.post(`/api/screening/campaigns/${item!.action!.campaignId}/records`, {
      subjectId: item!.subject!.id,
      talkedOn: DEMO_TODAY,
      method: "face_to_face",
      checklist: Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"])),
      talk: Object.fromEntries(TALK_TOPICS.map((topic) => [topic, "情况正常"])),
      clears: Object.fromEntries(FIVE_CLEARS.map((c) => [c, true])),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(keys(await today(assistant))).not.toContain(item!.key);
  });

  it("the month's leave files handed in leave the office's Today and reach the agency's at once", async () => {
    const agencyHead = await t.signIn("agency.head");
    const perOffice = JSON.parse((await agencyHead.get("/api/leave/files?month=2026-10")).body).offices as {
      id: string;
      applications: unknown[];
    }[];
    const office = perOffice.find((o) => o.applications.length > 0)!;
    const { username } = await t.database.db.kysely
      .selectFrom("app_user")
      .select("username")
      .where("place_id", "=", office.id)
      .where("role", "=", "office_assistant")
      .executeTakeFirstOrThrow();
    const officeClient = await t.signIn(username);
    const key = `leave_files:${office.id}:2026-10`;
    expect(keys(await today(officeClient))).toContain(key);
    const agencyBefore = keys(await today(agencyHead));
    expect(agencyBefore).toContain(key);
    const handin = await officeClient.post("/api/leave/files", { month: "2026-10" });
    expect(handin.statusCode, handin.body).toBe(201);
    expect(keys(await today(officeClient))).not.toContain(key);
    const agencyAfter = keys(await today(agencyHead));
    expect(agencyAfter).not.toContain(key);
    expect(agencyAfter).toContain(`leave_files_review:${JSON.parse(handin.body).id}`);
  });

  it("names what each write can change: checks nothing beside the office states, unknown routes everything", () => {
    expect(writeAreasOf("/api/subjects/:id/information-checks")).toEqual([]);
    expect(writeAreasOf("/api/hazards/:id/followups")).toEqual(["hazards"]);
    expect(writeAreasOf("/api/screening/campaigns/:id/records")).toEqual(["screening", "hazards"]);
    expect(writeAreasOf("/api/leave/files")).toEqual(["leave"]);
    expect(writeAreasOf("/api/subjects/:id/level-decisions")).toBeUndefined();
    expect(writeAreasOf("/api/hazardous")).toBeUndefined();
    expect(writeAreasOf(undefined)).toBeUndefined();
  });
});
