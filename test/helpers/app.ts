// The real server on a real database with the demo county, driven through Fastify's inject (no
// network). `signIn` logs in like the console does: fetch the session (CSRF cookie), then post the
// credentials with the token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { ApiRoute } from "../../src/auth/plugin.ts";
import { createSession } from "../../src/auth/sessions.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { DemoSummary } from "../../src/db/demo/index.ts";
import { buildServer } from "../../src/server.ts";
import { openTestDatabase, type TestDatabase } from "./database.ts";
import { FIXED_NOW, FIXED_TODAY } from "./fixed-now.ts";

export const DEMO_PASSWORD = "onebook2025";
/** The demo county's history ends on the fixed day the tests run the product at (ONEBOOK_NOW). */
export const DEMO_TODAY = FIXED_TODAY;

export interface TestApp {
  app: FastifyInstance;
  apiRoutes: ApiRoute[];
  database: TestDatabase;
  demo: DemoSummary;
  config: Config;
  client(): Client;
  signIn(username: string, password?: string): Promise<Client>;
  /** A session of a person's own app account (made here; the app's sign-in routes are tested apart). */
  subjectClient(subjectId: string, officeId: string): Promise<Client>;
  close(): Promise<void>;
}

export class Client {
  readonly cookies: Record<string, string> = {};
  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const method = (options.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (method !== "GET" && options.csrf !== false && this.cookies.onebook_csrf) {
      headers["x-csrf-token"] = this.cookies.onebook_csrf;
    }
    const response = await this.app.inject({ ...options, headers, cookies: { ...this.cookies } });
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const cleared =
        cookie.value === "" ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    return response;
  }

  get(url: string) {
    return this.request({ method: "GET", url });
  }

  post(url: string, payload?: unknown, extra: { csrf?: boolean } = {}) {
    return this.request({ method: "POST", url, payload: payload as InjectOptions["payload"], ...extra });
  }

  async login(username: string, password = DEMO_PASSWORD) {
    await this.get("/api/auth/session");
    return this.post("/api/auth/login", { username, password });
  }
}

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase({ demo: true });
  const demo = database.demo;
  if (!demo) throw new Error("the test database has no demo county");
  // A fixed key for the exchange partners' sealed secrets, so no test writes a key file.
  const env = { ONEBOOK_NOW: FIXED_NOW, ONEBOOK_SECRET_KEY: "test-only-secret-key-0123456789abcdef" };
  const config = { ...loadConfig(env), ...overrides };
  const { app, apiRoutes } = await buildServer(database.db, config, { logger: false });
  return {
    app,
    apiRoutes,
    database,
    demo,
    config,
    client: () => new Client(app),
    async signIn(username, password = DEMO_PASSWORD) {
      const client = new Client(app);
      const response = await client.login(username, password);
      if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
      return client;
    },
    async subjectClient(subjectId, officeId) {
      const k = database.db.kysely;
      const userId = `app-${subjectId}`;
      await k
        .insertInto("app_user")
        .values({
          id: userId,
          username: userId,
          display_name: "对象本人",
          role: "subject",
          place_id: officeId,
          subject_id: subjectId,
          password_hash: "unused",
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      const session = await createSession(k, config, userId, { ip: null, userAgent: null });
      const client = new Client(app);
      client.cookies.onebook_session = session.token;
      client.cookies.onebook_csrf = session.csrfToken;
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
