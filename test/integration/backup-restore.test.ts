// A backup is a consistent copy of the whole database: restoring it brings back exactly what was
// there, and a damaged file changes nothing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/audit/audit.ts";
import { backupDatabase, restoreDatabase, tablesInDependencyOrder } from "../../src/db/backup.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

const TABLES = [
  "place",
  "app_user",
  "subject",
  "level_decision",
  "case_event",
  "location_report",
  "audit_log",
];

describe(`backup and restore (${databaseLabel})`, () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), "onebook-backup-"));

  const snapshot = async () => {
    const out: Record<string, string> = {};
    for (const table of await tablesInDependencyOrder(t.database.db.kysely)) {
      const { rows } = await sql<{
        j: string;
      }>`select coalesce(json_agg(t order by t::text)::text, '[]') as j from ${sql.table(table)} t`.execute(
        t.database.db.kysely,
      );
      out[table] = rows[0]!.j;
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t?.close());

  it("restores every row exactly, and the audit log stays append-only", async () => {
    const file = join(dir, "county.onebook.gz");
    const summary = await backupDatabase(t.database.db, file, systemActor);
    expect(summary.rows.subject).toBeGreaterThanOrEqual(60);
    const before = await snapshot();

    const k = t.database.db.kysely;
    await k.deleteFrom("level_decision").execute();
    await k.updateTable("subject").set({ name: "被改动" }).execute();

    await restoreDatabase(t.database.db, file, systemActor);
    const after = await snapshot();
    for (const table of TABLES.filter((name) => name !== "audit_log"))
      expect(after[table], table).toBe(before[table]);
    // The audit log holds everything it held, plus the restore's own row.
    const beforeAudit = JSON.parse(before.audit_log!) as Array<{ id: number }>;
    const afterAudit = JSON.parse(after.audit_log!) as Array<{ id: number; action: string }>;
    expect(afterAudit.slice(0, beforeAudit.length)).toEqual(beforeAudit);
    expect(afterAudit.at(-1)!.action).toBe("database.restore");
    await expect(sql`delete from audit_log`.execute(k)).rejects.toThrow(/append-only/);
    // New rows continue the sequences instead of colliding with restored ids.
    await k.insertInto("audit_log").values({ action: "after.restore" }).execute();
  });

  it("leaves the database untouched when the file is damaged", async () => {
    const good = join(dir, "good.gz");
    await backupDatabase(t.database.db, good, systemActor);
    const { readFileSync } = await import("node:fs");
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const lines = gunzipSync(readFileSync(good)).toString("utf8").split("\n");
    const damaged = join(dir, "damaged.gz");
    writeFileSync(
      damaged,
      gzipSync([...lines.slice(0, 3), '{"table":"subject","rows":[{"id":"x","nope":1}', ""].join("\n")),
    );
    const before = await snapshot();
    await expect(restoreDatabase(t.database.db, damaged, systemActor)).rejects.toThrow();
    const after = await snapshot();
    expect(after).toEqual(before);
    writeFileSync(join(dir, "not-a-backup.gz"), gzipSync("hello\n"));
    await expect(restoreDatabase(t.database.db, join(dir, "not-a-backup.gz"), systemActor)).rejects.toThrow(
      /不是 onebook 备份文件/,
    );
  });
});
