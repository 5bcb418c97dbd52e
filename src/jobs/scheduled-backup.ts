// Nightly backups made by the running server itself. On the embedded database the server is the only
// process that may open the data folder, so this is how a county backs up without stopping work.
// Enabled by BACKUP_DIR; the newest BACKUP_KEEP files are kept.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Cron } from "croner";
import type { FastifyBaseLogger } from "fastify";
import { systemActor } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import { backupDatabase } from "../db/backup.ts";
import type { Db } from "../db/connect.ts";

const PREFIX = "onebook-";
const SUFFIX = ".backup.gz";

/** File name of a backup taken at `now`, in CST so that the name is the county's date and time. */
export function backupFileName(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000).toISOString(); // 2026-11-22T02:30:00.000Z
  return `${PREFIX}${cst.slice(0, 10)}-${cst.slice(11, 13)}${cst.slice(14, 16)}${cst.slice(17, 19)}${SUFFIX}`;
}

/** Writes one backup into `dir` and deletes all but the newest `keep`; returns the file written. */
export async function runScheduledBackup(db: Db, dir: string, keep: number, now: Date): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupFileName(now));
  await backupDatabase(db, file, { ...systemActor, name: "定时备份", at: now });
  const ours = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
    .sort(); // names sort by time
  for (const old of ours.slice(0, Math.max(0, ours.length - keep))) rmSync(join(dir, old));
  return file;
}

export function startScheduledBackups(db: Db, config: Config, log: FastifyBaseLogger): () => void {
  const { backupDir, backupSchedule, backupKeep } = config;
  if (!backupDir) return () => {};
  // The schedule fires on the machine's time; the file is named by the product's clock (ONEBOOK_NOW).
  const cron = new Cron(backupSchedule, { protect: true, timezone: "Asia/Shanghai" }, async () => {
    try {
      log.info(
        { file: await runScheduledBackup(db, backupDir, backupKeep, config.clock.now()) },
        "backup written",
      );
    } catch (error) {
      log.error({ err: error }, "scheduled backup failed");
    }
  });
  log.info(
    { dir: backupDir, schedule: backupSchedule, next: cron.nextRun()?.toISOString() },
    "scheduled backups on",
  );
  return () => cron.stop();
}
