// A fresh, migrated database for one test file: in-memory PGlite by default, or — when
// TEST_DATABASE_URL is set (test/run-all.mjs does so when PostgreSQL is reachable) — a new database
// created on that server and dropped afterwards. Never a mock.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Db, openDatabase } from "../../src/db/connect.ts";
import { migrate } from "../../src/db/migrate.ts";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const databaseLabel = testDatabaseUrl ? "PostgreSQL" : "PGlite";

export interface TestDatabase {
  db: Db;
  /** A second, independent connection to the same database (PostgreSQL only), for concurrency tests. */
  url: string | undefined;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const db = await openDatabase({ memory: true });
    await migrate(db);
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `onebook_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
