// The schema-walking fuzzer: for every operation of the OpenAPI document, a fixed number of seeded
// requests — one valid-shaped, the others spoiled (NUL, lone surrogates, impossible dates, year 0000,
// huge numbers, wrong types, over-long strings, invalid UTF-8, broken JSON) — sent as the roles that
// may call it and as nobody. Bad input must be refused with a 4xx naming the field, never a 5xx, and
// the server must stay healthy. Prints the figures (operations, requests, 4xx, 5xx).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/db/schema.ts";
import { makeIdNumber } from "../../src/shared/id-number.ts";
import { type Client, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";
import { buildRequest, type Hints, MUTATIONS, operationsOf, Rng } from "../helpers/fuzz.ts";

const SEED = 20261201;
const REQUESTS_PER_OPERATION = 20;
/** Of those, sent without a session (they must stop at 401, or pass where the route is public). */
const ANONYMOUS_PER_OPERATION = 2;

// A 1×1 PNG: the valid-shaped upload and photo.
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** The account each role signs in with: the agency's, the prosecutor's, and 城关司法所's staff. */
const ACCOUNTS: Partial<Record<Role, string>> = {
  office_assistant: "chengguan.assistant",
  office_head: "chengguan.head",
  agency_staff: "agency.staff1",
  agency_head: "agency.head",
  psychologist: "chengguan.psych",
  social_worker: "chengguan.social",
  team_member: "chengguan.team1",
  prosecutor: "prosecutor",
};

describe(`fuzzing every operation of the OpenAPI document (${databaseLabel})`, () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  let anonymous: Client;
  let hints: Hints;

  beforeAll(async () => {
    // The fuzzer signs in again after it logs a client out: more log-ins than a person makes.
    t = await startTestApp({ loginRatePerMinute: 1000 });
    const subjectLogin = t.demo.logins.find((l) => l.role === "subject");
    if (subjectLogin) ACCOUNTS.subject = subjectLogin.username;
    for (const [role, username] of Object.entries(ACCOUNTS))
      clients.set(role as Role, await t.signIn(username));
    anonymous = t.client();
    await anonymous.get("/api/auth/session"); // the CSRF cookie, as the console gets it

    // Real records in 城关司法所, so valid-shaped requests reach the handlers' database work.
    const k = t.database.db.kysely;
    const head = await k
      .selectFrom("app_user")
      .select(["place_id"])
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    const officeId = head.place_id;
    const subject = await k
      .selectFrom("subject")
      .select(["id"])
      .where("office_id", "=", officeId)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const staff = await k
      .selectFrom("app_user")
      .select(["id", "role"])
      .where("place_id", "=", officeId)
      .execute();
    const handover = await k.selectFrom("handover").select(["id"]).orderBy("id").executeTakeFirst();
    const document = await k.selectFrom("handover_document").select(["id"]).orderBy("id").executeTakeFirst();
    const photo = await k.selectFrom("visit_photo").select(["id"]).orderBy("id").executeTakeFirst();
    const alert = await k
      .selectFrom("alert")
      .select(["id"])
      .where("office_id", "=", officeId)
      .orderBy("id")
      .executeTakeFirst();
    const worker = (role: Role) => staff.find((s) => s.role === role)?.id ?? "none";
    hints = {
      id: () => subject.id,
      subjectId: () => subject.id,
      officeId: () => officeId,
      handoverId: () => handover?.id ?? "none",
      documentId: () => document?.id ?? "none",
      photoId: () => photo?.id ?? "none",
      alertId: () => alert?.id ?? 1,
      workers: () => [worker("office_head"), worker("office_assistant")],
      memberId: () => worker("team_member"),
      personIdNumber: () => makeIdNumber("110101", "1990-05-17", 123),
      idNumber: () => makeIdNumber("110101", "1990-05-17", 123),
      contentBase64: () => PNG_BASE64,
      "photos[]": () => `data:image/png;base64,${PNG_BASE64}`,
      // A book section's content: dates and text to spoil (valid for 矫正小组及矫正责任书).
      content: () => ({ announcementOn: "2026-11-10", leader: "张三", letterSignedOn: "2026-11-12" }),
      username: () => "fuzz.nobody",
      password: () => "not-the-password",
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  it(`answers ${REQUESTS_PER_OPERATION} seeded requests per operation without a 5xx and stays healthy`, async () => {
    const started = Date.now();
    const doc = JSON.parse((await anonymous.get("/api/docs/json")).body);
    const operations = operationsOf(doc);
    const access = new Map(
      t.apiRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`, r.access]),
    );
    const rng = new Rng(SEED);
    const tally = { requests: 0, "2xx": 0, "4xx": 0, "5xx": 0, other: 0 };
    const failures: string[] = [];
    const unnamed: string[] = [];
    const undocumented = new Set<string>();
    const unshaped: string[] = [];

    for (const op of operations) {
      const rule = access.get(`${op.method} ${op.path}`);
      const documented = (status: number) =>
        Object.keys(doc.paths[op.path][op.method.toLowerCase()].responses[status]?.content ?? {});
      const roles = rule && "roles" in rule ? rule.roles.filter((r) => clients.has(r)) : [];
      for (let i = 0; i < REQUESTS_PER_OPERATION; i++) {
        const mutation = i === 0 ? "none" : rng.pick(MUTATIONS.slice(1));
        const request = buildRequest(op, rng, hints, mutation);
        const anonymousTurn = roles.length === 0 || i >= REQUESTS_PER_OPERATION - ANONYMOUS_PER_OPERATION;
        const role = roles[i % roles.length] as Role;
        let client = anonymousTurn ? anonymous : clients.get(role)!;
        if (!anonymousTurn && !client.cookies.onebook_session) {
          client = await t.signIn(ACCOUNTS[role]!); // logged out by an earlier request (POST /api/auth/logout)
          clients.set(role, client);
        }
        const response = await client.request({
          method: request.method as "GET",
          url: request.url,
          headers: request.headers,
          payload: request.payload,
        });
        tally.requests++;
        const status = response.statusCode;
        // FUZZ_VERBOSE=1 prints every answer: the seed replays the same requests in the same order.
        if (process.env.FUZZ_VERBOSE)
          console.log(
            status,
            op.method,
            op.path,
            mutation,
            anonymousTurn ? "anon" : role,
            response.body.slice(0, 160),
          );
        if (status >= 500) {
          tally["5xx"]++;
          failures.push(
            `${status} ${op.method} ${op.path} [${mutation}] ${request.url} → ${response.body.slice(0, 300)}`,
          );
        } else if (status >= 400) {
          tally["4xx"]++;
          const error = (() => {
            try {
              return JSON.parse(response.body)?.error;
            } catch {
              return undefined;
            }
          })();
          if (typeof error?.code !== "string" || !/[\u4e00-\u9fff]/.test(String(error?.message)))
            unshaped.push(`${status} ${op.method} ${op.path} [${mutation}] → ${response.body.slice(0, 200)}`);
          if (status === 400 && !error?.field)
            unnamed.push(`${op.method} ${op.path} [${mutation}] → ${response.body.slice(0, 200)}`);
        } else if (status >= 200 && status < 300) {
          tally["2xx"]++;
          const type = String(response.headers["content-type"] ?? "").split(";")[0]!;
          if (status !== 204 && !documented(status).includes(type))
            undocumented.add(
              `${op.method} ${op.path} ${status} ${type} (documented: ${documented(status).join(", ") || "none"})`,
            );
        } else tally.other++;
      }
    }

    const health = await anonymous.get("/health");
    const still = await clients.get("office_head")!.get("/api/auth/session");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzzer (${databaseLabel}, seed ${SEED}): ${operations.length} operations, ${tally.requests} requests, ` +
        `${tally["2xx"]} × 2xx, ${tally["4xx"]} × 4xx, ${tally["5xx"]} × 5xx, ${tally.other} other, ` +
        `${unnamed.length} × 400 without a field; ${seconds} s`,
    );
    expect(failures, failures.join("\n")).toEqual([]);
    expect(unnamed, unnamed.join("\n")).toEqual([]);
    expect(unshaped, "every refusal is {error: {code, message}} in Chinese").toEqual([]);
    expect([...undocumented], "every answer's content type is in the OpenAPI document").toEqual([]);
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(still.body).user?.username).toBe("chengguan.head");
    expect(operations.length).toBeGreaterThanOrEqual(t.apiRoutes.length);
  }, 400_000); // ≈ 4,000 requests: 130–150 s on a machine also running the other database's run
});
