// /api/aftercare — after-care of people leaving compulsory drug rehabilitation (后续照管, seed 003 三):
// the persons of the rehab centres' monthly notices, their phone and face-to-face follow-ups, the
// success-case files, the care and abstinence-maintenance rates, and the ledger in Excel; the agency
// assigns a person the exchange brought without an office.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { aftercareContactKindLabel } from "../../glossary.ts";
import { conflict } from "../../http/errors.ts";
import { dateField, monthField, optionalText, text } from "../../http/fields.ts";
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
import { aftercareIndicators } from "./indicators.ts";
import {
  aftercareInScope,
  aftercareRows,
  assignAftercare,
  listAftercare,
  markSuccessCase,
  receiveAftercare,
  recordContact,
} from "./service.ts";
import { CONTACT_KINDS } from "./tables.ts";

const noticeBody = z.object({
  officeId: z.string().max(32).nullish().describe("户籍所在镇（街道）的司法所（司法所登记时为本所）"),
  ...personFields,
  rehabCentre: text("戒毒所", 100),
  noticeMonth: monthField("通知月份"),
  releasedOn: dateField("解除强制隔离戒毒日期"),
  keyPerson: z.boolean({ error: "请选择是否为重点人员" }).default(false),
});
const contactBody = z.object({
  kind: z.enum(CONTACT_KINDS, { error: "请选择回访方式：电话或见面" }),
  onDate: dateField("回访日期"),
  abstinent: z.boolean({ error: "请选择是否保持操守" }),
  content: text("回访情况", 2000),
  help: optionalText("帮扶情况", 2000),
});
const idParams = z.object({ id: z.string().max(64).describe("后续照管对象编号") });

const view = z.object({
  id: z.string(),
  office: officeRef.nullable().describe("负责照管的司法所；信息共享收到、尚待机构分配时为空"),
  known: z.array(knownLinkView),
  person: personView,
  address: z.string(),
  rehabCentre: z.string(),
  divisionCode: z.string().nullable().describe("戒毒所通知所填户籍地（居住地）区划代码"),
  noticeMonth: z.string(),
  releasedOn: z.string(),
  keyPerson: z.boolean(),
  successCase: z.boolean(),
  successNote: z.string().nullable(),
  successOn: z.string().nullable(),
  lastContactOn: z.string().nullable(),
  abstinent: z.boolean().nullable(),
  contacts: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      onDate: z.string(),
      abstinent: z.boolean(),
      content: z.string(),
      help: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export function aftercareRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const one = async (request: Parameters<typeof userOf>[0], id: string) => {
    const [item] = await listAftercare(k, userOf(request), app.clock.now(), id);
    return item!;
  };
  const indicatorsFor = async (request: Parameters<typeof userOf>[0], asOf: string) => {
    const user = userOf(request);
    const { persons, contacts } = await aftercareRows(k, user);
    const rules = (await app.policies.forCounty(user.county.id)).profile.care.aftercare;
    return aftercareIndicators(persons, contacts, asOf, rules);
  };

  api.get(
    "/api/aftercare",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "后续照管对象：戒毒所通知、电话和见面回访、操守保持情况、成功戒毒典型",
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (request) => ({ items: await listAftercare(k, userOf(request), app.clock.now()) }),
  );

  api.get(
    "/api/aftercare/indicators",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "后续照管率和操守保持率（统计日所在月）",
        querystring: asOfQuery,
        response: {
          200: z.object({ asOf: z.string(), from: z.string(), indicators: z.array(indicatorView) }),
        },
      },
    },
    async (request) => indicatorsFor(request, request.query.asOf ?? cstDate(app.clock.now())),
  );

  api.get(
    "/api/aftercare/export",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "后续照管台账和指标（Excel）；记入审计日志",
        querystring: asOfQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const asOf = request.query.asOf ?? cstDate(app.clock.now());
      const items = await listAftercare(k, user, app.clock.now());
      const ind = await indicatorsFor(request, asOf);
      const buffer = await careWorkbook({
        ledgerName: "后续照管台账",
        header: [
          "司法所",
          "姓名",
          "重点人员",
          "戒毒所",
          "通知月份",
          "解除戒毒日期",
          "电话回访次数",
          "见面回访次数",
          "最近回访日期",
          "保持操守",
          "成功戒毒典型",
        ],
        dateColumns: [6, 9],
        rows: items.map((i) => [
          i.office?.name ?? "待分配",
          i.person.name,
          i.keyPerson,
          i.rehabCentre,
          i.noticeMonth,
          dateCell(i.releasedOn),
          i.contacts.filter((c) => c.kind === "phone").length,
          i.contacts.filter((c) => c.kind === "visit").length,
          dateCell(i.lastContactOn),
          i.abstinent,
          i.successCase,
        ]),
        indicators: ind.indicators,
        notes: [
          `统计期间：${ind.from}至${ind.asOf}`,
          "后续照管率：统计日在照管的人员中，当月已电话或见面回访的人数占比",
          "操守保持率：统计日在照管的人员中，最近一次回访确认保持操守的人数占比",
          `回访方式：${Object.values(aftercareContactKindLabel).join("、")}`,
        ],
      });
      return sendLedger(request, reply, db, {
        action: "aftercare.export",
        recordType: "aftercare",
        fileName: `后续照管台账_${asOf}.xlsx`,
        buffer,
        details: { asOf, rows: items.length },
      });
    },
  );

  api.post(
    "/api/aftercare",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "登记戒毒所《即将解戒人员信息对接通知书》中的人员，纳入所在镇（街道）的后续照管",
        body: noticeBody,
        response: { 201: view, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const officeId = await recordingOffice(k, userOf(request), request.body.officeId);
      const [got] = await receiveAftercare(
        careContext(app, db),
        [{ ...request.body, officeId }],
        careActor(request),
      );
      if (got!.duplicate)
        throw conflict(
          `该人员由${request.body.rehabCentre}于 ${request.body.releasedOn} 解除强制隔离戒毒的通知已经登记，请在列表中查看`,
        );
      return reply.code(201).send(await one(request, got!.id));
    },
  );

  api.post(
    "/api/aftercare/:id/contacts",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "登记一次回访（电话或见面），是否保持操守及帮扶情况",
        params: idParams,
        body: contactBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const row = await aftercareInScope(k, userOf(request), request.params.id);
      await recordContact(careContext(app, db), row, request.body, careActor(request));
      return reply.code(201).send(await one(request, row.id));
    },
  );

  api.post(
    "/api/aftercare/:id/success",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "确立为成功戒毒典型，建立专档",
        params: idParams,
        body: z.object({ note: text("典型事迹", 4000) }),
        response: { 200: view },
      },
    },
    async (request) => {
      const row = await aftercareInScope(k, userOf(request), request.params.id);
      await markSuccessCase(careContext(app, db), row, request.body.note, careActor(request));
      return one(request, row.id);
    },
  );

  api.post(
    "/api/aftercare/:id/assign",
    {
      config: { access: { roles: agencyCareRoles } },
      schema: {
        tags: ["aftercare"],
        summary: "为信息共享收到、尚无司法所的解戒人员分配负责后续照管的司法所",
        params: idParams,
        body: assignBody,
        response: { 200: view, ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await aftercareInScope(k, user, request.params.id);
      const officeId = await recordingOffice(k, user, request.body.officeId);
      await assignAftercare(careContext(app, db), row, officeId, careActor(request));
      return one(request, row.id);
    },
  );
}
