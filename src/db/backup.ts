// Backup and restore of the whole database as one gzip'd file of JSON lines, the same format on
// PGlite and PostgreSQL (so a county can also move from the embedded database to a server).
// - Backup reads every table inside one transaction (REPEATABLE READ on PostgreSQL; PGlite has a
//   single connection), so the copy is consistent. Rows are written with PostgreSQL's own
//   row_to_json and read back with json_populate_recordset, so every type round-trips exactly.
// - Restore replaces everything in ONE transaction: the schema is rebuilt from the migrations the
//   backup was taken at, the rows are loaded, sequences reset, later migrations applied. If anything
//   fails nothing has changed. Sessions are not backed up: nobody stays signed in across a restore.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql, type Transaction } from "kysely";
import { type Actor, writeAudit } from "../audit/audit.ts";
import type { Db } from "./connect.ts";
import { listMigrations } from "./migrate.ts";
import type { Database } from "./schema.ts";

/** Tables in an order that satisfies their foreign keys. */
const TABLES = [
  "place",
  "app_user",
  "subject",
  "level_decision",
  "case_event",
  "location_report",
  "audit_log",
] as const;
const SERIAL_TABLES = ["level_decision", "case_event", "location_report", "audit_log"] as const;
const CHUNK = 1000;
const FORMAT = "onebook-backup/1";

interface Header {
  format: typeof FORMAT;
  schemaVersion: number;
  createdAt: string;
  source: string;
}

export interface BackupSummary {
  file: string;
  schemaVersion: number;
  rows: Record<string, number>;
}

export async function backupDatabase(db: Db, file: string, actor: Actor): Promise<BackupSummary> {
  const lines: string[] = [];
  const rows: Record<string, number> = {};
  let schemaVersion = 0;
  await writeAudit(db.kysely, actor, { action: "database.backup", details: { file } });
  const isolation = db.kind === "postgres" ? ("repeatable read" as const) : undefined;
  let trx = db.kysely.transaction();
  if (isolation) trx = trx.setIsolationLevel(isolation);
  await trx.execute(async (tx) => {
    const version = await sql<{
      v: number;
    }>`select coalesce(max(version), 0)::int as v from schema_migration`.execute(tx);
    schemaVersion = version.rows[0]?.v ?? 0;
    const header: Header = {
      format: FORMAT,
      schemaVersion,
      createdAt: new Date().toISOString(),
      source: db.kind,
    };
    lines.push(JSON.stringify(header));
    for (const table of TABLES) {
      const result = await sql<{
        j: string;
      }>`select row_to_json(t)::text as j from ${sql.table(table)} t order by t.id`.execute(tx);
      rows[table] = result.rows.length;
      for (let i = 0; i < result.rows.length; i += CHUNK) {
        const chunk = result.rows.slice(i, i + CHUNK).map((row) => row.j);
        lines.push(`{"table":${JSON.stringify(table)},"rows":[${chunk.join(",")}]}`);
      }
    }
  });
  await pipeline(
    (async function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
    createGzip(),
    createWriteStream(file),
  );
  return { file, schemaVersion, rows };
}

async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

export async function restoreDatabase(db: Db, file: string, actor: Actor): Promise<BackupSummary> {
  const lines = readLines(file);
  const first = await lines.next();
  let header: Header;
  try {
    header = JSON.parse(first.done ? "" : first.value) as Header;
  } catch {
    throw new Error(`${file} 不是 onebook 备份文件（无法读取文件头）`);
  }
  if (header.format !== FORMAT)
    throw new Error(`${file} 不是 onebook 备份文件（格式 ${String(header.format)}）`);
  const migrations = listMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  if (header.schemaVersion > latest) {
    throw new Error(
      `备份的数据库结构版本 ${header.schemaVersion} 比本程序支持的 ${latest} 新，请先升级 onebook`,
    );
  }
  const rows: Record<string, number> = {};
  await db.kysely.transaction().execute(async (tx) => {
    await sql.raw("drop schema public cascade; create schema public;").execute(tx);
    await sql
      .raw(`create table schema_migration (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`)
      .execute(tx);
    const applyMigrations = async (upTo: number, from = 0) => {
      for (const migration of migrations.filter((m) => m.version > from && m.version <= upTo)) {
        await sql.raw(migration.sql).execute(tx);
        await tx
          .insertInto("schema_migration")
          .values({ version: migration.version, name: migration.name })
          .execute();
      }
    };
    await applyMigrations(header.schemaVersion);
    for await (const line of lines) {
      if (!line.trim()) continue;
      const { table, rows: chunk } = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!(TABLES as readonly string[]).includes(table)) throw new Error(`备份中有未知的表：${table}`);
      await insertChunk(tx, table, chunk);
      rows[table] = (rows[table] ?? 0) + chunk.length;
    }
    for (const table of SERIAL_TABLES) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        tx,
      );
    }
    await applyMigrations(latest, header.schemaVersion);
    await writeAudit(tx, actor, {
      action: "database.restore",
      details: { file, backupCreatedAt: header.createdAt, rows },
    });
  });
  return { file, schemaVersion: header.schemaVersion, rows };
}

async function insertChunk(tx: Transaction<Database>, table: string, chunk: unknown[]): Promise<void> {
  await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)`.execute(
    tx,
  );
}
