// Points-based levels on a real database: off in the shipped profile; turned on in a derived profile
// (with the lenient level), a person's monthly score is the base plus each recorded event's points,
// counted here by hand from the case's events, and the level it proposes follows the profile's
// thresholds; the office head decides it as any level decision.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { getPolicy } from "../../core/index.ts";

describe(`points-based levels (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let agencyHead: Client;
  let subjectId: string;
  const rule = getPolicy().points;

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("chengguan.head");
    agencyHead = await t.signIn("agency.head");
    // A normal person of the office with study hours and reports in October.
    const row = await sql<{ id: string }>`
      select s.id from subject s join app_user u on u.place_id = s.office_id and u.username = 'chengguan.head'
       where s.status = 'in_correction' and s.level = 'normal'
         and exists (select 1 from case_event e where e.subject_id = s.id and e.type = 'education'
                      and e.at >= '2026-10-01T00:00:00+08:00' and e.at < '2026-11-01T00:00:00+08:00')
       order by s.id limit 1`.execute(t.database.db.kysely);
    subjectId = row.rows[0]!.id;
  }, 180_000);
  afterAll(() => t?.close());

  it("is off in the shipped profile", async () => {
    const res = await head.get(`/api/subjects/${subjectId}/points?month=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, score: null, proposedLevel: null });
  });

  it("scores a month from the recorded events once a derived profile turns it on", async () => {
    const set = await agencyHead.request({
      method: "PUT",
      url: "/api/policy",
      payload: {
        basedOn: "yirenyice-2025",
        id: "qinghe-points",
        name: "青禾县积分考核试行",
        changes: { points: { enabled: true }, levels: { lenientEnabled: true } },
        note: "试行积分考核",
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    // By hand: the October events of the person, each by the profile's points.
    const counts = await sql<{ type: string; kind: string | null; n: string; hours: string | null }>`
      select type, case when type = 'sanction' then kind end as kind, count(*) as n,
             sum((data->>'hours')::numeric) as hours
        from case_event
       where subject_id = ${subjectId} and at >= '2026-10-01T00:00:00+08:00' and at < '2026-11-01T00:00:00+08:00'
       group by 1, 2`.execute(t.database.db.kysely);
    let hand = rule.base;
    for (const c of counts.rows) {
      if (c.type === "phone_report") hand += Number(c.n) * rule.items.phone_report;
      if (c.type === "in_person_report") hand += Number(c.n) * rule.items.in_person_report;
      if (c.type === "education") hand += Number(c.hours) * rule.items.education_hour;
      if (c.type === "public_service") hand += Number(c.hours) * rule.items.public_service_hour;
      if (c.type === "violation") hand += Number(c.n) * rule.items.violation;
      if (c.type === "sanction" && c.kind === "reprimand") hand += Number(c.n) * rule.items.reprimand;
      if (c.type === "sanction" && c.kind === "warning") hand += Number(c.n) * rule.items.warning;
    }
    hand = Math.min(rule.max, Math.max(0, hand));
    const res = await head.get(`/api/subjects/${subjectId}/points?month=2026-10`);
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json();
    expect(points.enabled).toBe(true);
    expect(points.score).toBe(hand);
    expect(points.lines.find((l: { item: string }) => l.item === "education_hour")).toMatchObject({
      label: "学习（每小时）",
      points: rule.items.education_hour,
    });
    const expected = hand < rule.strictBelow ? "strict" : hand >= rule.lenientAtLeast ? "lenient" : null;
    expect(points.proposedLevel).toBe(expected);
  });

  it("lets the office head decide the proposed level as any level decision", async () => {
    const points = (await head.get(`/api/subjects/${subjectId}/points?month=2026-10`)).json();
    const level = points.proposedLevel ?? "lenient";
    const res = await head.post(`/api/subjects/${subjectId}/level-decisions`, {
      level,
      fromDate: "2026-11-20",
      reason: `按${points.month}积分${points.score}分调整`,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const after = (await head.get(`/api/subjects/${subjectId}/points?month=2026-10`)).json();
    expect(after.level).toBe(level);
  });
});
