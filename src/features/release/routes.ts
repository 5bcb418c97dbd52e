// /api/releases… and /api/subjects/:id/end…: the coming releases of an office, the release or
// termination of one person, the documents made once at that moment, and their sending.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { dateField, instantField } from "../../http/fields.ts";
import { officesOf } from "../today/routes.ts";
import { caseEndView, comingReleases, endDocument, recentEnds, recordEnd, recordSent } from "./service.ts";
import { END_DOCUMENT_KINDS, SEND_METHODS, TERMINATION_KINDS } from "./tables.ts";

/** Who records a release or a termination: the office and the agency (the procuratorate reads). */
export const releaseRoles = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
] as const satisfies readonly Role[];

const idParams = z.object({ id: z.string().min(1).max(64) });
const documentParams = idParams.extend({
  kind: z.enum(END_DOCUMENT_KINDS, { error: "没有这种文书" }),
});
const officeQuery = z.object({ officeId: z.string().max(32).optional() });
const optional = (label: string, max = 500) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullish();

const releaseBody = z.object({
  kind: z.enum(["release", "pardon"], { error: "请选择解除矫正的原因：期满或赦免" }).default("release"),
  date: dateField("宣告日期"),
  place: z
    .string({ error: "请填写宣告地点" })
    .trim()
    .min(1, "请填写宣告地点")
    .max(200, "宣告地点不能超过 200 个字"),
  present: z
    .array(
      z.object({
        userId: z.string().max(64).nullish(),
        name: z.string().trim().max(50, "姓名不能超过 50 个字").nullish(),
        role: z.string().trim().max(50, "身份不能超过 50 个字").nullish(),
      }),
      { error: "请填写到场人员" },
    )
    .min(1, "请填写到场人员")
    .max(30, "到场人员最多 30 人"),
  documentText: optional("赦免文书"),
  remarks: optional("备注", 2000),
});

const terminationBody = z.object({
  kind: z.enum(TERMINATION_KINDS, { error: "请选择终止矫正的原因：撤销缓刑（假释）、收监执行或死亡" }),
  date: dateField("终止日期"),
  documentText: z
    .string({ error: "请填写文书名称和文号" })
    .trim()
    .min(2, "请填写文书名称和文号")
    .max(500, "文书不能超过 500 个字"),
  remarks: optional("备注", 2000),
});

export function releaseRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/releases/coming",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["release"],
        summary:
          "即将解矫：矫正期限在30天内届满（或已届满尚未办理）的对象，以及其工作记录本中仍未完成的事项（规则引擎）",
        querystring: officeQuery,
      },
    },
    async (request) => {
      const user = userOf(request);
      if (request.query.officeId) await officesOf(db, user, request.query.officeId); // refuses another's
      return comingReleases(db.kysely, user, app.clock.now(), app.policies, request.query.officeId);
    },
  );

  api.get(
    "/api/releases/ended",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["release"],
        summary: "已解除或终止矫正的对象：原因、日期、工作记录本状态和通知书送达情况",
        querystring: officeQuery,
      },
    },
    async (request) => {
      const user = userOf(request);
      if (request.query.officeId) await officesOf(db, user, request.query.officeId);
      return recentEnds(db.kysely, app.policies, user, app.clock.now(), request.query.officeId);
    },
  );

  api.get(
    "/api/subjects/:id/end",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["release"],
        summary:
          "一名对象的解除或终止矫正：宣告、文书、送达情况和工作记录本的状态（在矫、解矫分析期、已封存）",
        params: idParams,
      },
    },
    async (request) =>
      caseEndView(db.kysely, app.policies, userOf(request), request.params.id, app.clock.now()),
  );

  api.post(
    "/api/subjects/:id/release",
    {
      config: { access: { roles: releaseRoles } },
      schema: {
        tags: ["release"],
        summary:
          "解除矫正：期满之日起（或赦免时凭赦免文书）宣告解除矫正，制作解除社区矫正证明书和给决定机关、检察院、公安机关的通知书；每人只能办理一次（重复时 409）",
        params: idParams,
        body: releaseBody,
        response: { 201: z.looseObject({}) },
      },
    },
    async (request, reply) => {
      const result = await recordEnd(
        db.kysely,
        app.policies,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        app.clock.now(),
      );
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/subjects/:id/termination",
    {
      config: { access: { roles: releaseRoles } },
      schema: {
        tags: ["release"],
        summary:
          "终止矫正：撤销缓刑（假释）、收监执行或死亡，写明日期和文书；工作记录本即封存，制作给决定机关、检察院、公安机关的通知书；每人只能办理一次",
        params: idParams,
        body: terminationBody,
        response: { 201: z.looseObject({}).describe("办理结果：结案记录及制作的文书") },
      },
    },
    async (request, reply) => {
      const result = await recordEnd(
        db.kysely,
        app.policies,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        app.clock.now(),
      );
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/subjects/:id/end/documents/:kind",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["release"],
        summary: "下载解除社区矫正证明书或通知书（Word，办理时制作一次，之后原样提供）；记入审计日志",
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        params: documentParams,
      },
    },
    async (request, reply) => {
      const doc = await endDocument(
        db.kysely,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.params.kind,
      );
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`)
        .header("cache-control", "private, no-store")
        .send(doc.bytes);
    },
  );

  api.post(
    "/api/subjects/:id/end/documents/:kind/sent",
    {
      config: { access: { roles: releaseRoles } },
      schema: {
        tags: ["release"],
        summary: "登记通知书的送达时间和方式（每份只登记一次）",
        params: documentParams,
        body: z.object({
          sentAt: instantField(),
          method: z.enum(SEND_METHODS, { error: "请选择送达方式：直接送达、邮寄、传真或信息平台推送" }),
          note: optional("说明"),
        }),
      },
    },
    async (request) =>
      recordSent(
        db.kysely,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.params.kind,
        request.body,
        app.clock.now(),
      ),
  );
}
