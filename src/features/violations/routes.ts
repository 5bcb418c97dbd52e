// /api/violations — violation cases (违规处置): the list by stage with the court clocks, the case file,
// opening, interviews, evidence, the decision path (propose, sign, approve or return), whether the
// person corrected their behaviour, and the court's instants. The procuratorate reads, never writes.
// Records out of the user's scope are "not found" (auth/access.ts).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import {
  CASE_DOCUMENTS,
  caseReviewDocx,
  decisionDocx,
  decisionTitle,
  noticeDocx,
} from "../../documents/sanction-docx.ts";
import { roleLabel } from "../../glossary.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { MASKED_BIRTH_DATE, maskIdNumber } from "../../shared/id-number.ts";
import { UPLOAD_BODY_LIMIT } from "../intake/documents.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { writeCaseReview } from "./case-review.ts";
import {
  caseReviewBody,
  correctedBody,
  courtBody,
  evidenceBody,
  interviewBody,
  openCaseBody,
  proposalBody,
  resistsBody,
  reviewBody,
} from "./schemas.ts";
import {
  addEvidence,
  addInterview,
  caseInScope,
  eligibleInvestigators,
  openCase,
  proposeMeasure,
  recordCorrected,
  recordCourt,
  recordResistsSupervision,
  reviewProposal,
  signProposal,
} from "./service.ts";
import { caseFile, listCases } from "./view.ts";

/** Who does what (the server decides; the console only hides buttons). */
export const violationRoles = {
  read: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
  open: ["office_head", "office_assistant"],
  investigate: ["office_head", "office_assistant", "agency_head", "agency_staff"],
  propose: ["office_head", "office_assistant"],
  sign: ["office_head"],
  review: ["agency_head", "agency_staff"],
  corrected: ["office_head", "office_assistant"],
  court: ["agency_head", "agency_staff"],
  resists: ["office_head", "office_assistant"],
} as const satisfies Record<string, readonly Role[]>;

const caseParams = z.object({ caseId: z.string().min(1).max(64) });
const ok = z.object({ ok: z.literal(true) });
const caseFileSchema = z.looseObject({ id: z.string(), stage: z.string() });
const TAGS = ["violations"];

export function violationRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();

  api.get(
    "/api/violations",
    {
      config: { access: { roles: violationRoles.read } },
      schema: {
        tags: TAGS,
        summary: "违规处置案件列表：按阶段，含人民法院处理期限",
        querystring: z.object({
          stage: z
            .enum(["open", "all", "investigating", "proposed", "signed", "returned", "approved"])
            .default("open"),
          subjectId: z.string().max(64).optional(),
        }),
        response: { 200: z.object({ items: z.array(z.looseObject({ id: z.string() })) }) },
      },
    },
    async (request) => ({ items: await listCases(k, app.policies, userOf(request), request.query, now()) }),
  );

  api.get(
    "/api/violations/investigators",
    {
      config: { access: { roles: violationRoles.open } },
      schema: {
        tags: TAGS,
        summary: "可选的调查人员：本司法所和本县社区矫正机构的工作人员账号",
        querystring: z.object({ subjectId: z.string().min(1).max(64) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), name: z.string(), role: z.string(), roleLabel: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const subject = await subjectInScope(k, userOf(request), request.query.subjectId);
      const staff = await eligibleInvestigators(k, subject.officeId, subject.countyId);
      return {
        items: staff.map((s) => ({
          id: s.id,
          name: s.display_name,
          role: s.role,
          roleLabel: roleLabel[s.role],
        })),
      };
    },
  );

  api.post(
    "/api/violations",
    {
      config: { access: { roles: violationRoles.open } },
      schema: {
        tags: TAGS,
        summary: "违规立案调查：来源、类型和情节（或天数）、事实、二名以上调查人员",
        body: openCaseBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const id = await openCase(k, request, request.body, now());
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/api/violations/:caseId",
    {
      config: { access: { roles: violationRoles.read } },
      schema: {
        tags: TAGS,
        summary: "违规处置案卷：事实、证据、询问笔录、调查人员、系统建议及依据、审批过程、人民法院期限",
        params: caseParams,
        response: { 200: caseFileSchema },
      },
    },
    async (request) => {
      const { row } = await caseInScope(k, userOf(request), request.params.caseId);
      return caseFile(k, app.policies, row.id, now());
    },
  );

  api.post(
    "/api/violations/:caseId/interviews",
    {
      config: { access: { roles: violationRoles.investigate } },
      schema: {
        tags: TAGS,
        summary: "登记询问笔录：被询问人、时间地点、询问人和记录人（本案调查人员）",
        params: caseParams,
        body: interviewBody,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const id = await addInterview(k, request, request.params.caseId, request.body, now());
      return reply.code(201).send({ id });
    },
  );

  api.post(
    "/api/violations/:caseId/evidence",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: violationRoles.investigate } },
      schema: {
        tags: TAGS,
        summary: "上传证据材料（PDF、JPEG、PNG，按内容识别类型）",
        params: caseParams,
        body: evidenceBody,
        response: { 201: z.object({ id: z.string(), sha256: z.string() }) },
      },
    },
    async (request, reply) => {
      const saved = await addEvidence(k, request, request.params.caseId, request.body, now());
      return reply.code(201).send(saved);
    },
  );

  api.get(
    "/api/violations/:caseId/evidence/:evidenceId",
    {
      config: { access: { roles: violationRoles.read } },
      schema: {
        tags: TAGS,
        summary: "查看证据材料原件（记入审计日志）",
        params: caseParams.extend({ evidenceId: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) => {
      const { row } = await caseInScope(k, userOf(request), request.params.caseId);
      const doc = await k
        .selectFrom("violation_evidence")
        .select(["id", "file_name", "content_type", "content", "sha256"])
        .where("case_id", "=", row.id)
        .where("id", "=", request.params.evidenceId)
        .executeTakeFirst();
      if (!doc) throw notFound("证据材料");
      await writeAudit(k, actorOf(request), {
        action: "violation.evidence_download",
        recordType: "violation_evidence",
        recordId: doc.id,
        subjectId: row.subject_id,
        placeId: row.office_id,
      });
      return reply
        .header("content-type", doc.content_type)
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`)
        .header("x-content-sha256", doc.sha256)
        .header("cache-control", "private, no-store")
        .send(doc.content);
    },
  );

  api.post(
    "/api/violations/:caseId/proposal",
    {
      config: { access: { roles: violationRoles.propose } },
      schema: {
        tags: TAGS,
        summary: "司法所提出处置意见；与系统建议不同须写明理由",
        params: caseParams,
        body: proposalBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await proposeMeasure(k, request, request.params.caseId, request.body, now());
      return { ok: true as const };
    },
  );

  api.post(
    "/api/violations/:caseId/sign",
    {
      config: { access: { roles: violationRoles.sign } },
      schema: { tags: TAGS, summary: "司法所负责人签署处置意见", params: caseParams, response: { 200: ok } },
    },
    async (request) => {
      await signProposal(k, request, request.params.caseId, now());
      return { ok: true as const };
    },
  );

  api.post(
    "/api/violations/:caseId/review",
    {
      config: { access: { roles: violationRoles.review } },
      schema: {
        tags: TAGS,
        summary: "社区矫正机构审批：同意，或写明理由退回补充调查",
        params: caseParams,
        body: reviewBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await reviewProposal(k, request, request.params.caseId, request.body, now());
      return { ok: true as const };
    },
  );

  api.post(
    "/api/violations/:caseId/corrected",
    {
      config: { access: { roles: violationRoles.corrected } },
      schema: {
        tags: TAGS,
        summary: "记录处置后是否改正（仍不改正的，按规定升级处置）",
        params: caseParams,
        body: correctedBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await recordCorrected(k, request, request.params.caseId, request.body, now());
      return { ok: true as const };
    },
  );

  api.post(
    "/api/violations/:caseId/court",
    {
      config: { access: { roles: violationRoles.court } },
      schema: {
        tags: TAGS,
        summary: "记录提请人民法院及其处理情况：提请、逮捕决定、羁押、裁定",
        params: caseParams,
        body: courtBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await recordCourt(k, request, request.params.caseId, request.body, now());
      return { ok: true as const };
    },
  );

  api.get(
    "/api/violations/:caseId/documents/:document",
    {
      config: { access: { roles: violationRoles.read } },
      schema: {
        tags: TAGS,
        summary:
          "下载处置文书（Word）：训诫决定书、警告决定书、提请治安管理处罚建议书、提请撤销缓刑（假释）建议书、提请收监执行建议书，或处置告知书；记入审计日志",
        params: caseParams.extend({
          document: z.enum(CASE_DOCUMENTS, {
            error: "文书只能是处置文书（decision）、告知书（notice）或一案一复盘（case_review）",
          }),
        }),
      },
    },
    async (request, reply) => {
      const { row } = await caseInScope(k, userOf(request), request.params.caseId);
      if (!row.proposed_measure && request.params.document !== "case_review")
        throw conflict("尚未提出处置意见，还没有处置文书");
      const subject = await k
        .selectFrom("subject")
        .selectAll()
        .where("id", "=", row.subject_id)
        .executeTakeFirstOrThrow();
      const file = await caseFile(k, app.policies, row.id, now());
      // A minor's identity stays masked in documents made here (Art. 54).
      const minor = isMinorSubject(subject);
      const person = {
        name: file.subject.name,
        gender: subject.gender,
        birthDate: minor ? MASKED_BIRTH_DATE : subject.birth_date,
        idNumber: minor ? maskIdNumber(subject.id_number) : subject.id_number,
        address: subject.address,
        decidingOrgan: subject.deciding_organ,
        judgmentNumber: subject.judgment_number,
        sentenceText: subject.sentence_text,
        termStart: subject.term_start,
        termEnd: subject.term_end,
      };
      const county = userOf(request).county.name;
      const document = request.params.document;
      const buffer =
        document === "decision"
          ? await decisionDocx(file, person, county)
          : document === "notice"
            ? await noticeDocx(file, person, county)
            : await caseReviewDocx(file, county);
      await writeAudit(k, actorOf(request), {
        action: "violation.document",
        recordType: "violation_case",
        recordId: row.id,
        subjectId: row.subject_id,
        placeId: row.office_id,
        details: { document, measure: row.proposed_measure },
      });
      const title =
        document === "decision"
          ? decisionTitle(row.proposed_measure ?? "", subject.correction_type)
          : document === "notice"
            ? "处置告知书"
            : "一案一复盘";
      const fileName = `${file.subject.name}-${title}.docx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );

  api.post(
    "/api/violations/:caseId/case-review",
    {
      config: { access: { roles: violationRoles.investigate } },
      schema: {
        tags: TAGS,
        summary: "填写一案一复盘：司法所和社区矫正机构各自填写（脱管、提请撤销或收监后一个月内）",
        params: caseParams,
        body: caseReviewBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await writeCaseReview(k, request, request.params.caseId, request.body, now());
      return { ok: true as const };
    },
  );

  api.post(
    "/api/subjects/:id/resists-supervision",
    {
      config: { access: { roles: violationRoles.resists } },
      schema: {
        tags: TAGS,
        summary: "认定（或撤销认定）社区矫正对象抗拒、不服从监管，写明理由（分类管理 K1）",
        params: z.object({ id: z.string().min(1).max(64) }),
        body: resistsBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await recordResistsSupervision(k, request, request.params.id, request.body);
      return { ok: true as const };
    },
  );
}
