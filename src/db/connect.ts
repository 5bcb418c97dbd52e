// Opens the database: embedded PGlite (file-backed, the default) or a PostgreSQL server when a URL is
// given. Both speak the same SQL through Kysely's PostgresDialect; value parsing is aligned so that a
// `date` is always a 'YYYY-MM-DD' string, `timestamptz` a Date, and `bigint` a number on both.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { lockDataDir } from "./data-dir-lock.ts";
import { emptyDatabaseArchive } from "./empty-database.ts";
import { PGlitePool } from "./pglite-pool.ts";
import type { Database } from "./schema.ts";
import { WriteNotes } from "./write-notes.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface Db {
  kind: DatabaseKind;
  /** Where the data lives: a folder for PGlite ("memory" for an in-memory one), a URL without password for PostgreSQL. */
  location: string;
  kysely: Kysely<Database>;
  /** Runs a multi-statement SQL script (migrations, restore). */
  exec(sql: string): Promise<void>;
  /**
   * Loads rows into `table (columns)` with COPY in PostgreSQL's text format (`copyText`): one
   * statement, so atomic by itself (a unique violation stores none of them).
   */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
  /** PGlite only: the whole data folder as one archive, which `openDatabase({ memory, from })` opens again. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
  /** What this process wrote through this handle, for the caches that follow the data (write-notes.ts). */
  writes: WriteNotes;
}

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
const asString = (value: string) => value;
const asNumber = (value: string) => Number(value);

export interface OpenOptions {
  /** postgres://… — use a PostgreSQL server. */
  url?: string;
  /** Folder for the embedded database; "memory://" or undefined with `memory` for an in-memory one. */
  dataDir?: string;
  memory?: boolean;
  /** With `memory`: start from this archive of a data folder (`Db.dumpDataDir`) instead of an empty one. */
  from?: Blob;
  /** PostgreSQL connections in the pool (config.databasePoolSize); default 10. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Db> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.memory ? undefined : options.dataDir, options.memory ? options.from : undefined);
}

async function openPglite(dataDir: string | undefined, from: Blob | undefined): Promise<Db> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  // A new folder starts from the empty database archived at install, not from initdb (empty-database.ts).
  const start =
    from ?? (dataDir && !existsSync(join(dataDir, "PG_VERSION")) ? emptyDatabaseArchive() : undefined);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir ?? "memory://", {
      parsers: { [OID.DATE]: asString, [OID.INT8]: asNumber, [OID.NUMERIC]: asNumber },
      ...(start ? { loadDataDir: start } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  await pglite.exec("set time zone 'Asia/Shanghai'");
  const pool = new PGlitePool(pglite);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    kind: "pglite",
    location: dataDir ?? "memory",
    writes: new WriteNotes(),
    kysely,
    exec: (sql) => pool.exec(sql),
    copyIn: (table, columns, text) => pool.copyIn(copyStatement(table, columns, "'/dev/blob'"), text),
    dumpDataDir: () => pglite.dumpDataDir("none") as Promise<Blob>,
    close: async () => {
      await kysely.destroy();
      unlock();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") => {
      if (oid === OID.DATE) return asString;
      if (oid === OID.INT8 || oid === OID.NUMERIC) return asNumber;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: "-c TimeZone=Asia/Shanghai",
    types,
  });
  // An idle pooled connection can be closed by the server (restart, failover, an administrator);
  // the pool drops it and opens a new one on demand. Without a listener that would crash the process.
  pool.on("error", (error) => {
    console.warn(`PostgreSQL: idle connection closed (${error.message})`);
  });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    location: redactUrl(url),
    writes: new WriteNotes(),
    kysely,
    exec: async (sql) => {
      await pool.query(sql);
    },
    copyIn: async (table, columns, text) => {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([text]), client.query(copyFrom(copyStatement(table, columns, "stdin"))));
      } finally {
        client.release();
      }
    },
    close: () => kysely.destroy(),
  };
}

const NAME = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], from: string): string {
  // Names are the code's own, never a request's; checked all the same, since they are spliced in.
  for (const name of [table, ...columns]) if (!NAME.test(name)) throw new Error(`not a column name: ${name}`);
  return `copy ${table} (${columns.join(", ")}) from ${from}`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(invalid url)";
  }
}
