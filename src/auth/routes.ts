// /api/auth: the session (who am I), log-in and log-out.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { roleLabel } from "../glossary.ts";
import { ApiError } from "../http/errors.ts";
import { allRoles, type CurrentUser } from "./access.ts";
import { attemptLogin, loginFailureMessage } from "./login.ts";
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

export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const messages = loginFailureMessage(config);

  api.get(
    "/api/auth/session",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["auth"],
        summary: "当前登录用户（未登录时为 null）；同时下发 CSRF 令牌 cookie",
        response: { 200: z.object({ user: userView.nullable() }) },
      },
    },
    async (request) => ({ user: request.user ? toUserView(request.user) : null }),
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
        summary: "登录（账户连续失败多次将被临时锁定）",
        body: z.object({
          username: z.string().trim().min(1, "请输入用户名").max(64),
          password: z.string().min(1, "请输入密码").max(256),
        }),
        response: { 200: z.object({ user: userView }) },
      },
    },
    async (request, reply) => {
      const client = { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
      const { username, password } = request.body;
      const outcome = await attemptLogin(db.kysely, config, username, password, client);
      if (!outcome.ok) throw new ApiError(401, "login_failed", messages[outcome.reason]);
      if (request.user) await deleteSession(db.kysely, request.user.sessionHash);
      const { token, csrfToken } = await createSession(db.kysely, config, outcome.userId, client);
      const user = await loadSession(db.kysely, config, token);
      if (!user) throw new ApiError(500, "session", "会话创建失败");
      reply.setCookie(SESSION_COOKIE, token, {
        ...cookieOptions(config, true),
        maxAge: config.sessionMaxHours * 3600,
      });
      reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(config, false));
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
}
