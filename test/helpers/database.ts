// A fresh, migrated database for one test file: in-memory PGlite by default, or — when
// TEST_DATABASE_URL is set (test/run-all.mjs does so when PostgreSQL is reachable) — a new database
// created on that server and dropped afterwards. Never a mock. Each is a copy of a template the
// global set-up (database-templates.ts) migrated — and, with `demo`, seeded with the demo county —
// once per run.

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type Db, openDatabase } from "../../src/db/connect.ts";
import type { DemoSummary } from "../../src/db/demo/index.ts";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const databaseLabel = testDatabaseUrl ? "PostgreSQL" : "PGlite";

/** What the global set-up made: PGlite archives (file paths) or PostgreSQL template databases (names). */
export interface DatabaseTemplates {
  kind: "pglite" | "postgres";
  migrated: string;
  withDemo: string;
  /** The summary `createDemoCounty` returned for the seeded template. */
  demo: DemoSummary;
}

export interface TestDatabase {
  db: Db;
  /** A second, independent connection to the same database (PostgreSQL only), for concurrency tests. */
  url: string | undefined;
  /** The demo county's summary when the database was opened with `{ demo: true }`. */
  demo: DemoSummary | undefined;
  close(): Promise<void>;
}

export async function openTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const templates = inject("databaseTemplates");
  const template = options.demo ? templates.withDemo : templates.migrated;
  const demo = options.demo ? templates.demo : undefined;
  if (!testDatabaseUrl) {
    if (templates.kind !== "pglite") throw new Error("the templates were made on PostgreSQL, not PGlite");
    const db = await openDatabase({ memory: true, from: new Blob([readFileSync(template)]) });
    return { db, url: undefined, demo, close: () => db.close() };
  }
  if (templates.kind !== "postgres") throw new Error("the templates were made on PGlite, not PostgreSQL");
  const name = `onebook_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  return {
    db,
    url: url.toString(),
    demo,
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
