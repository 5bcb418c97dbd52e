// /api/subjects/:id/book…: the book (一人一册) of one subject — read by everyone whose scope holds
// the subject, each section written only by its author role, with a version check; the office head's
// level decision; and the Word export of the whole book or one document.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles, unmaskRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { bookDocx, SINGLE_DOCUMENTS } from "../../documents/book-docx.ts";
import { badInput, notFound } from "../../http/errors.ts";
import { dateField } from "../../http/fields.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { findSubject } from "../subjects/queries.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { dailyRecords } from "./daily-records.ts";
import { SECTION_IDS, sectionById } from "./sections.ts";
import { decideLevel, loadBook, saveSection } from "./service.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });
const sectionParams = idParams.extend({
  section: z.enum(SECTION_IDS, { error: "没有这一部分" }),
});

const saveBody = z.object({
  entry: z.string().trim().min(1).max(40).default("main"),
  baseVersion: z.number({ error: "请提供所编辑的版本号（baseVersion）" }).int().min(0, "版本号不能小于 0"),
  content: z.record(z.string(), z.unknown(), { error: "请提供内容" }),
  complete: z.boolean().default(false),
  note: z.string().trim().max(500, "修改说明不能超过 500 个字").nullish(),
});

export function bookRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/subjects/:id/book",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["book"],
        summary:
          "一人一册工作记录本：按纸质记录本顺序列出各部分（填写角色、版本、规则引擎给出的期限和状态）、分类管理建议和决定、反馈表；查看记入审计日志",
        params: idParams,
      },
    },
    async (request) => {
      const user = userOf(request);
      const book = await loadBook(db.kysely, app.policies, user, request.params.id, app.clock.now());
      await writeAudit(db.kysely, actorOf(request), {
        action: "book.view",
        recordType: "subject",
        recordId: book.row.id,
        subjectId: book.row.id,
        placeId: book.row.office_id,
      });
      const { row: _row, ...view } = book;
      return view;
    },
  );

  api.get(
    "/api/subjects/:id/book/reminder",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["book"],
        summary: "心理评价中的“特别提醒”（在该对象的每个页面上显示）",
        params: idParams,
        response: {
          200: z.object({ specialReminder: z.string().nullable(), bookNumber: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await findSubject(db.kysely, user, request.params.id);
      if (!subject) throw notFound("社区矫正对象");
      const psych = await db.kysely
        .selectFrom("book_section_version")
        .select("content")
        .where("subject_id", "=", subject.id)
        .where("section", "=", "psych_evaluation")
        .where("entry", "=", "main")
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst();
      const text = psych?.content.specialReminder;
      return {
        specialReminder: typeof text === "string" && text.trim() ? text.trim() : null,
        bookNumber: subject.book_number,
      };
    },
  );

  api.put(
    "/api/subjects/:id/book/sections/:section",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["book"],
        summary:
          "保存工作记录本的一部分（新版本）：只有该部分的填写角色可以保存；须提供所编辑的版本号，他人已修改时拒绝（409）；标记完成后规则引擎视为已完成",
        params: sectionParams,
        body: saveBody,
        response: {
          200: z.object({
            section: z.string(),
            entry: z.string(),
            version: z.number(),
            complete: z.boolean(),
            completedNow: z.boolean(),
          }),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const saved = await saveSection(
        db.kysely,
        app.policies,
        user,
        actorOf(request),
        request.params.id,
        request.params.section,
        request.body,
        app.clock.now(),
      );
      return saved;
    },
  );

  api.post(
    "/api/subjects/:id/level-decisions",
    {
      config: { access: { roles: ["office_head"] } },
      schema: {
        tags: ["book"],
        summary: "司法所负责人决定管理等级；与规则引擎的建议不一致时须写明理由",
        params: idParams,
        body: z.object({
          // 宽管 (lenient) only where the county's profile enables it (checked in decideLevel).
          level: z.enum(["key", "strict", "normal", "lenient"], { error: "请选择管理等级" }),
          fromDate: dateField("生效日期"),
          reason: z.string().trim().max(500, "理由不能超过 500 个字").nullish(),
        }),
        response: {
          200: z.object({ level: z.string(), levelLabel: z.string(), against: z.boolean() }),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const decided = await decideLevel(
        db.kysely,
        app.policies,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        app.clock.now(),
      );
      return decided;
    },
  );

  api.get(
    "/api/subjects/:id/book/export",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["book"],
        summary:
          "导出 Word（.docx，A4，宋体/黑体）：整本工作记录本或其中一份文书；未成年人的完整姓名仅限有权角色说明目的后导出，记入审计日志",
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        params: idParams,
        querystring: z.object({
          document: z.enum([...SECTION_IDS, ...SINGLE_DOCUMENTS]).optional(),
          purpose: z.string().trim().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const book = await loadBook(db.kysely, app.policies, user, request.params.id, app.clock.now());
      const { document, purpose } = request.query;
      const minor = isMinorSubject(book.row);
      let unmasked = !minor;
      if (minor && purpose) {
        if (!(unmaskRoles as readonly Role[]).includes(user.role))
          throw badInput("purpose", "您的角色不能导出未成年人的完整姓名；不填写目的将导出遮蔽姓名的版本");
        if (purpose.length < 2) throw badInput("purpose", "请填写导出目的（至少2个字）");
        unmasked = true;
      }
      const displayName = unmasked ? book.row.name : book.subject.name;
      const birthDate = unmasked ? book.row.birth_date : book.subject.birthDate;
      // The daily records of 个案矫正工作记录 come from the events, read only when printed.
      const records =
        !document || document === "work_record"
          ? await dailyRecords(
              db.kysely,
              book.row.id,
              (await app.policies.forCounty(book.row.county_id)).profile,
            )
          : undefined;
      const buffer = await bookDocx(book, {
        only: document,
        displayName,
        birthDate,
        county: user.county.name,
        dailyRecords: records,
      });
      await writeAudit(db.kysely, actorOf(request), {
        action: minor && unmasked ? "book.export_minor" : "book.export",
        recordType: "subject",
        recordId: book.row.id,
        subjectId: book.row.id,
        placeId: book.row.office_id,
        details: { document: document ?? "whole_book", purpose: purpose ?? null, masked: !unmasked },
      });
      const label = document ? (sectionById.get(document)?.label ?? document) : "工作记录本";
      const fileName = `${book.row.book_number ?? book.row.id}-${label}.docx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );
}
