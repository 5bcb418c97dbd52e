// No English on screen: every GET answer meant for a screen (Today, the case pages, the book,
// dashboards, alerts, leave, violations, release, the county's rules...) is read for the demo county
// as the office head, the assistant and the agency, and no user-facing field may carry an English
// word. User-facing fields are those a screen shows as text: labels, titles, texts, messages,
// reasons, summaries, details, the basis as worded for a worker. Codes, ids, enums and the engine's
// own `basis` codes are not user-facing (screens turn them into Chinese through the glossary).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/jobs/sweep.ts";
import { type Client, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

/** Field names a screen shows as text. */
const USER_FACING =
  /(^|[a-z])(label|Label|title|Title|text|Text|message|Message|reason|Reason|summary|Summary|detail|Detail|description|Description|basisSource|basisQuote|needLabel|value)$/;
/** A word of Latin letters (2+), apart from names of file formats and products a worker knows. */
const ENGLISH = /[A-Za-z]{2,}/g;
const ALLOWED = new Set(["Excel", "Word", "PDF", "JPEG", "PNG", "WebP", "App", "APP", "GPS", "ID", "QQ"]);

/** Strings of user-facing fields read (so that the test cannot pass by reading nothing). */
const read = { fields: 0 };

function englishIn(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) englishIn(v, `${path}[${i}]`, out);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      const here = `${path}.${k}`;
      if (typeof v === "string" && USER_FACING.test(k)) {
        read.fields++;
        const words = (v.match(ENGLISH) ?? []).filter((w) => !ALLOWED.has(w));
        if (words.length) out.push(`${here.replace(/\[\d+\]/g, "[]")} = ${JSON.stringify(v.slice(0, 120))}`);
      } else englishIn(v, here, out);
    }
}

describe(`no English in what the screens show (${databaseLabel})`, () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await runSweep(t.database.db, t.config.clock.now());
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    for (const level of ["key", "strict", "normal"] as const) {
      const s = await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", office.place_id!)
        .where("level", "=", level)
        .where("status", "=", "in_correction")
        .executeTakeFirstOrThrow();
      ids[level] = s.id;
    }
  }, 240_000);
  afterAll(() => t?.close());

  const answer = async (client: Client, url: string, out: string[]) => {
    const response = await client.get(url);
    if (response.statusCode !== 200 || !String(response.headers["content-type"]).includes("json")) return;
    englishIn(JSON.parse(response.body), url, out);
  };

  it("answers every screen's GET without an English word in a user-facing field", async () => {
    const urls = new Set<string>();
    for (const route of t.apiRoutes) {
      if (route.method !== "GET" || route.url.includes("/export") || route.url.includes("/docs")) continue;
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      if (params.length === 0) urls.add(route.url);
      else if (params.length === 1 && params[0] === "id" && route.url.startsWith("/api/subjects/"))
        for (const id of Object.values(ids)) urls.add(route.url.replace(":id", id));
    }
    for (const extra of ["/api/today?horizon=31&limit=2000", "/api/dashboards?period=month"]) urls.add(extra);
    expect(urls.size).toBeGreaterThan(20);
    const found: string[] = [];
    for (const username of ["chengguan.head", "chengguan.assistant", "agency.head"]) {
      const client = await t.signIn(username);
      for (const url of urls) await answer(client, url, found);
    }
    expect([...new Set(found)].slice(0, 60)).toEqual([]);
    expect(read.fields).toBeGreaterThan(1000);
    // The checker sees English where it is: an engine code worded by nobody would be caught.
    const probe: string[] = [];
    englishIn(
      { items: [{ title: "routine", basisText: "four-colour warning", code: "routine" }] },
      "probe",
      probe,
    );
    expect(probe).toHaveLength(2);
  }, 240_000);
});
