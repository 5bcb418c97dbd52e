// Authentication, CSRF protection and route-level authorisation, applied to every request.
// - Every /api route must declare `config.access`; a route without one makes the server refuse to
//   start, so no route can be added without an access rule.
// - CSRF: double-submit token. A readable cookie carries the token and every state-changing request
//   must echo it in `x-csrf-token`; once signed in, the token is bound to the session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { ApiError } from "../http/errors.ts";
import { type AccessRule, type CurrentUser, readOnlyRoles } from "./access.ts";
import { CSRF_COOKIE, loadSession, newToken, SESSION_COOKIE } from "./sessions.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function cookieOptions(config: Config, httpOnly: boolean) {
  return { path: "/", httpOnly, sameSite: "strict" as const, secure: config.secureCookies };
}

export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  return {
    id: user?.id ?? null,
    name: user?.displayName ?? null,
    role: user?.role ?? null,
    ip: request.ip ?? null,
    userAgent: request.headers["user-agent"] ?? null,
    at: request.server.clock.now(),
  };
}

/** The signed-in user; handlers behind a `roles` rule can rely on it. */
export function userOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new ApiError(401, "unauthenticated", "请先登录");
  return request.user;
}

/** Every API route with its access rule, as registered (the access-matrix test walks this list). */
export interface ApiRoute {
  method: string;
  url: string;
  access: AccessRule;
}

export function setUpAuth(app: FastifyInstance, db: Db, config: Config): ApiRoute[] {
  const routes: ApiRoute[] = [];
  app.decorateRequest("user", null);

  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const methods = ([] as string[]).concat(route.method);
    if (route.url.startsWith("/api/docs")) {
      route.config = { ...(route.config ?? {}), access: { public: true } };
      return;
    }
    const access = (route.config as { access?: AccessRule } | undefined)?.access;
    if (!access)
      throw new Error(`route ${methods.join(",")} ${route.url} has no access rule (config.access)`);
    for (const method of methods) if (method !== "HEAD") routes.push({ method, url: route.url, access });
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? await loadSession(db.kysely, config, token) : null;
    if (token && !request.user) reply.clearCookie(SESSION_COOKIE, cookieOptions(config, true));

    let csrfCookie = request.cookies[CSRF_COOKIE];
    const expected = request.user?.csrfToken;
    if (expected ? csrfCookie !== expected : !csrfCookie) {
      csrfCookie = expected ?? newToken();
      reply.setCookie(CSRF_COOKIE, csrfCookie, cookieOptions(config, false));
      request.cookies[CSRF_COOKIE] = csrfCookie;
    }

    const access = request.routeOptions.config?.access;
    if (!request.url.startsWith("/api/") || !access || "public" in access) {
      const signed = access && "public" in access && access.signed;
      if (!SAFE_METHODS.has(request.method) && !signed) checkCsrf(request, csrfCookie);
      return;
    }
    const user = request.user;
    if (!user) throw new ApiError(401, "unauthenticated", "请先登录");
    // A person under correction signs in to the phone app: the session reaches /api/app/* only.
    if (user.role === "subject" && !request.routeOptions.url?.startsWith("/api/app/"))
      throw new ApiError(403, "forbidden", "您的角色无权执行此操作");
    if (!access.roles.includes(user.role)) throw new ApiError(403, "forbidden", "您的角色无权执行此操作");
    if (!SAFE_METHODS.has(request.method)) {
      checkCsrf(request, csrfCookie);
      if (readOnlyRoles.has(user.role) && !access.readsOnly) {
        throw new ApiError(403, "forbidden", "检察监督为只读权限，不能修改记录");
      }
    }
  });
  return routes;
}

function checkCsrf(request: FastifyRequest, cookieToken: string | undefined): void {
  const header = request.headers["x-csrf-token"];
  const expected = request.user?.csrfToken ?? cookieToken;
  if (!expected || typeof header !== "string" || header !== expected) {
    throw new ApiError(403, "csrf", "页面已过期或请求来源不明，请刷新页面后重试");
  }
}
