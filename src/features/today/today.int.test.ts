// Daily supervision end to end through the API on a real database with the demo county: Today, the
// records that make its items go away, coverage, alerts, the sweep, sampling and the dashboards.

import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel, testDatabaseUrl } from "../../../test/helpers/database.ts";
import { runSweep, SWEEP_LOCK } from "../../jobs/sweep.ts";

interface Item {
  key: string;
  group: string;
  period: string | null;
  title: string;
  status: string;
  basis: string;
  subject: { id: string; name: string } | null;
  action: { kind: string; subjectId: string | null; alertId: number | null } | null;
}
interface Today {
  counts: { overdue: number; dueToday: number; open: number };
  offices: {
    id: string;
    name: string;
    standards: { id: string; required: number; done: number; status: string }[];
  }[];
  items: Item[];
  total: number;
}

describe(`daily supervision (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let agency: Client;

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    agency = await t.signIn("agency.staff1");
  }, 180_000);
  afterAll(() => t?.close());

  const today = async (client: Client, query = ""): Promise<Today> => {
    const response = await client.get(`/api/today?horizon=31${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body);
  };

  it("lists what is due and overdue, most urgent first, each with its basis and action", async () => {
    const result = await today(assistant);
    expect(result.offices).toHaveLength(1);
    expect(result.items.length).toBeGreaterThan(0);
    const rank = { overdue: 0, due_today: 1, open: 2 } as Record<string, number>;
    for (let i = 1; i < result.items.length; i++)
      expect(rank[result.items[i - 1]!.status]!).toBeLessThanOrEqual(rank[result.items[i]!.status]!);
    for (const item of result.items) expect(item.basis).toMatch(/seed|§|Community Correction Law Art\. /);
    expect(result.offices[0]!.standards.map((s) => s.id)).toContain("office_key_coverage");
    expect(result.offices[0]!.standards.some((s) => s.id.startsWith("agency_"))).toBe(false);
    const zipped = await assistant.request({
      method: "GET",
      url: "/api/today?horizon=31",
      headers: { "accept-encoding": "gzip" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString()).total).toBe(result.total);
  });

  it("an in-person report makes its item leave the list; a check moves the coverage", async () => {
    const before = await today(assistant);
    const item = before.items.find(
      (i) => i.action?.kind === "in_person_report" && i.status !== "overdue" && i.subject,
    );
    expect(item, "an open in-person report").toBeDefined();
    const subjectId = item!.subject!.id;
    const recorded = await assistant.post(`/api/subjects/${subjectId}/reports`, {
      type: "in_person_report",
      content: "到所当面报告近期工作生活情况，表现良好",
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const after = await today(assistant);
    expect(after.items.map((i) => i.key)).not.toContain(item!.key);

    const coverage = (r: Today) => r.offices[0]!.standards.find((s) => s.id === "office_other_checks")!.done;
    const normal = (
      await t.database.db.kysely
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", before.offices[0]!.id)
        .where("level", "=", "normal")
        .where("status", "=", "in_correction")
        .executeTakeFirstOrThrow()
    ).id;
    const check = await assistant.post(`/api/subjects/${normal}/information-checks`, {
      method: "phone",
      result: "normal",
      note: "电话联系本人，在家",
    });
    expect(check.statusCode, check.body).toBe(201);
    expect(coverage(await today(assistant))).toBe(coverage(after) + 1);

    const timeline = JSON.parse((await assistant.get(`/api/subjects/${subjectId}/timeline`)).body);
    expect(timeline.items[0].typeLabel).toBe("当面报告");
  });

  it("refuses a field visit of fewer than two workers, naming the field", async () => {
    const subject = (await today(assistant)).items.find((i) => i.subject)!.subject!.id;
    const workers = JSON.parse((await assistant.get(`/api/subjects/${subject}/workers`)).body).items;
    const one = await assistant.post(`/api/subjects/${subject}/field-visits`, {
      workers: [workers[0].id],
      place: "家中",
      peopleMet: "本人及其母亲",
      findings: "在家务农，情绪稳定",
    });
    expect(one.statusCode).toBe(400);
    const error = JSON.parse(one.body).error;
    expect(error.field).toBe("workers");
    expect(error.message).toContain("二名以上");
    // Two staff accounts, the recorder among them.
    const role = (r: string) => workers.find((w: { role: string }) => w.role === r).id;
    const two = await assistant.post(`/api/subjects/${subject}/field-visits`, {
      workers: [role("office_assistant"), role("office_head")],
      place: "家中",
      peopleMet: "本人及其母亲",
      findings: "在家务农，情绪稳定",
      photos: [
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      ],
    });
    expect(two.statusCode, two.body).toBe(201);
    const timeline = JSON.parse(
      (await assistant.get(`/api/subjects/${subject}/timeline?type=field_visit`)).body,
    );
    const photo = timeline.items[0].photos[0];
    const image = await assistant.get(`/api/subjects/${subject}/photos/${photo}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toContain("image/png");
  });

  it("an abnormal check opens an alert, shown on Today and handled within 24 h", async () => {
    const subject = (await today(assistant)).items.find((i) => i.subject)!.subject!.id;
    const missingNote = await assistant.post(`/api/subjects/${subject}/information-checks`, {
      method: "video",
      result: "abnormal",
    });
    expect(JSON.parse(missingNote.body).error.field).toBe("note");
    const check = await assistant.post(`/api/subjects/${subject}/information-checks`, {
      method: "video",
      result: "abnormal",
      abnormalKind: "lost_contact",
      note: "视频三次未接通",
    });
    expect(check.statusCode, check.body).toBe(201);
    const alertId = JSON.parse(check.body).alertId;
    expect(alertId).toBeGreaterThan(0);
    const listed = (await today(assistant)).items.find((i) => i.action?.alertId === alertId);
    expect(listed?.title).toContain("红色预警");
    // Red alerts escalate to the agency at once.
    expect((await today(agency)).items.some((i) => i.action?.alertId === alertId)).toBe(true);
    const handled = await assistant.post(`/api/alerts/${alertId}/handle`, {
      note: "立即实地查访，本人在家，手机损坏",
    });
    expect(handled.statusCode, handled.body).toBe(200);
    expect(JSON.parse(handled.body).state).toBe("handled");
    expect((await assistant.post(`/api/alerts/${alertId}/handle`, { note: "再次处置" })).statusCode).toBe(
      409,
    );
    expect((await today(assistant)).items.some((i) => i.action?.alertId === alertId)).toBe(false);
  });

  it("the sweep raises alerts for what is overdue, idempotently, and draws the agency's samples", async () => {
    const k = t.database.db.kysely;
    const count = async (table: "alert" | "sample_draw" | "audit_log") =>
      Number(
        (
          await k
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const first = await runSweep(t.database.db, t.config.clock.now());
    expect(first.skipped).toBe(false);
    expect(first.alertsRaised).toBeGreaterThan(0);
    expect(first.samplesDrawn).toBeGreaterThan(0);
    const counts = [await count("alert"), await count("sample_draw"), await count("audit_log")];
    const second = await runSweep(t.database.db, t.config.clock.now());
    expect(second.alertsRaised).toBe(0);
    expect(second.samplesDrawn).toBe(0);
    expect([await count("alert"), await count("sample_draw"), await count("audit_log")]).toEqual(counts);

    const sampling = JSON.parse((await agency.get("/api/sampling")).body);
    const draws = sampling.offices.flatMap((o: { draws: unknown[] }) => o.draws);
    expect(draws.length).toBeGreaterThan(0);
    for (const d of draws as { reproduces: boolean; seed: string }[]) {
      expect(d.reproduces).toBe(true);
      expect(d.seed).toMatch(/^[0-9a-f]{32}$/);
    }
  }, 120_000);

  it("a team member sees the month's feedback forms of their village and files one", async () => {
    const member = await t.signIn("chengguan.team1");
    const before = await today(member);
    const form = before.items.find((i) => i.group === "feedback");
    expect(form, "a feedback form is due").toBeDefined();
    expect(form!.basis).toContain("§六");
    const month = form!.period!.slice(0, 7);
    const body = { month, situation: "本月在家务农，遵守规定，情绪稳定" };
    const filed = await member.post(`/api/subjects/${form!.subject!.id}/feedback-forms`, body);
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await today(member)).items.map((i) => i.key)).not.toContain(form!.key);
    const again = await member.post(`/api/subjects/${form!.subject!.id}/feedback-forms`, body);
    expect(again.statusCode).toBe(409);
    const support = await member.post(`/api/subjects/${form!.subject!.id}/support`, {
      type: "education",
      hours: 2,
      topic: "法治教育",
    });
    expect(support.statusCode).toBe(403);
  });

  it("an edit of a recorded event reaches Today at the next read", async () => {
    const item = (await today(assistant)).items.find(
      (i) => i.action?.kind === "phone_report" && i.status !== "overdue" && i.subject,
    )!;
    expect(item, "an open phone report").toBeDefined();
    const recorded = await assistant.post(`/api/subjects/${item.subject!.id}/reports`, {
      type: "phone_report",
      content: "电话报告近期情况，表现良好",
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await today(assistant)).items.map((i) => i.key)).not.toContain(item.key);
    // The report's time corrected to long before the period: the period is open again.
    await t.database.db.kysely
      .updateTable("case_event")
      .set({ at: sql`at - interval '200 days'` })
      .where("id", "=", JSON.parse(recorded.body).id)
      .execute();
    t.database.db.writes.note(); // as the write path does after its commit
    expect((await today(assistant)).items.map((i) => i.key)).toContain(item.key);
  });

  it.skipIf(!testDatabaseUrl)("notices another instance's writes within seconds (PostgreSQL)", async () => {
    const before = await today(assistant);
    const item = before.items.find(
      (i) => i.action?.kind === "phone_report" && i.status !== "overdue" && i.subject,
    );
    expect(item).toBeDefined();
    const subject = await t.database.db.kysely
      .selectFrom("subject")
      .select(["id", "office_id"])
      .where("id", "=", item!.subject!.id)
      .executeTakeFirstOrThrow();
    // Written straight into the database, as another instance of the server would.
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    await other.query(
      "insert into case_event (subject_id, office_id, type, at, recorded_at, data) values ($1, $2, 'phone_report', $3, $3, '{}')",
      [subject.id, subject.office_id, t.config.clock.now()], // the other instance runs on the same clock
    );
    await other.end();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await today(assistant); // starts the look at the change log
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await today(assistant)).items.map((i) => i.key)).not.toContain(item!.key);
  });

  it.skipIf(!testDatabaseUrl)(
    "sees writes committed out of id order, each on the next read (PostgreSQL)",
    async () => {
      const open = (await today(assistant)).items.filter(
        (i) => i.action?.kind === "phone_report" && i.status !== "overdue" && i.subject,
      );
      const first = open[0]!;
      const second = open.find((i) => i.subject!.id !== first.subject!.id)!;
      expect(second, "phone reports open for two persons").toBeDefined();
      const officeId = (await today(assistant)).offices[0]!.id;
      const at = t.config.clock.now();
      const insert = async (client: pg.Client, subjectId: string) =>
        Number(
          (
            await client.query<{ id: string }>(
              "insert into case_event (subject_id, office_id, type, at, data) values ($1, $2, 'phone_report', $3, '{}') returning id",
              [subjectId, officeId, at],
            )
          ).rows[0]!.id,
        );
      // Two writers, as two requests of this instance would be: the one that draws the lower id
      // commits last.
      const early = new pg.Client({ connectionString: t.database.url });
      const late = new pg.Client({ connectionString: t.database.url });
      await early.connect();
      await late.connect();
      try {
        await early.query("begin");
        const low = await insert(early, first.subject!.id);
        await late.query("begin");
        const high = await insert(late, second.subject!.id);
        expect(low).toBeLessThan(high);
        await late.query("commit");
        t.database.db.writes.note(); // as the write path does after its commit
        const between = (await today(assistant)).items.map((i) => i.key);
        expect(between).not.toContain(second.key);
        expect(between).toContain(first.key);
        await early.query("commit");
        t.database.db.writes.note();
        const after = (await today(assistant)).items.map((i) => i.key);
        expect(after).not.toContain(second.key);
        expect(after).not.toContain(first.key);
      } finally {
        await early.end();
        await late.end();
      }
    },
  );

  it.skipIf(!testDatabaseUrl)("sweeps one instance at a time on PostgreSQL (advisory lock)", async () => {
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query("select pg_advisory_lock($1)", [SWEEP_LOCK]);
      expect((await runSweep(t.database.db, t.config.clock.now())).skipped).toBe(true);
      await other.query("select pg_advisory_unlock($1)", [SWEEP_LOCK]);
      expect((await runSweep(t.database.db, t.config.clock.now())).skipped).toBe(false);
    } finally {
      await other.end();
    }
  });

  it("the agency sees every office's coverage; dashboards and their Excel export", async () => {
    const result = await today(agency);
    expect(result.offices.length).toBe(3);
    expect(result.offices[0]!.standards.some((s) => s.id === "agency_key_sample")).toBe(true);
    const board = await agency.get("/api/dashboards?period=month");
    expect(board.statusCode, board.body).toBe(200);
    const data = JSON.parse(board.body);
    expect(data.offices).toHaveLength(3);
    expect(data.offices[0].checks.length).toBeGreaterThan(0);
    expect(data.offices[0].caseload.ratio).toBe(20);
    const file = await agency.get("/api/dashboards/export?period=week");
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await assistant.get(`/api/dashboards?officeId=${result.offices[1]!.id}`)).statusCode).toBe(403);
  });
});
