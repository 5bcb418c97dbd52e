// `onebook demo` builds its year of history up to the product clock's today: run at ONEBOOK_NOW, the
// last record is that morning, none after, and the first records a year before.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { databaseLabel, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

const NOW = "2026-06-15T10:00:00+08:00"; // not the tests' fixed day: the demo must follow the clock

describe(`the demo follows the clock (${databaseLabel})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "onebook-demo-clock-"));
  let server: TestDatabase | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("ends the demo's history on ONEBOOK_NOW's day", async () => {
    if (databaseLabel === "PostgreSQL") server = await openTestDatabase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ONEBOOK_NOW: NOW,
      ONEBOOK_DATA: dataDir,
      LOG_LEVEL: "warn",
    };
    delete env.DATABASE_URL;
    if (server?.url) env.DATABASE_URL = server.url;
    const run = spawnSync(
      process.execPath,
      [join(import.meta.dirname, "..", "..", "bin", "onebook.mjs"), "demo"],
      {
        env,
        encoding: "utf8",
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const db = server?.db ?? (await openDatabase({ dataDir }));
    try {
      const { rows } = await sql<{ first: Date; last: Date; intake: string }>`select
          min(at) as first, max(at) as last,
          (select max(intake_date) from subject) as intake
        from case_event`.execute(db.kysely);
      const { first, last, intake } = rows[0]!;
      expect(last.getTime()).toBeLessThanOrEqual(Date.parse(NOW));
      expect(last.getTime()).toBeGreaterThan(Date.parse(NOW) - 3 * 86_400_000);
      expect(first.getTime()).toBeLessThan(Date.parse(NOW) - 300 * 86_400_000);
      expect(intake <= "2026-06-15").toBe(true);
    } finally {
      if (!server) await db.close();
    }
  }, 180_000);
});
