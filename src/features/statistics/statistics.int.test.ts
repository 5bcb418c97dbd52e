// Statistics and indicators on a real database with the demo county's year of records: each figure
// checked against a count made here by hand in SQL from the same records, a past month that gives the
// same figures after new records arrive, scope (the county, an office, the procuratorate read-only),
// the drill-down to persons, the funding form and the workbook.
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";

const OCT = "period=month&date=2026-10-15";
const ASOF = "2026-10-31";
const NEXT = "2026-11-01T00:00:00+08:00";
const START = "2026-10-01T00:00:00+08:00";

interface Fig {
  id: string;
  value: number | null;
  numerator: number;
  denominator: number;
  target: number | null;
  met: boolean | null;
  definition: string;
  previous: { value: number | null; numerator: number; denominator: number };
}
interface Report {
  period: { start: string; end: string; asOf: string };
  previous: { start: string; end: string; asOf: string };
  register: {
    total: number;
    previous: number;
    breakdowns: { id: string; rows: { key: string; label: string; count: number }[] }[];
  };
  flows: Fig[];
  indicators: Fig[];
}

describe(`statistics and indicators (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let staff: Client;
  let officeHead: Client;
  let prosecutor: Client;
  let countyId: string;
  let chengguan: string;

  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.database.db.kysely)).rows;
  /** The county's persons in the register on ASOF, counted here without the product's code. */
  const registerSql = (extra = sql``) => sql<{ id: string }>`
    select s.id from subject s left join case_end e on e.subject_id = s.id
     where s.county_id = ${countyId} and s.intake_date <= ${ASOF}
       and coalesce(e.end_date, case when s.status <> 'in_correction' then s.release_date end) is null
        or (s.county_id = ${countyId} and s.intake_date <= ${ASOF}
            and coalesce(e.end_date, case when s.status <> 'in_correction' then s.release_date end) > ${ASOF})
     ${extra}`;
  const get = async (c: Client, url: string) => {
    const res = await c.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const fig = (r: Report, id: string) => [...r.indicators, ...r.flows].find((f) => f.id === id)!;

  beforeAll(async () => {
    t = await startTestApp();
    agency = await t.signIn("agency.head");
    staff = await t.signIn("agency.staff1");
    officeHead = await t.signIn("chengguan.head");
    prosecutor = await t.signIn("prosecutor");
    const k = t.database.db.kysely;
    countyId = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "agency.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    const head = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    chengguan = head.place_id;
  }, 180_000);
  afterAll(() => t?.close());

  it("counts the register on the as-of day by type, as a count by hand gives", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    expect(r.period).toMatchObject({ start: "2026-10-01", end: "2026-10-31", asOf: ASOF });
    expect(r.previous).toMatchObject({ start: "2026-09-01", end: "2026-09-30" });
    const ids = (await q(registerSql())).map((x) => x.id);
    expect(r.register.total).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(20);
    const byType = await q(sql<{ correction_type: string; n: number }>`
      select correction_type, count(*)::int as n from subject where id in (${sql.join(ids)}) group by correction_type`);
    const types = r.register.breakdowns.find((b) => b.id === "byType")!.rows;
    for (const row of byType) expect(types.find((x) => x.key === row.correction_type)?.count).toBe(row.n);
    const minors =
      r.register.breakdowns.find((b) => b.id === "byAge")!.rows.find((x) => x.key === "minor")?.count ?? 0;
    const [hand] = await q(sql<{ n: number }>`
      select count(*)::int as n from subject where id in (${sql.join(ids)}) and birth_date > (${ASOF}::date - interval '18 years')`);
    expect(minors).toBe(hand!.n);
  });

  it("computes the individual-correction, location and assistance rates as counted by hand", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const ids = (await q(registerSql())).map((x) => x.id);
    const [plan] = await q(sql<{ n: number }>`
      select count(distinct subject_id)::int as n from case_event
       where type = 'book_section' and kind = 'correction_plan' and at < ${NEXT} and subject_id in (${sql.join(ids)})`);
    expect(fig(r, "individual_correction")).toMatchObject({ numerator: plan!.n, denominator: ids.length });
    expect(fig(r, "individual_correction").value).toBe(Math.round((plan!.n / ids.length) * 1000) / 10);
    expect(fig(r, "individual_correction").definition).toContain("矫正方案");

    const [located] = await q(sql<{ n: number }>`
      select count(distinct subject_id)::int as n from location_report
       where measured_at >= ${"2026-10-25T00:00:00+08:00"} and measured_at < ${NEXT} and subject_id in (${sql.join(ids)})`);
    expect(fig(r, "electronic_location")).toMatchObject({ numerator: located!.n, denominator: ids.length });
    expect(fig(r, "electronic_location").definition).toContain("7日内");

    // Assistance: over the persons in the register on at least one day of October.
    const served = (
      await q(sql<{ id: string }>`
        select s.id from subject s left join case_end e on e.subject_id = s.id
         where s.county_id = ${countyId} and s.intake_date <= '2026-10-31'
           and coalesce(coalesce(e.end_date, case when s.status <> 'in_correction' then s.release_date end), '2999-12-31') > '2026-10-01'`)
    ).map((x) => x.id);
    const [helped] = await q(sql<{ n: number }>`
      select count(distinct subject_id)::int as n from case_event
       where type = 'assistance' and at >= ${START} and at < ${NEXT} and subject_id in (${sql.join(served)})`);
    expect(fig(r, "assistance")).toMatchObject({ numerator: helped!.n, denominator: served.length });
    expect(helped!.n).toBeGreaterThan(0);
  });

  it("counts study and service hours per person-month against 8 hours", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    // Persons in the register on every day of October, each once, with their October hours.
    const rows = await q(sql<{ id: string; study: number; service: number }>`
      select s.id,
             coalesce((select sum((data->>'hours')::numeric) from case_event c where c.subject_id = s.id and c.type = 'education'
                        and c.at >= ${START} and c.at < ${NEXT}), 0)::float as study,
             coalesce((select sum((data->>'hours')::numeric) from case_event c where c.subject_id = s.id and c.type = 'public_service'
                        and c.at >= ${START} and c.at < ${NEXT}), 0)::float as service
        from subject s left join case_end e on e.subject_id = s.id
       where s.county_id = ${countyId} and s.intake_date <= '2026-10-01'
         and coalesce(coalesce(e.end_date, case when s.status <> 'in_correction' then s.release_date end), '2999-12-31') > '2026-10-31'`);
    expect(fig(r, "education_hours")).toMatchObject({
      denominator: rows.length,
      numerator: rows.filter((x) => x.study >= 8).length,
    });
    expect(fig(r, "public_service_hours")).toMatchObject({
      denominator: rows.length,
      numerator: rows.filter((x) => x.service >= 8).length,
    });
  });

  it("computes the training rate of working-age unemployed persons and the social-worker ratio", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const ids = (await q(registerSql())).map((x) => x.id);
    const base = await q(sql<{ id: string; trained: boolean }>`
      select s.id, exists (select 1 from case_event c where c.subject_id = s.id and c.type = 'assistance'
                             and coalesce(c.kind, c.data->>'kind') in ('employment_training', 'skills_training')
                             and c.at >= (s.intake_date::timestamp at time zone 'Asia/Shanghai') and c.at < ${NEXT}) as trained
        from subject s
       where s.id in (${sql.join(ids)}) and s.occupation = '无业'
         and s.birth_date <= (${ASOF}::date - interval '16 years') and s.birth_date > (${ASOF}::date - interval '60 years')`);
    expect(base.length).toBeGreaterThan(0);
    expect(fig(r, "training")).toMatchObject({
      denominator: base.length,
      numerator: base.filter((b) => b.trained).length,
      target: 100,
    });
    const [workers] = await q(sql<{ n: number }>`
      select count(*)::int as n from app_user u join place p on p.id = u.place_id
       where u.role = 'social_worker' and u.active
         and (p.parent_id = ${countyId} or p.parent_id in (select id from place where parent_id = ${countyId}))`);
    const ratio = fig(r, "social_worker_ratio");
    expect(ratio).toMatchObject({ numerator: ids.length, denominator: workers!.n, target: 20 });
    expect(ratio.value).toBe(Math.round((ids.length / workers!.n) * 10) / 10);
  });

  it("takes the yearly funding from the agency and gives the amount per person against 2,000 yuan", async () => {
    expect((await officeHead.post("/api/statistics/funding", { year: 2026, amountYuan: 1 })).statusCode).toBe(
      403,
    );
    expect((await prosecutor.post("/api/statistics/funding", { year: 2026, amountYuan: 1 })).statusCode).toBe(
      403,
    );
    const bad = await staff.post("/api/statistics/funding", { year: 2026, amountYuan: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("amountYuan");
    expect(
      (await staff.post("/api/statistics/funding", { year: 2026, amountYuan: 100_000 })).statusCode,
    ).toBe(201);
    const entered = await staff.post("/api/statistics/funding", {
      year: 2026,
      amountYuan: 150_000,
      note: "县财政预算",
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const list = await get(prosecutor, "/api/statistics/funding");
    expect(list.entries.map((e: { amountYuan: number }) => e.amountYuan)).toEqual([150_000, 100_000]);

    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const [served] = await q(sql<{ n: number }>`
      select count(*)::int as n from subject s left join case_end e on e.subject_id = s.id
       where s.county_id = ${countyId} and s.intake_date <= ${ASOF}
         and coalesce(coalesce(e.end_date, case when s.status <> 'in_correction' then s.release_date end), '2999-12-31') > '2026-01-01'`);
    const f = fig(r, "funding_per_subject");
    expect(f).toMatchObject({ numerator: 150_000, denominator: served!.n, target: 2000 });
    expect(f.value).toBe(Math.round(150_000 / served!.n));
    expect(f.met).toBe(f.value! >= 2000);
  });

  it("counts lost contact and reoffending in the period as counted by hand", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const [lost] = await q(sql<{ n: number }>`
      select count(distinct subject_id)::int as n from (
        select subject_id from alert where county_id = ${countyId} and kind = 'lost_contact' and raised_at >= ${START} and raised_at < ${NEXT}
        union select subject_id from violation_case where county_id = ${countyId} and kind = 'out_of_supervision'
                                     and occurred_at >= ${START} and occurred_at < ${NEXT}) x where subject_id is not null`);
    expect(fig(r, "lost_contact").numerator).toBe(lost!.n);
    expect(fig(r, "reoffending").numerator).toBe(0);
  });

  it("gives a past month the same figures after new records arrive", async () => {
    const before = await get(agency, `/api/statistics?${OCT}`);
    const k = t.database.db.kysely;
    const person = await k
      .selectFrom("subject")
      .select(["id", "office_id", "level"])
      .where("office_id", "=", chengguan)
      .where("status", "=", "in_correction")
      .where("intake_date", "<", "2026-09-01")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const novBefore = (await get(agency, "/api/statistics?period=month&date=2026-11-20")) as Report;
    // Today: an assistance, a level change and study hours are recorded for the person.
    const support = await officeHead.post(`/api/subjects/${person.id}/support`, {
      type: "assistance",
      kind: "employment_training",
      note: "报名参加县人社局电工培训",
    });
    expect(support.statusCode, support.body).toBe(201);
    await k
      .insertInto("level_decision")
      .values({
        subject_id: person.id,
        from_date: "2026-11-20",
        level: person.level === "key" ? "normal" : "key",
        reason: "测试",
      })
      .execute();
    const after = await get(agency, `/api/statistics?${OCT}`);
    expect(after).toEqual(before);
    const novAfter = (await get(agency, "/api/statistics?period=month&date=2026-11-20")) as Report;
    const hadAssistance = (
      await q(sql<{
        n: number;
      }>`select count(*)::int as n from case_event where subject_id = ${person.id} and type = 'assistance'
                                 and at >= ${"2026-11-01T00:00:00+08:00"} and at < ${"2026-11-20T10:00:00+08:00"}`)
    )[0]!.n;
    expect(fig(novAfter, "assistance").numerator).toBe(
      fig(novBefore, "assistance").numerator + (hadAssistance > 0 ? 0 : 1),
    );
  });

  it("shows an office its own office only, the procuratorate the county read-only", async () => {
    const own = (await get(officeHead, `/api/statistics?${OCT}`)) as Report & {
      scope: { offices: { id: string }[] };
    };
    expect(own.scope.offices.map((o) => o.id)).toEqual([chengguan]);
    const [hand] = await q(
      sql<{
        n: number;
      }>`select count(*)::int as n from (${registerSql()}) r join subject s on s.id = r.id where s.office_id = ${chengguan}`,
    );
    expect(own.register.total).toBe(hand!.n);
    const other = (
      await t.database.db.kysely
        .selectFrom("place")
        .select("id")
        .where("parent_id", "=", countyId)
        .where("kind", "=", "office")
        .where("id", "<>", chengguan)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await officeHead.get(`/api/statistics?${OCT}&officeId=${other}`)).statusCode).toBe(403);
    const county = (await get(prosecutor, `/api/statistics?${OCT}`)) as Report;
    expect(county.register.total).toBe((await q(registerSql())).length);
  });

  it("drills from a rate to its persons, audited, and refuses bad periods naming the field", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const drill = await get(agency, `/api/statistics/persons?${OCT}&figure=individual_correction`);
    expect(drill.persons).toHaveLength(fig(r, "individual_correction").denominator);
    expect(drill.persons.filter((p: { counted: boolean }) => p.counted)).toHaveLength(
      fig(r, "individual_correction").numerator,
    );
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "statistics.persons")
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    const noFrom = await agency.get("/api/statistics?period=range&to=2026-10-31");
    expect(noFrom.statusCode).toBe(400);
    expect(noFrom.json().error.field).toBe("from");
    const future = await agency.get("/api/statistics?period=month&date=2027-01-05");
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe("date");
    const range = (await get(agency, "/api/statistics?period=range&from=2026-10-01&to=2026-10-31")) as Report;
    expect(range.register.total).toBe(r.register.total);
    expect(range.previous).toMatchObject({ start: "2026-08-31", end: "2026-09-30" });
  });

  it("exports the month's workbook: the upward table with typed numbers and the indicators", async () => {
    const r = (await get(agency, `/api/statistics?${OCT}`)) as Report;
    const res = await agency.get(`/api/statistics/export?${OCT}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("统计表")!;
    const header = sheet.getRow(3).values as unknown[];
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "合计") total = row;
    });
    expect(total).toBeDefined();
    const col = header.indexOf("期末在册");
    expect(total!.getCell(col).value).toBe(r.register.total);
    expect(typeof total!.getCell(header.indexOf("本期入矫")).value).toBe("number");
    expect(total!.getCell(col).value).toBe(
      (total!.getCell(header.indexOf("期初在册")).value as number) +
        (total!.getCell(header.indexOf("本期入矫")).value as number) -
        (total!.getCell(header.indexOf("本期解矫")).value as number) -
        (total!.getCell(header.indexOf("本期终止")).value as number) -
        (total!.getCell(header.indexOf("本期移出")).value as number),
    );
    const ind = book.getWorksheet("工作指标")!;
    let found = false;
    ind.eachRow((row) => {
      if (row.getCell(1).value === "个案矫正率") {
        found = true;
        expect(row.getCell(2).value).toBe(fig(r, "individual_correction").value);
      }
    });
    expect(found).toBe(true);
  });
});
