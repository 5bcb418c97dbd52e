// Times the generator on a fresh database: `npx tsx src/db/demo/timing.ts [--subjects N] [--url postgres://…]`.
// Without --url it uses an in-memory PGlite; with one it wipes that database's public schema first,
// so point it at a scratch database. Prints the summary counts and the seconds taken.
import { parseArgs } from "node:util";
import { hashPassword } from "../../auth/password.ts";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../connect.ts";
import { migrate } from "../migrate.ts";
import { todayCst } from "./calendar.ts";
import { buildDemo, createDemoCounty, DEMO_PASSWORD } from "./index.ts";

const { values } = parseArgs({
  options: {
    subjects: { type: "string", default: "60" },
    url: { type: "string" },
    today: { type: "string" },
    seed: { type: "string" },
  },
});
const subjects = Number(values.subjects);
const today = values.today ?? todayCst(loadConfig().clock.now());
const seed = values.seed ? Number(values.seed) : undefined;
const db = await openDatabase(values.url ? { url: values.url } : { memory: true });
try {
  if (db.kind === "postgres") await db.exec("drop schema public cascade; create schema public;");
  await migrate(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let started = performance.now();
  buildDemo({ subjects, seed, today }, passwordHash);
  const drawSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const summary = await createDemoCounty(db, { subjects, seed, today, passwordHash });
  const seconds = (performance.now() - started) / 1000;
  const { logins, ...counts } = summary;
  console.log(
    JSON.stringify({
      database: db.kind,
      ...counts,
      logins: logins.length,
      drawSeconds: +drawSeconds.toFixed(2),
      totalSeconds: +seconds.toFixed(2),
    }),
  );
} finally {
  await db.close();
}
