// /api/book-reviews…: the agency's yearly review of the books — the random sample drawn once with its
// seed, each review's scores per section, the results per office with a Word report, the excellent
// cases and their booklet (minors masked unless made for a stated purpose, audited).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { unmaskRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { excellentBookletDocx, reviewReportDocx } from "../../documents/review-docx.ts";
import { badInput } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { SECTION_IDS } from "../book/sections.ts";
import { bookletCases, drawReviewSample, markExcellent, recordReview, yearReview } from "./service.ts";
import { REVIEW_METHODS } from "./tables.ts";

/** The agency organises the review; the procuratorate reads it. */
const reviewWriters = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
const reviewReaders = ["agency_head", "agency_staff", "prosecutor"] as const satisfies readonly Role[];

const year = z.coerce
  .number({ error: "请填写年度" })
  .int("年度应为整数")
  .min(2000, "年度不能早于 2000 年")
  .max(2199, "年度不能晚于 2199 年");
const section = z.enum(SECTION_IDS, { error: "没有这一部分" });
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function reviewRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/book-reviews",
    {
      config: { access: { roles: reviewReaders } },
      schema: {
        tags: ["review"],
        summary: "年度个案评查：随机抽查名单（含随机种子，可复核）、逐本评查结果、各司法所汇总、优秀案例",
        querystring: z.object({ year }),
      },
    },
    async (request) => yearReview(db.kysely, userOf(request), request.query.year),
  );

  api.post(
    "/api/book-reviews/sample",
    {
      config: { access: { roles: reviewWriters } },
      schema: {
        tags: ["review"],
        summary:
          "抽取年度随机抽查名单：记录随机种子和范围，按 sha256(种子:编号) 由小到大抽取，每县每年一次（重复时 409）",
        body: z.object({
          year,
          count: z.number({ error: "请填写抽查数量" }).int("抽查数量应为整数").min(1, "抽查数量至少为 1"),
        }),
      },
    },
    async (request, reply) => {
      const result = await drawReviewSample(
        db.kysely,
        userOf(request),
        actorOf(request),
        request.body.year,
        request.body.count,
        app.clock.now(),
      );
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/book-reviews",
    {
      config: { access: { roles: reviewWriters } },
      schema: {
        tags: ["review"],
        summary:
          "登记一本工作记录本的评查结果：方式（互查互评须写明评查的司法所）、各部分得分（0–100）和评语",
        body: z.object({
          year,
          subjectId: z.string({ error: "请选择工作记录本" }).min(1).max(64),
          method: z.enum(REVIEW_METHODS, { error: "请选择评查方式：互查互评、集中评查或随机抽查" }),
          reviewerOfficeId: z.string().max(32).nullish(),
          scores: z.partialRecord(
            section,
            z
              .number({ error: "得分应为数字" })
              .int("得分应为整数")
              .min(0, "得分不能小于 0")
              .max(100, "得分不能大于 100"),
            { error: "请填写各部分得分" },
          ),
          remarks: z.partialRecord(section, z.string().trim().max(1000, "评语不能超过 1000 个字")).optional(),
          overall: z.string().trim().max(2000, "总体评价不能超过 2000 个字").nullish(),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await recordReview(
        db.kysely,
        userOf(request),
        actorOf(request),
        {
          ...body,
          scores: body.scores as Record<string, number>,
          remarks: (body.remarks ?? {}) as Record<string, string>,
        },
        app.clock.now(),
      );
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/book-reviews/excellent",
    {
      config: { access: { roles: reviewWriters } },
      schema: {
        tags: ["review"],
        summary: "评选优秀案例：写明理由，每本每年一次",
        body: z.object({
          year,
          subjectId: z.string({ error: "请选择工作记录本" }).min(1).max(64),
          reason: z
            .string({ error: "请填写评选理由" })
            .trim()
            .min(4, "请填写评选理由（至少4个字）")
            .max(2000, "评选理由不能超过 2000 个字"),
        }),
      },
    },
    async (request, reply) => {
      const result = await markExcellent(
        db.kysely,
        userOf(request),
        actorOf(request),
        request.body,
        app.clock.now(),
      );
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/book-reviews/report",
    {
      config: { access: { roles: reviewReaders } },
      schema: {
        tags: ["review"],
        summary: "导出年度评查报告（Word）：各司法所汇总表和逐本评查情况；记入审计日志",
        querystring: z.object({ year }),
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const review = await yearReview(db.kysely, user, request.query.year);
      const buffer = await reviewReportDocx(review, user.county.name, cstDate(app.clock.now()));
      await writeAudit(db.kysely, actorOf(request), {
        action: "review.report",
        recordType: "book_review",
        recordId: String(request.query.year),
        placeId: user.county.id,
        details: { year: request.query.year, reviews: review.reviews.length },
      });
      return reply
        .header("content-type", docx)
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${request.query.year}年度评查报告.docx`)}`,
        )
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );

  api.get(
    "/api/book-reviews/booklet",
    {
      config: { access: { roles: reviewReaders } },
      schema: {
        tags: ["review"],
        summary:
          "导出年度优秀案例汇编（Word）：未成年人姓名遮蔽；有权角色写明用途后可导出完整姓名版；记入审计日志",
        querystring: z.object({ year, purpose: z.string().trim().max(200).optional() }),
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { year: y, purpose } = request.query;
      const cases = await bookletCases(db.kysely, user, y);
      const minors = cases.filter((c) => c.minor).length;
      let unmasked = false;
      if (purpose) {
        if (!(unmaskRoles as readonly Role[]).includes(user.role))
          throw badInput("purpose", "您的角色不能导出未成年人的完整姓名；不填写用途将导出遮蔽姓名的版本");
        if (purpose.length < 2) throw badInput("purpose", "请填写导出用途（至少2个字）");
        unmasked = true;
      }
      const buffer = await excellentBookletDocx(cases, {
        year: y,
        county: user.county.name,
        unmasked,
        madeOn: cstDate(app.clock.now()),
        mask: maskName,
      });
      await writeAudit(db.kysely, actorOf(request), {
        action: unmasked && minors > 0 ? "review.booklet_minor" : "review.booklet",
        recordType: "excellent_case",
        recordId: String(y),
        placeId: user.county.id,
        details: { year: y, cases: cases.length, minors, purpose: purpose ?? null, masked: !unmasked },
      });
      return reply
        .header("content-type", docx)
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${y}年度优秀案例汇编.docx`)}`,
        )
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );
}
