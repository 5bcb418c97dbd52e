// Resettlement through the API on a real database with the demo county: a released prisoner's notice,
// the hand-over steps due on Today and done from it, the indicators of seed 003 checked against
// counts made by hand, the ledger in Excel with typed cells, the 1:50 ratio, bad input named.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client, TestApp } from "../../../test/helpers/app.ts";
import { DEMO_TODAY } from "../../../test/helpers/app.ts";
import { postExpecting, startCareApp, todayItems } from "../../../test/helpers/care.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";

interface View {
  id: string;
  releaseOn: string;
  keyPerson: boolean;
  pickedUpOn: string | null;
  nextFollowupDue: string | null;
  person: { name: string; minor: boolean };
}
interface Ind {
  id: string;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number | null;
  met: boolean | null;
}
interface TodayItem {
  key: string;
  status: string;
  basisText: string;
  action: { kind: string; recordId?: string } | null;
}

const notice = (over: Record<string, unknown> = {}) => ({
  name: "陈立新",
  gender: "male",
  birthDate: "1985-01-02",
  address: "青禾县城关镇西街3号",
  prison: "省第一监狱",
  crime: "盗窃罪",
  releaseOn: "2026-11-18",
  noticeOn: "2026-10-20",
  keyPerson: true,
  ...over,
});

describe(`resettlement of released prisoners (${databaseLabel})`, () => {
  let t: TestApp;
  let office: Client;
  let agency: Client;

  beforeAll(async () => {
    ({ t, office, agency } = await startCareApp());
  }, 180_000);
  afterAll(() => t?.close());

  const post = postExpecting;
  const today = async (client: Client) =>
    (await todayItems<TodayItem>(client)).filter((i) => i.key.startsWith("resettlement_"));
  const indicators = async (client: Client) =>
    JSON.parse((await client.get("/api/resettlement/indicators")).body);

  it("puts the hand-over steps of a released key person on Today and takes each off when done", async () => {
    const p: View = await post(office, "/api/resettlement", notice());
    const mine = (await today(office)).filter((i) => i.key.endsWith(p.id));
    // Notice 20 Oct + 7 days = 27 Oct (verify, receipt: overdue); pick-up on 18 Nov (overdue); risk
    // within 7 days of the release (25 Nov, open); help plan within 30 days (18 Dec, open).
    expect(Object.fromEntries(mine.map((i) => [i.key.split(":")[0], i.status]))).toEqual({
      resettlement_verify: "overdue",
      resettlement_receipt: "overdue",
      resettlement_pickup: "overdue",
      resettlement_risk: "open",
      resettlement_help_plan: "open",
    });
    for (const i of mine) {
      expect(i.action).toMatchObject({ kind: "resettlement", recordId: p.id });
      expect(i.basisText).not.toMatch(/[A-Za-z]{2,}/);
    }
    await post(office, `/api/resettlement/${p.id}/steps`, { step: "verify", on: "2026-10-21" }, 200);
    await post(office, `/api/resettlement/${p.id}/steps`, { step: "receipt", on: "2026-10-21" }, 200);
    await post(
      office,
      `/api/resettlement/${p.id}/steps`,
      { step: "pickup", on: "2026-11-18", by: "司法所长" },
      200,
    );
    await post(
      office,
      `/api/resettlement/${p.id}/steps`,
      { step: "risk", on: DEMO_TODAY, level: "medium" },
      200,
    );
    const done: View = await post(
      office,
      `/api/resettlement/${p.id}/steps`,
      {
        step: "help_plan",
        on: DEMO_TODAY,
        team: "司法所1人、村干部1人、家属N人",
        plan: "帮助联系就业，每月谈心",
      },
      200,
    );
    expect((await today(office)).filter((i) => i.key.endsWith(p.id))).toEqual([]);
    // The first follow-up falls due three months after the release (18 Feb 2027).
    expect(done.nextFollowupDue).toBe("2027-02-18");
    const again = await office.post(`/api/resettlement/${p.id}/steps`, { step: "verify", on: DEMO_TODAY });
    expect(again.statusCode).toBe(409);
  });

  it("computes the four indicators of seed 003 as counted by hand, and the 1:50 ratio", async () => {
    const before = await indicators(agency);
    const base = (id: string) => before.indicators.find((i: Ind) => i.id === id) as Ind;
    // Three more this year: a key person not picked up, two others of whom one picked up and placed.
    const officeId = JSON.parse((await office.get("/api/resettlement")).body).items[0].office.id;
    const key: View = await post(agency, "/api/resettlement", notice({ name: "林重", officeId }));
    const o1: View = await post(
      agency,
      "/api/resettlement",
      notice({ name: "吴一", keyPerson: false, officeId }),
    );
    const o2: View = await post(
      agency,
      "/api/resettlement",
      notice({ name: "郑二", keyPerson: false, officeId }),
    );
    await post(agency, `/api/resettlement/${key.id}/steps`, { step: "verify", on: "2026-10-22" }, 200);
    await post(agency, `/api/resettlement/${o1.id}/steps`, { step: "verify", on: "2026-10-22" }, 200);
    await post(agency, `/api/resettlement/${o1.id}/steps`, { step: "receipt", on: "2026-10-22" }, 200);
    await post(
      agency,
      `/api/resettlement/${o1.id}/steps`,
      { step: "pickup", on: "2026-11-18", by: "社工" },
      200,
    );
    await post(
      agency,
      `/api/resettlement/${o1.id}/steps`,
      { step: "placement", on: DEMO_TODAY, placement: "employed" },
      200,
    );
    void o2;
    const after = await indicators(agency);
    const now = (id: string) => after.indicators.find((i: Ind) => i.id === id) as Ind;
    // By hand: 3 notices this year, 2 verified (key, o1), 1 receipt (o1).
    expect(now("verification").denominator - base("verification").denominator).toBe(3);
    expect(now("verification").numerator - base("verification").numerator).toBe(2);
    expect(now("receipt").numerator - base("receipt").numerator).toBe(1);
    // Released this year: 1 more key person, not picked up; 2 others, 1 picked up.
    expect(now("key_pickup").denominator - base("key_pickup").denominator).toBe(1);
    expect(now("key_pickup").numerator - base("key_pickup").numerator).toBe(0);
    expect(now("other_pickup").denominator - base("other_pickup").denominator).toBe(2);
    expect(now("other_pickup").numerator - base("other_pickup").numerator).toBe(1);
    expect(now("placement").denominator - base("placement").denominator).toBe(3);
    expect(now("placement").numerator - base("placement").numerator).toBe(1);
    // The rate is the numerator over the denominator, the targets the profile's (100%, 70%).
    const other = now("other_pickup");
    expect(other.rate).toBe(Math.round((other.numerator / other.denominator) * 1000) / 10);
    expect(other.target).toBe(70);
    expect(now("key_pickup").target).toBe(100);
    expect(now("key_pickup").met).toBe(false);
    expect(after.staffing.perSocialWorker).toBe(50);
    expect(after.staffing.socialWorkersNeeded).toBe(Math.ceil(after.staffing.helped / 50));
    expect(after.staffing.helped - before.staffing.helped).toBe(3);
  });

  it("exports the ledger and the indicators in Excel with typed cells", async () => {
    const response = await agency.get("/api/resettlement/export");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const ledger = wb.getWorksheet("安置帮教台账")!;
    expect(ledger.getRow(1).getCell(2).value).toBe("姓名");
    const row = ledger.getRow(2);
    expect(row.getCell(7).value).toBeInstanceOf(Date); // 释放日期
    expect(typeof row.getCell(17).value).toBe("number"); // 回访次数
    const sheet = wb.getWorksheet("指标")!;
    expect(sheet.getRow(2).getCell(1).value).toBe("基本信息核查率");
    expect(typeof sheet.getRow(2).getCell(2).value).toBe("number");
    expect(typeof sheet.getRow(2).getCell(4).value).toBe("number");
    expect(sheet.getColumn(4).numFmt).toBe("0.0%");
  });

  it("names the field of bad input and keeps other offices out", async () => {
    const bad = async (body: unknown, field: string, url = "/api/resettlement") => {
      const response = await office.post(url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toContain(field);
    };
    await bad(notice({ releaseOn: "2026-13-01" }), "releaseOn");
    await bad(notice({ keyPerson: "yes" }), "keyPerson");
    await bad(notice({ noticeOn: "2026-12-25" }), "noticeOn");
    await bad(notice({ name: "" }), "name");
    const p: View = await post(office, "/api/resettlement", notice({ releaseOn: "2026-12-20" }));
    await bad({ step: "pickup", on: DEMO_TODAY }, "by", `/api/resettlement/${p.id}/steps`);
    await bad({ step: "pickup", on: DEMO_TODAY, by: "所长" }, "on", `/api/resettlement/${p.id}/steps`);
    await bad({ step: "fly", on: DEMO_TODAY }, "step", `/api/resettlement/${p.id}/steps`);
    const other = await t.signIn("prosecutor");
    expect(
      (await other.post(`/api/resettlement/${p.id}/steps`, { step: "verify", on: DEMO_TODAY })).statusCode,
    ).toBe(403);
  });
});
