// /api/handovers: handovers of legal documents (交付接收) with their statutory clock, the documents
// themselves, and registration (入矫登记) with the unified book number and the transfer to the office.
// The agency works here; the procuratorate reads. Offices see the case once it is registered, with
// its documents, under /api/subjects/:id/documents.
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { handoverStatusLabel } from "../../glossary.ts";
import { ApiError, conflict, notFound } from "../../http/errors.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { cstDate } from "../../shared/time.ts";
import { findSubject } from "../subjects/queries.ts";
import { checkBookNumberFormat } from "./book-number.ts";
import { checkDocument, documentContentTypes, UPLOAD_BODY_LIMIT } from "./documents.ts";
import { createHandover } from "./handover-service.ts";
import {
  findHandover,
  handoverDocuments,
  listHandovers,
  subjectDocuments,
  toDocumentView,
  toHandoverView,
} from "./queries.ts";
import { registerHandover } from "./registration.ts";
import {
  documentView,
  handoverBody,
  handoverDetail,
  handoverView,
  registerBody,
  registerResult,
  uploadBody,
} from "./schemas.ts";

/** The agency registers; the procuratorate reads. */
const agencyWriters = ["agency_head", "agency_staff"] as const;
const agencyReaders = ["agency_head", "agency_staff", "prosecutor"] as const;

const handoverParams = z.object({ handoverId: z.string().min(1).max(64) });
const documentParams = handoverParams.extend({ documentId: z.string().min(1).max(64) });
const subjectDocumentParams = z.object({
  id: z.string().min(1).max(64),
  documentId: z.string().min(1).max(64),
});

/** A unique-index violation from either database, as a 409 with a message a worker understands. */
function uniqueViolation(error: unknown, message: string): never {
  if ((error as { code?: string })?.code === "23505") throw conflict(message);
  throw error;
}

/** Sends a stored original (document or proof file) inline, with its type and checksum. */
export function sendDocument(
  reply: FastifyReply,
  doc: { file_name: string; content_type: string; content: Buffer; sha256: string },
) {
  return reply
    .header("content-type", doc.content_type)
    .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`)
    .header("x-content-sha256", doc.sha256)
    .header("cache-control", "private, no-store")
    .send(doc.content);
}

export function intakeRoutes(app: FastifyInstance, db: Db, config: Config): void {
  /** Every download of an original document leaves an audit row before the bytes leave. */
  const sendAuditedDocument = async (
    request: FastifyRequest,
    reply: FastifyReply,
    doc: Parameters<typeof sendDocument>[1] & { id: string },
    where: { subjectId: string | null; placeId: string },
  ) => {
    await writeAudit(db.kysely, actorOf(request), {
      action: "document.download",
      recordType: "handover_document",
      recordId: doc.id,
      subjectId: where.subjectId ?? undefined,
      placeId: where.placeId,
    });
    return sendDocument(reply, doc);
  };

  const api = app.withTypeProvider<ZodTypeProvider>();
  const bookNumberFormat = checkBookNumberFormat(config.bookNumberFormat);

  api.get(
    "/api/handovers",
    {
      config: { access: { roles: agencyReaders } },
      schema: {
        tags: ["intake"],
        summary: "交付接收列表：每人的法定报到期限（判决生效之日起）及是否按时登记",
        querystring: z.object({
          status: z.enum(["pending", "registered", "all"]).default("all"),
        }),
        response: { 200: z.object({ items: z.array(handoverView), today: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(app.clock.now());
      const rows = await listHandovers(db.kysely, user, request.query.status);
      const { profile } = await app.policies.forCounty(user.county.id);
      return { items: rows.map((row) => toHandoverView(row, today, profile)), today };
    },
  );

  api.post(
    "/api/handovers",
    {
      config: { access: { roles: agencyWriters } },
      schema: {
        tags: ["intake"],
        summary: "登记交付接收的法律文书信息（决定机关、文号、生效日期、矫正类别、期限、罪名）",
        body: handoverBody,
        response: { 201: handoverView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const today = cstDate(app.clock.now());
      const handoverId = await createHandover(
        db.kysely,
        user.county.id,
        { userId: user.id },
        actorOf(request),
        request.body,
        app.clock.now(),
      );
      const row = await findHandover(db.kysely, user, handoverId);
      const { profile } = await app.policies.forCounty(user.county.id);
      return reply.code(201).send(toHandoverView(row!, today, profile));
    },
  );

  api.get(
    "/api/handovers/:handoverId",
    {
      config: { access: { roles: agencyReaders } },
      schema: {
        tags: ["intake"],
        summary: "一份交付材料：法律文书信息、法定期限和已上传的文书；查看记入审计日志",
        params: handoverParams,
        response: { 200: handoverDetail },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await findHandover(db.kysely, user, request.params.handoverId);
      if (!row) throw notFound("交付材料");
      const documents = await handoverDocuments(db.kysely, row.id);
      await writeAudit(db.kysely, actorOf(request), {
        action: "handover.view",
        recordType: "handover",
        recordId: row.id,
        subjectId: row.subject_id ?? undefined,
        placeId: user.county.id,
      });
      const { profile } = await app.policies.forCounty(user.county.id);
      return {
        ...toHandoverView(row, cstDate(app.clock.now()), profile),
        documents: documents.map(toDocumentView),
      };
    },
  );

  api.post(
    "/api/handovers/:handoverId/documents",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: agencyWriters } },
      schema: {
        tags: ["intake"],
        summary:
          "上传法律文书（PDF、JPEG 或 PNG，单个不超过 20 MB，JSON 中以 base64 传送）；按内容识别类型，保存大小和 SHA-256，已有文书从不覆盖",
        params: handoverParams,
        body: uploadBody,
        response: { 201: documentView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const handover = await findHandover(db.kysely, user, request.params.handoverId);
      if (!handover) throw notFound("交付材料");
      const checked = checkDocument(request.body.contentBase64, request.body.contentType);
      const id = randomUUID();
      await db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto("handover_document")
          .values({
            id,
            handover_id: handover.id,
            kind: request.body.kind,
            file_name: request.body.fileName,
            content_type: checked.contentType,
            size_bytes: checked.size,
            sha256: checked.sha256,
            content: checked.bytes,
            uploaded_by: user.id,
            uploaded_at: app.clock.now(),
          })
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "document.upload",
          recordType: "handover_document",
          recordId: id,
          subjectId: handover.subject_id ?? undefined,
          placeId: user.county.id,
          details: {
            handoverId: handover.id,
            fileName: request.body.fileName,
            sizeBytes: checked.size,
            sha256: checked.sha256,
          },
        });
      });
      const [doc] = await handoverDocuments(db.kysely, handover.id, id);
      return reply.code(201).send(toDocumentView(doc!));
    },
  );

  api.get(
    "/api/handovers/:handoverId/documents/:documentId",
    {
      config: { access: { roles: agencyReaders } },
      schema: {
        tags: ["intake"],
        summary: "查看（下载）一份法律文书原件；记入审计日志",
        produces: documentContentTypes,
        params: documentParams,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const handover = await findHandover(db.kysely, user, request.params.handoverId);
      if (!handover) throw notFound("交付材料");
      const doc = await db.kysely
        .selectFrom("handover_document")
        .selectAll()
        .where("id", "=", request.params.documentId)
        .where("handover_id", "=", handover.id)
        .executeTakeFirst();
      if (!doc) throw notFound("法律文书");
      return sendAuditedDocument(request, reply, doc, {
        subjectId: handover.subject_id,
        placeId: user.county.id,
      });
    },
  );

  api.post(
    "/api/handovers/:handoverId/register",
    {
      config: { access: { roles: agencyWriters } },
      schema: {
        tags: ["intake"],
        summary:
          "入矫登记：核实身份（身份证号校验位、姓名、出生日期），给工作记录本统一编号，并移交执行地司法所（同一事务）",
        params: handoverParams,
        body: registerBody,
        response: { 201: registerResult, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      try {
        const result = await registerHandover(
          db.kysely,
          user,
          actorOf(request),
          request.params.handoverId,
          request.body,
          bookNumberFormat,
          app.clock.now(),
          app.policies,
        );
        return reply.code(201).send(result);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        uniqueViolation(error, "该身份证号已有一条在矫记录，或编号冲突，请刷新后重试");
      }
    },
  );

  api.get(
    "/api/subjects/:id/documents",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["intake"],
        summary: "社区矫正对象随执行档案移交的法律文书清单",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ items: z.array(documentView) }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await findSubject(db.kysely, user, request.params.id);
      if (!subject) throw notFound("社区矫正对象");
      const docs = await subjectDocuments(db.kysely, subject.id);
      return { items: docs.map(toDocumentView) };
    },
  );

  api.get(
    "/api/subjects/:id/documents/:documentId",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["intake"],
        summary: "查看（下载）社区矫正对象的一份法律文书原件；记入审计日志",
        produces: documentContentTypes,
        params: subjectDocumentParams,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await findSubject(db.kysely, user, request.params.id);
      if (!subject) throw notFound("社区矫正对象");
      const doc = await db.kysely
        .selectFrom("handover_document")
        .innerJoin("handover", "handover.id", "handover_document.handover_id")
        .selectAll("handover_document")
        .where("handover_document.id", "=", request.params.documentId)
        .where("handover.subject_id", "=", subject.id)
        .executeTakeFirst();
      if (!doc) throw notFound("法律文书");
      return sendAuditedDocument(request, reply, doc, { subjectId: subject.id, placeId: subject.office_id });
    },
  );
}

export { handoverStatusLabel };
