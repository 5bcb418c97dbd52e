// Backup and restore of the whole database as one gzip'd file of JSON lines, the same format on
// PGlite and PostgreSQL (so a county can also move from the embedded database to a server).
// - Backup reads every table inside one transaction (REPEATABLE READ on PostgreSQL; PGlite has a
//   single connection), so the copy is consistent. Rows are written with PostgreSQL's own
//   row_to_json and read back with json_populate_recordset, so every type round-trips exactly.
// - The tables are discovered from the catalogue, parents before children, so a feature that adds a
//   table is backed up without touching this file.
// - Restore replaces everything in ONE transaction: the schema is rebuilt from the migrations the
//   backup was taken at, the rows are loaded, sequences reset, later migrations applied. If anything
//   fails nothing has changed. Sessions are not backed up: nobody stays signed in across a restore.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import { type Actor, writeAudit } from "../audit/audit.ts";
import { systemClock } from "../shared/clock.ts";
import { UserError } from "../shared/user-error.ts";
import type { Db } from "./connect.ts";
import { listMigrations } from "./migrate.ts";
import type { Database } from "./schema.ts";

const FORMAT = "onebook-backup/1";
const CHUNK = 1000;
/**
 * Never copied: sessions (everyone signs in again), log-in throttles (a restored database starts with
 * none), the migration record (rebuilt on restore) and Today's change log (its transaction ids belong
 * to the database it was written in).
 */
const SKIPPED = new Set(["session", "login_throttle", "schema_migration", "office_change"]);

interface Header {
  format: typeof FORMAT;
  schemaVersion: number;
  createdAt: string;
  source: string;
  tables: string[];
}

export interface BackupSummary {
  file: string;
  schemaVersion: number;
  rows: Record<string, number>;
}

/** Every table of the schema, parents before children by their foreign keys. */
export async function tablesInDependencyOrder(db: Kysely<Database>): Promise<string[]> {
  const tables =
    // A partitioned table is copied through its parent (location_report's months): not its partitions.
    (
      await sql<{ name: string }>`select t.table_name as name from information_schema.tables t
      join pg_class c on c.relname = t.table_name and c.relnamespace = 'public'::regnamespace
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and not c.relispartition
      order by t.table_name`.execute(db)
    ).rows
      .map((row) => row.name)
      .filter((name) => !SKIPPED.has(name));
  const edges = (
    await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child,
      c.confrelid::regclass::text as parent from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`.execute(db)
  ).rows;
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges) if (edge.child === table && edge.parent !== table) visit(edge.parent, path);
    path.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered.filter((table) => tables.includes(table));
}

export async function backupDatabase(db: Db, file: string, actor: Actor): Promise<BackupSummary> {
  const lines: string[] = [];
  const rows: Record<string, number> = {};
  let schemaVersion = 0;
  await writeAudit(db.kysely, actor, { action: "database.backup", details: { file } });
  let transaction = db.kysely.transaction();
  if (db.kind === "postgres") transaction = transaction.setIsolationLevel("repeatable read");
  await transaction.execute(async (tx) => {
    const version = await sql<{
      v: number;
    }>`select coalesce(max(version), 0)::int as v from schema_migration`.execute(tx);
    schemaVersion = version.rows[0]?.v ?? 0;
    const tables = await tablesInDependencyOrder(tx);
    const header: Header = {
      format: FORMAT,
      schemaVersion,
      // The product's time when the caller gives it (server, CLI); the machine's otherwise.
      createdAt: (actor.at ?? systemClock.now()).toISOString(),
      source: db.kind,
      tables,
    };
    lines.push(JSON.stringify(header));
    for (const table of tables) {
      // Ordered by the first column (the key): a self-referencing place tree lists parents first,
      // because a child's code extends its parent's.
      const result = await sql<{
        j: string;
      }>`select row_to_json(t)::text as j from ${sql.table(table)} t order by 1`.execute(tx);
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
  let header: Header;
  try {
    const first = await lines.next();
    header = JSON.parse(first.done ? "" : first.value) as Header;
  } catch {
    throw new UserError(`${file} 不是 onebook 备份文件（无法读取文件头）`);
  }
  if (header?.format !== FORMAT)
    throw new UserError(`${file} 不是 onebook 备份文件（格式 ${String(header?.format)}）`);
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
    const applyMigrations = async (from: number, upTo: number) => {
      for (const migration of migrations.filter((m) => m.version > from && m.version <= upTo)) {
        await sql.raw(migration.sql).execute(tx);
        await tx
          .insertInto("schema_migration")
          .values({ version: migration.version, name: migration.name })
          .execute();
      }
    };
    await applyMigrations(0, header.schemaVersion);
    const known = new Set(await tablesInDependencyOrder(tx));
    for await (const line of lines) {
      if (!line.trim()) continue;
      const { table, rows: chunk } = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!known.has(table)) throw new UserError(`备份中有未知的表：${table}`);
      await sql`insert into ${sql.table(table)}
        select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)`.execute(
        tx,
      );
      rows[table] = (rows[table] ?? 0) + chunk.length;
    }
    // The sequences behind `id` columns continue after the restored ids (a table may have no `id`).
    const { rows: serial } = await sql<{ table: string; seq: string | null }>`
      select table_name as table, pg_get_serial_sequence(table_name, 'id') as seq
      from information_schema.columns
      where table_schema = 'public' and column_name = 'id' and table_name = any(${[...known]}::text[])`.execute(
      tx,
    );
    for (const { table, seq } of serial) {
      if (!seq) continue;
      await sql`select setval(${seq}, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        tx,
      );
    }
    await applyMigrations(header.schemaVersion, latest);
    await writeAudit(tx, actor, {
      action: "database.restore",
      details: { file, backupCreatedAt: header.createdAt, rows },
    });
  });
  return { file, schemaVersion: header.schemaVersion, rows };
}
