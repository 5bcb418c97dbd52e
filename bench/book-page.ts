// How long the book page's data take to serve for people with a year of records: the real server on
// an in-memory PGlite demo county (or PostgreSQL with TEST_DATABASE_URL), GET /api/subjects/:id/book
// for every subject of one office, as its head. `npx tsx bench/book-page.ts [--subjects N]`.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { hashPassword } from "../src/auth/password.ts";
import { loadConfig } from "../src/config.ts";
import { createDemoCounty } from "../src/db/demo/index.ts";
import { buildServer } from "../src/server.ts";
import { Client } from "../test/helpers/app.ts";
import { openTestDatabase } from "../test/helpers/database.ts";
import { FIXED_NOW, FIXED_TODAY } from "../test/helpers/fixed-now.ts";

const { values } = parseArgs({ options: { subjects: { type: "string" } } });
const database = await openTestDatabase();
await createDemoCounty(database.db, {
  today: FIXED_TODAY,
  passwordHash: await hashPassword("onebook2025"),
  ...(values.subjects ? { subjects: Number(values.subjects) } : {}),
});
const { app } = await buildServer(database.db, loadConfig({ ONEBOOK_NOW: FIXED_NOW }), { logger: false });
const client = new Client(app);
await client.login("chengguan.head");
const office = await database.db.kysely
  .selectFrom("app_user")
  .select("place_id")
  .where("username", "=", "chengguan.head")
  .executeTakeFirstOrThrow();
const subjects = await database.db.kysely
  .selectFrom("subject")
  .select("id")
  .where("office_id", "=", office.place_id)
  .execute();
const events = await database.db.kysely
  .selectFrom("case_event")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .executeTakeFirstOrThrow();
const times: number[] = [];
for (const { id } of subjects) {
  const started = performance.now();
  const response = await client.get(`/api/subjects/${id}/book`);
  if (response.statusCode !== 200) throw new Error(`${id}: ${response.statusCode} ${response.body}`);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
console.log(
  `${database.db.kind}: ${subjects.length} books of one office (${Number(events.n)} case events in the county): ` +
    `median ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms per GET /api/subjects/:id/book`,
);
await app.close();
await database.close();
