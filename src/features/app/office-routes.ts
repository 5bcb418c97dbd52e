// The office's side of the phone app, on the case page's 手机端 card: give or reset the person's
// one-time code, see whether the app is activated and the last check-in, send notices and see
// whether they were read.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { conflict } from "../../http/errors.ts";
import { text } from "../../http/fields.ts";
import { cstIso } from "../../shared/time.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { accessStatus, issueCode } from "./access.ts";
import { appOfficeRoles } from "./roles.ts";
import { instant } from "./today.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });

export const noticeBody = z.object({
  title: text("通知标题", 100),
  body: text("通知内容", 2000),
});

const noticeView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
});

export function appOfficeRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.post(
    "/api/subjects/:id/app-access",
    {
      config: { access: { roles: appOfficeRoles.write } },
      schema: {
        tags: ["app"],
        summary:
          "给社区矫正对象开通或重置手机端：生成一次性激活码（只显示这一次，限期有效）；原密码和未用的激活码随即失效，已登录的手机被退出；记入审计日志",
        params: idParams,
        response: {
          201: z.object({ code: z.string(), expiresAt: z.string(), reset: z.boolean() }),
        },
      },
    },
    async (request, reply) => {
      const subject = await subjectInScope(k, userOf(request), request.params.id);
      const issued = await issueCode(k, request, subject, config.appCodeValidDays);
      return reply
        .code(201)
        .header("cache-control", "no-store")
        .send({ code: issued.code, expiresAt: cstIso(issued.expiresAt), reset: issued.reset });
    },
  );

  api.get(
    "/api/subjects/:id/app",
    {
      config: { access: { roles: appOfficeRoles.read } },
      schema: {
        tags: ["app"],
        summary:
          "手机端情况：是否已激活、激活码有效期、最近一次签到时间，及发给对象的通知和阅读情况（记入审计日志）",
        params: idParams,
        response: {
          200: z.object({
            access: z.object({
              state: z.enum(["none", "code_issued", "code_expired", "active"]),
              codeIssuedAt: z.string().nullable(),
              codeExpiresAt: z.string().nullable(),
              activatedAt: z.string().nullable(),
              lastCheckInAt: z.string().nullable(),
            }),
            notices: z.array(noticeView),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const [status, notices] = await Promise.all([
        accessStatus(k, subject.id, app.clock.now()),
        k
          .selectFrom("app_notice")
          .selectAll()
          .where("subject_id", "=", subject.id)
          .orderBy("sent_at", "desc")
          .limit(200)
          .execute(),
      ]);
      // The last check-in is a fact of the person's location: every look is audited.
      await writeAudit(k, actorOf(request), {
        action: "app.view",
        recordType: "subject",
        recordId: subject.id,
        subjectId: subject.id,
        placeId: subject.officeId,
      });
      return {
        access: {
          state: status.state,
          codeIssuedAt: instant(status.codeIssuedAt),
          codeExpiresAt: instant(status.codeExpiresAt),
          activatedAt: instant(status.activatedAt),
          lastCheckInAt: instant(status.lastCheckInAt),
        },
        notices: notices.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          sentAt: cstIso(n.sent_at),
          readAt: instant(n.read_at),
        })),
      };
    },
  );

  api.post(
    "/api/subjects/:id/notices",
    {
      config: { access: { roles: appOfficeRoles.write } },
      schema: {
        tags: ["app"],
        summary: "给社区矫正对象发送通知（对象在手机端查看并标记已读）",
        params: idParams,
        body: noticeBody,
        response: { 201: z.object({ id: z.string(), sentAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const subject = await subjectInScope(k, userOf(request), request.params.id);
      if (subject.status !== "in_correction") throw conflict("该对象不在矫正期内，不能发送通知");
      const id = randomUUID();
      const now = app.clock.now();
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto("app_notice")
          .values({
            id,
            subject_id: subject.id,
            office_id: subject.officeId,
            title: request.body.title,
            body: request.body.body,
            sent_by: request.user!.id,
            sent_at: now,
            read_at: null,
          })
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "app.notice_send",
          recordType: "app_notice",
          recordId: id,
          subjectId: subject.id,
          placeId: subject.officeId,
          details: { title: request.body.title },
        });
      });
      return reply.code(201).send({ id, sentAt: cstIso(now) });
    },
  );
}
