// Every API route, tried as every role against records the role must not reach: a subject of
// another office (for office-level roles) and of another county (for everyone). Each attempt must be
// refused with 403 or 404. A new route whose parameters this test does not know makes it fail, so no
// route can be added without being checked here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoles } from "../../src/auth/access.ts";
import type { Role } from "../../src/db/schema.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, TALK_TOPICS } from "../../src/features/screening/tables.ts";
import { type Client, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";
import { foreignIntakeRecords, intakeSamples } from "../helpers/intake-records.ts";
import { foreignSupervisionRecords } from "../helpers/supervision-records.ts";
import { foreignViolationRecords } from "../helpers/violation-records.ts";

const leaveSample = {
  subjectId: "none",
  kind: "ordinary",
  from: "2030-01-10",
  to: "2030-01-12",
  destinationCounty: "330102",
  reason: "探望住院的母亲",
};

/** Valid bodies for routes that take one, so that a refusal is about access, not about bad input. */
const sampleBodies: Record<string, unknown> = {
  "POST /api/auth/login": { username: "nobody", password: "x" },
  "DELETE /api/auth/login-throttles/:username": undefined,
  "POST /api/auth/logout": {},
  "POST /api/subjects/:id/unmask": { purpose: "核对身份信息" },
  "POST /api/exchange/partners": { kind: "court", name: "测试法院", scopes: ["status"] },
  "POST /api/exchange/partners/:id/rotate-key": {},
  "POST /api/exchange/partners/:id/retire": {},
  "POST /api/exchange/partners/:id/push": {},
  "POST /api/exchange/deliveries/:id/retry": {},
  "POST /api/handovers": intakeSamples.handover,
  "POST /api/handovers/:handoverId/documents": intakeSamples.document,
  "POST /api/handovers/:handoverId/register": intakeSamples.register,
  "PUT /api/subjects/:id/book/sections/:section": { baseVersion: 0, content: { phone: "13800000000" } },
  "POST /api/subjects/:id/level-decisions": {
    level: "strict",
    fromDate: "2026-01-06",
    reason: "核查后调整等级",
  },
  "POST /api/subjects/:id/reports": { type: "phone_report", content: "电话报告近期情况" },
  "PUT /api/subjects/:id/responsible": { userId: "none", reason: "按片区分工" },
  "PUT /api/subjects/:id/residence-point": { lon: 119.95, lat: 28.36 },
  "POST /api/subjects/:id/field-visits": {
    workers: ["someone", "another"],
    place: "家中",
    peopleMet: "本人",
    findings: "情况正常",
  },
  "POST /api/subjects/:id/information-checks": { method: "phone", result: "normal" },
  "POST /api/subjects/:id/support": { type: "education", hours: 2, topic: "法治教育" },
  "POST /api/subjects/:id/feedback-forms": { month: "2026-01", situation: "表现良好" },
  "POST /api/alerts/:alertId/handle": { note: "已核实处置" },
  "POST /api/sampling/draw": { officeId: "none" },
  "POST /api/calendar/notices": {
    fileName: "2027.json",
    notice: { year: 2027, source: "测试用通知", holidays: ["2027-01-01"], workdays: [] },
  },
  "PUT /api/policy": { profile: "yirenyice-2025" },
  "POST /api/leave/advice": leaveSample,
  "POST /api/leave": { ...leaveSample, proofs: [] },
  "POST /api/leave/:id/decision": { decision: "approve", comment: "同意", overrideReason: "经研判同意" },
  "POST /api/leave/:id/resubmit": {},
  "POST /api/leave/:id/revision": { ...leaveSample, subjectId: undefined, kind: undefined, version: 1 },
  "POST /api/leave/files": { month: "2026-10" },
  "POST /api/leave/files/:id/review": { note: "材料齐全" },
  "POST /api/leave/:id/proofs": { fileName: "证明.pdf", contentBase64: "JVBERi0xLjQK" },
  "POST /api/leave/:id/return": { method: "in_person" },
  "POST /api/subjects/:id/leave-checks": {
    kind: "leave_signin_check",
    method: "online_signin",
    result: "normal",
  },
  "POST /api/violations": {
    subjectId: "none",
    source: "finding",
    kind: "education_refusal",
    occurredAt: "2026-01-05T10:00:00+08:00",
    facts: "拒不参加教育学习",
    investigators: ["a", "b"],
  },
  "POST /api/violations/:caseId/interviews": {
    interviewee: "本人",
    at: "2026-01-05T10:00:00+08:00",
    place: "司法所",
    askedBy: "a",
    recordedBy: "b",
    content: "询问内容",
  },
  "POST /api/violations/:caseId/evidence": {
    description: "证据",
    fileName: "a.pdf",
    contentBase64: "JVBERi0=",
  },
  "POST /api/violations/:caseId/proposal": { measure: "reprimand", reason: "理由" },
  "POST /api/violations/:caseId/sign": {},
  "POST /api/violations/:caseId/review": { decision: "approve" },
  "POST /api/violations/:caseId/corrected": { corrected: true, note: "已改正" },
  "POST /api/violations/:caseId/court": { requestedAt: "2026-01-05T10:00:00+08:00", arrestRequested: false },
  "POST /api/violations/:caseId/case-review": { reviewId: "none", text: "复盘内容" },
  "POST /api/subjects/:id/resists-supervision": { resists: true, reason: "拒不服从监管" },
  "POST /api/subjects/:id/release": {
    date: "2026-11-20",
    place: "司法所",
    present: [{ name: "王某", role: "家属" }],
  },
  "POST /api/subjects/:id/termination": { kind: "death", date: "2026-11-19", documentText: "死亡证明" },
  "POST /api/book-reviews/sample": { year: 2026, count: 1 },
  "POST /api/book-reviews": {
    year: 2026,
    subjectId: "none",
    method: "central",
    scores: { correction_plan: 90 },
  },
  "POST /api/book-reviews/excellent": { year: 2026, subjectId: "none", reason: "方案精准成效明显" },
  "POST /api/transfers": {
    subjectId: "none",
    newCounty: "330102",
    newAddress: "杭州市上城区解放路1号",
    reason: "随子女迁居",
  },
  "POST /api/transfers/:id/send": { sentOn: "2026-11-19", method: "post" },
  "POST /api/transfers/:id/answer": { decision: "accepted", answeredOn: "2026-11-20" },
  "POST /api/transfers/:id/report": { reportedOn: "2026-11-20" },
  "POST /api/subjects/:id/end/documents/:kind/sent": {
    sentAt: "2026-11-20T09:00:00+08:00",
    method: "post",
  },
  "POST /api/statistics/funding": { year: 2026, amountYuan: 300000 },
  "POST /api/hazards": {
    subjectId: "none",
    kind: "debt",
    level: "general",
    description: "债务纠纷",
    foundOn: "2026-11-19",
    measures: [{ measure: "组织调解", ownerId: "none", deadline: "2026-12-01" }],
  },
  "POST /api/hazards/:id/measures": { measure: "组织调解", ownerId: "none", deadline: "2026-12-01" },
  "POST /api/hazards/:id/followups": { text: "已回访" },
  "POST /api/hazards/:id/close": { note: "隐患已消除" },
  // Investigation, resettlement, after-care (issue 15).
  "POST /api/investigations": {
    court: "青禾县人民法院",
    commissionNo: "第1号",
    procedure: "normal",
    receivedOn: "2026-11-20",
    name: "周明远",
    gender: "male",
    birthDate: "1990-03-04",
    address: "城关镇",
    charge: "危险驾驶罪",
    proposedType: "probation",
  },
  "POST /api/investigations/:id/assign": { officeId: "none" },
  "POST /api/investigations/:id/notes": { kind: "visit", onDate: "2026-11-20", findings: "走访" },
  "POST /api/investigations/:id/opinion": { opinion: "suitable", reasons: "理由" },
  "POST /api/investigations/:id/return": { returnedOn: "2026-11-20" },
  "POST /api/resettlement": {
    name: "陈立",
    gender: "male",
    birthDate: "1985-01-02",
    address: "城关镇",
    prison: "第一监狱",
    crime: "盗窃罪",
    releaseOn: "2026-12-01",
    noticeOn: "2026-11-20",
    keyPerson: false,
  },
  "POST /api/resettlement/:id/steps": { step: "verify", on: "2026-11-20" },
  "POST /api/resettlement/:id/followups": { onDate: "2026-11-20", content: "回访" },
  "POST /api/aftercare": {
    name: "马平",
    gender: "male",
    birthDate: "1988-01-02",
    address: "城关镇",
    rehabCentre: "戒毒所",
    noticeMonth: "2026-11",
    releasedOn: "2026-11-01",
    keyPerson: false,
  },
  "POST /api/aftercare/:id/contacts": {
    kind: "phone",
    onDate: "2026-11-20",
    abstinent: true,
    content: "回访",
  },
  "POST /api/aftercare/:id/success": { note: "事迹" },
  "POST /api/major-events": {
    kind: "escape",
    subjectId: "none",
    occurredAt: "2026-11-20T08:00:00+08:00",
    summary: "对象失联，经查已离开本县",
  },
  "POST /api/major-events/:id/updates": { text: "已协调公安机关查找" },
  "POST /api/major-events/:id/close": { note: "已收监执行" },
  "POST /api/risk-meetings": {
    month: "2026-11",
    heldOn: "2026-11-20",
    place: "司法所会议室",
    host: "所长",
    attendeeIds: ["none", "other"],
    persons: [],
    decisions: [],
    summary: "本月风险总体可控",
  },
  "POST /api/risk-meetings/:id/decisions/:index/done": { note: "已按决定办理" },
  "POST /api/screening/campaigns": {},
  "POST /api/screening/campaigns/:id/records": {
    subjectId: "none",
    talkedOn: "2026-11-20",
    method: "face_to_face",
    checklist: Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"])),
    talk: Object.fromEntries(TALK_TOPICS.map((topic) => [topic, "情况正常"])),
    clears: Object.fromEntries(FIVE_CLEARS.map((c) => [c, true])),
  },
  "POST /api/app/reports": {
    reports: [{ key: "sample-0001", at: "2026-11-20T09:00:00+08:00", lon: 120, lat: 30, accuracyM: 10 }],
  },
  "POST /api/app/photos": {},
  "POST /api/zones": { kind: "prohibited", name: "某网吧", circle: { center: [120, 30], radiusM: 100 } },
  "PUT /api/zones/:id/applies-to": { subjectIds: [], categories: [] },
  "POST /api/zones/:id/retire": {},
  "POST /api/device-vendors": { name: "某定位科技" },
  "POST /api/device-vendors/:id/retire": {},
  "POST /api/subjects/:id/device-orders": {
    reason: "left_area_unapproved",
    approvedBy: "张局长",
    from: "2026-11-20",
    to: "2026-12-20",
  },
  "POST /api/device-orders/:id/extensions": { to: "2027-01-20", approvedBy: "张局长" },
  "POST /api/subjects/:id/app-access": undefined,
  "POST /api/subjects/:id/notices": { title: "集中教育通知", body: "请按时参加集中教育" },
  "POST /api/app/logout": {},
  "POST /api/app/notices/:id/read": {},
  "POST /api/app/leaves": {
    from: "2030-01-10",
    to: "2030-01-12",
    destinationCounty: "330102",
    reason: "探亲",
  },
  "POST /api/app/leaves/:id/return": {},
  // Notices the exchange brought without an office (issue 15): the agency assigns them.
  "POST /api/resettlement/:id/assign": { officeId: "none" },
  "POST /api/aftercare/:id/assign": { officeId: "none" },
  "PUT /api/leave/:id/destination-area": { circle: { center: [120.1, 28.45], radiusM: 20000 } },
  "POST /api/division-boundaries/:code/retire": {},
  "POST /api/division-boundaries": {
    geojson: {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "990199", name: "某县" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [120, 30],
                [120.1, 30],
                [120.1, 30.1],
                [120, 30],
              ],
            ],
          },
        },
      ],
    },
  },
};
/** Query strings for routes that require one, so that a refusal is about access, not about bad input. */
const sampleQueries: Record<string, string> = {
  "GET /api/subjects/:id/locations": `?from=2026-11-20&to=2026-11-20&purpose=${encodeURIComponent("核查位置")}`,
};
const countyRoles: Role[] = ["agency_head", "agency_staff", "prosecutor"];
/** Routes that take an `officeId` query (a filter of what the user sees). */
const officeQueryRoutes = [
  "/api/subjects",
  "/api/today",
  "/api/today/check-queue",
  "/api/alerts",
  "/api/sampling",
  "/api/dashboards",
  "/api/dashboards/export",
  "/api/releases/coming",
  "/api/releases/ended",
  "/api/statistics",
  "/api/statistics/export",
  "/api/hazards",
  "/api/hazards/owners",
  "/api/leave/calendar",
];

describe(`access matrix (${databaseLabel})`, () => {
  let t: TestApp;
  let mainCounty: string;
  let officeA: string;
  const clients = new Map<Role, Client>();
  const targets = { otherOfficeSubject: "", otherCountySubject: "", otherOffice: "", otherCountyOffice: "" };
  /** Values for the path parameters other than `:id`, by where the record lives. */
  let foreignParams: Record<"otherOffice" | "otherCounty", Record<string, string>>;
  const fill = (url: string, where: "otherOffice" | "otherCounty") =>
    url.replace(/:(\w+)/g, (_, name: string) =>
      name === "id"
        ? where === "otherOffice"
          ? targets.otherOfficeSubject
          : targets.otherCountySubject
        : (foreignParams[where][name] ?? "none"),
    );

  beforeAll(async () => {
    t = await startTestApp();
    const k = t.database.db.kysely;
    const counties = await k
      .selectFrom("subject")
      .select(["county_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("county_id")
      .orderBy("n", "desc")
      .execute();
    mainCounty = counties[0]!.county_id;
    const otherCounty = counties[1]!.county_id;
    const offices = await k
      .selectFrom("place")
      .select(["id", "parent_id"])
      .where("kind", "=", "office")
      .orderBy("id")
      .execute();
    officeA = offices.find((o) => o.parent_id === mainCounty)!.id;
    targets.otherOffice = offices.find((o) => o.parent_id === mainCounty && o.id !== officeA)!.id;
    targets.otherCountyOffice = offices.find((o) => o.parent_id === otherCounty)!.id;
    const subjectOf = async (officeId: string) =>
      (
        await k
          .selectFrom("subject")
          .select("id")
          .where("office_id", "=", officeId)
          .orderBy("id")
          .executeTakeFirstOrThrow()
      ).id;
    targets.otherOfficeSubject = await subjectOf(targets.otherOffice);
    targets.otherCountySubject = await subjectOf(targets.otherCountyOffice);
    foreignParams = await foreignIntakeRecords(k, {
      otherOffice: { countyId: mainCounty, subjectId: targets.otherOfficeSubject },
      otherCounty: { countyId: otherCounty, subjectId: targets.otherCountySubject },
    });
    const supervision = await foreignSupervisionRecords(k, {
      otherOffice: { subjectId: targets.otherOfficeSubject },
      otherCounty: { subjectId: targets.otherCountySubject },
    });
    const violations = await foreignViolationRecords(k, {
      otherOffice: { subjectId: targets.otherOfficeSubject },
      otherCounty: { subjectId: targets.otherCountySubject },
    });
    for (const where of ["otherOffice", "otherCounty"] as const)
      Object.assign(foreignParams[where], supervision[where], violations[where]);
    // Accounts (the log-in throttle): one of the other office's staff, one of the other county's.
    const staffOf = async (placeId: string) =>
      (
        await k
          .selectFrom("app_user")
          .select("username")
          .where("place_id", "=", placeId)
          .orderBy("username")
          .executeTakeFirstOrThrow()
      ).username;
    // A division boundary the other county loaded, and this county did not (retired by code).
    await k
      .insertInto("division_boundary")
      .values({
        id: "access-matrix-boundary",
        county_id: otherCounty,
        code: "990199",
        name: "某县",
        geometry: JSON.stringify({
          type: "Polygon",
          coordinates: [
            [
              [121, 29],
              [121.1, 29],
              [121.1, 29.1],
              [121, 29],
            ],
          ],
        }),
      })
      .execute();
    for (const where of ["otherOffice", "otherCounty"] as const) foreignParams[where].code = "990199";
    foreignParams.otherOffice.username = await staffOf(targets.otherOffice);
    foreignParams.otherCounty.username = await staffOf(targets.otherCountyOffice);
    // The documents of a case's end (release): a kind that exists for every ended case.
    foreignParams.otherOffice.kind = "notice_court";
    foreignParams.otherCounty.kind = "notice_court";

    // One signed-in user per role, placed in office A or (county roles) in the main county.
    const users = await k
      .selectFrom("app_user")
      .innerJoin("place", "place.id", "app_user.place_id")
      .select(["app_user.username", "app_user.role", "app_user.place_id", "place.parent_id"])
      .orderBy("app_user.username")
      .execute();
    for (const role of allRoles) {
      const user = users.find((u) =>
        countyRoles.includes(role)
          ? u.role === role && u.place_id === mainCounty
          : u.role === role && (u.place_id === officeA || u.parent_id === officeA),
      );
      expect(user, `the demo county has a ${role} in ${officeA}`).toBeDefined();
      clients.set(role, await t.signIn(user!.username));
    }
  }, 180_000);

  afterAll(() => t?.close());

  it("every API route declares an access rule and has known parameters", () => {
    expect(t.apiRoutes.length).toBeGreaterThan(3);
    for (const route of t.apiRoutes) {
      expect(route.access, `${route.method} ${route.url}`).toBeDefined();
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      for (const param of params)
        expect(
          [
            "id",
            "handoverId",
            "documentId",
            "section",
            "alertId",
            "photoId",
            "username",
            "proofId",
            "caseId",
            "evidenceId",
            "document",
            "kind",
            "index",
            "ref", // a partner's person on the signed exchange API (its handover)
            "code", // a division's six-digit code (its boundary)
          ],
          `unknown parameter :${param} in ${route.url}: add it to this test`,
        ).toContain(param);
      if (route.method !== "GET" && !("public" in route.access)) {
        expect(sampleBodies, `add a sample body for ${route.method} ${route.url}`).toHaveProperty(
          `${route.method} ${route.url}`,
        );
      }
    }
  });

  it("refuses every role a record of another office or another county", async () => {
    const failures: string[] = [];
    for (const route of t.apiRoutes) {
      if ("public" in route.access) continue;
      const takesRecord = route.url.includes(":");
      const takesOffice = officeQueryRoutes.includes(route.url);
      if (!takesRecord && !takesOffice) continue;
      for (const role of allRoles) {
        const foreign = countyRoles.includes(role) ? ["otherCounty"] : ["otherOffice", "otherCounty"];
        for (const where of foreign) {
          const url = takesRecord
            ? fill(route.url, where as "otherOffice" | "otherCounty")
            : `${route.url}?officeId=${where === "otherOffice" ? targets.otherOffice : targets.otherCountyOffice}`;
          const response = await clients.get(role)!.request({
            method: route.method as "GET",
            url: `${url}${sampleQueries[`${route.method} ${route.url}`] ?? ""}`,
            payload: sampleBodies[`${route.method} ${route.url}`] as object | undefined,
          });
          if (![403, 404].includes(response.statusCode))
            failures.push(`${role} ${route.method} ${url} → ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000); // every route × every role × two places: minutes on a loaded 2-core machine

  it("refuses roles that a route does not list, and everyone signed out", async () => {
    const failures: string[] = [];
    const anonymous = t.client();
    await anonymous.get("/api/auth/session");
    for (const route of t.apiRoutes) {
      if ("public" in route.access) continue;
      const url = route.url.replace(/:\w+/g, "none");
      const payload = sampleBodies[`${route.method} ${route.url}`] as object | undefined;
      const signedOut = await anonymous.request({ method: route.method as "GET", url, payload });
      if (signedOut.statusCode !== 401)
        failures.push(`signed out ${route.method} ${url} → ${signedOut.statusCode}`);
      for (const role of allRoles) {
        if (route.access.roles.includes(role)) continue;
        const response = await clients.get(role)!.request({ method: route.method as "GET", url, payload });
        if (response.statusCode !== 403)
          failures.push(`${role} ${route.method} ${url} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("lets office roles see their own office and county roles the whole county, never another county", async () => {
    const assistant = clients.get("office_assistant")!;
    const own = JSON.parse((await assistant.get("/api/subjects?pageSize=200&status=all")).body);
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.items.map((s: { office: { id: string } }) => s.office.id))).toEqual(
      new Set([officeA]),
    );

    const head = clients.get("agency_head")!;
    const county = JSON.parse((await head.get("/api/subjects?pageSize=200&status=all")).body);
    expect(county.total).toBeGreaterThan(own.total);
    const countyIds = await t.database.db.kysely
      .selectFrom("subject")
      .select("id")
      .where("county_id", "=", mainCounty)
      .execute();
    expect(county.total).toBe(countyIds.length);
    expect((await head.get(`/api/subjects/${targets.otherOfficeSubject}`)).statusCode).toBe(200);
  });

  it("lets a subject's session reach nothing outside /api/app", async () => {
    const subject = clients.get("subject")!;
    const failures: string[] = [];
    for (const route of t.apiRoutes) {
      if ("public" in route.access || route.url.startsWith("/api/app/")) continue;
      const url = fill(route.url, "otherOffice").replace(targets.otherOfficeSubject, "none");
      const payload = sampleBodies[`${route.method} ${route.url}`] as object | undefined;
      const response = await subject.request({ method: route.method as "GET", url, payload });
      if (response.statusCode !== 403) failures.push(`${route.method} ${url} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("keeps the procuratorate read-only", async () => {
    const prosecutor = clients.get("prosecutor")!;
    expect((await prosecutor.get(`/api/subjects/${targets.otherOfficeSubject}`)).statusCode).toBe(200);
    const writeRoutes = t.apiRoutes.filter(
      (r) =>
        r.method !== "GET" && !("public" in r.access) && !("readsOnly" in r.access && r.access.readsOnly),
    );
    for (const route of writeRoutes) {
      const response = await prosecutor.request({
        method: route.method as "POST",
        url: fill(route.url, "otherOffice"),
        payload: sampleBodies[`${route.method} ${route.url}`] as object,
      });
      expect([403, 404], `${route.method} ${route.url}`).toContain(response.statusCode);
    }
  });
});
