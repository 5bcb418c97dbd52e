// /api/dashboards — coverage of an office or of the county for a day, a week or a month, and the
// same tables as an Excel workbook (exceljs), one sheet per table.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import {
  addTypedRow,
  type ExcelValue,
  excelCstTime,
  excelDay,
  excelShare,
} from "../../documents/excel-cells.ts";
import { basisText } from "../../glossary.ts";
import { badInput } from "../../http/errors.ts";
import { dateField } from "../../http/fields.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { OfficeStates } from "../today/office-state.ts";
import { officesOf } from "../today/routes.ts";
import { addDaysText } from "../today/today.ts";
import { countyTotals, officeDashboard, type PeriodKind, type Worker, windowOf } from "./compute.ts";
import { dashboardRoles } from "./roles.ts";

const query = z.object({
  officeId: z.string().max(32).optional(),
  period: z
    .enum(["day", "week", "month"], { error: "统计周期应为 day（日）、week（周）或 month（月）" })
    .default("day"),
  date: dateField("统计日期").optional(),
});

const tally = z.object({
  total: z.number(),
  met: z.number(),
  overdue: z.number(),
  open: z.number(),
  waived: z.number(),
  late: z.number(),
  share: z.number().nullable(),
});

const officeView = z.object({
  office: z.object({ id: z.string(), name: z.string() }),
  obligations: tally,
  byKind: z.array(tally.extend({ kind: z.string(), label: z.string() })),
  deadlines: tally,
  overdue: z.array(
    z.object({
      key: z.string(),
      alertId: z.number().nullable(),
      subjectId: z.string(),
      subjectName: z.string(),
      item: z.string(),
      period: z.string(),
      dueBy: z.string(),
      basis: z.string(),
    }),
  ),
  checks: z.array(
    z.object({
      day: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          required: z.number(),
          done: z.number(),
          status: z.string(),
        }),
      ),
      keyCoverage: z.number().nullable(),
      met: z.number(),
      total: z.number(),
    }),
  ),
  caseload: z.object({
    subjects: z.number(),
    socialWorkers: z.number(),
    perSocialWorker: z.number().nullable(),
    ratio: z.number(),
    socialWorkersNeeded: z.number(),
    shortfall: z.number(),
    basis: z.string(),
    workers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.string(),
        roleLabel: z.string(),
        caseload: z.number(),
      }),
    ),
  }),
});

const dashboardView = z.object({
  asOf: z.string(),
  period: z.object({ kind: z.string(), start: z.string(), end: z.string() }),
  county: z.object({
    obligations: tally,
    deadlines: tally,
    overdue: z.number(),
    subjects: z.number(),
    socialWorkers: z.number(),
    perSocialWorker: z.number().nullable(),
    socialWorkersNeeded: z.number(),
  }),
  offices: z.array(officeView),
});

async function workersOf(db: Db, officeIds: string[]): Promise<Map<string, Worker[]>> {
  const rows = await db.kysely
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role", "app_user.place_id", "place.parent_id"])
    .where("app_user.active", "=", true)
    .where("app_user.role", "not in", ["subject", "prosecutor", "agency_head", "agency_staff"])
    .where((eb) => eb.or([eb("app_user.place_id", "in", officeIds), eb("place.parent_id", "in", officeIds)]))
    .orderBy("app_user.role")
    .orderBy("app_user.username")
    .execute();
  const out = new Map<string, Worker[]>(officeIds.map((id) => [id, []]));
  for (const r of rows) {
    const office = officeIds.includes(r.place_id) ? r.place_id : (r.parent_id ?? "");
    out.get(office)?.push({ id: r.id, name: r.display_name, role: r.role });
  }
  return out;
}

async function dashboard(
  db: Db,
  policies: CountyPolicies,
  states: OfficeStates,
  user: CurrentUser,
  q: z.infer<typeof query>,
  now: Date,
) {
  const today = cstDate(now);
  const date = q.date ?? today;
  if (q.date && q.date > today) throw badInput("date", "日期不能晚于今天");
  if (date < addDaysText(today, -90)) throw badInput("date", "只能查看最近 90 天的统计");
  const win = windowOf(q.period as PeriodKind, date);
  const ids = await officesOf(db, user, q.officeId);
  const workers = await workersOf(db, ids);
  const offices = [];
  for (const id of ids) {
    const state = await states.get(id, now);
    offices.push(officeDashboard(state, win, workers.get(id) ?? [], now));
  }
  const { profile } = await policies.forCounty(user.county.id);
  return { asOf: cstIso(now), period: win, county: countyTotals(offices, profile), offices };
}

async function workbook(data: Awaited<ReturnType<typeof dashboard>>): Promise<Buffer> {
  // exceljs is loaded on the first export, not at start-up (it is the heaviest package to load).
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "onebook 一人一册";
  book.created = new Date(Date.parse(data.asOf));
  const sheet = (name: string, header: string[], rows: ExcelValue[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow([`统计周期：${data.period.start} 至 ${data.period.end}　统计时间：${data.asOf}`]);
    const head = ws.addRow(header);
    head.font = { bold: true };
    for (const row of rows) addTypedRow(ws, row);
    ws.columns.forEach((c) => {
      c.width = 16;
    });
    ws.views = [{ state: "frozen", ySplit: 2 }];
  };
  sheet(
    "概况",
    [
      "司法所",
      "监管要求总数",
      "已完成",
      "已逾期",
      "待完成",
      "请假免除",
      "完成率",
      "记录本期限数",
      "按期完成",
      "逾期完成",
      "记录本逾期",
      "在矫人数",
      "社工人数",
      "社工配比（人/社工）",
      "按1:20应配社工",
    ],
    data.offices.map((o) => [
      o.office.name,
      o.obligations.total,
      o.obligations.met,
      o.obligations.overdue,
      o.obligations.open,
      o.obligations.waived,
      excelShare(o.obligations.share),
      o.deadlines.total,
      o.deadlines.met,
      o.deadlines.late,
      o.deadlines.overdue,
      o.caseload.subjects,
      o.caseload.socialWorkers,
      o.caseload.perSocialWorker,
      o.caseload.socialWorkersNeeded,
    ]),
  );
  sheet(
    "按事项",
    ["司法所", "事项", "总数", "已完成", "已逾期", "待完成", "请假免除", "完成率"],
    data.offices.flatMap((o) =>
      o.byKind.map((k) => [
        o.office.name,
        k.label,
        k.total,
        k.met,
        k.overdue,
        k.open,
        k.waived,
        excelShare(k.share),
      ]),
    ),
  );
  sheet(
    "逾期清单",
    ["司法所", "社区矫正对象", "事项", "期间起", "期间止", "截止时间", "依据"],
    data.offices.flatMap((o) =>
      o.overdue.map((r) => [
        o.office.name,
        r.subjectName,
        r.item,
        excelDay(r.period.slice(0, 10)),
        excelDay(r.period.slice(-10)),
        excelCstTime(r.dueBy),
        basisText(r.basis),
      ]),
    ),
  );
  sheet(
    "核查覆盖",
    ["司法所", "日期", "标准", "应完成", "已完成", "状态"],
    data.offices.flatMap((o) =>
      o.checks.flatMap((d) =>
        d.items.map((i) => [
          o.office.name,
          excelDay(d.day),
          i.label,
          i.required,
          i.done,
          i.status === "met" ? "达标" : i.status === "overdue" ? "未达标" : "进行中",
        ]),
      ),
    ),
  );
  sheet(
    "人员配比",
    ["司法所", "工作人员", "角色", "负责对象数"],
    data.offices.flatMap((o) =>
      o.caseload.workers.map((w) => [o.office.name, w.name, w.roleLabel, w.caseload]),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function dashboardRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/dashboards",
    {
      config: { access: { roles: dashboardRoles } },
      schema: {
        tags: ["dashboards"],
        summary: "监管工作统计：按日、周、月的监管要求完成率、逾期清单、信息化核查覆盖、社工配比（1:20）",
        querystring: query,
        response: { 200: dashboardView },
      },
    },
    async (request) =>
      dashboard(db, app.policies, app.today.offices, userOf(request), request.query, app.clock.now()),
  );

  api.get(
    "/api/dashboards/export",
    {
      config: { access: { roles: dashboardRoles } },
      schema: {
        tags: ["dashboards"],
        summary: "导出监管工作统计（Excel，每张表一个工作表）；导出记入审计日志",
        produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        querystring: query,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const data = await dashboard(db, app.policies, app.today.offices, user, request.query, app.clock.now());
      const buffer = await workbook(data);
      await writeAudit(db.kysely, actorOf(request), {
        action: "dashboard.export",
        recordType: "dashboard",
        placeId: request.query.officeId ?? user.county.id,
        details: { period: data.period, offices: data.offices.map((o) => o.office.id) },
      });
      const name = `监管工作统计_${data.period.start}_${data.period.end}.xlsx`;
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer);
    },
  );
}
