// /api/transfers — change of place of execution (执行地变更): the office's request, the agency's letter
// to the new county, the answer, the person's report, and the letters in Word. See service.ts.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { transferDocx } from "../../documents/transfer-docx.ts";
import { transferStatusLabel } from "../../glossary.ts";
import { badInput, forbidden, notFound } from "../../http/errors.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { documentContentTypes, UPLOAD_BODY_LIMIT } from "../intake/documents.ts";
import { sendDocument } from "../intake/routes.ts";
import {
  allowed,
  fileTransfer,
  recordAnswer,
  recordReport,
  requestInScope,
  sendRequest,
  sideOf,
  transferRoles,
} from "./service.ts";
import type { TransferRequest } from "./tables.ts";
import { clockStatus } from "./today.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });

const proofUpload = z.object({
  fileName: text("文件名", 200),
  contentType: z.string().max(100).optional(),
  contentBase64: z.string({ error: "请选择要上传的文件" }).min(1, "请选择要上传的文件"),
});

const requestBody = z.object({
  subjectId: z.string({ error: "请选择社区矫正对象" }).min(1, "请选择社区矫正对象").max(64),
  newCounty: z
    .string({ error: "请选择新执行地所在的县（市、区）" })
    .regex(/^[0-9]{6}$/, "请选择新执行地所在的县（市、区）"),
  newAddress: text("新居住地详细地址", 200),
  reason: text("变更事由", 1000),
  proofs: z.array(proofUpload).max(10, "一次最多上传 10 个证明材料").default([]),
});

const sendBody = z.object({
  sentOn: dateField("发函日期"),
  method: z.enum(["in_person", "post", "fax", "online"], { error: "请选择发函方式" }),
});

const answerBody = z.object({
  decision: z.enum(["accepted", "refused"], { error: "请选择回复意见：同意接收或不同意接收" }),
  answeredOn: dateField("回复日期"),
  note: optionalText("回复意见", 1000),
  receivingOfficeId: z.string().max(32).nullish(),
});

const reportBody = z.object({
  reportedOn: dateField("报到日期"),
  note: optionalText("报到情况", 1000),
});

const clock = z.object({ due: z.string(), status: z.string() }).nullable();
const requestView = z.object({
  id: z.string(),
  subject: z.object({ id: z.string(), name: z.string() }),
  officeId: z.string(),
  side: z.enum(["sending", "receiving"]),
  newCounty: z.string(),
  newCountyName: z.string(),
  newAddress: z.string(),
  reason: z.string(),
  internal: z.boolean(),
  status: z.string(),
  statusLabel: z.string(),
  requestedAt: z.string(),
  sentOn: z.string().nullable(),
  sentMethod: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answerNote: z.string().nullable(),
  receivingOfficeId: z.string().nullable(),
  reportedOn: z.string().nullable(),
  reportNote: z.string().nullable(),
  /** The new county's answer: due date and its state (overdue, due_today, open, done). */
  answerClock: clock,
  /** The person's report to the new agency. */
  reportClock: clock,
  can: z.object({ send: z.boolean(), answer: z.boolean(), report: z.boolean() }),
});

function toView(user: CurrentUser, r: TransferRequest, side: "sending" | "receiving", today: string) {
  return {
    id: r.id,
    subject: { id: r.subject_id, name: r.subject_name },
    officeId: r.office_id,
    side,
    newCounty: r.new_county,
    newCountyName: r.new_county_name,
    newAddress: r.new_address,
    reason: r.reason,
    internal: r.internal,
    status: r.status,
    statusLabel: transferStatusLabel[r.status] ?? r.status,
    requestedAt: cstIso(r.requested_at),
    sentOn: r.sent_on,
    sentMethod: r.sent_method,
    answeredOn: r.answered_on,
    answerNote: r.answer_note,
    receivingOfficeId: r.receiving_office_id,
    reportedOn: r.reported_on,
    reportNote: r.report_note,
    answerClock: r.answer_due
      ? { due: r.answer_due, status: r.answered_on ? "done" : clockStatus(r.answer_due, today) }
      : null,
    reportClock: r.report_due
      ? { due: r.report_due, status: r.reported_on ? "done" : clockStatus(r.report_due, today) }
      : null,
    can: allowed(user, r, side),
  };
}

export function transferRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();

  api.get(
    "/api/transfers",
    {
      config: { access: { roles: transferRoles.read } },
      schema: {
        tags: ["transfer"],
        summary: "执行地变更申请列表：本县移出的和（同一系统内）移入本县的，附回复和报到期限",
        querystring: z.object({ subjectId: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(requestView), today: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(now());
      let query = k
        .selectFrom("transfer_request")
        .selectAll()
        .where((eb) => eb.or([eb("county_id", "=", user.county.id), eb("new_county", "=", user.county.id)]));
      if (request.query.subjectId) query = query.where("subject_id", "=", request.query.subjectId);
      const rows = await query.orderBy("requested_at", "desc").limit(500).execute();
      const items = [];
      for (const r of rows) {
        const side = sideOf(user, r);
        if (side) items.push(toView(user, r, side, today));
      }
      return { items, today };
    },
  );

  api.get(
    "/api/transfers/:id",
    {
      config: { access: { roles: transferRoles.read } },
      schema: {
        tags: ["transfer"],
        summary: "执行地变更申请详情：各步骤、期限、证明材料，以及接收方可选的司法所",
        params: idParams,
        response: {
          200: requestView.extend({
            proofs: z.array(
              z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sha256: z.string() }),
            ),
            receivingOffices: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { request: r, side } = await requestInScope(k, user, request.params.id);
      const proofs = await k
        .selectFrom("transfer_proof")
        .select(["id", "file_name", "content_type", "sha256"])
        .where("request_id", "=", r.id)
        .orderBy("uploaded_at")
        .execute();
      const view = toView(user, r, side, cstDate(now()));
      const receivingOffices =
        view.can.answer && r.internal
          ? await k
              .selectFrom("place")
              .select(["id", "name"])
              .where("parent_id", "=", r.new_county)
              .where("kind", "=", "office")
              .orderBy("id")
              .execute()
          : [];
      return {
        ...view,
        proofs: proofs.map((p) => ({
          id: p.id,
          fileName: p.file_name,
          contentType: p.content_type,
          sha256: p.sha256,
        })),
        receivingOffices,
      };
    },
  );

  api.post(
    "/api/transfers",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: transferRoles.request } },
      schema: {
        tags: ["transfer"],
        summary: "司法所提出执行地变更申请（新执行地从区划列表选择，附证明材料）",
        body: requestBody,
        response: { 201: z.object({ id: z.string() }), ...conflictResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const id = await fileTransfer(
        k,
        request,
        {
          subjectId: body.subjectId,
          newCounty: body.newCounty,
          newAddress: body.newAddress,
          reason: body.reason,
          proofs: body.proofs,
        },
        now(),
      );
      return reply.code(201).send({ id });
    },
  );

  api.post(
    "/api/transfers/:id/send",
    {
      config: { access: { roles: transferRoles.send } },
      schema: {
        tags: ["transfer"],
        summary: "社区矫正机构向新执行地社区矫正机构发出征求意见函（日期、方式）；回复期限自发函日起算",
        params: idParams,
        body: sendBody,
        response: { 200: z.object({ status: z.string(), answerDue: z.string() }), ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { request: r, side } = await requestInScope(k, user, request.params.id);
      if (r.status === "requested" && !allowed(user, r, side).send)
        throw forbidden("只有原执行地社区矫正机构可以发函");
      const { answerDue } = await sendRequest(k, request, r, request.body, app.policies, now());
      return { status: "sent", answerDue };
    },
  );

  api.post(
    "/api/transfers/:id/answer",
    {
      config: { access: { roles: transferRoles.answer } },
      schema: {
        tags: ["transfer"],
        summary:
          "登记新执行地社区矫正机构的回复：同意接收时，同一系统内由接收机构选择司法所并当即完成移交；系统外则原执行地结案移出",
        params: idParams,
        body: answerBody,
        response: {
          200: z.object({ status: z.string(), reportDue: z.string().nullable() }),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { request: r, side } = await requestInScope(k, user, request.params.id);
      if (r.status === "sent" && !allowed(user, r, side).answer)
        throw forbidden(
          r.internal
            ? "新执行地使用本系统，回复由新执行地社区矫正机构登记"
            : "回复由原执行地社区矫正机构登记",
        );
      const body = request.body;
      const { reportDue } = await recordAnswer(
        k,
        request,
        r,
        {
          decision: body.decision,
          answeredOn: body.answeredOn,
          note: body.note ?? null,
          receivingOfficeId: body.receivingOfficeId ?? null,
        },
        app.policies,
        now(),
      );
      return { status: body.decision, reportDue };
    },
  );

  api.post(
    "/api/transfers/:id/report",
    {
      config: { access: { roles: transferRoles.report } },
      schema: {
        tags: ["transfer"],
        summary: "登记对象到新执行地社区矫正机构报到（同一系统内由接收方登记，系统外由原执行地登记）",
        params: idParams,
        body: reportBody,
        response: { 200: z.object({ status: z.string() }), ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { request: r, side } = await requestInScope(k, user, request.params.id);
      if (r.status === "accepted" && !allowed(user, r, side).report)
        throw forbidden(r.internal ? "报到由新执行地登记" : "报到由原执行地登记");
      await recordReport(
        k,
        request,
        r,
        { reportedOn: request.body.reportedOn, note: request.body.note ?? null },
        now(),
      );
      return { status: "reported" };
    },
  );

  api.get(
    "/api/transfers/:id/proofs/:proofId",
    {
      config: { access: { roles: transferRoles.read } },
      schema: {
        tags: ["transfer"],
        summary: "查看（下载）执行地变更申请的一份证明材料；记入审计日志",
        params: idParams.extend({ proofId: z.string().min(1).max(64) }),
        produces: documentContentTypes,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { request: r } = await requestInScope(k, user, request.params.id);
      const proof = await k
        .selectFrom("transfer_proof")
        .selectAll()
        .where("id", "=", request.params.proofId)
        .where("request_id", "=", r.id)
        .executeTakeFirst();
      if (!proof) throw notFound("证明材料");
      // The row is placed in the reader's county: the receiving county may read the sender's files.
      await writeAudit(k, actorOf(request), {
        action: "transfer.proof_download",
        recordType: "transfer_proof",
        recordId: proof.id,
        subjectId: r.subject_id,
        placeId: user.county.id,
        details: { requestId: r.id, fileName: proof.file_name, sha256: proof.sha256 },
      });
      return sendDocument(reply, proof);
    },
  );

  api.get(
    "/api/transfers/:id/letter",
    {
      config: { access: { roles: transferRoles.read } },
      schema: {
        tags: ["transfer"],
        summary: "执行地变更征求意见函或移交函（Word）",
        params: idParams,
        querystring: z.object({ kind: z.enum(["request", "handover"]).default("request") }),
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { request: r } = await requestInScope(k, user, request.params.id);
      const kind = request.query.kind;
      if (kind === "handover" && r.status !== "accepted" && r.status !== "reported")
        throw badInput("kind", "新执行地尚未同意接收，没有移交函");
      const subject = await k
        .selectFrom("subject")
        .select(["gender", "correction_type", "term_start", "term_end"])
        .where("id", "=", r.subject_id)
        .executeTakeFirstOrThrow();
      const places = await k
        .selectFrom("place")
        .select(["id", "name"])
        .where("id", "in", [r.county_id, r.office_id])
        .execute();
      const nameOf = (id: string) => places.find((p) => p.id === id)?.name ?? "";
      const profile = (await app.policies.forCounty(r.county_id)).profile.statutory.transfer;
      const at = now();
      const buffer = await transferDocx(kind, {
        request: r,
        subject: {
          name: r.subject_name,
          gender: subject.gender,
          correctionType: subject.correction_type,
          termStart: subject.term_start,
          termEnd: subject.term_end,
        },
        agencyName: nameOf(r.county_id),
        officeName: nameOf(r.office_id),
        answerWithinDays: profile.newAgencyAnswersWithinDays,
        reportWithinDays: profile.reportToNewAgencyWithinDays,
        today: cstDate(at),
      });
      await writeAudit(k, actorOf(request), {
        action: "transfer.export",
        recordType: "transfer_request",
        recordId: r.id,
        subjectId: r.subject_id,
        placeId: r.county_id,
        details: { kind },
      });
      const name = `${kind === "request" ? "执行地变更征求意见函" : "移交函"}-${r.subject_name}.docx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );
}
