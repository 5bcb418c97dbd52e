// After-care through the API on a real database with the demo county: a person of the rehab centre's
// notice registered with the office, the monthly phone and quarterly face-to-face follow-ups on Today
// done in one click, the care and abstinence-maintenance rates checked against counts by hand, the
// ledger in Excel with typed cells, a success case, bad input named.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client, TestApp } from "../../../test/helpers/app.ts";
import { DEMO_TODAY } from "../../../test/helpers/app.ts";
import { postExpecting, startCareApp, todayItems } from "../../../test/helpers/care.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";

interface View {
  id: string;
  successCase: boolean;
  abstinent: boolean | null;
}
interface Ind {
  id: string;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number | null;
}
interface TodayItem {
  key: string;
  status: string;
  dueBy: string;
  action: { kind: string; recordId?: string } | null;
}

const person = (over: Record<string, unknown> = {}) => ({
  name: "马平安",
  gender: "male",
  birthDate: "1988-01-02",
  address: "青禾县城关镇北街5号",
  rehabCentre: "省强制隔离戒毒所",
  noticeMonth: "2026-10",
  releasedOn: "2026-10-15",
  keyPerson: false,
  ...over,
});

describe(`after-care (${databaseLabel})`, () => {
  let t: TestApp;
  let office: Client;
  let agency: Client;

  beforeAll(async () => {
    ({ t, office, agency } = await startCareApp());
  }, 180_000);
  afterAll(() => t?.close());

  const post = postExpecting;
  const items = async (client: Client, id: string) =>
    (await todayItems<TodayItem>(client)).filter((i) => i.key.includes(id));
  const rates = async () => {
    const body = JSON.parse((await agency.get("/api/aftercare/indicators")).body);
    return Object.fromEntries(body.indicators.map((i: Ind) => [i.id, i])) as Record<string, Ind>;
  };

  it("has the month's phone follow-up and the quarter's visit on Today, each done in one click", async () => {
    const p: View = await post(office, "/api/aftercare", person());
    const due = await items(office, p.id);
    expect(due.map((i) => i.key).sort()).toEqual([
      `aftercare_phone:${p.id}:2026-11`,
      `aftercare_visit:${p.id}:2026-10`,
    ]);
    expect(due.find((i) => i.key.startsWith("aftercare_phone"))).toMatchObject({
      status: "open",
      dueBy: "2026-11-30T23:59:59+08:00",
      action: { kind: "aftercare_phone", recordId: p.id },
    });
    expect(due.find((i) => i.key.startsWith("aftercare_visit"))!.dueBy).toBe("2026-12-31T23:59:59+08:00");
    // The agency sees them too.
    expect((await items(agency, p.id)).length).toBe(2);
    // A phone call takes the month's item only; a visit takes the quarter's.
    await post(office, `/api/aftercare/${p.id}/contacts`, {
      kind: "phone",
      onDate: DEMO_TODAY,
      abstinent: true,
      content: "电话联系本人，在家务工",
    });
    expect((await items(office, p.id)).map((i) => i.action?.kind)).toEqual(["aftercare_visit"]);
    await post(office, `/api/aftercare/${p.id}/contacts`, {
      kind: "visit",
      onDate: DEMO_TODAY,
      abstinent: true,
      content: "上门见面，尿检阴性",
      help: "介绍到镇上工厂就业",
    });
    expect(await items(office, p.id)).toEqual([]);
    const success: View = await post(
      office,
      `/api/aftercare/${p.id}/success`,
      { note: "戒断两年，自主创业" },
      200,
    );
    expect(success.successCase).toBe(true);
  });

  it("computes the care and abstinence-maintenance rates as counted by hand", async () => {
    const before = await rates();
    // Three more under care: one called and abstinent, one visited and relapsed, one not contacted.
    const a: View = await post(office, "/api/aftercare", person({ name: "甲某" }));
    const b: View = await post(office, "/api/aftercare", person({ name: "乙某" }));
    await post(office, "/api/aftercare", person({ name: "丙某" }));
    // Released next month: not yet under care.
    await post(
      office,
      "/api/aftercare",
      person({ name: "丁某", releasedOn: "2026-12-10", noticeMonth: "2026-11" }),
    );
    await post(office, `/api/aftercare/${a.id}/contacts`, {
      kind: "phone",
      onDate: DEMO_TODAY,
      abstinent: true,
      content: "正常",
    });
    await post(office, `/api/aftercare/${b.id}/contacts`, {
      kind: "visit",
      onDate: "2026-11-02",
      abstinent: false,
      content: "复吸",
    });
    const after = await rates();
    expect(after.care!.denominator - before.care!.denominator).toBe(3);
    expect(after.care!.numerator - before.care!.numerator).toBe(2);
    expect(after.abstinence!.denominator - before.abstinence!.denominator).toBe(3);
    expect(after.abstinence!.numerator - before.abstinence!.numerator).toBe(1);
    expect(after.care!.target).toBe(90);
    expect(after.abstinence!.target).toBe(50);
    expect(after.care!.rate).toBe(Math.round((after.care!.numerator / after.care!.denominator) * 1000) / 10);
  });

  it("exports the ledger with typed cells", async () => {
    const response = await office.get("/api/aftercare/export");
    expect(response.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const ledger = wb.getWorksheet("后续照管台账")!;
    expect(ledger.getRow(2).getCell(6).value).toBeInstanceOf(Date);
    expect(typeof ledger.getRow(2).getCell(7).value).toBe("number");
    const sheet = wb.getWorksheet("指标")!;
    expect(sheet.getRow(2).getCell(1).value).toBe("后续照管率");
    expect(sheet.getRow(3).getCell(1).value).toBe("操守保持率");
    expect(typeof sheet.getRow(2).getCell(4).value).toBe("number");
  });

  it("names the field of bad input", async () => {
    const bad = async (url: string, body: unknown, field: string) => {
      const response = await office.post(url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toContain(field);
    };
    await bad("/api/aftercare", person({ noticeMonth: "2026-13" }), "noticeMonth");
    await bad("/api/aftercare", person({ releasedOn: "x" }), "releasedOn");
    await bad("/api/aftercare", person({ idNumber: "110101198801020000" }), "idNumber");
    const p: View = await post(office, "/api/aftercare", person({ name: "错某" }));
    await bad(
      `/api/aftercare/${p.id}/contacts`,
      { kind: "mail", onDate: DEMO_TODAY, abstinent: true, content: "x" },
      "kind",
    );
    await bad(
      `/api/aftercare/${p.id}/contacts`,
      { kind: "phone", onDate: "2026-10-01", abstinent: true, content: "x" },
      "onDate",
    );
    await bad(
      `/api/aftercare/${p.id}/contacts`,
      { kind: "phone", onDate: DEMO_TODAY, content: "x" },
      "abstinent",
    );
  });
});
