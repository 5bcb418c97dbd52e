// /health: is the process up and can it reach its database? 200 when both hold, 503 otherwise.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "./db/connect.ts";
import { schemaVersion } from "./db/migrate.ts";

/** `startedMs` is a `performance.now()` reading: uptime is elapsed time, not the product's clock. */
export function healthRoutes(app: FastifyInstance, db: Db, startedMs: number): void {
  app.get("/health", { schema: { hide: true } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await sql`select 1`.execute(db.kysely);
      return {
        status: "ok",
        database: {
          kind: db.kind,
          status: "ok",
          schemaVersion: await schemaVersion(db),
          latencyMs: Math.round(performance.now() - started),
        },
        uptimeSeconds: Math.round((performance.now() - startedMs) / 1000),
      };
    } catch (error) {
      reply.code(503);
      return {
        status: "down",
        database: {
          kind: db.kind,
          status: "down",
          error: error instanceof Error ? error.message : String(error),
        },
      };
    }
  });
}
