// Prisons' pre-release notices and rehab centres' notices through the exchange, on a real database: a
// signed release notice lands as a resettlement record under the office its division code leads to,
// with the same clocks as one entered by hand; a code of no office lands with the agency, is on its
// Today and is assigned from there; a rehab notice of two persons makes two after-care records whose
// first follow-up is due; replays, other partners' scopes, stale calls and bad fields store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { exchangeCall, type PartnerKey, rowCount } from "../../../test/helpers/exchange-call.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import type { TodayItem } from "../today/today.ts";

/** Divisions of the demo county (src/db/demo/places.ts). */
const HEXI = "990121101";
const LIUWAN_VILLAGE = "990121101201"; // 柳湾村, under 河西镇司法所
const CHENGGUAN = "990121100";
const QIAOTOU = "990121102";
const NO_OFFICE = "990121199"; // a township of the county without a judicial office here

let seq = 800;
function releaseNotice(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    name: "吴建平",
    gender: "male",
    birthDate: "1983-05-06",
    idNumber: makeIdNumber("990121", "1983-05-06", seq),
    address: "青禾县河西镇柳湾村3组",
    divisionCode: LIUWAN_VILLAGE,
    crime: "盗窃罪",
    sentence: "有期徒刑三年",
    releaseOn: fixedDay(30),
    keyPerson: true,
    ...overrides,
  };
}

describe(`exchange: prisons' and rehab centres' notices (${databaseLabel})`, () => {
  let t: TestApp;
  let staff: Client;
  let prison: PartnerKey & { id: string };
  let rehab: PartnerKey & { id: string };
  const call = (who: PartnerKey, url: string, body: unknown, tamper = {}) =>
    exchangeCall(t.app, who, "POST", url, body, tamper);
  const count = (table: "resettlement" | "aftercare") => rowCount(t.database.db.kysely, table);
  const todayOf = async (client: Client): Promise<TodayItem[]> => {
    const response = await client.get("/api/today?horizon=31&limit=2000");
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.signIn("agency.staff1");
    const register = async (kind: string, name: string, scopes: string[]) => {
      const made = await staff.post("/api/exchange/partners", { kind, name, scopes });
      expect(made.statusCode, made.body).toBe(201);
      return { id: made.json().id, keyId: made.json().keyId, secret: made.json().secret };
    };
    prison = await register("prison", "禾川省第三监狱", ["release_notice", "status"]);
    rehab = await register("rehab", "云州市强制隔离戒毒所", ["rehab_notice"]);
  }, 180_000);
  afterAll(() => t?.close());

  it("grants a prison's or rehab centre's scope only to a partner of that kind", async () => {
    const court = await staff.post("/api/exchange/partners", {
      kind: "court",
      name: "青禾县某法庭",
      scopes: ["handover", "release_notice"],
    });
    expect(court.statusCode).toBe(400);
    expect(court.json().error).toMatchObject({ field: "scopes" });
    expect(court.json().error.message).toContain("预释放人员通知");
    const partners = (await staff.get("/api/exchange/partners")).json().items;
    expect(partners.find((p: { id: string }) => p.id === prison.id)).toMatchObject({
      scopeLabels: ["预释放人员通知", "人员状态查询"],
    });
  });

  it("lands a signed release notice under the office of its division, with the hand entry's clocks", async () => {
    const notice = releaseNotice();
    const { response, replay } = await call(prison, "/api/exchange/v1/release-notices", notice);
    expect(response.statusCode, response.body).toBe(201);
    const { ref, office, status } = response.json();
    expect(office).toEqual({ id: HEXI, name: "河西镇司法所" });
    expect(status).toBe("assigned");
    const before = await count("resettlement");
    expect((await replay()).statusCode).toBe(409);
    expect(await count("resettlement")).toBe(before);

    const row = await t.database.db.kysely
      .selectFrom("resettlement")
      .select(["office_id", "created_by", "partner_id", "prison", "notice_on", "division_code", "sentence"])
      .where("id", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      office_id: HEXI,
      created_by: null,
      partner_id: prison.id,
      prison: "禾川省第三监狱",
      notice_on: FIXED_TODAY,
      division_code: LIUWAN_VILLAGE,
      sentence: "有期徒刑三年",
    });

    // The same notice entered by hand at the agency runs the same clocks on the office's Today.
    const { divisionCode: _, ...person } = releaseNotice();
    const byHand = await staff.post("/api/resettlement", {
      ...person,
      officeId: HEXI,
      prison: "禾川省第三监狱",
      noticeOn: FIXED_TODAY,
    });
    expect(byHand.statusCode, byHand.body).toBe(201);
    const hexi = await t.signIn("hexi.head");
    const items = await todayOf(hexi);
    const clocks = (id: string) =>
      items
        .filter((i) => i.key.endsWith(`:${id}`))
        .map((i) => ({ step: i.key.split(":")[0], dueBy: i.dueBy, status: i.status, office: i.office.id }));
    const sent = clocks(ref);
    expect(sent.map((c) => c.step).sort()).toEqual([
      "resettlement_pickup",
      "resettlement_receipt",
      "resettlement_verify",
    ]);
    expect(sent).toEqual(clocks(byHand.json().id));
    expect(sent.find((c) => c.step === "resettlement_verify")).toMatchObject({
      dueBy: `${fixedDay(7)}T23:59:59+08:00`,
      office: HEXI,
    });
    // The office sees it on 安置帮教; another office does not.
    const list = (await hexi.get("/api/resettlement")).json().items;
    expect(list.find((i: { id: string }) => i.id === ref)).toMatchObject({
      office: { id: HEXI },
      prison: "禾川省第三监狱",
      divisionCode: LIUWAN_VILLAGE,
      keyPerson: true,
    });
    const chengguan = await t.signIn("chengguan.head");
    const theirs = (await chengguan.get("/api/resettlement")).json().items;
    expect(theirs.some((i: { id: string }) => i.id === ref)).toBe(false);

    // Audited with the organisation as the actor: the record's receipt and the call.
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["action", "actor_name", "actor_role", "place_id", "details"])
      .where("record_id", "in", [ref, prison.id])
      .execute();
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "resettlement.receive",
        actor_name: "禾川省第三监狱",
        actor_role: "partner",
        place_id: HEXI,
      }),
    );
    const calls = audit
      .filter((a) => a.action === "exchange.call")
      .map((a) => (typeof a.details === "string" ? JSON.parse(a.details) : a.details));
    expect(calls).toContainEqual(
      expect.objectContaining({ path: "/api/exchange/v1/release-notices", status: 201 }),
    );
  });

  it("leaves a notice of a division without an office with the agency, on its Today, assigned from there", async () => {
    const minorBirth = fixedDay(-17 * 365);
    const notice = releaseNotice({
      name: "郑小军",
      birthDate: minorBirth,
      idNumber: makeIdNumber("990121", minorBirth, 811),
      divisionCode: NO_OFFICE,
      address: "青禾县某乡",
      keyPerson: false,
    });
    const { response } = await call(prison, "/api/exchange/v1/release-notices", notice);
    expect(response.statusCode, response.body).toBe(201);
    const { ref } = response.json();
    expect(response.json()).toMatchObject({ office: null, status: "awaiting_assignment" });
    // A minor's name is masked on the list, as everywhere.
    const listed = (await staff.get("/api/resettlement"))
      .json()
      .items.find((i: { id: string }) => i.id === ref);
    expect(listed).toMatchObject({ office: null, divisionCode: NO_OFFICE });
    expect(listed.person).toMatchObject({ minor: true, name: "郑**" });

    const assign = (await todayOf(staff)).find((i) => i.key === `resettlement_assign:${ref}`);
    expect(assign?.action).toMatchObject({ kind: "resettlement_assign", recordId: ref });
    expect(assign?.dueBy).toBe(`${fixedDay(7)}T23:59:59+08:00`);
    expect(assign?.title).not.toContain("郑小军");
    // No office sees it, nor may an office assign it.
    const qiaotou = await t.signIn("qiaotou.head");
    expect(
      (await qiaotou.get("/api/resettlement")).json().items.some((i: { id: string }) => i.id === ref),
    ).toBe(false);
    expect((await qiaotou.post(`/api/resettlement/${ref}/assign`, { officeId: QIAOTOU })).statusCode).toBe(
      403,
    );
    // The agency's one click: the office chosen, the record is that office's, the item goes.
    const bad = await staff.post(`/api/resettlement/${ref}/assign`, { officeId: "990122100" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: "officeId" });
    const assigned = await staff.post(`/api/resettlement/${ref}/assign`, { officeId: QIAOTOU });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().office).toEqual({ id: QIAOTOU, name: "桥头镇司法所" });
    expect((await todayOf(staff)).some((i) => i.key === `resettlement_assign:${ref}`)).toBe(false);
    expect(
      (await qiaotou.get("/api/resettlement")).json().items.some((i: { id: string }) => i.id === ref),
    ).toBe(true);
    expect((await todayOf(qiaotou)).some((i) => i.key === `resettlement_verify:${ref}`)).toBe(true);
    expect((await staff.post(`/api/resettlement/${ref}/assign`, { officeId: HEXI })).statusCode).toBe(409);
  });

  it("makes a rehab notice of two persons two after-care records whose first follow-up is due", async () => {
    const before = await count("aftercare");
    const body = {
      noticeMonth: FIXED_TODAY.slice(0, 7),
      persons: [
        {
          name: "冯志刚",
          gender: "male",
          birthDate: "1986-02-03",
          idNumber: makeIdNumber("990121", "1986-02-03", 821),
          address: "青禾县城关镇东门社区",
          divisionCode: `${CHENGGUAN}001`,
          releasedOn: fixedDay(-5),
          keyPerson: true,
        },
        {
          name: "陆红",
          gender: "female",
          birthDate: "1992-08-09",
          address: "青禾县城关镇",
          divisionCode: `${CHENGGUAN}000`,
          releasedOn: fixedDay(-2),
        },
      ],
    };
    const { response, replay } = await call(rehab, "/api/exchange/v1/rehab-notices", body);
    expect(response.statusCode, response.body).toBe(201);
    const items = response.json().items as { ref: string; office: { id: string } | null }[];
    expect(items.map((i) => i.office?.id)).toEqual([CHENGGUAN, CHENGGUAN]);
    expect(await count("aftercare")).toBe(before + 2);
    expect((await replay()).statusCode).toBe(409);
    expect(await count("aftercare")).toBe(before + 2);

    const chengguan = await t.signIn("chengguan.head");
    const list = (await chengguan.get("/api/aftercare")).json().items;
    for (const { ref } of items)
      expect(list.find((i: { id: string }) => i.id === ref)).toMatchObject({
        rehabCentre: "云州市强制隔离戒毒所",
        noticeMonth: body.noticeMonth,
        lastContactOn: null,
      });
    // The month's phone follow-up of each is on the office's Today, due at the month's end.
    const today = await todayOf(chengguan);
    for (const { ref } of items) {
      const phone = today.find((i) => i.key.startsWith(`aftercare_phone:${ref}:`));
      expect(phone?.dueBy).toBe("2026-11-30T23:59:59+08:00");
      expect(phone?.action).toMatchObject({ kind: "aftercare_phone", recordId: ref });
    }
    const rows = await t.database.db.kysely
      .selectFrom("aftercare")
      .select(["created_by", "partner_id"])
      .where(
        "id",
        "in",
        items.map((i) => i.ref),
      )
      .execute();
    expect(rows).toEqual([
      { created_by: null, partner_id: rehab.id },
      { created_by: null, partner_id: rehab.id },
    ]);
  });

  it("lands a rehab notice's person of no office with the agency, assigned from its Today", async () => {
    const { response } = await call(rehab, "/api/exchange/v1/rehab-notices", {
      noticeMonth: FIXED_TODAY.slice(0, 7),
      persons: [
        {
          name: "韩磊",
          gender: "male",
          birthDate: "1980-01-01",
          address: "青禾县某乡",
          divisionCode: NO_OFFICE,
          releasedOn: fixedDay(-1),
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const [{ ref, office }] = response.json().items;
    expect(office).toBeNull();
    const item = (await todayOf(staff)).find((i) => i.key === `aftercare_assign:${ref}`);
    expect(item?.action).toMatchObject({ kind: "aftercare_assign", recordId: ref });
    const assigned = await staff.post(`/api/aftercare/${ref}/assign`, { officeId: HEXI });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await todayOf(staff)).some((i) => i.key === `aftercare_assign:${ref}`)).toBe(false);
  });

  it("refuses other partners' scopes, stale calls and bad fields, storing nothing", async () => {
    const resettled = await count("resettlement");
    const cared = await count("aftercare");
    const rehabNotice = {
      noticeMonth: FIXED_TODAY.slice(0, 7),
      persons: [
        {
          name: "秦勇",
          gender: "male",
          birthDate: "1985-03-03",
          address: "青禾县河西镇",
          divisionCode: HEXI,
          releasedOn: fixedDay(-1),
        },
      ],
    };
    expect((await call(rehab, "/api/exchange/v1/release-notices", releaseNotice())).response.statusCode).toBe(
      403,
    );
    expect((await call(prison, "/api/exchange/v1/rehab-notices", rehabNotice)).response.statusCode).toBe(403);
    const stale = await call(prison, "/api/exchange/v1/release-notices", releaseNotice(), {
      timestamp: new Date(t.app.clock.now().getTime() - 10 * 60_000).toISOString(),
    });
    expect(stale.response.statusCode).toBe(401);
    const badDate = await call(
      prison,
      "/api/exchange/v1/release-notices",
      releaseNotice({ releaseOn: "2026-13-01" }),
    );
    expect(badDate.response.statusCode).toBe(400);
    expect(badDate.response.json().error).toMatchObject({ field: "releaseOn" });
    const badCode = await call(
      prison,
      "/api/exchange/v1/release-notices",
      releaseNotice({ divisionCode: "9901" }),
    );
    expect(badCode.response.statusCode).toBe(400);
    expect(badCode.response.json().error).toMatchObject({ field: "divisionCode" });
    // One bad person of two: neither is registered.
    const second = { ...rehabNotice.persons[0]!, name: "秦刚", idNumber: "990121198503030000" };
    const badPerson = await call(rehab, "/api/exchange/v1/rehab-notices", {
      ...rehabNotice,
      persons: [rehabNotice.persons[0], second],
    });
    expect(badPerson.response.statusCode).toBe(400);
    expect(badPerson.response.json().error).toMatchObject({ field: "persons.1.idNumber" });
    const future = await call(rehab, "/api/exchange/v1/rehab-notices", {
      ...rehabNotice,
      noticeMonth: "2027-01",
    });
    expect(future.response.statusCode).toBe(400);
    expect(future.response.json().error).toMatchObject({ field: "noticeMonth" });
    expect(await count("resettlement")).toBe(resettled);
    expect(await count("aftercare")).toBe(cared);
  });

  it("describes both routes in the OpenAPI document, signed with the exchange_partner scheme", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    for (const [path, field] of [
      ["/api/exchange/v1/release-notices", "divisionCode"],
      ["/api/exchange/v1/rehab-notices", "persons"],
    ] as const) {
      const op = doc.paths[path].post;
      expect(op.security, path).toEqual([{ exchange_partner: [] }]);
      expect(Object.keys(op.requestBody.content["application/json"].schema.properties)).toContain(field);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "409"]));
    }
  });
});
