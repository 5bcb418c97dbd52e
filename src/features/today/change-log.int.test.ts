// Today's change log on a real database: every write Today follows is logged for the offices
// concerned, and a cursor reads each committed change exactly once, whatever order the writers'
// transactions commit in (PostgreSQL, two connections).
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  databaseLabel,
  openTestDatabase,
  type TestDatabase,
  testDatabaseUrl,
} from "../../../test/helpers/database.ts";
import { type ChangeCursor, pruneChanges, readChanges, startCursor } from "./change-log.ts";

describe(`Today's change log (${databaseLabel})`, () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.db.exec(`
      insert into place (id, parent_id, kind, name) values
        ('990000', null, 'county', '测试县'),
        ('990001', '990000', 'office', '东司法所'),
        ('990002', '990000', 'office', '西司法所');`);
  }, 60_000);
  afterAll(() => t?.close());

  const subjectSql = (id: string, office: string) => `
    insert into subject (id, county_id, office_id, name, name_pinyin, name_initials, gender, birth_date,
      id_number, correction_type, crime_text, term_start, term_end, intake_date, level)
    values ('${id}', '990000', '${office}', '张三', 'zhangsan', 'zs', 'male', '1980-01-01',
      '11010119800101${id.slice(-4)}', 'probation', '盗窃罪', '2026-01-01', '2027-12-31', '2026-01-05', 'normal')`;

  /** Reads the office's fresh changes as `[source, subject]` pairs and advances the cursor. */
  const take = async (office: string, cursor: { at: ChangeCursor }) => {
    const { fresh, next } = await readChanges(t.db.kysely, office, cursor.at);
    cursor.at = next;
    return fresh.map((c) => [c.source, c.subjectId]);
  };

  it("logs inserts, updates and deletes of every table Today reads, for each office concerned", async () => {
    const east = { at: await startCursor(t.db.kysely) };
    const west = { at: await startCursor(t.db.kysely) };
    await t.db.exec(subjectSql("S0001", "990001"));
    expect(await take("990001", east)).toEqual([["subject", "S0001"]]);

    // A bulk insert of several events of one person logs that person once.
    await t.db.exec(`insert into case_event (subject_id, office_id, type, at) values
      ('S0001', '990001', 'phone_report', '2026-11-02T09:00:00+08:00'),
      ('S0001', '990001', 'phone_report', '2026-11-09T09:00:00+08:00')`);
    expect(await take("990001", east)).toEqual([["case_event", "S0001"]]);
    await t.db.exec(`update case_event set at = at - interval '1 day' where subject_id = 'S0001'`);
    expect(await take("990001", east)).toEqual([["case_event", "S0001"]]);
    await t.db.exec(`delete from case_event where subject_id = 'S0001'`);
    expect(await take("990001", east)).toEqual([["case_event", "S0001"]]);

    // Tables without an office column are logged for the person's office.
    await t.db.exec(`insert into location_report (subject_id, source, measured_at, longitude, latitude, idempotency_key)
      values ('S0001', 'app', '2026-11-10T08:00:00+08:00', 116.4, 39.9, 'k1')`);
    await t.db.exec(
      `insert into level_decision (subject_id, from_date, level) values ('S0001', '2026-11-10', 'strict')`,
    );
    expect(await take("990001", east)).toEqual([
      ["location_report", "S0001"],
      ["level_decision", "S0001"],
    ]);

    await t.db.exec(`insert into alert (county_id, office_id, subject_id, kind, colour, source, basis, summary,
        raised_at, due_by, escalates_at)
      values ('990000', '990001', null, 'office_standard', 'yellow', 'office:test', 'seed 000 §九', '测试',
        now(), now() + interval '1 day', now() + interval '1 day')`);
    await t.db.exec(`update alert set handled_at = now(), note = '已处置' where source = 'office:test'`);
    expect(await take("990001", east)).toEqual([
      ["alert", null],
      ["alert", null],
    ]);

    // A person who moves is logged for the office left and the office joined.
    await t.db.exec(`update subject set office_id = '990002' where id = 'S0001'`);
    expect(await take("990001", east)).toEqual([["subject", "S0001"]]);
    expect((await take("990002", west)).slice(-1)).toEqual([["subject", "S0001"]]);
    expect(await take("990001", east)).toEqual([]);
  });

  it("prunes rows older than a day", async () => {
    await t.db.exec(`update office_change set at = now() - interval '25 hours'`);
    await t.db.exec(subjectSql("S0002", "990001"));
    expect(await pruneChanges(t.db.kysely)).toBeGreaterThan(0);
    const left = await sql<{ subject_id: string }>`select subject_id from office_change`.execute(t.db.kysely);
    expect(left.rows.map((r) => r.subject_id)).toEqual(["S0002"]);
  });

  it.skipIf(!testDatabaseUrl)(
    "reads every change once when transactions commit out of id order (PostgreSQL)",
    async () => {
      const early = new pg.Client({ connectionString: t.url });
      const late = new pg.Client({ connectionString: t.url });
      await early.connect();
      await late.connect();
      try {
        await t.db.exec(subjectSql("S0003", "990001"));
        await t.db.exec(subjectSql("S0004", "990001"));
        const cursor = { at: await startCursor(t.db.kysely) };
        const insert = (client: pg.Client, subject: string) =>
          client.query<{ id: string }>(
            `insert into case_event (subject_id, office_id, type, at)
             values ($1, '990001', 'phone_report', now()) returning id`,
            [subject],
          );
        // The first writer draws the lower id, the second the higher one and commits first.
        await early.query("begin");
        const low = Number((await insert(early, "S0003")).rows[0]!.id);
        await late.query("begin");
        const high = Number((await insert(late, "S0004")).rows[0]!.id);
        expect(low).toBeLessThan(high);
        expect(await take("990001", cursor)).toEqual([]);
        await late.query("commit");
        expect(await take("990001", cursor)).toEqual([["case_event", "S0004"]]);
        await early.query("commit");
        expect(await take("990001", cursor)).toEqual([["case_event", "S0003"]]);
        expect(await take("990001", cursor)).toEqual([]);

        // A writer that rolls back leaves nothing to read, and does not hold the others back.
        await early.query("begin");
        await insert(early, "S0003");
        await late.query("begin");
        await insert(late, "S0004");
        await late.query("commit");
        await early.query("rollback");
        expect(await take("990001", cursor)).toEqual([["case_event", "S0004"]]);
        expect(await take("990001", cursor)).toEqual([]);
      } finally {
        await early.end();
        await late.end();
      }
    },
  );
});
