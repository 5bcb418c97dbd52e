// /api/resettlement — resettlement of released prisoners (安置帮教, seed 003 二): the pre-release
// notice, the hand-over steps, the follow-ups, the indicators with the 1:50 social-worker ratio, and
// the ledger in Excel; the agency assigns a notice the exchange brought without an office.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { resettlementPlacementLabel, resettlementRiskLabel } from "../../glossary.ts";
import { badInput, conflict } from "../../http/errors.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { cstDate } from "../../shared/time.ts";
import { personFields } from "../care/person.ts";
import { careActor, careContext, sendLedger, XLSX } from "../care/request.ts";
import { agencyCareRoles, careReadRoles, careWriteRoles } from "../care/roles.ts";
import {
  asOfQuery,
  assignBody,
  indicatorView,
  knownLinkView,
  officeRef,
  personView,
} from "../care/schemas.ts";
import { recordingOffice } from "../care/scope.ts";
import { careWorkbook, dateCell } from "../care/workbook.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { resettlementIndicators } from "./indicators.ts";
import {
  addFollowup,
  assignResettlement,
  countySocialWorkers,
  listResettlement,
  receiveResettlement,
  recordStep,
  resettlementInScope,
  resettlementRows,
} from "./service.ts";
import { PLACEMENTS, RISK_LEVELS } from "./tables.ts";

const noticeBody = z.object({
  officeId: z.string().max(32).nullish().describe("负责帮教的司法所（司法所登记时为本所）"),
  subjectId: z.string().max(64).nullish().describe("曾在本县社区矫正的对象 id（可空）"),
  ...personFields,
  prison: text("服刑监狱", 100),
  crime: text("罪名", 100),
  sentence: optionalText("原判刑期", 100),
  releaseOn: dateField("释放日期"),
  noticeOn: dateField("收到预释放通知日期"),
  keyPerson: z.boolean({ error: "请选择是否为重点帮教对象" }),
});

const on = dateField("办理日期");
const stepBody = z.discriminatedUnion(
  "step",
  [
    z.object({ step: z.enum(["verify", "receipt", "employment_service", "reoffence"]), on }),
    z.object({ step: z.literal("pickup"), on, by: text("接送人", 100) }),
    z.object({
      step: z.literal("risk"),
      on,
      level: z.enum(RISK_LEVELS, { error: "请选择危险性评估等级：低、中或高" }),
    }),
    z.object({
      step: z.literal("help_plan"),
      on,
      team: text("帮教小组成员", 500),
      plan: text("帮教计划", 2000),
    }),
    z.object({
      step: z.literal("placement"),
      on,
      placement: z.enum(PLACEMENTS, { error: "请选择安置方式" }),
    }),
  ],
  { error: "请选择办理的事项" },
);
const followupBody = z.object({ onDate: dateField("回访日期"), content: text("回访情况", 2000) });
const idParams = z.object({ id: z.string().max(64).describe("刑满释放人员编号") });

const view = z.object({
  id: z.string(),
  office: officeRef.nullable().describe("负责帮教的司法所；信息共享收到、尚待机构分配时为空"),
  subjectId: z.string().nullable(),
  known: z.array(knownLinkView),
  person: personView,
  address: z.string(),
  prison: z.string(),
  crime: z.string(),
  sentence: z.string().nullable(),
  divisionCode: z.string().nullable().describe("监狱通知所填户籍地（居住地）区划代码"),
  releaseOn: z.string(),
  noticeOn: z.string(),
  keyPerson: z.boolean(),
  verifiedOn: z.string().nullable(),
  receiptSentOn: z.string().nullable(),
  pickedUpOn: z.string().nullable(),
  pickedUpBy: z.string().nullable(),
  riskLevel: z.string().nullable(),
  riskAssessedOn: z.string().nullable(),
  team: z.string().nullable(),
  helpPlan: z.string().nullable(),
  agreementOn: z.string().nullable(),
  placement: z.string().nullable(),
  placedOn: z.string().nullable(),
  employmentServiceOn: z.string().nullable(),
  reoffendedOn: z.string().nullable(),
  nextFollowupDue: z.string().nullable(),
  followups: z.array(
    z.object({ id: z.string(), onDate: z.string(), content: z.string(), by: z.string(), at: z.string() }),
  ),
});

export function resettlementRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const rulesOf = async (countyId: string) =>
    (await app.policies.forCounty(countyId)).profile.care.resettlement;
  const one = async (request: Parameters<typeof userOf>[0], id: string) => {
    const user = userOf(request);
    const [item] = await listResettlement(k, user, await rulesOf(user.county.id), app.clock.now(), id);
    return item!;
  };
  const indicatorsFor = async (request: Parameters<typeof userOf>[0], asOf: string) => {
    const user = userOf(request);
    const rows = await resettlementRows(k, user);
    return resettlementIndicators(
      rows,
      asOf,
      await rulesOf(user.county.id),
      await countySocialWorkers(k, user.county.id),
    );
  };

  api.get(
    "/api/resettlement",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["resettlement"],
        summary: "安置帮教对象：预释放通知、衔接事项（核查、回执、接送、评估、帮教、安置）和回访",
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      return { items: await listResettlement(k, user, await rulesOf(user.county.id), app.clock.now()) };
    },
  );

  api.get(
    "/api/resettlement/indicators",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["resettlement"],
        summary:
          "安置帮教指标（当年内）：基本信息核查率、衔接回执发送率、接送率、协议签订率、安置率等，及社工配比",
        querystring: asOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            from: z.string(),
            indicators: z.array(indicatorView),
            staffing: z.object({
              helped: z.number(),
              perSocialWorker: z.number(),
              socialWorkersNeeded: z.number(),
              socialWorkers: z.number(),
              met: z.boolean(),
            }),
          }),
        },
      },
    },
    async (request) => indicatorsFor(request, request.query.asOf ?? cstDate(app.clock.now())),
  );

  api.get(
    "/api/resettlement/export",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["resettlement"],
        summary: "安置帮教台账和指标（Excel）；记入审计日志",
        querystring: asOfQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const asOf = request.query.asOf ?? cstDate(app.clock.now());
      const items = await listResettlement(k, user, await rulesOf(user.county.id), app.clock.now());
      const ind = await indicatorsFor(request, asOf);
      const buffer = await careWorkbook({
        ledgerName: "安置帮教台账",
        header: [
          "司法所",
          "姓名",
          "重点帮教对象",
          "服刑监狱",
          "罪名",
          "收到通知日期",
          "释放日期",
          "信息核查日期",
          "回执发送日期",
          "接送日期",
          "危险性评估",
          "帮教协议日期",
          "安置方式",
          "安置日期",
          "就业服务日期",
          "重新犯罪日期",
          "回访次数",
          "原判刑期",
        ],
        dateColumns: [6, 7, 8, 9, 10, 12, 14, 15, 16],
        rows: items.map((i) => [
          i.office?.name ?? "待分配",
          i.person.name,
          i.keyPerson,
          i.prison,
          i.crime,
          dateCell(i.noticeOn),
          dateCell(i.releaseOn),
          dateCell(i.verifiedOn),
          dateCell(i.receiptSentOn),
          dateCell(i.pickedUpOn),
          i.riskLevel ? resettlementRiskLabel[i.riskLevel]! : null,
          dateCell(i.agreementOn),
          i.placement ? resettlementPlacementLabel[i.placement]! : null,
          dateCell(i.placedOn),
          dateCell(i.employmentServiceOn),
          dateCell(i.reoffendedOn),
          i.followups.length,
          i.sentence,
        ]),
        indicators: ind.indicators,
        notes: [
          `统计期间：${ind.from}至${ind.asOf}`,
          `帮教中的刑释人员${ind.staffing.helped}人，按每${ind.staffing.perSocialWorker}人配备1名社会工作者，应配备${ind.staffing.socialWorkersNeeded}名，现有${ind.staffing.socialWorkers}名`,
        ],
      });
      return sendLedger(request, reply, db, {
        action: "resettlement.export",
        recordType: "resettlement",
        fileName: `安置帮教台账_${asOf}.xlsx`,
        buffer,
        details: { asOf, rows: items.length },
      });
    },
  );

  api.post(
    "/api/resettlement",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["resettlement"],
        summary: "登记监狱的预释放人员通知（刑满释放人员，可不是社区矫正对象）",
        body: noticeBody,
        response: { 201: view, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const officeId = await recordingOffice(k, user, body.officeId);
      if (body.subjectId) {
        const subject = await subjectInScope(k, user, body.subjectId);
        if (subject.officeId !== officeId) throw badInput("subjectId", "该社区矫正对象不属于所选司法所");
      }
      const got = await receiveResettlement(careContext(app, db), { ...body, officeId }, careActor(request));
      if (got.duplicate)
        throw conflict(`该人员释放日期为 ${body.releaseOn} 的预释放通知已经登记，请在列表中查看`);
      return reply.code(201).send(await one(request, got.id));
    },
  );

  api.post(
    "/api/resettlement/:id/steps",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["resettlement"],
        summary:
          "登记一项衔接事项：信息核查、回执、接送、危险性评估、帮教小组和协议、安置、就业服务、重新犯罪",
        params: idParams,
        body: stepBody,
        response: { 200: view },
      },
    },
    async (request) => {
      const row = await resettlementInScope(k, userOf(request), request.params.id);
      await recordStep(careContext(app, db), row, request.body, careActor(request));
      return one(request, row.id);
    },
  );

  api.post(
    "/api/resettlement/:id/followups",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["resettlement"],
        summary: "登记一次回访（释放后五年内定期回访）",
        params: idParams,
        body: followupBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const row = await resettlementInScope(k, userOf(request), request.params.id);
      await addFollowup(careContext(app, db), row, request.body, careActor(request));
      return reply.code(201).send(await one(request, row.id));
    },
  );

  api.post(
    "/api/resettlement/:id/assign",
    {
      config: { access: { roles: agencyCareRoles } },
      schema: {
        tags: ["resettlement"],
        summary: "为信息共享收到、尚无司法所的预释放人员通知分配负责帮教的司法所",
        params: idParams,
        body: assignBody,
        response: { 200: view, ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await resettlementInScope(k, user, request.params.id);
      const officeId = await recordingOffice(k, user, request.body.officeId);
      await assignResettlement(careContext(app, db), row, officeId, careActor(request));
      return one(request, row.id);
    },
  );
}
