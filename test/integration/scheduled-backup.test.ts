// The server's nightly backups: a restorable file named by CST date and time, only the newest kept.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { systemActor } from "../../src/audit/audit.ts";
import { restoreDatabase } from "../../src/db/backup.ts";
import { backupFileName, runScheduledBackup } from "../../src/jobs/scheduled-backup.ts";
import { databaseLabel, openTestDatabase } from "../helpers/database.ts";

describe(`scheduled backups (${databaseLabel})`, () => {
  it("names files by CST time and keeps the newest ones", async () => {
    expect(backupFileName(new Date("2026-11-21T18:30:00Z"))).toBe("onebook-2026-11-22-023000.backup.gz");
    const database = await openTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), "onebook-nightly-"));
    try {
      await database.db.kysely
        .insertInto("place")
        .values({ id: "990121", parent_id: null, kind: "county", name: "青禾县" })
        .execute();
      for (const day of ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"]) {
        await runScheduledBackup(database.db, dir, 3, new Date(`${day}T18:30:00Z`));
      }
      expect(readdirSync(dir).sort()).toEqual([
        "onebook-2026-11-20-023000.backup.gz",
        "onebook-2026-11-21-023000.backup.gz",
        "onebook-2026-11-22-023000.backup.gz",
      ]);
      await database.db.kysely.deleteFrom("place").execute();
      await restoreDatabase(database.db, join(dir, "onebook-2026-11-22-023000.backup.gz"), systemActor);
      const places = await database.db.kysely.selectFrom("place").select("name").execute();
      expect(places).toEqual([{ name: "青禾县" }]);
    } finally {
      await database.close();
    }
  });
});
