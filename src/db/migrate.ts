// Applies migrations/NNN_name.sql in order, each in its own transaction, recording them in
// schema_migration. On PostgreSQL an advisory lock lets several starting instances migrate safely.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { projectRoot } from "../shared/project-root.ts";
import type { Db } from "./connect.ts";

const migrationsDir = join(projectRoot, "src", "db", "migrations");
const MIGRATION_LOCK = 4_172_026; // an arbitrary, fixed advisory-lock key for onebook migrations

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(join(migrationsDir, file), "utf8"),
    }));
}

/** Applies what is missing; returns the names applied. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`create table if not exists schema_migration (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  await db.kysely.connection().execute(async (conn) => {
    if (db.kind === "postgres") await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = new Set(
        (await conn.selectFrom("schema_migration").select("version").execute()).map((row) => row.version),
      );
      for (const migration of listMigrations()) {
        if (done.has(migration.version)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await trx
            .insertInto("schema_migration")
            .values({ version: migration.version, name: migration.name })
            .execute();
        });
        applied.push(`${migration.version}_${migration.name}`);
      }
    } finally {
      if (db.kind === "postgres") await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom("schema_migration")
    .select((eb) => eb.fn.max("version").as("version"))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
