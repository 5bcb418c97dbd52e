// GET /api/today — 今日工作 for the signed-in user: the items of the offices they are responsible for,
// most urgent first, with the day's office and agency standards as coverage figures.
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { CurrentUser } from "../../auth/access.ts";
import { scopeOf, staffRoles } from "../../auth/access.ts";
import { userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import {
  calendarWarningText,
  checkNeedLabel,
  dueStatusLabel,
  levelLabel,
  officeItemLabel,
} from "../../glossary.ts";
import { forbidden } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { calendarTask } from "../calendar/notices.ts";
import { calendarLoaders } from "../calendar/routes.ts";
import { careItems } from "../care/today.ts";
import { deadLetterItems } from "../exchange/today.ts";
import { hazardItems } from "../hazards/today.ts";
import { leaveFileItems } from "../leave/files.ts";
import { majorEventItems } from "../major-events/routes.ts";
import { riskDecisionItems } from "../risk-meetings/decisions.ts";
import { screeningItems } from "../screening/today.ts";
import {
  countyDraws,
  withCountySampleStandards,
  withCountySamples,
} from "../supervision/sampling-service.ts";
import { transferItems } from "../transfer/today.ts";
import {
  courtClockItems,
  nextClockChange,
  runningCourtClocks,
  violationRevision,
} from "../violations/court-clocks.ts";
import { basisDescriber } from "./basis.ts";
import type { Answer } from "./cache.ts";
import { checkQueue } from "./check-queue.ts";
import { officeDay, samplePopulations } from "./office-day.ts";
import type { OfficeState } from "./office-state.ts";
import { officeItems, sortItems, type TodayItem } from "./today.ts";
import { writeAreasOf } from "./write-areas.ts";

const ref = z.object({ id: z.string(), name: z.string() });
const baseItem = z.object({
  key: z.string(),
  group: z.enum(["alert", "obligation", "deadline", "office", "agency", "feedback", "court"]),
  title: z.string(),
  status: z.enum(["overdue", "due_today", "open"]),
  dueBy: z.string(),
  required: z.number().nullable(),
  done: z.number().nullable(),
  period: z.string().nullable(),
  basis: z.string().describe("规则引擎的依据代码"),
  basisCode: z.string().describe("依据的规则在本县规则中的路径"),
  basisText: z.string().describe("规则本身（中文）"),
  basisSource: z.string().describe("规则出处（文件及条款）"),
  basisQuote: z.string().nullable().describe("出处原文"),
  office: ref,
  subject: z
    .object({ id: z.string(), name: z.string(), level: z.string(), levelLabel: z.string() })
    .nullable(),
  mine: z.boolean(),
  colour: z.string().nullable(),
  detail: z.string().nullable(),
  missing: z.array(ref),
  action: z
    .object({
      kind: z.string(),
      subjectId: z.string().nullable(),
      alertId: z.number().nullable(),
      officeId: z.string().nullable(),
      caseId: z.string().optional(),
      transferId: z.string().optional(),
      campaignId: z.string().optional(),
      decision: z.object({ meetingId: z.number(), index: z.number() }).optional(),
      levelDecision: z.object({ level: z.string(), fromDate: z.string(), reason: z.string() }).optional(),
      recordId: z.string().optional(),
      deliveryId: z.string().optional(),
    })
    .nullable(),
});
const item = baseItem.extend({
  grouped: z.array(baseItem).optional().describe("同一对象因以往逾期事项发出的预警，合并为一行"),
});
const standard = z.object({
  id: z.string(),
  label: z.string(),
  required: z.number(),
  done: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  basis: z.string(),
  period: z.string().nullable(),
});

/** The judicial offices a user's Today covers (record scope of auth/access.ts). */
export async function officesOf(db: Db, user: CurrentUser, officeId?: string): Promise<string[]> {
  const scope = scopeOf(user);
  if (scope.kind === "none" || scope.kind === "self") return [];
  if (scope.kind === "county") {
    const rows = await db.kysely
      .selectFrom("place")
      .select("id")
      .where("parent_id", "=", scope.countyId)
      .where("kind", "=", "office")
      .orderBy("id")
      .execute();
    const ids = rows.map((r) => r.id);
    if (officeId) {
      if (!ids.includes(officeId)) throw forbidden("您无权查看该司法所的记录");
      return [officeId];
    }
    return ids;
  }
  const own = user.officeId;
  if (!own) return [];
  if (officeId && officeId !== own) throw forbidden("您无权查看该司法所的记录");
  return [own];
}

function send(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
  reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
  if (!/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")))
    return reply.send(answer.body as never);
  answer.gzipped ??= gzipSync(answer.body, { level: 5 });
  return reply.header("content-encoding", "gzip").send(answer.gzipped as never);
}

export function todayRoutes(app: FastifyInstance, db: Db): void {
  // Any successful change through the API may change what is due: noted with what it can have
  // touched (write-areas.ts), so that the office states look at the change log and only the side
  // items of that area are read again. A server error may come after a commit: noted as well. The
  // hook is the one place HTTP writes are noted; the jobs note their own (jobs/sweep.ts, exchange).
  // The writer's reply then waits until the kept office states have taken the write in
  // (OfficeStates.takeIn): the writer sees it on their next read, and the readers of the office are
  // not all held up by the refresh meanwhile (a check recorded every few seconds in a busy office).
  app.addHook("onSend", async (request, reply, payload) => {
    if (
      request.method !== "GET" &&
      request.method !== "HEAD" &&
      (reply.statusCode < 400 || reply.statusCode >= 500)
    ) {
      db.writes.note(writeAreasOf(request.routeOptions.url));
      await app.today.offices.takeIn(app.clock.now());
    }
    return payload;
  });

  /**
   * The items the features beside the office states put on Today, each read apart (app.today.side) so
   * that a write of one feature reads only that feature's again.
   */
  function readSide(
    user: CurrentUser,
    offices: string[],
    states: OfficeState[],
    mine: boolean,
    now: Date,
    key: string,
    profile: OfficeState["policy"]["profile"],
  ) {
    const side = app.today.side.bind(app.today);
    const officeRefs = states.map((s) => ({ id: s.office.id, name: s.office.name }));
    const none = Promise.resolve({ items: [] as TodayItem[], revision: "" });
    // The court clocks of violation cases (Arts. 47–49) follow their own records.
    const courtRoles = ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"];
    const showCourt = courtRoles.includes(user.role) && !mine;
    // The county's field-visit samples (features/supervision): the agency's rows show each office's share.
    const agencyRole = ["agency_head", "agency_staff", "prosecutor"].includes(user.role);
    const visitPeriods = agencyRole && states[0] ? samplePopulations(states[0], states[0].day) : null;
    return {
      showCourt,
      agencyRole,
      // The month's leave files (features/leave).
      leaveFiles: side(key, "leave", now, () =>
        leaveFileItems(db.kysely, app.policies, user, officeRefs, now),
      ),
      // The clocks of changes of place of execution (features/transfer), on the side that must act.
      transfers: mine
        ? none
        : side(key, "transfer", now, () => transferItems(db.kysely, user, now, app.policies)),
      courtRevision: showCourt
        ? side(key, "court", now, () => violationRevision(db.kysely, offices))
        : Promise.resolve("-"),
      // Hazard measures (features/hazards): due soon or overdue.
      hazards: side(key, "hazards", now, () => hazardItems(db.kysely, user, offices, now)),
      // Open major-event reports (features/major-events): on the agency's Today until closed.
      majorEvents: side(key, "major_events", now, () => majorEventItems(db.kysely, user, offices)),
      // The quarter's screening (features/screening) and risk-meeting decisions (features/risk-meetings).
      screening: side(key, "screening", now, () =>
        screeningItems(db.kysely, user, officeRefs, profile.screening, now),
      ),
      decisions: side(key, "risk_decisions", now, () =>
        riskDecisionItems(db.kysely, user, profile.riskMeetings, now),
      ),
      draws: visitPeriods
        ? side(key, "samples", now, () =>
            countyDraws(db.kysely, user.county.id, [visitPeriods.month.period, visitPeriods.quarter.period]),
          )
        : Promise.resolve([]),
      // Investigation, resettlement and after-care (issue 15): commissions, hand-over steps, follow-ups.
      care: mine ? none : side(key, "care", now, () => careItems(db.kysely, app.policies, user, now)),
      // Webhook deliveries that failed for good (features/exchange): the agency sends them again.
      deadLetters: mine ? none : side(key, "exchange", now, () => deadLetterItems(db.kysely, user, now)),
    };
  }

  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/today",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["today"],
        summary:
          "今日工作：本人负责的对象和单位今天到期、已逾期的事项（按紧急程度排序，附依据和登记入口），以及当日核查覆盖情况",
        querystring: z.object({
          officeId: z.string().max(32).optional(),
          mine: z
            .enum(["true", "false"])
            .default("false")
            .transform((v) => v === "true"),
          horizon: z.coerce.number().int().min(0).max(31).default(7).describe("列出今后多少天内到期的事项"),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(2000)
            .default(200)
            .describe("最多列出多少项（最紧急的在前）"),
        }),
        response: {
          200: z.object({
            asOf: z.string(),
            day: z.string(),
            counts: z.object({ overdue: z.number(), dueToday: z.number(), open: z.number() }),
            offices: z.array(ref.extend({ standards: z.array(standard) })),
            items: z.array(item),
            total: z.number(),
            warnings: z
              .array(
                z.object({ code: z.literal("provisional_calendar"), year: z.number(), message: z.string() }),
              )
              .describe("规则引擎的提示：某年度节假日安排尚未载入，涉及该年度的工作日期限为暂定"),
          }),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const now = app.clock.now();
      const { officeId, mine, horizon, limit } = request.query;
      const offices = await officesOf(db, user, officeId);
      const states: OfficeState[] = [];
      for (const id of offices) states.push(await app.today.offices.get(id, now));
      // The answer changes with the data (the states' revisions) and with the clock (rounds end at
      // 12:00 and 18:00, alerts fall overdue, the day ends): kept per user and query until either.
      const cacheKey = `${user.id}|${user.role}|${officeId ?? ""}|${mine}|${horizon}|${limit}`;
      // What other features put on Today, read at most once per write of their area through this
      // process (and per recheck time for other instances' writes and for what falls due as time passes).
      const rules = await app.policies.forCounty(user.county.id);
      const sideKey = `${user.id}|${user.role}|${officeId ?? ""}|${mine}|${cstDate(now)}|${rules.fingerprint}`;
      const profile = states[0]?.policy.profile ?? rules.profile;
      const side = readSide(user, offices, states, mine, now, sideKey, profile);
      const [
        leaveFiles,
        transfers,
        courtRevision,
        hazards,
        majorEvents,
        screening,
        decisions,
        draws,
        care,
        deadLetters,
      ] = await Promise.all([
        side.leaveFiles,
        side.transfers,
        side.courtRevision,
        side.hazards,
        side.majorEvents,
        side.screening,
        side.decisions,
        side.draws,
        side.care,
        side.deadLetters,
      ]);
      const { showCourt, agencyRole } = side;
      const revision = `${states.map((s) => `${s.office.id}:${s.revision}`).join(",")}|samples:${draws.map((d) => d.id).join(",")}|${leaveFiles.revision}|transfer:${transfers.revision}|court:${courtRevision}|hazard:${hazards.revision}|major:${majorEvents.revision}|screening:${screening.revision}|decisions:${decisions.revision}|care:${care.revision}|dead:${deadLetters.revision}`;
      const answer = await app.today.answer(cacheKey, revision, now, async (): Promise<Answer> => {
        const all: TodayItem[] = [];
        const officeViews = [];
        const provisionalYears = new Set<number>();
        for (const state of states)
          for (const e of state.evaluations.values())
            if (e.ok) for (const w of e.result.warnings) provisionalYears.add(w.year);
        let validUntil = Number.POSITIVE_INFINITY;
        for (const state of states) {
          const part = officeItems(state, {
            role: user.role,
            userId: user.id,
            villageId: user.villageId,
            now,
            horizonDays: horizon,
            mineOnly: mine,
          });
          all.push(...(draws.length > 0 ? withCountySamples(part.items, state, draws) : part.items));
          validUntil = Math.min(validUntil, part.validUntil);
          const day = officeDay(state, state.day, now);
          for (const w of day.warnings) provisionalYears.add(w.year);
          const agencyView = agencyRole;
          officeViews.push({
            id: state.office.id,
            name: state.office.name,
            // The agency's field-visit samples as the county's draw asks of this office.
            standards: withCountySampleStandards(day.items, state, draws)
              .filter((i) => agencyView || !i.id.startsWith("agency_"))
              .map((i) => ({
                id: i.id,
                label: officeItemLabel[i.id] ?? i.id,
                required: i.required,
                done: i.done,
                status: i.status,
                statusLabel: dueStatusLabel[i.status] ?? i.status,
                basis: i.basis,
                period: i.period ?? null,
              })),
          });
        }
        // The agency loads the State Council's notice for the coming year (features/calendar).
        if ((calendarLoaders as readonly string[]).includes(user.role)) {
          const today = cstIso(now).slice(0, 10);
          const task = calendarTask((await app.policies.calendar.current()).notices, today);
          if (task) {
            all.push({
              key: `calendar:${task.year}`,
              group: "agency",
              title: `载入${task.year}年度节假日安排`,
              status: task.overdue ? "overdue" : task.dueBy.startsWith(today) ? "due_today" : "open",
              dueBy: task.dueBy,
              required: null,
              done: null,
              period: null,
              basis: "国务院办公厅关于部分节假日安排的通知（每年发布下一年度）",
              office: { id: user.county.id, name: user.county.name },
              subject: null,
              mine: true,
              colour: null,
              detail: `未载入时，${task.year}年的工作日按法定节假日推算，相关期限为暂定`,
              missing: [],
              action: { kind: "load_calendar", subjectId: null, alertId: null, officeId: null },
            });
          }
        }
        if (!mine) all.push(...leaveFiles.items, ...transfers.items);
        all.push(...(mine ? hazards.items.filter((i) => i.mine) : hazards.items));
        all.push(...majorEvents.items, ...care.items);
        all.push(...(mine ? decisions.items.filter((i) => i.mine) : decisions.items), ...screening.items);
        all.push(...deadLetters.items);
        if (showCourt) {
          const clocks = await runningCourtClocks(db.kysely, app.policies, offices, now);
          all.push(...courtClockItems(clocks, now, horizon, levelLabel));
          validUntil = Math.min(validUntil, nextClockChange(clocks, now));
        }
        sortItems(all);
        // Items of other features name their rule by their source; the county's rules word it.
        const describe = basisDescriber(profile);
        for (let i = 0; i < all.length; i++) {
          const x = all[i]!;
          if (x.basisText === undefined)
            all[i] = { ...x, ...describe(x.basisCode ?? otherItemCode(x.key), x.basis) };
        }
        const counts = { overdue: 0, dueToday: 0, open: 0 };
        for (const i of all.flatMap((x) => x.grouped ?? [x])) {
          if (i.status === "overdue") counts.overdue++;
          else if (i.status === "due_today") counts.dueToday++;
          else counts.open++;
        }
        const body = JSON.stringify({
          asOf: cstIso(now),
          day: cstIso(now).slice(0, 10),
          counts,
          offices: officeViews,
          items: all.slice(0, limit),
          total: all.length,
          warnings: [...provisionalYears]
            .sort((a, b) => a - b)
            .map((year) => ({
              code: "provisional_calendar" as const,
              year,
              message: calendarWarningText(year),
            })),
        });
        return { revision, validUntil, body, gzipped: null };
      });
      return send(request, reply, answer);
    },
  );

  // 登记核查: whom to check next in each office, those still needing a check today first.
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/today/check-queue",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["today"],
        summary: "登记核查的对象顺序：今日尚未核查的重点人员在前，其次尚未核查的其他人员，已核查的在后",
        querystring: z.object({ officeId: z.string().max(32).optional() }),
        response: {
          200: z.object({
            offices: z.array(
              ref.extend({
                items: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string(),
                    level: z.string(),
                    levelLabel: z.string(),
                    onLeave: z.boolean(),
                    checksToday: z.number(),
                    need: z.enum(["key_unchecked", "unchecked", "checked"]),
                    needLabel: z.string(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const now = app.clock.now();
      const by = ["agency_head", "agency_staff", "prosecutor"].includes(user.role) ? "agency" : "office";
      const offices = [];
      for (const id of await officesOf(db, user, request.query.officeId)) {
        const state = await app.today.offices.get(id, now);
        offices.push({
          id,
          name: state.office.name,
          items: checkQueue(state, by).map((e) => ({ ...e, needLabel: checkNeedLabel[e.need] })),
        });
      }
      return { offices };
    },
  );
}

/** The rule of an item another feature puts on Today, by its key's prefix. */
function otherItemCode(key: string): string {
  const prefix = key.slice(0, key.indexOf(":"));
  if (prefix === "leave_files" || prefix === "leave_files_review")
    return "leave.filesHandedInByDayOfNextMonth";
  return prefix || key;
}
