// /api/statistics — the county's (or an office's) statistics and indicators for a month, quarter,
// year or range with the period before, the persons behind a figure, the workbook, and the yearly
// funding the agency enters (the one fact the records cannot give).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { optionalText } from "../../http/fields.ts";
import { cstIso } from "../../shared/time.ts";
import { type FigureId, FLOWS, INDICATORS } from "./figures.ts";
import { fundingRoles, statisticsRoles } from "./roles.ts";
import { buildReport, drillDown, loadContext, reportQuery } from "./service.ts";
import "./tables.ts";
import { statisticsWorkbook } from "./workbook.ts";

const periodView = z.object({ kind: z.string(), start: z.string(), end: z.string(), asOf: z.string() });
const summary = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
const figureView = summary.extend({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  basis: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  hours: z.number().nullable(),
  previous: summary,
  drillable: z.boolean(),
});
const reportView = z.object({
  period: periodView,
  previous: periodView,
  scope: z.object({
    wholeCounty: z.boolean(),
    offices: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  register: z.object({
    total: z.number(),
    previous: z.number(),
    breakdowns: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        rows: z.array(
          z.object({ key: z.string(), label: z.string(), count: z.number(), previous: z.number() }),
        ),
      }),
    ),
  }),
  flows: z.array(figureView),
  indicators: z.array(figureView),
  funding: z.object({
    year: z.number(),
    amount: z.number().nullable(),
    note: z.string().nullable(),
    enteredAt: z.string().nullable(),
  }),
});

const FIGURE_IDS = [...INDICATORS, ...FLOWS] as [FigureId, ...FigureId[]];
const drillQuery = reportQuery.extend({
  figure: z.enum(FIGURE_IDS, { error: "请选择要查看的统计项" }),
});

const fundingBody = z.object({
  year: z
    .number({ error: "请填写年度" })
    .int("年度应为整数")
    .min(2000, "年度应在 2000–2199 年之间")
    .max(2199, "年度应在 2000–2199 年之间"),
  amountYuan: z
    .number({ error: "请填写经费金额（元）" })
    .int("经费金额请填写整数（元）")
    .min(0, "经费金额不能为负数")
    .max(2_000_000_000, "经费金额过大，请核对"),
  note: optionalText("经费说明（来源、文号等）", 500),
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function statisticsRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/statistics",
    {
      config: { access: { roles: statisticsRoles } },
      schema: {
        tags: ["statistics"],
        summary:
          "统计与工作指标：统计日在册人数（按类别、等级、司法所、罪名、性别、年龄段），期内入矫、解矫、终止，各项指标及其定义，与上期比较",
        querystring: reportQuery,
        response: { 200: reportView },
      },
    },
    async (request) => {
      const ctx = await loadContext(db, app.policies, userOf(request), request.query, app.clock.now());
      return buildReport(ctx);
    },
  );

  api.get(
    "/api/statistics/persons",
    {
      config: { access: { roles: statisticsRoles } },
      schema: {
        tags: ["statistics"],
        summary: "统计项的人员明细：计入该数的每一个人（计入分子或仅计入分母）；查看记入审计日志",
        querystring: drillQuery,
        response: {
          200: z.object({
            id: z.string(),
            label: z.string(),
            definition: z.string(),
            period: periodView,
            value: z.number().nullable(),
            numerator: z.number(),
            denominator: z.number(),
            unit: z.string(),
            persons: z.array(
              z.object({
                subjectId: z.string(),
                name: z.string(),
                officeId: z.string(),
                officeName: z.string(),
                counted: z.boolean(),
                detail: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const ctx = await loadContext(db, app.policies, user, request.query, app.clock.now());
      const out = drillDown(ctx, request.query.figure);
      await writeAudit(db.kysely, actorOf(request), {
        action: "statistics.persons",
        recordType: "statistics",
        placeId: request.query.officeId ?? user.county.id,
        details: { figure: out.id, period: out.period, persons: out.persons.length },
      });
      return out;
    },
  );

  api.get(
    "/api/statistics/export",
    {
      config: { access: { roles: statisticsRoles } },
      schema: {
        tags: ["statistics"],
        summary:
          "导出统计报表（Excel）：上报统计表（各司法所一行及合计）、工作指标及定义、在册构成；导出记入审计日志",
        produces: [XLSX],
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const now = app.clock.now();
      const ctx = await loadContext(db, app.policies, user, request.query, now);
      const buffer = await statisticsWorkbook(ctx, user.county.name, now);
      await writeAudit(db.kysely, actorOf(request), {
        action: "statistics.export",
        recordType: "statistics",
        placeId: request.query.officeId ?? user.county.id,
        details: {
          period: { ...ctx.period, asOf: ctx.window.asOf },
          offices: ctx.records.offices.map((o) => o.id),
        },
      });
      const name = `社区矫正统计表_${ctx.period.start}_${ctx.period.end}.xlsx`;
      return reply
        .type(XLSX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer);
    },
  );

  const fundingRow = z.object({
    id: z.number(),
    year: z.number(),
    amountYuan: z.number(),
    note: z.string().nullable(),
    enteredBy: z.string(),
    enteredAt: z.string(),
  });

  api.get(
    "/api/statistics/funding",
    {
      config: { access: { roles: statisticsRoles } },
      schema: {
        tags: ["statistics"],
        summary: "全县各年度社区矫正经费的录入记录（每次录入一行，以最新一次为准）",
        response: { 200: z.object({ entries: z.array(fundingRow) }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const rows = await db.kysely
        .selectFrom("county_funding")
        .innerJoin("app_user", "app_user.id", "county_funding.entered_by")
        .select([
          "county_funding.id",
          "county_funding.year",
          "county_funding.amount_yuan",
          "county_funding.note",
          "county_funding.entered_at",
          "app_user.display_name",
        ])
        .where("county_funding.county_id", "=", user.county.id)
        .orderBy("county_funding.year", "desc")
        .orderBy("county_funding.id", "desc")
        .execute();
      return {
        entries: rows.map((r) => ({
          id: r.id,
          year: r.year,
          amountYuan: r.amount_yuan,
          note: r.note,
          enteredBy: r.display_name,
          enteredAt: cstIso(new Date(r.entered_at)),
        })),
      };
    },
  );

  api.post(
    "/api/statistics/funding",
    {
      config: { access: { roles: fundingRoles } },
      schema: {
        tags: ["statistics"],
        summary: "录入某年度全县社区矫正经费（元）；再次录入同一年度以最新为准，旧记录保留；记入审计日志",
        body: fundingBody,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const now = app.clock.now();
      const body = request.body;
      const id = await db.kysely.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("county_funding")
          .values({
            county_id: user.county.id,
            year: body.year,
            amount_yuan: body.amountYuan,
            note: body.note ?? null,
            entered_by: user.id,
            entered_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: "statistics.funding",
          recordType: "county_funding",
          recordId: String(row.id),
          placeId: user.county.id,
          details: { year: body.year, amountYuan: body.amountYuan },
        });
        return row.id;
      });
      return reply.code(201).send({ id });
    },
  );
}
