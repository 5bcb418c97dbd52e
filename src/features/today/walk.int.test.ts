// Every kind of item the rules engine and the sweep can put on 今日工作 can be done from it: each kind
// carries the action the console opens (TodayPage `act`), and the API call behind that screen makes
// the item disappear or count. Kinds are enumerated from the code (the engine's obligation kinds, book
// sections, office standards and alert kinds; the other features' items by their key), so a new kind
// without a way to complete it fails here. What belongs to another open issue waits for it in
// WAITING, with the number.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  DEMO_PASSWORD,
  DEMO_TODAY,
  startTestApp,
  type TestApp,
} from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { ALERT_KINDS, getPolicy, PERIODIC_OBLIGATIONS } from "../../core/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import { cstIso } from "../../shared/time.ts";
import { SECTIONS } from "../book/sections.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, TALK_TOPICS } from "../screening/tables.ts";
import type { ActionKind, TodayItem } from "./today.ts";

const OFFICE_ITEMS = [
  "office_morning_round",
  "office_afternoon_round",
  "office_key_coverage",
  "office_other_checks",
  "office_off_hours",
  "agency_leave_coverage",
  "agency_key_sample",
  "agency_other_checks",
  "agency_visit_sample_month",
  "agency_visit_sample_quarter",
] as const;

/** The kind of a Today item: its key's prefix, refined by the obligation, section, standard or alert. */
function kindOf(item: TodayItem): string {
  const [prefix, ...rest] = item.key.split(":");
  if (prefix === "obligation") return `obligation.${rest[1]}`;
  if (prefix === "deadline") return `deadline.${rest[1]}`;
  if (prefix === "office") return `office.${rest[2]}`;
  if (prefix === "alert")
    return `alert.${item.basisCode === "alerts.handleWithinHours" ? alertKindOf(item) : "?"}`;
  return prefix!;
}
const alertKinds = new Map<number, string>();
const alertKindOf = (item: TodayItem) => alertKinds.get(item.action?.alertId ?? -1) ?? "?";

/** What each kind's action opens in the console, and the API call that completes it there. */
const COMPLETION: Record<string, { action: ActionKind; screen: string; api: string }> = {
  "obligation.phone_report": {
    action: "phone_report",
    screen: "登记报告",
    api: "POST /api/subjects/:id/reports",
  },
  "obligation.in_person_report": {
    action: "in_person_report",
    screen: "登记报告",
    api: "POST /api/subjects/:id/reports",
  },
  "obligation.field_visit": {
    action: "field_visit",
    screen: "登记查访",
    api: "POST /api/subjects/:id/field-visits",
  },
  "obligation.location_report": {
    action: "information_check",
    screen: "登记核查",
    api: "POST /api/app/reports (the person's own app)",
  },
  "obligation.leave_signin_check": {
    action: "leave_signin_check",
    screen: "登记签到核查",
    api: "POST /api/subjects/:id/leave-checks",
  },
  "obligation.leave_phone_check": {
    action: "leave_phone_check",
    screen: "登记电话核查",
    api: "POST /api/subjects/:id/leave-checks",
  },
  ...Object.fromEntries(
    [
      ...Object.keys(getPolicy().book.oneOff),
      "initial_evaluation",
      "quarterly_evaluation",
      "annual_evaluation",
      "release_analysis",
    ].map((section) => [
      `deadline.${section}`,
      { action: "book", screen: "/subjects/:id", api: "PUT /api/subjects/:id/book/sections/:section" },
    ]),
  ),
  ...Object.fromEntries(
    OFFICE_ITEMS.map((id) => [
      `office.${id}`,
      id.startsWith("agency_visit") || id === "agency_key_sample"
        ? {
            action: "sample",
            screen: "/supervision/sampling",
            api: "POST /api/subjects/:id/information-checks | field-visits",
          }
        : {
            action: "information_check",
            screen: "登记核查",
            api: "POST /api/subjects/:id/information-checks",
          },
    ]),
  ),
  ...Object.fromEntries(
    ALERT_KINDS.map((kind) => [
      `alert.${kind}`,
      { action: "handle_alert", screen: "处置", api: "POST /api/alerts/:alertId/handle" },
    ]),
  ),
  lost_contact_visit: {
    action: "field_visit",
    screen: "登记查访",
    api: "POST /api/subjects/:id/field-visits",
  },
  release: { action: "release", screen: "/release/:id", api: "POST /api/subjects/:id/release" },
  feedback: { action: "feedback_form", screen: "填写反馈表", api: "POST /api/subjects/:id/feedback-forms" },
  calendar: { action: "load_calendar", screen: "/calendar", api: "POST /api/calendar/notices" },
  // The agency's row follows the office's hand-in: it opens the month's files and goes when handed in.
  leave_files: { action: "leave_files", screen: "/leave?status=files", api: "POST /api/leave/files" },
  leave_files_review: {
    action: "leave_files",
    screen: "/leave?status=files",
    api: "POST /api/leave/files/:id/review",
  },
  transfer_send: {
    action: "transfer",
    screen: "/leave?status=transfer",
    api: "POST /api/transfers/:id/send",
  },
  transfer_answer: {
    action: "transfer",
    screen: "/leave?status=transfer",
    api: "POST /api/transfers/:id/answer",
  },
  transfer_report: {
    action: "transfer",
    screen: "/leave?status=transfer",
    api: "POST /api/transfers/:id/report",
  },
  screening: {
    action: "screening",
    screen: "排查谈话",
    api: "POST /api/screening/campaigns/:campaignId/records",
  },
  risk_decision: {
    action: "risk_decision",
    screen: "办结决定事项",
    api: "POST /api/risk-meetings/:meetingId/decisions/:index/done",
  },
  // The initial level proposed at registration: one click decides it (level-proposal.int.test.ts
  // registers a person and walks it; the demo county's levels are all decided).
  level: {
    action: "decide_level",
    screen: "同意拟定等级",
    api: "POST /api/subjects/:id/level-decisions",
  },
  // Investigation, resettlement, after-care (issue 15): the row opens the record on its page.
  investigation: {
    action: "investigation",
    screen: "/investigation",
    api: "POST /api/investigations/:id/opinion",
  },
  investigation_assign: {
    action: "investigation",
    screen: "/investigation",
    api: "POST /api/investigations/:id/assign",
  },
  investigation_return: {
    action: "investigation",
    screen: "/investigation",
    api: "POST /api/investigations/:id/return",
  },
  ...Object.fromEntries(
    ["verify", "receipt", "pickup", "risk", "help_plan"].map((step) => [
      `resettlement_${step}`,
      { action: "resettlement", screen: "/resettlement", api: "POST /api/resettlement/:id/steps" },
    ]),
  ),
  resettlement_followup: {
    action: "resettlement",
    screen: "/resettlement",
    api: "POST /api/resettlement/:id/followups",
  },
  aftercare_phone: {
    action: "aftercare_phone",
    screen: "/aftercare",
    api: "POST /api/aftercare/:id/contacts",
  },
  aftercare_visit: {
    action: "aftercare_visit",
    screen: "/aftercare",
    api: "POST /api/aftercare/:id/contacts",
  },
  court: {
    action: "violation_case",
    screen: "/violations/:caseId",
    api: "POST /api/violations/:caseId/court",
  },
  exchange_dead: {
    action: "exchange_retry",
    screen: "重新发送 (one click)",
    api: "POST /api/exchange/deliveries/:id/retry",
  },
  // A partner's notice whose division code names no office: the agency assigns it on Today's dialog.
  resettlement_assign: {
    action: "resettlement_assign",
    screen: "分配司法所",
    api: "POST /api/resettlement/:id/assign",
  },
  aftercare_assign: {
    action: "aftercare_assign",
    screen: "分配司法所",
    api: "POST /api/aftercare/:id/assign",
  },
};

/** Kinds whose completion belongs to another open issue: shown with an action, done there. */
const WAITING: Record<string, number> = {};

describe(`every Today item can be done from Today (${databaseLabel})`, () => {
  let t: TestApp;
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await runSweep(t.database.db, t.config.clock.now());
    for (const username of ["chengguan.head", "chengguan.assistant", "agency.staff1", "chengguan.team1"])
      clients[username] = await t.signIn(username);
    for (const a of await t.database.db.kysely.selectFrom("alert").select(["id", "kind"]).execute())
      alertKinds.set(a.id, a.kind);
  }, 240_000);
  afterAll(() => t?.close());

  const today = async (client: Client): Promise<TodayItem[]> => {
    const response = await client.get("/api/today?horizon=31&limit=2000");
    expect(response.statusCode, response.body).toBe(200);
    return (JSON.parse(response.body).items as TodayItem[]).flatMap((i) => [i, ...(i.grouped ?? [])]);
  };

  it("knows every kind the code can put on Today, each with the action that completes it", () => {
    const fromCode = [
      ...[...PERIODIC_OBLIGATIONS, "leave_signin_check", "leave_phone_check"].map((k) => `obligation.${k}`),
      ...OFFICE_ITEMS.map((id) => `office.${id}`),
      ...ALERT_KINDS.map((k) => `alert.${k}`),
    ];
    for (const kind of fromCode) expect(COMPLETION[kind], kind).toBeDefined();
  });

  it("gives every item it shows the action of its kind (the prosecutor only reads)", async () => {
    const seen = new Set<string>();
    for (const [username, client] of Object.entries(clients))
      for (const item of await today(client)) {
        const kind = kindOf(item);
        if (item.grouped) {
          expect(item.grouped.length, item.key).toBeGreaterThan(1);
          continue; // one row for a person's alerts: each of them is walked
        }
        seen.add(kind);
        const completion = COMPLETION[kind];
        expect(completion, `${username}: ${kind} has a way to complete it`).toBeDefined();
        expect(item.action?.kind, `${username}: ${item.key}`).toBe(completion!.action);
        expect(item.basisText, item.key).not.toMatch(/[A-Za-z]{2,}/);
      }
    const prosecutor = await t.signIn("prosecutor");
    for (const item of await today(prosecutor)) expect(item.action, item.key).toBeNull();
    // The demo county shows the daily work of every kind (the walk below completes each).
    for (const kind of [
      "obligation.phone_report",
      "obligation.in_person_report",
      "obligation.field_visit",
      "obligation.leave_signin_check",
      "office.office_key_coverage",
      "alert.missed_report",
      "feedback",
      "calendar",
      "screening",
      "risk_decision",
    ])
      expect(seen, kind).toContain(kind);
  });

  /** The person's app signs in (ID number and the demo password) and sends one report from home. */
  async function reportLocation(subjectId: string, key: string): Promise<void> {
    const k = t.database.db.kysely;
    const person = await k
      .selectFrom("subject")
      .select("id_number")
      .where("id", "=", subjectId)
      .executeTakeFirstOrThrow();
    const home = await k
      .selectFrom("location_report")
      .select(["longitude", "latitude"])
      .where("subject_id", "=", subjectId)
      .orderBy("measured_at", "desc")
      .executeTakeFirstOrThrow();
    const phone = t.client();
    await phone.get("/api/app/me");
    const signedIn = await phone.post("/api/app/login", {
      idNumber: person.id_number,
      password: DEMO_PASSWORD,
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const sent = await phone.post("/api/app/reports", {
      reports: [
        {
          key: createHash("sha256").update(key).digest("hex").slice(0, 32),
          at: cstIso(t.config.clock.now()),
          lon: home.longitude,
          lat: home.latitude,
          accuracyM: 20,
        },
      ],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(JSON.parse(sent.body).results[0].status, sent.body).toBe("stored");
  }
  const today0 = () => DEMO_TODAY;
  const firstOffice = async (client: Client) =>
    (JSON.parse((await client.get("/api/today?horizon=1&limit=1")).body).offices as { id: string }[])[0]?.id;

  /** Records what the item's action opens, as its screen would; the item must go or count. */
  async function complete(username: string, item: TodayItem): Promise<void> {
    const client = clients[username]!;
    const subjectId = item.action?.subjectId ?? item.subject?.id ?? null;
    const post = async (url: string, body: unknown, status = 201) => {
      const response = await client.post(url, body);
      expect(response.statusCode, `${item.key}: ${url} ${response.body}`).toBe(status);
      return JSON.parse(response.body);
    };
    const day = item.dueBy.slice(0, 10);
    // A key person's location reports are the person's own: sent from the phone app, signed in as them.
    if (kindOf(item) === "obligation.location_report") {
      await reportLocation(subjectId!, `walk-${username}-${item.key}`);
      return;
    }
    switch (item.action!.kind) {
      case "phone_report":
      case "in_person_report":
        await post(`/api/subjects/${subjectId}/reports`, {
          type: item.action!.kind,
          content: "报告近期情况，表现良好",
        });
        return;
      case "field_visit":
      case "sample": {
        const agency = username.startsWith("agency");
        let target = subjectId;
        const itemId = item.key.split(":")[3] ?? "";
        if (item.action!.kind === "sample") {
          // The sampling screen lists the office's draw for the item; the first pick not yet done.
          const kindOfDraw: Record<string, string> = {
            agency_key_sample: "spot_check_key",
            agency_visit_sample_month: "visit_month",
            agency_visit_sample_quarter: "visit_quarter",
          };
          const sampling = JSON.parse((await client.get(`/api/sampling?officeId=${item.office.id}`)).body);
          const draw = sampling.offices[0].draws.find((d: { kind: string }) => d.kind === kindOfDraw[itemId]);
          target = draw?.picked.find((p: { done: boolean }) => !p.done)?.id ?? null;
        }
        expect(target, item.key).toBeTruthy();
        if (itemId === "agency_key_sample") {
          await post(`/api/subjects/${target}/information-checks`, { method: "phone", result: "normal" });
          return;
        }
        const pair = agency ? ["agency_staff", "agency_head"] : ["office_head", "office_assistant"];
        const list = JSON.parse((await client.get(`/api/subjects/${target}/workers`)).body).items as {
          id: string;
          role: string;
        }[];
        await post(`/api/subjects/${target}/field-visits`, {
          workers: pair.map((role) => list.find((w) => w.role === role)?.id),
          place: "家中",
          peopleMet: "本人及其家属",
          findings: "在家，情绪稳定",
          reason: agency ? "sampling" : "routine",
        });
        return;
      }
      case "information_check": {
        const target = subjectId ?? item.missing[0]?.id;
        expect(target, item.key).toBeTruthy();
        // Off-hours checks count outside 08:30–17:30: the morning's early check, entered now.
        const at = item.key.endsWith("office_off_hours") ? `${day}T08:15:00+08:00` : undefined;
        await post(`/api/subjects/${target}/information-checks`, { method: "phone", result: "normal", at });
        return;
      }
      case "leave_signin_check":
      case "leave_phone_check":
        await post(`/api/subjects/${subjectId}/leave-checks`, {
          kind: item.action!.kind,
          method: item.action!.kind === "leave_signin_check" ? "online_signin" : "phone",
          result: "normal",
        });
        return;
      case "handle_alert":
        await post(`/api/alerts/${item.action!.alertId}/handle`, { note: "已核实处置" }, 200);
        return;
      case "decide_level":
        await post(`/api/subjects/${subjectId}/level-decisions`, item.action!.levelDecision, 200);
        return;
      case "feedback_form":
        await post(`/api/subjects/${subjectId}/feedback-forms`, {
          month: item.period!.slice(0, 7),
          situation: "本月在家务农，遵守规定",
        });
        return;
      case "book": {
        const section = item.key.split(":")[2]!;
        const def = SECTIONS.find((x) => x.id === section)!;
        const content = Object.fromEntries(
          def.required.map((name) => {
            const field = def.fields.find((f) => f.name === name)!;
            const value =
              field.kind === "date"
                ? day
                : field.kind === "boolean"
                  ? true
                  : field.kind === "number"
                    ? 1
                    : field.kind === "select"
                      ? Object.keys(field.options ?? {})[0]
                      : "已按要求填写";
            return [name, value];
          }),
        );
        const response = await client.request({
          method: "PUT",
          url: `/api/subjects/${subjectId}/book/sections/${section}`,
          payload: { baseVersion: 0, content, complete: true },
        });
        expect(response.statusCode, `${item.key}: ${response.body}`).toBe(200);
        return;
      }
      case "load_calendar":
        await post("/api/calendar/notices", {
          fileName: "2027.json",
          notice: {
            year: Number(item.key.split(":")[1]),
            source: "国办发明电〔2026〕1号",
            holidays: [`${item.key.split(":")[1]}-01-01`],
            workdays: [],
          },
        });
        return;
      case "screening":
        await post(`/api/screening/campaigns/${item.action!.campaignId}/records`, {
          subjectId,
          talkedOn: day,
          method: "face_to_face",
          checklist: Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"])),
          talk: Object.fromEntries(TALK_TOPICS.map((topic) => [topic, "情况正常"])),
          clears: Object.fromEntries(FIVE_CLEARS.map((c) => [c, true])),
        });
        return;
      case "risk_decision": {
        const { meetingId, index } = item.action!.decision!;
        await post(`/api/risk-meetings/${meetingId}/decisions/${index}/done`, { note: "已按决定办理" });
        return;
      }
      case "investigation": {
        const id = item.action!.recordId!;
        const prefix = item.key.split(":")[0];
        if (prefix === "investigation_assign")
          await post(
            `/api/investigations/${id}/assign`,
            { officeId: (await firstOffice(client)) ?? "" },
            200,
          );
        else if (prefix === "investigation_return")
          await post(`/api/investigations/${id}/return`, { returnedOn: today0() }, 200);
        else {
          await post(`/api/investigations/${id}/notes`, {
            kind: "interview",
            onDate: today0(),
            findings: "谈话了解情况",
          });
          await post(
            `/api/investigations/${id}/opinion`,
            { opinion: "suitable", reasons: "有固定住所，家庭支持" },
            200,
          );
        }
        return;
      }
      case "resettlement": {
        const id = item.action!.recordId!;
        const step = item.key.split(":")[0]!.slice("resettlement_".length);
        const on = today0();
        const extra: Record<string, Record<string, string>> = {
          pickup: { by: "司法所工作人员" },
          risk: { level: "low" },
          help_plan: { team: "司法所1人、社工1人、家属1人", plan: "帮助就业，定期谈心" },
        };
        if (step === "followup")
          await post(`/api/resettlement/${id}/followups`, { onDate: on, content: "回访，情况稳定" });
        else await post(`/api/resettlement/${id}/steps`, { step, on, ...extra[step] }, 200);
        return;
      }
      case "aftercare_phone":
      case "aftercare_visit":
        await post(`/api/aftercare/${item.action!.recordId}/contacts`, {
          kind: item.action!.kind === "aftercare_phone" ? "phone" : "visit",
          onDate: today0(),
          abstinent: true,
          content: "回访，保持操守",
        });
        return;
      case "exchange_retry":
        await post(`/api/exchange/deliveries/${item.action!.deliveryId}/retry`, {}, 200);
        return;
      case "resettlement_assign":
      case "aftercare_assign": {
        const feature = item.action!.kind === "resettlement_assign" ? "resettlement" : "aftercare";
        const officeId = (await firstOffice(client)) ?? "";
        await post(`/api/${feature}/${item.action!.recordId}/assign`, { officeId }, 200);
        return;
      }
      default:
        throw new Error(`no completion walked for ${item.action!.kind}`);
    }
  }

  it("completes one item of each kind through the API its action opens", async () => {
    const walked: string[] = [];
    for (const username of ["chengguan.assistant", "chengguan.head", "chengguan.team1", "agency.staff1"]) {
      const done = new Set<string>();
      for (const item of await today(clients[username]!)) {
        const kind = kindOf(item);
        if (item.grouped || done.has(kind) || WAITING[kind] || !item.action) continue;
        if (
          kind.startsWith("deadline.") &&
          !SECTIONS.some((x) => x.id === kind.slice(9) && x.shape === "one_off")
        )
          continue; // recurring evaluations: an entry per period, walked in book.int.test.ts
        // Every book section opens the book the same way: one section with plain fields is walked (the
        // team's sections need its members: book.int.test.ts).
        if (kind.startsWith("deadline.") && (done.has("deadline") || kind.startsWith("deadline.team_")))
          continue;
        if (kind.startsWith("deadline.")) done.add("deadline");
        if (
          ["release", "leave_files", "leave_files_review", "court"].includes(kind) ||
          kind.startsWith("transfer")
        )
          continue; // their own features' tests walk these screens (release on the last day)
        if (item.key.includes(":office_morning_round") || item.key.includes(":office_afternoon_round")) {
          if (item.status === "overdue") continue; // a round past its window cannot be made up
          // The tests run at 10:00: the afternoon round's window opens at 12:00 (a check then counts).
          if (item.key.endsWith(":office_afternoon_round")) continue;
        }
        done.add(kind);
        const before = item;
        await complete(username, item);
        const after = (await today(clients[username]!)).find((i) => i.key === before.key);
        const moved = !after || (after.done ?? 0) > (before.done ?? 0);
        expect(moved, `${username}: ${kind} ${before.key} went or counted`).toBe(true);
        walked.push(kind);
      }
    }
    expect(walked).toEqual(
      expect.arrayContaining([
        "obligation.leave_signin_check",
        "office.office_off_hours",
        "screening",
        "risk_decision",
        "obligation.location_report",
      ]),
    );
    console.log(`walked: ${walked.join(", ")}`);
  }, 180_000);

  it("keeps a person's alerts for old misses in one row, which goes when they are handled", async () => {
    const client = clients["chengguan.assistant"]!;
    const response = await client.get("/api/today?horizon=31&limit=2000");
    const rows = JSON.parse(response.body).items as TodayItem[];
    const row = rows.find((i) => i.grouped);
    expect(row, "a person with several alerts for old misses").toBeDefined();
    expect(rows.filter((i) => i.subject?.id === row!.subject!.id && i.group === "alert")).toHaveLength(1);
    for (const alert of row!.grouped!)
      expect(
        (await client.post(`/api/alerts/${alert.action!.alertId}/handle`, { note: "已核实" })).statusCode,
      ).toBe(200);
    const after = JSON.parse((await client.get("/api/today?horizon=31&limit=2000")).body)
      .items as TodayItem[];
    expect(after.map((i) => i.key)).not.toContain(row!.key);
  });

  it("登记核查 lists first who still needs a check today: key persons, then the others", async () => {
    const client = clients["chengguan.assistant"]!;
    type Entry = { id: string; need: string; level: string; checksToday: number };
    const queue = async (): Promise<Entry[]> =>
      JSON.parse((await client.get("/api/today/check-queue")).body).offices[0].items;
    const rank = { key_unchecked: 0, unchecked: 1, checked: 2 } as Record<string, number>;
    const before = await queue();
    for (let i = 1; i < before.length; i++)
      expect(rank[before[i - 1]!.need]!).toBeLessThanOrEqual(rank[before[i]!.need]!);
    for (const e of before)
      expect(e.need === "key_unchecked", e.id).toBe(e.level === "key" && e.checksToday === 0);
    const first = before[0]!;
    expect(first.need).not.toBe("checked");
    // Today's check rows open the check of that same person.
    const items = await today(client);
    const round = items.find(
      (i) => i.key.endsWith(":office_other_checks") || i.key.endsWith(":office_off_hours"),
    );
    if (round && first.need === "unchecked") expect(round.action?.subjectId).toBe(first.id);
    const checked = await client.post(`/api/subjects/${first.id}/information-checks`, {
      method: "phone",
      result: "normal",
    });
    expect(checked.statusCode, checked.body).toBe(201);
    const after = await queue();
    expect(after.find((e) => e.id === first.id)).toMatchObject({ need: "checked", checksToday: 1 });
    expect(after[0]!.id).not.toBe(first.id);
  });
});
