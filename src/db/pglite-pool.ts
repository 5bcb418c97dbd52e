// A minimal `pg.Pool` look-alike over one PGlite instance, so that Kysely's own PostgresDialect runs
// on the embedded database and the SQL is exactly the same as on a PostgreSQL server.
// PGlite has a single connection: a transaction must not interleave with other requests' queries, so
// `connect()` hands the connection to one borrower at a time (a FIFO lock) until `release()`.
import type { PGlite } from "@electric-sql/pglite";

type QueryResult = { rows: unknown[]; rowCount: number; command: string };

export class PGlitePool {
  #busy = false;
  #waiting: Array<() => void> = [];

  constructor(readonly pglite: PGlite) {}

  async connect() {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#busy = true;
    let released = false;
    return {
      query: (sql: string, params: unknown[] = []): Promise<QueryResult> => this.#query(sql, params),
      release: () => {
        if (released) return;
        released = true;
        const next = this.#waiting.shift();
        if (next) next();
        else this.#busy = false;
      },
    };
  }

  async #query(sql: string, params: unknown[]): Promise<QueryResult> {
    // A parameterless script of several statements (a migration) needs the simple protocol.
    if (params.length === 0 && /;\s*\S/.test(sql)) {
      const results = await this.pglite.exec(sql);
      const last = results.at(-1);
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0, command: "" };
    }
    const result = await this.pglite.query(sql, params);
    // Kysely reads `command` to report affected rows of INSERT/UPDATE/DELETE/MERGE.
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "";
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
  }

  /** Runs `copy … from '/dev/blob'` with `text` as the blob, while holding the connection. */
  async copyIn(statement: string, text: string): Promise<void> {
    const connection = await this.connect();
    try {
      await this.pglite.query(statement, [], { blob: new Blob([text]) });
    } finally {
      connection.release();
    }
  }

  /** Runs a script of several statements while holding the connection. */
  async exec(sql: string): Promise<void> {
    const connection = await this.connect();
    try {
      await this.pglite.exec(sql);
    } finally {
      connection.release();
    }
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}
