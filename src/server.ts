// Assembles the HTTP server in one readable order: errors and validation, security headers, cookies,
// rate limits, the API document, authentication and authorisation, then health, the API features,
// and the web console's static files with its single-page fallback.
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditRoutes } from "./audit/routes.ts";
import { type ApiRoute, setUpAuth } from "./auth/plugin.ts";
import { authRoutes } from "./auth/routes.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/connect.ts";
import { aftercareRoutes } from "./features/aftercare/routes.ts";
import { alertRoutes } from "./features/alerts/routes.ts";
import { appOfficeRoutes } from "./features/app/office-routes.ts";
import { appRoutes } from "./features/app/routes.ts";
import { bookRoutes } from "./features/book/routes.ts";
import { calendarRoutes } from "./features/calendar/routes.ts";
import { dashboardRoutes } from "./features/dashboards/routes.ts";
import { deviceRoutes } from "./features/devices/routes.ts";
import { exchangeRoutes } from "./features/exchange/routes.ts";
import { hazardRoutes } from "./features/hazards/routes.ts";
import { intakeRoutes } from "./features/intake/routes.ts";
import { investigationRoutes } from "./features/investigation/routes.ts";
import { leaveRoutes } from "./features/leave/routes.ts";
import { locationRoutes } from "./features/location/routes.ts";
import { majorEventRoutes } from "./features/major-events/routes.ts";
import { mapRoutes, tileSources } from "./features/map/routes.ts";
import { placeRoutes } from "./features/places/routes.ts";
import { pointsRoutes } from "./features/points/routes.ts";
import { CountyPolicies } from "./features/policy/county-policy.ts";
import { policyRoutes } from "./features/policy/routes.ts";
import { releaseRoutes } from "./features/release/routes.ts";
import { resettlementRoutes } from "./features/resettlement/routes.ts";
import { reviewRoutes } from "./features/review/routes.ts";
import { riskMeetingRoutes } from "./features/risk-meetings/routes.ts";
import { screeningRoutes } from "./features/screening/routes.ts";
import { statisticsRoutes } from "./features/statistics/routes.ts";
import { responsibleRoutes } from "./features/subjects/responsible.ts";
import { subjectRoutes } from "./features/subjects/routes.ts";
import { supervisionRoutes } from "./features/supervision/routes.ts";
import { samplingRoutes } from "./features/supervision/sampling-routes.ts";
import { TodayCache } from "./features/today/cache.ts";
import { todayRoutes } from "./features/today/routes.ts";
import { transferRoutes } from "./features/transfer/routes.ts";
import { violationRoutes } from "./features/violations/routes.ts";
import { healthRoutes } from "./health.ts";
import { frameworkErrors, setUpErrors } from "./http/error-handler.ts";
import { setUpInputGuard } from "./http/input-guard.ts";
import { documentResponses } from "./http/openapi.ts";
import "./http/types.ts";
import { projectRoot } from "./shared/project-root.ts";

z.config(z.locales.zhCN());

export const webDistDir = join(projectRoot, "dist", "web");
/** The subject's phone app (web/app), served at /app. */
export const appDistDir = join(projectRoot, "dist", "app");

export interface ServerOptions {
  logger?: boolean;
  /**
   * Registers more routes before the server is sealed (`app.ready()`): for the benchmarks' reference
   * routes (bench/today.bench.ts), which the product itself never has.
   */
  extraRoutes?: (app: FastifyInstance) => void;
}

export interface Server {
  app: FastifyInstance;
  /** Every API route with its access rule. */
  apiRoutes: ApiRoute[];
}

export async function buildServer(db: Db, config: Config, options: ServerOptions = {}): Promise<Server> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    frameworkErrors,
  });
  app.decorate("clock", config.clock);
  app.decorate("policies", new CountyPolicies(db));
  app.decorate("today", new TodayCache(db, app.policies)); // Today's states and answers (features/today/cache.ts)
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  setUpErrors(app);
  setUpInputGuard(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:", ...tileSources(config)], // the map's tiles, when configured
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS styles
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: "onebook 一人一册 API", version: "0.1.0", description: "社区矫正工作平台开放接口" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "onebook_session" },
          // Signed requests (http/signed-request.ts): the key id in a header, the HMAC in another.
          device_vendor: {
            type: "apiKey",
            in: "header",
            name: "x-onebook-vendor",
            description:
              "设备厂商平台编号；另带 x-onebook-timestamp 和 x-onebook-signature = hex(HMAC-SHA256(密钥, 时间戳 + \\n + 请求体))",
          },
          exchange_partner: {
            type: "apiKey",
            in: "header",
            name: "x-onebook-key",
            description:
              "信息共享接入单位的密钥编号；另带 x-onebook-timestamp 和 x-onebook-signature = hex(HMAC-SHA256(密钥, 方法 + \\n + 路径 + \\n + 时间戳 + \\n + hex(SHA-256(请求体))))，同一签名只受理一次",
          },
        },
      },
    },
    transform: documentResponses, // zod → JSON Schema, plus every operation's 4xx and downloads
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const apiRoutes = setUpAuth(app, db, config);

  healthRoutes(app, db, performance.now());
  authRoutes(app, db, config);
  placeRoutes(app, db);
  subjectRoutes(app, db);
  responsibleRoutes(app, db);
  todayRoutes(app, db); // first of the features: its hook notes every write of the others
  supervisionRoutes(app, db);
  alertRoutes(app, db);
  samplingRoutes(app, db);
  dashboardRoutes(app, db);
  intakeRoutes(app, db, config);
  bookRoutes(app, db);
  leaveRoutes(app, db);
  transferRoutes(app, db);
  violationRoutes(app, db);
  releaseRoutes(app, db);
  reviewRoutes(app, db);
  statisticsRoutes(app, db);
  hazardRoutes(app, db);
  riskMeetingRoutes(app, db);
  majorEventRoutes(app, db);
  screeningRoutes(app, db);
  pointsRoutes(app, db);
  investigationRoutes(app, db);
  resettlementRoutes(app, db);
  aftercareRoutes(app, db);
  auditRoutes(app, db);
  calendarRoutes(app, db);
  policyRoutes(app, db);
  appRoutes(app, db, config);
  appOfficeRoutes(app, db, config);
  locationRoutes(app, db);
  deviceRoutes(app, db);
  exchangeRoutes(app, db, config);
  mapRoutes(app, config);

  options.extraRoutes?.(app);
  await serveConsole(app);
  await app.ready();
  return { app, apiRoutes };
}

async function serveConsole(app: FastifyInstance): Promise<void> {
  const hasConsole = existsSync(join(webDistDir, "index.html"));
  if (hasConsole) await app.register(fastifyStatic, { root: webDistDir, wildcard: true }); // files read at request time: a rebuild needs no restart
  const hasApp = existsSync(join(appDistDir, "index.html"));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: appDistDir,
      prefix: "/app/",
      decorateReply: false,
      wildcard: true,
      // The service worker must be fetched afresh so that a new build reaches the phones.
      setHeaders: (res, path) => {
        if (path.endsWith("sw.js")) res.header("cache-control", "no-cache");
      },
    });
    app.get("/app", (_request, reply) => reply.redirect("/app/"));
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET") {
      return reply.code(404).send({ error: { code: "not_found", message: "接口不存在" } });
    }
    // Every path of the phone app is its single page.
    if (hasApp && request.url.startsWith("/app/"))
      return reply.type("text/html; charset=utf-8").sendFile("index.html", appDistDir);
    if (!hasConsole)
      return reply.code(503).type("text/plain; charset=utf-8").send("控制台尚未构建：请运行 npm run build");
    return reply.sendFile("index.html");
  });
}
