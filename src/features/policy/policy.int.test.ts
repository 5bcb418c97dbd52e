// A policy profile per county, end to end on a real database: the demo's two counties run different
// rules in one server (青禾县 the default profile, 石岭县 a derived one), and Today, the book, the leave
// files, the case review and the sweep judge each person by their own county's rules; the agency
// head sets the county's rules (validated whole, versioned, audited); a stored profile that fails the
// schema is refused by name.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { FIXED_NOW } from "../../../test/helpers/fixed-now.ts";
import { systemActor } from "../../audit/audit.ts";
import { MAIN_COUNTY, OTHER_COUNTY } from "../../db/demo/places.ts";
import { OTHER_COUNTY_POLICY } from "../../db/demo/policy.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { evaluateSubjects } from "../rules/case-facts.ts";
import { policyCommand } from "./policy-command.ts";
import { resolveSetting, storeCountyPolicy } from "./setting.ts";

interface Rule {
  key: string;
  label: string;
  value: string;
  basis: string;
  changed: boolean;
}
interface PolicyView {
  county: { id: string; name: string };
  profile: { id: string; name: string; derived: boolean; basedOn: { id: string } | null; version: number };
  groups: { id: string; title: string; rules: Rule[] }[];
}
interface TodayItem {
  key: string;
  title: string;
  period: string | null;
  basis: string;
  subject: { id: string; level: string } | null;
}

const NORMAL_IN_PERSON = "obligations.in_person_report.byLevel.normal";

describe(`a policy profile per county (${databaseLabel})`, () => {
  let t: TestApp;
  let qinghe: Client;
  let shiling: Client;
  let head: Client;
  /** One person of normal level under correction in each county's first office. */
  const normal: Record<"qinghe" | "shiling", string> = { qinghe: "", shiling: "" };

  beforeAll(async () => {
    t = await startTestApp();
    qinghe = await t.signIn("chengguan.assistant");
    shiling = await t.signIn("shiling.assistant");
    head = await t.signIn("agency.head");
    const k = t.database.db.kysely;
    for (const [name, office] of [
      ["qinghe", MAIN_COUNTY.offices[0]!.id],
      ["shiling", OTHER_COUNTY.offices[0]!.id],
    ] as const) {
      const row = await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", office)
        .where("status", "=", "in_correction")
        .where("level", "=", "normal")
        .where("intake_date", "<", "2026-10-01")
        .orderBy("id")
        .executeTakeFirst();
      if (row) normal[name] = row.id;
    }
    if (!normal.shiling) {
      // The small county's three persons: make one of them a normal-level person, as a decision would.
      const row = await k
        .selectFrom("subject")
        .select(["id", "intake_date"])
        .where("office_id", "=", OTHER_COUNTY.offices[0]!.id)
        .where("status", "=", "in_correction")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await k.deleteFrom("level_decision").where("subject_id", "=", row.id).execute();
      await k
        .insertInto("level_decision")
        .values({ subject_id: row.id, from_date: row.intake_date, level: "normal", reason: "测试" })
        .execute();
      await k
        .updateTable("subject")
        .set({ level: "normal", key_override: null })
        .where("id", "=", row.id)
        .execute();
      normal.shiling = row.id;
    }
  }, 180_000);
  afterAll(() => t?.close());

  const policy = async (client: Client): Promise<PolicyView> => {
    const response = await client.get("/api/policy");
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body);
  };
  const rule = (view: PolicyView, key: string) =>
    view.groups.flatMap((g) => g.rules).find((r) => r.key === key)!;
  /** The periods of the in-person reports of normal-level persons on a user's Today. */
  const normalInPersonOnToday = async (client: Client): Promise<string[]> => {
    const response = await client.get("/api/today?horizon=31");
    expect(response.statusCode, response.body).toBe(200);
    const items: TodayItem[] = JSON.parse(response.body).items;
    return items
      .filter((i) => i.subject?.level === "normal" && i.key.includes(":in_person_report:"))
      .map((i) => i.period!);
  };
  /** The periods of a person's in-person reports, as the server's engine judges them (book, Today). */
  const inPersonPeriods = async (subjectId: string): Promise<string[]> => {
    const evaluated = (
      await evaluateSubjects(t.database.db.kysely, [subjectId], new Date(FIXED_NOW), t.app.policies)
    ).get(subjectId);
    expect(evaluated?.ok, JSON.stringify(evaluated)).toBe(true);
    if (!evaluated?.ok) return [];
    return evaluated.result.obligations
      .filter((o) => o.kind === "in_person_report")
      .map((o) => `${o.periodStart}/${o.periodEnd}`);
  };
  const monthly = /^\d{4}-\d{2}-01\/\d{4}-\d{2}-(28|29|30|31)$/;
  const halfMonthly = /^\d{4}-\d{2}-(01\/\d{4}-\d{2}-15|16\/\d{4}-\d{2}-(28|29|30|31))$/;

  it("shows each county its own profile and rules, read-only, with their basis", async () => {
    const own = await policy(qinghe);
    expect(own.county.id).toBe(MAIN_COUNTY.id);
    expect(own.profile).toMatchObject({ id: "yirenyice-2025", derived: false, basedOn: null, version: 0 });
    expect(rule(own, NORMAL_IN_PERSON)).toMatchObject({
      label: "普管：当面报告",
      value: "每月1次",
      changed: false,
    });
    expect(rule(own, NORMAL_IN_PERSON).basis).toBe("《一人一册实施方案》§九.2(4)");
    expect(own.groups.map((g) => g.title)).toContain("报告");

    const other = await policy(shiling);
    expect(other.county.id).toBe(OTHER_COUNTY.id);
    expect(other.profile).toMatchObject({
      id: "shiling-2026",
      derived: true,
      basedOn: { id: "yirenyice-2025" },
      version: 1,
    });
    expect(rule(other, NORMAL_IN_PERSON)).toMatchObject({ value: "每半月1次", changed: true });
    expect(rule(other, NORMAL_IN_PERSON).basis).toContain("《石岭县社区矫正分类管理实施细则》第五条");
    // The profile as the engine reads it, for API users.
    const data = JSON.parse((await shiling.get("/api/policy/profile")).body);
    expect(data.id).toBe("shiling-2026");
    expect(data.obligations.in_person_report.byLevel.normal.period).toBe("half_month");
    // Everything else is the base profile's.
    expect(rule(other, "obligations.in_person_report.byLevel.key")).toMatchObject({
      value: "每半月1次",
      changed: false,
    });
  });

  it("judges comparable persons of the two counties by different rules in one instance", async () => {
    // 2026-11-20: a monthly period runs 11-01…11-30, a half-month one 11-16…11-30.
    const own = await inPersonPeriods(normal.qinghe);
    const other = await inPersonPeriods(normal.shiling);
    expect(own.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(own.length);
    for (const period of own) expect(period).toMatch(monthly);
    for (const period of other) expect(period).toMatch(halfMonthly);

    // Today shows each office its county's periods.
    const ownToday = await normalInPersonOnToday(qinghe);
    const otherToday = await normalInPersonOnToday(shiling);
    expect(otherToday.length).toBeGreaterThan(0);
    for (const period of ownToday) expect(period).toMatch(monthly);
    for (const period of otherToday) expect(period).toMatch(halfMonthly);

    // The sweep raises alerts by each county's rules: an overdue half-month period only in 石岭县.
    const summary = await runSweep(t.database.db, new Date(FIXED_NOW));
    expect(summary.offices).toBe(MAIN_COUNTY.offices.length + OTHER_COUNTY.offices.length);
    const sources = await t.database.db.kysely
      .selectFrom("alert")
      .select(["county_id", "source"])
      .where("source", "like", "obligation:%:in_person_report:%")
      .execute();
    const halfMonth = (s: string) => /:\d{4}-\d{2}-(01\/\d{4}-\d{2}-15|16\/)/.test(s);
    const normalIds = new Set(
      (
        await t.database.db.kysely.selectFrom("subject").select("id").where("level", "=", "normal").execute()
      ).map((r) => r.id),
    );
    const ofNormal = sources.filter((a) => normalIds.has(a.source.split(":")[1]!));
    expect(ofNormal.some((a) => a.county_id === OTHER_COUNTY.id)).toBe(true);
    for (const a of ofNormal) expect(halfMonth(a.source), a.source).toBe(a.county_id === OTHER_COUNTY.id);
  });

  it("refuses an invalid setting with the field, changing nothing", async () => {
    const before = await head.get("/api/policy/versions");
    const audit = async () =>
      Number(
        (
          await t.database.db.kysely
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("action", "=", "policy.set")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audited = await audit();
    const bad = await head.request({
      method: "PUT",
      url: "/api/policy",
      payload: {
        basedOn: "yirenyice-2025",
        id: "qinghe-2027",
        name: "青禾县规则",
        changes: { obligations: { in_person_report: { byLevel: { normal: { period: "fortnight" } } } } },
      },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    const error = JSON.parse(bad.body).error;
    expect(error.field).toBe("changes.obligations.in_person_report.byLevel.normal.period");
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    // The values the file may hold are named as they are written in it.
    expect(error.message).toBe(
      "规则数据无效（changes.obligations.in_person_report.byLevel.normal.period）：应为以下之一：day、week、half_month、month、quarter",
    );

    const unknownBase = await head.request({
      method: "PUT",
      url: "/api/policy",
      payload: { profile: "nowhere-1" },
    });
    expect(unknownBase.statusCode).toBe(400);
    expect(JSON.parse(unknownBase.body).error.field).toBe("profile");
    const shipped = await head.request({
      method: "PUT",
      url: "/api/policy",
      payload: { basedOn: "yirenyice-2025", id: "yirenyice-2025", name: "x", changes: {} },
    });
    expect(JSON.parse(shipped.body).error.field).toBe("id");

    expect((await head.get("/api/policy/versions")).body).toBe(before.body);
    expect(await audit()).toBe(audited);
    expect((await policy(qinghe)).profile.version).toBe(0);
  });

  it("lets only the agency head set the county's rules; the change is audited and judged at once", async () => {
    const setting = {
      basedOn: "yirenyice-2025",
      id: "qinghe-2027",
      name: "青禾县社区矫正实施细则（2027）",
      changes: {
        obligations: {
          in_person_report: {
            byLevel: { normal: { period: "half_month", required: 1, countedRoles: null, who: "subject" } },
          },
        },
      },
      note: "普管人员改为每半月当面报告",
    };
    const denied = await qinghe.request({ method: "PUT", url: "/api/policy", payload: setting });
    expect(denied.statusCode).toBe(403);

    expect(await normalInPersonOnToday(qinghe)).not.toContainEqual(expect.stringMatching(halfMonthly));
    const set = await head.request({ method: "PUT", url: "/api/policy", payload: setting });
    expect(set.statusCode, set.body).toBe(200);
    const view: PolicyView = JSON.parse(set.body);
    expect(view.profile).toMatchObject({ id: "qinghe-2027", derived: true, version: 1 });
    expect(rule(view, NORMAL_IN_PERSON)).toMatchObject({ value: "每半月1次", changed: true });
    expect((await policy(qinghe)).profile.id).toBe("qinghe-2027");

    // Today and the engine take the new rules in at once: monthly periods become half-month ones.
    for (const period of await inPersonPeriods(normal.qinghe)) expect(period).toMatch(halfMonthly);
    const today = await normalInPersonOnToday(qinghe);
    expect(today.length).toBeGreaterThan(0);
    for (const period of today) expect(period).toMatch(halfMonthly);

    const row = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["actor_name", "place_id", "details"])
      .where("action", "=", "policy.set")
      .where("place_id", "=", MAIN_COUNTY.id)
      .executeTakeFirstOrThrow();
    expect(row.details).toMatchObject({ profileId: "qinghe-2027", basedOn: "yirenyice-2025", version: 1 });
    const versions = JSON.parse((await head.get("/api/policy/versions")).body).versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      profileId: "qinghe-2027",
      note: "普管人员改为每半月当面报告",
    });

    // Back to the shipped profile: a new version, nothing overwritten.
    const back = await head.request({
      method: "PUT",
      url: "/api/policy",
      payload: { profile: "yirenyice-2025" },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(JSON.parse(back.body).profile).toMatchObject({ id: "yirenyice-2025", derived: false, version: 2 });
    expect(JSON.parse((await head.get("/api/policy/versions")).body).versions).toHaveLength(2);
  });

  it("refuses a stored profile that fails the schema, naming the field", async () => {
    const k = t.database.db.kysely;
    const stored = await k
      .selectFrom("county_policy")
      .select("document")
      .where("county_id", "=", OTHER_COUNTY.id)
      .executeTakeFirstOrThrow();
    const broken = structuredClone(stored.document) as { alerts: { handleWithinHours: unknown } };
    broken.alerts.handleWithinHours = -1;
    await k
      .insertInto("county_policy")
      .values({
        county_id: OTHER_COUNTY.id,
        version: 2,
        profile_id: "shiling-2026",
        based_on: "yirenyice-2025",
        document: JSON.stringify(broken),
        set_by_name: "数据库直接修改",
      })
      .execute();
    t.app.policies.invalidate(OTHER_COUNTY.id);
    const response = await shiling.get("/api/policy");
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: "policy_invalid",
      field: "alerts.handleWithinHours",
    });
    // Nothing is judged by broken rules: Today refuses too, instead of falling back silently.
    expect((await shiling.get("/api/today")).statusCode).toBe(503);
    await sql`delete from county_policy where county_id = ${OTHER_COUNTY.id} and version = 2`.execute(k);
    t.app.policies.invalidate(OTHER_COUNTY.id);
    expect((await shiling.get("/api/policy")).statusCode).toBe(200);
  });

  it("hands the county's own days to the leave files, Today and the case review, not the default's", async () => {
    const k = t.database.db.kysely;
    const office = OTHER_COUNTY.offices[0]!.id;
    // An October application decided in 石岭县's office: October's files are due in November.
    await k
      .insertInto("leave_application")
      .values({
        id: "county-rules-leave",
        subject_id: normal.shiling,
        county_id: OTHER_COUNTY.id,
        office_id: office,
        kind: "ordinary",
        from_date: "2026-10-12",
        to_date: "2026-10-13",
        destination_county: "110101",
        destination_name: "北京市 市辖区 东城区",
        reason: "探亲",
        status: "refused",
        approver: "office",
        applied_at: new Date("2026-10-08T09:00:00+08:00"),
      })
      .execute();
    const filesItem = async (client: Client) =>
      (
        JSON.parse((await client.get("/api/today?horizon=31&limit=2000")).body).items as (TodayItem & {
          status: string;
          dueBy: string;
          detail: string;
        })[]
      ).find((i) => i.key === `leave_files:${office}:2026-10`);
    const dueBy = async (client: Client) =>
      JSON.parse((await client.get("/api/leave/files?month=2026-10")).body).dueBy as string;

    // The demo's 石岭县 rules keep the default day (the 10th): on 11-20 the hand-in is overdue.
    expect(await dueBy(shiling)).toBe("2026-11-10");
    expect(await filesItem(shiling)).toMatchObject({ status: "overdue", detail: "次月10日前报送机构" });

    // 石岭县's rules move the day to the 25th (a derived profile, stored as a setting is).
    const resolved = resolveSetting({
      ...OTHER_COUNTY_POLICY,
      id: "shiling-2027",
      changes: {
        ...OTHER_COUNTY_POLICY.changes,
        leave: { filesHandedInByDayOfNextMonth: 25, filesBasis: "《石岭县社区矫正请假管理细则》第九条" },
        book: { caseReview: { due: { unit: "working_days", count: 10 } } },
      },
      note: "请假材料次月25日前报送",
    });
    if (!resolved.ok) throw new Error(resolved.problem.field);
    await t.database.db.kysely
      .transaction()
      .execute((trx) => storeCountyPolicy(trx, systemActor, OTHER_COUNTY.id, resolved.value));
    t.app.policies.invalidate(OTHER_COUNTY.id);

    expect(await dueBy(shiling)).toBe("2026-11-25");
    expect(await filesItem(shiling)).toMatchObject({
      status: "open",
      dueBy: "2026-11-25T23:59:59+08:00",
      detail: "次月25日前报送机构",
      basis: "《石岭县社区矫正请假管理细则》第九条",
    });
    // 青禾县 still hands in by the 10th, in the same server.
    expect(await dueBy(qinghe)).toBe("2026-11-10");

    // An escape from supervision in 石岭县 opens the case review due within 10 working days of the
    // event (the default: one month, 2026-12-02).
    const staff = await k
      .selectFrom("app_user")
      .select("id")
      .where("username", "in", ["shiling.head", "shiling.assistant"])
      .execute();
    const opened = await shiling.post("/api/violations", {
      subjectId: normal.shiling,
      source: "finding",
      kind: "out_of_supervision",
      days: 12,
      occurredAt: "2026-11-02T10:00:00+08:00",
      facts: "手机关机、不在居住地，脱离监管十二日，后经查找到案",
      investigators: staff.map((u) => u.id),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const view = JSON.parse((await shiling.get(`/api/violations/${opened.json().id}`)).body);
    expect(view.reviews).toEqual([
      expect.objectContaining({ trigger: "out_of_supervision", dueDate: "2026-11-16" }),
    ]);
  });
});

describe(`onebook policy set / show (${databaseLabel})`, () => {
  let t: TestApp;
  let dir: string;
  const lines: string[] = [];
  const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), "onebook-policy-"));
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  const file = async (name: string, content: unknown) => {
    const path = join(dir, name);
    await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };

  it("sets a county's derived profile from a file, audited, and shows it", async () => {
    const path = await file("qinghe.json", {
      basedOn: "yirenyice-2025",
      id: "qinghe-2027",
      name: "青禾县规则（2027）",
      changes: { staffing: { subjectsPerSocialWorker: 25 } },
      note: "社工配比调整",
    });
    lines.length = 0;
    expect(await policyCommand(t.database.db, ["set", MAIN_COUNTY.id, path], io)).toBe(0);
    expect(lines.join("\n")).toContain("qinghe-2027（第1版）");
    lines.length = 0;
    expect(await policyCommand(t.database.db, ["show", MAIN_COUNTY.id], io)).toBe(0);
    expect(JSON.parse(lines.join("\n"))).toMatchObject({
      county: MAIN_COUNTY.id,
      profile: "qinghe-2027",
      basedOn: "yirenyice-2025",
      version: 1,
      setBy: "运维命令行",
    });
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["actor_name", "details"])
      .where("action", "=", "policy.set")
      .where("place_id", "=", MAIN_COUNTY.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe("运维命令行");
    // The server judges by it: the dashboards' social-worker ratio is the county's.
    const head = await t.signIn("agency.head");
    const policy = JSON.parse((await head.get("/api/policy")).body);
    expect(policy.profile.id).toBe("qinghe-2027");
    const dashboard = JSON.parse((await head.get("/api/dashboards?period=day")).body);
    expect(dashboard.offices[0].caseload.ratio).toBe(25);
  });

  it("exits 2 with one line naming the JSON path, storing nothing", async () => {
    const path = await file("bad.json", {
      basedOn: "yirenyice-2025",
      id: "qinghe-bad",
      name: "坏规则",
      changes: { alerts: { escalateAfterHours: { red: -3 } } },
    });
    lines.length = 0;
    expect(await policyCommand(t.database.db, ["set", MAIN_COUNTY.id, path], io)).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "invalid input at changes.alerts.escalateAfterHours.red: 规则数据无效（changes.alerts.escalateAfterHours.red）：不能小于 0",
    );
    lines.length = 0;
    expect(
      await policyCommand(t.database.db, ["set", MAIN_COUNTY.id, await file("x.json", "{oops")], io),
    ).toBe(2);
    expect(lines).toHaveLength(1);
    lines.length = 0;
    expect(await policyCommand(t.database.db, ["set", "000000", path], io)).toBe(2);
    expect(lines[0]).toMatch(/^COUNTY: /);
    const versions = await t.database.db.kysely
      .selectFrom("county_policy")
      .select("profile_id")
      .where("county_id", "=", MAIN_COUNTY.id)
      .execute();
    expect(versions.map((v) => v.profile_id)).toEqual(["qinghe-2027"]);
  });
});
