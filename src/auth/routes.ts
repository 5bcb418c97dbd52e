// /api/auth: the session (who am I, and the server's time), log-in, log-out, and the agency head's
// clearing of an account's log-in throttle.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { roleLabel } from "../glossary.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { errorBody } from "../http/openapi.ts";
import { cstIso } from "../shared/time.ts";
import { accountAdminRoles, allRoles, type CurrentUser } from "./access.ts";
import { attemptLogin, clearLoginThrottles, loginFailureMessage } from "./login.ts";
import { placeChain } from "./places.ts";
import { actorOf, cookieOptions } from "./plugin.ts";
import { CSRF_COOKIE, createSession, deleteSession, loadSession, SESSION_COOKIE } from "./sessions.ts";

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(allRoles),
  roleLabel: z.string(),
  place: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  county: z.object({ id: z.string(), name: z.string() }),
});

export function toUserView(user: CurrentUser): z.infer<typeof userView> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleLabel: roleLabel[user.role],
    place: user.place,
    county: user.county,
  };
}

/** Starts a session for a user who proved who they are (ends the request's old one) and sets its cookies. */
export async function openSession(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<CurrentUser> {
  const client = { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
  if (request.user) await deleteSession(db.kysely, request.user.sessionHash);
  const { token, csrfToken } = await createSession(db.kysely, config, userId, client);
  const user = await loadSession(db.kysely, config, token);
  if (!user) throw new ApiError(500, "session", "会话创建失败");
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(config, true),
    maxAge: config.sessionMaxHours * 3600,
  });
  reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(config, false));
  return user;
}

export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/auth/session",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["auth"],
        summary:
          "当前登录用户（未登录时为 null）和服务器的当前时间（控制台以此计算“今天”）；同时下发 CSRF 令牌 cookie",
        response: { 200: z.object({ user: userView.nullable(), now: z.string() }) },
      },
    },
    async (request) => ({
      user: request.user ? toUserView(request.user) : null,
      now: cstIso(app.clock.now()),
    }),
  );

  api.post(
    "/api/auth/login",
    {
      config: {
        access: { public: true },
        rateLimit: { max: config.loginRatePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ["auth"],
        summary:
          "登录；同一账户在同一客户端地址连续失败多次后，该地址的下一次尝试须等待（逐次加倍，429 并附 Retry-After）",
        body: z.object({
          username: z.string().trim().min(1, "请输入用户名").max(64),
          password: z.string().min(1, "请输入密码").max(256),
        }),
        response: {
          200: z.object({ user: userView }),
          401: errorBody.describe("用户名或密码错误（未知账户与真实账户的提示相同）"),
        },
      },
    },
    async (request, reply) => {
      const client = { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
      const { username, password } = request.body;
      const outcome = await attemptLogin(db.kysely, config, username, password, client);
      if (!outcome.ok && outcome.reason === "throttled") {
        reply.header("retry-after", String(outcome.retryAfterSeconds));
        throw new ApiError(429, "login_throttled", loginFailureMessage.throttled(outcome.retryAfterSeconds));
      }
      if (!outcome.ok) throw new ApiError(401, "login_failed", loginFailureMessage.invalid);
      const user = await openSession(db, config, request, reply, outcome.userId);
      return { user: toUserView(user) };
    },
  );

  api.post(
    "/api/auth/logout",
    {
      config: { access: { roles: allRoles, readsOnly: true } },
      schema: { tags: ["auth"], summary: "退出登录", response: { 204: z.null() } },
    },
    async (request, reply) => {
      const user = request.user;
      if (user) {
        await deleteSession(db.kysely, user.sessionHash);
        await writeAudit(db.kysely, actorOf(request), {
          action: "auth.logout",
          recordType: "user",
          recordId: user.id,
        });
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config, true));
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/api/auth/login-throttles/:username",
    {
      config: { access: { roles: accountAdminRoles } },
      schema: {
        tags: ["auth"],
        summary: "解除本县一个账户的登录限制（清除其在所有客户端地址的失败记录）；记入审计日志",
        params: z.object({ username: z.string().trim().min(1, "请输入用户名").max(64) }),
        response: { 200: z.object({ username: z.string(), cleared: z.number() }) },
      },
    },
    async (request) => {
      const admin = request.user!;
      const { username } = request.params;
      const target = await db.kysely
        .selectFrom("app_user")
        .select(["id", "place_id"])
        .where("username", "=", username)
        .executeTakeFirst();
      const chain = target ? await placeChain(db.kysely, target.place_id) : null;
      if (!target || chain?.county?.id !== admin.county.id) throw notFound("账户");
      const cleared = await db.kysely.transaction().execute(async (trx) => {
        const n = await clearLoginThrottles(trx, username);
        await writeAudit(trx, actorOf(request), {
          action: "auth.login_unlock",
          recordType: "user",
          recordId: target.id,
          placeId: target.place_id,
          details: { username, cleared: n },
        });
        return n;
      });
      return { username, cleared };
    },
  );
}
