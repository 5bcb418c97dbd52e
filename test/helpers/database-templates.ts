// Global set-up of the integration tests: migrates one database and seeds one demo county once per run,
// and keeps them as templates that every test file copies (`openTestDatabase`), instead of each file
// migrating and seeding its own (≈ 6 s a file on PGlite). The copies are real databases of the same
// kind: on PGlite an archive of the data folder opened again in memory, on PostgreSQL
// `create database … template …`. Nothing is shared between files but the starting state.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { hashPassword } from "../../src/auth/password.ts";
import { type Db, openDatabase } from "../../src/db/connect.ts";
import { createDemoCounty, DEMO_PASSWORD, type DemoSummary } from "../../src/db/demo/index.ts";
import { migrate } from "../../src/db/migrate.ts";
import type { DatabaseTemplates } from "./database.ts";
import { FIXED_TODAY } from "./fixed-now.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

async function seedDemo(db: Db): Promise<DemoSummary> {
  return createDemoCounty(db, { today: FIXED_TODAY, passwordHash: await hashPassword(DEMO_PASSWORD) });
}

async function writeArchive(db: Db, path: string): Promise<void> {
  if (!db.dumpDataDir) throw new Error(`${db.kind} cannot archive its data folder`);
  writeFileSync(path, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
}

async function pgliteTemplates(): Promise<{ templates: DatabaseTemplates; teardown: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "onebook-test-templates-"));
  const db = await openDatabase({ memory: true });
  try {
    await migrate(db);
    const migrated = join(dir, "migrated.tar");
    await writeArchive(db, migrated);
    const demo = await seedDemo(db);
    const withDemo = join(dir, "demo.tar");
    await writeArchive(db, withDemo);
    return {
      templates: { kind: "pglite", migrated, withDemo, demo },
      teardown: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await db.close();
  }
}

async function postgresTemplates(
  serverUrl: string,
): Promise<{ templates: DatabaseTemplates; teardown: () => Promise<void> }> {
  const stem = `onebook_tpl_${process.pid}`;
  const migrated = `${stem}_migrated`;
  const withDemo = `${stem}_demo`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  await admin(`create database ${migrated}`);
  const db = await openDatabase({ url: urlOf(migrated), poolSize: 2 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  // A template must have no other connection when it is copied: the demo is seeded in a copy.
  await admin(`create database ${withDemo} template ${migrated}`);
  const seeded = await openDatabase({ url: urlOf(withDemo), poolSize: 2 });
  let demo: DemoSummary;
  try {
    demo = await seedDemo(seeded);
  } finally {
    await seeded.close();
  }
  return {
    templates: { kind: "postgres", migrated, withDemo, demo },
    teardown: async () => {
      await admin(`drop database if exists ${withDemo} with (force)`);
      await admin(`drop database if exists ${migrated} with (force)`);
    },
  };
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const { templates, teardown } = serverUrl ? await postgresTemplates(serverUrl) : await pgliteTemplates();
  project.provide("databaseTemplates", templates);
  return teardown;
}
