// The demo county scaled for the daily-supervision benchmarks (BENCH_SUBJECTS, default 3,000, with a
// year of history), built once per database in this process: embedded PGlite, and PostgreSQL when
// BENCH_DATABASE_URL (default the local `test` server) is reachable — a fresh database that is dropped
// at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../src/auth/password.ts";
import { type Db, openDatabase } from "../src/db/connect.ts";
import { createDemoCounty } from "../src/db/demo/index.ts";
import { migrate } from "../src/db/migrate.ts";
import { clockFromSetting } from "../src/shared/clock.ts";
import { FIXED_NOW, FIXED_TODAY } from "../test/helpers/fixed-now.ts";

/** The benchmarks run the product at the tests' fixed instant, the day the demo's history ends. */
export const benchClock = clockFromSetting(FIXED_NOW);

export const BENCH_SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 3000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface County {
  label: string;
  db: Db;
  buildSeconds: number;
}

const built = new Map<string, Promise<County | null>>();
const cleanups: (() => Promise<void>)[] = [];
let passwordHash: Promise<string> | undefined;

async function build(kind: "pglite" | "postgres"): Promise<County | null> {
  let db: Db;
  if (kind === "pglite") {
    db = await openDatabase({ memory: true });
    cleanups.push(() => db.close());
  } else {
    const name = `onebook_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
    } catch (error) {
      console.log(
        `  PostgreSQL skipped: ${adminUrl.replace(/:[^:@/]*@/, ":***@")} not reachable (${String(error)})`,
      );
      await admin.end().catch(() => {});
      return null;
    }
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = await openDatabase({ url: url.toString() });
    cleanups.push(async () => {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
  }
  await migrate(db);
  passwordHash ??= hashPassword("onebook2025");
  const started = performance.now();
  await createDemoCounty(db, {
    subjects: BENCH_SUBJECTS,
    today: FIXED_TODAY,
    passwordHash: await passwordHash,
  });
  const buildSeconds = (performance.now() - started) / 1000;
  const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
  console.log(`  ${label}: demo county of ${BENCH_SUBJECTS} subjects built in ${buildSeconds.toFixed(1)} s`);
  return { label, db, buildSeconds };
}

/** The databases to measure: BENCH_DATABASES=pglite or =postgres runs one of them (default both). */
const kinds = (["pglite", "postgres"] as const).filter((kind) =>
  (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",").includes(kind),
);

/** The scaled county on each database (PostgreSQL omitted when unreachable). */
export async function counties(): Promise<County[]> {
  const out: County[] = [];
  for (const kind of kinds) {
    if (!built.has(kind)) built.set(kind, build(kind));
    const county = await built.get(kind)!;
    if (county) out.push(county);
  }
  return out;
}

export async function closeCounties(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  built.clear();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
