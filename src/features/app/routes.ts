// /api/app — the phone app of the person under correction (issue 12): activation with the office's
// one-time code, sign-in, the person's day, notices, and leave through the leave feature's service.
// Every route but activation, sign-in and `me` is for role `subject`; a subject's session reaches
// nothing outside /api/app (auth/plugin.ts), and every record is the person's own.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { attemptLogin, loginFailureMessage } from "../../auth/login.ts";
import { passwordProblem } from "../../auth/password.ts";
import { actorOf, cookieOptions, userOf } from "../../auth/plugin.ts";
import { openSession } from "../../auth/routes.ts";
import { deleteSession, SESSION_COOKIE } from "../../auth/sessions.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { ApiError, conflict, notFound } from "../../http/errors.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { UPLOAD_BODY_LIMIT } from "../intake/documents.ts";
import { divisionsBelow } from "../leave/divisions.ts";
import { adviceView, adviceWithLabels, divisionsSchema } from "../leave/routes.ts";
import { applicationInScope, closeLeave, fileApplication, subjectForLeave } from "../leave/service.ts";
import { activate, normaliseIdNumber, subjectAccountLookup } from "./access.ts";
import { instant, personDay } from "./today.ts";

/** The phone app's own routes: only the person's session. */
export const subjectOnly = ["subject"] as const;

const idParams = z.object({ id: z.string().min(1).max(64) });
const idNumberField = z
  .string({ error: "请输入身份证号" })
  .trim()
  .min(1, "请输入身份证号")
  .max(30, "身份证号为 18 位");
const newPassword = z
  .string({ error: "请设置密码" })
  .max(256)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const meView = z.object({
  subjectId: z.string(),
  name: z.string(),
  office: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() }),
});

const leaveView = z.object({
  id: z.string(),
  kind: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  destinationName: z.string(),
  destinationAddress: z.string().nullable(),
  reason: z.string(),
  status: z.string(),
  channel: z.string(),
  appliedAt: z.string(),
  approvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnMethod: z.string().nullable(),
  /** The last decision's comment (why refused or returned for more proof). */
  comment: z.string().nullable(),
  /** Approved ordinary leave, begun, not yet reported back: the app offers 销假. */
  canReportBack: z.boolean(),
});

const leaveBody = z.object({
  from: dateField("开始日期"),
  to: dateField("结束日期"),
  destinationCounty: z
    .string({ error: "请选择目的地所在的县（市、区）" })
    .regex(/^[0-9]{6}$/, "请选择目的地所在的县（市、区）"),
  destinationAddress: optionalText("详细地址", 200),
  reason: text("事由", 1000),
  proofs: z
    .array(
      z.object({
        fileName: text("文件名", 200),
        contentType: z.string().max(100).optional(),
        contentBase64: z.string({ error: "请选择要上传的文件" }).min(1, "请选择要上传的文件"),
      }),
    )
    .max(5, "一次最多上传 5 个证明材料")
    .default([]),
});

async function me(db: Db, user: CurrentUser) {
  const office = await db.kysely
    .selectFrom("place")
    .select(["id", "name", "phone"])
    .where("id", "=", user.officeId ?? "")
    .executeTakeFirst();
  return {
    subjectId: user.subjectId ?? "",
    name: user.displayName,
    office: office ?? { id: user.place.id, name: user.place.name, phone: null },
  };
}

export function appRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();
  const signInLimit = { max: config.loginRatePerMinute, timeWindow: 60_000 };
  /** The signed-in person's subject id. */
  const selfId = (user: CurrentUser) => {
    if (!user.subjectId) throw new ApiError(403, "forbidden", "您的角色无权执行此操作");
    return user.subjectId;
  };

  api.get(
    "/api/app/me",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["app"],
        summary:
          "手机端：当前登录的社区矫正对象（未登录为 null）和服务器的当前时间；同时下发 CSRF 令牌 cookie",
        response: { 200: z.object({ me: meView.nullable(), now: z.string() }) },
      },
    },
    async (request) => ({
      me: request.user?.role === "subject" ? await me(db, request.user) : null,
      now: cstIso(now()),
    }),
  );

  api.post(
    "/api/app/activate",
    {
      config: { access: { public: true }, rateLimit: signInLimit },
      schema: {
        tags: ["app"],
        summary:
          "手机端激活：身份证号 + 司法所给的一次性激活码 + 新密码（至少 8 位，含字母和数字）；成功即登录。失败次数受登录限制",
        body: z.object({
          idNumber: idNumberField,
          code: z
            .string({ error: "请输入激活码" })
            .trim()
            .regex(/^[0-9]{8}$/, "激活码为 8 位数字"),
          password: newPassword,
        }),
        response: { 200: z.object({ me: meView }) },
      },
    },
    async (request, reply) => {
      const outcome = await activate(k, config, request, request.body);
      if ("retryAfterSeconds" in outcome) {
        reply.header("retry-after", String(outcome.retryAfterSeconds));
        throw new ApiError(429, "login_throttled", loginFailureMessage.throttled(outcome.retryAfterSeconds));
      }
      const user = await openSession(db, config, request, reply, outcome.userId);
      return { me: await me(db, user) };
    },
  );

  api.post(
    "/api/app/login",
    {
      config: { access: { public: true }, rateLimit: signInLimit },
      schema: {
        tags: ["app"],
        summary: "手机端登录：身份证号和密码；连续失败后须等待（与工作人员登录相同，429 并附 Retry-After）",
        body: z.object({
          idNumber: idNumberField,
          password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(256),
        }),
        response: { 200: z.object({ me: meView }) },
      },
    },
    async (request, reply) => {
      const client = { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
      const idNumber = normaliseIdNumber(request.body.idNumber);
      const outcome = await attemptLogin(
        k,
        config,
        idNumber,
        request.body.password,
        client,
        subjectAccountLookup,
      );
      if (!outcome.ok && outcome.reason === "throttled") {
        reply.header("retry-after", String(outcome.retryAfterSeconds));
        throw new ApiError(429, "login_throttled", loginFailureMessage.throttled(outcome.retryAfterSeconds));
      }
      if (!outcome.ok) throw new ApiError(401, "login_failed", "身份证号或密码错误");
      const user = await openSession(db, config, request, reply, outcome.userId);
      return { me: await me(db, user) };
    },
  );

  api.post(
    "/api/app/logout",
    {
      config: { access: { roles: subjectOnly } },
      schema: { tags: ["app"], summary: "手机端退出登录", response: { 204: z.null() } },
    },
    async (request, reply) => {
      const user = userOf(request);
      await deleteSession(k, user.sessionHash);
      await writeAudit(k, actorOf(request), {
        action: "auth.logout",
        recordType: "user",
        recordId: user.id,
        subjectId: user.subjectId ?? undefined,
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config, true));
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/api/app/today",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary:
          "手机端今日：当天须报告位置的次数和已报告次数、下一次当面报告和电话报告的期限、正在进行的请假（规则引擎计算）",
        response: {
          200: z.object({
            date: z.string(),
            locationReports: z
              .object({ required: z.number(), done: z.number(), status: z.string(), dueBy: z.string() })
              .nullable(),
            checkInsToday: z.number(),
            nextReports: z.array(
              z.object({
                kind: z.string(),
                periodStart: z.string(),
                periodEnd: z.string(),
                dueBy: z.string(),
                required: z.number(),
                done: z.number(),
                status: z.string(),
              }),
            ),
            leave: z
              .object({
                id: z.string(),
                from: z.string(),
                to: z.string().nullable(),
                destinationName: z.string(),
              })
              .nullable(),
            problem: z.string().nullable(),
            unreadNotices: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const subjectId = selfId(userOf(request));
      const [day, unread] = await Promise.all([
        personDay(k, subjectId, now(), app.policies),
        k
          .selectFrom("app_notice")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("subject_id", "=", subjectId)
          .where("read_at", "is", null)
          .executeTakeFirstOrThrow(),
      ]);
      return { ...day, unreadNotices: Number(unread.n) };
    },
  );

  api.get(
    "/api/app/notices",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary: "手机端：司法所发来的通知（新的在前）",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                body: z.string(),
                sentAt: z.string(),
                readAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await k
        .selectFrom("app_notice")
        .selectAll()
        .where("subject_id", "=", selfId(userOf(request)))
        .orderBy("sent_at", "desc")
        .limit(200)
        .execute();
      return {
        items: rows.map((n) => ({
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
    "/api/app/notices/:id/read",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary: "手机端：标记一条通知为已读（司法所可见阅读时间；再次标记不改变首次阅读时间）",
        params: idParams,
        response: { 200: z.object({ id: z.string(), readAt: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subjectId = selfId(user);
      const at = now();
      return k.transaction().execute(async (trx) => {
        const notice = await trx
          .selectFrom("app_notice")
          .select(["id", "read_at", "office_id"])
          .where("id", "=", request.params.id)
          .where("subject_id", "=", subjectId)
          .forUpdate()
          .executeTakeFirst();
        if (!notice) throw notFound("通知");
        if (notice.read_at) return { id: notice.id, readAt: cstIso(notice.read_at) };
        await trx.updateTable("app_notice").set({ read_at: at }).where("id", "=", notice.id).execute();
        await writeAudit(trx, actorOf(request), {
          action: "app.notice_read",
          recordType: "app_notice",
          recordId: notice.id,
          subjectId,
          placeId: notice.office_id,
        });
        return { id: notice.id, readAt: cstIso(at) };
      });
    },
  );

  api.get(
    "/api/app/divisions",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary: "手机端请假目的地选择：行政区划（不带 parent 为各省，带 parent 为其下一级；leaf 为县级）",
        ...divisionsSchema,
      },
    },
    async (request) => ({ items: await divisionsBelow(k, request.query.parent) }),
  );

  api.get(
    "/api/app/leaves",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary: "手机端：本人的请假申请和审批状态",
        response: { 200: z.object({ items: z.array(leaveView), today: z.string() }) },
      },
    },
    async (request) => {
      const subjectId = selfId(userOf(request));
      const today = cstDate(now());
      const rows = await k
        .selectFrom("leave_application")
        .selectAll()
        .select((eb) =>
          eb
            .selectFrom("leave_decision")
            .select("leave_decision.comment")
            .whereRef("leave_decision.application_id", "=", "leave_application.id")
            .orderBy("leave_decision.id", "desc")
            .limit(1)
            .as("last_comment"),
        )
        .where("subject_id", "=", subjectId)
        .orderBy("from_date", "desc")
        .limit(100)
        .execute();
      return {
        today,
        items: rows.map((a) => ({
          id: a.id,
          kind: a.kind,
          from: a.from_date,
          to: a.to_date,
          destinationName: a.destination_name,
          destinationAddress: a.destination_address,
          reason: a.reason,
          status: a.status,
          channel: a.channel,
          appliedAt: cstIso(a.applied_at),
          approvedAt: instant(a.approved_at),
          returnedAt: instant(a.returned_at),
          returnMethod: a.return_method,
          comment: a.last_comment ?? null,
          canReportBack: a.kind === "ordinary" && a.status === "approved" && a.from_date <= today,
        })),
      };
    },
  );

  api.post(
    "/api/app/leaves",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary:
          "手机端：本人提交请假外出申请（目的地从行政区划选择；证明材料 PDF、JPEG 或 PNG，按内容识别）；司法所照常审批；返回规则引擎的意见",
        body: leaveBody,
        response: {
          201: z.object({ id: z.string(), advice: adviceView }),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectForLeave(k, user, selfId(user), app.policies);
      const body = request.body;
      const { id, advice } = await fileApplication(
        k,
        request,
        subject,
        {
          kind: "ordinary",
          from: body.from,
          to: body.to,
          destinationCounty: body.destinationCounty,
          destinationAddress: body.destinationAddress ?? null,
          reason: body.reason,
          proofs: body.proofs,
        },
        now(),
      );
      return reply.code(201).send({ id, advice: adviceWithLabels(advice) });
    },
  );

  api.post(
    "/api/app/leaves/:id/return",
    {
      config: { access: { roles: subjectOnly } },
      schema: {
        tags: ["app"],
        summary: "手机端销假：本人报告已返回，记为“通过手机应用销假”，请假随即结束（提前返回即提前结束）",
        params: idParams,
        body: z.object({ note: optionalText("销假情况", 1000) }),
        response: { 200: z.object({ status: z.string(), returnedAt: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const at = now();
      if (application.from_date > cstDate(at)) throw conflict("请假尚未开始，不能销假");
      await closeLeave(
        k,
        request,
        subject,
        application,
        { at, method: "app", note: request.body.note ?? null },
        at,
      );
      return { status: "closed", returnedAt: cstIso(at) };
    },
  );
}
