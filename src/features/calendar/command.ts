// `onebook calendar load FILE` — load a State Council holiday notice (JSON, calendar-notice.ts) into the
// configured database as the next version of its year, with an audit row; `onebook calendar list` —
// the years the engine knows and from where. On the embedded database the server must be stopped (the
// data folder belongs to one process); while it runs, use the console's calendar screen instead.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { systemActor } from "../../audit/audit.ts";
import { loadConfig } from "../../config.ts";
import { type Db, openDatabase } from "../../db/connect.ts";
import { migrate } from "../../db/migrate.ts";
import { calendarSourceLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import { coverage, currentNotices, loadNotice, type StoredNotice } from "./notices.ts";

const USAGE = `用法 / usage: onebook calendar <command>
  load FILE   载入国务院节假日安排通知（JSON: {"year", "source", "holidays": [...], "workdays": [...]}）
  list        列出各年度节假日安排的来源（已载入通知 / 随软件提供 / 按法定节假日推算）`;

const operator = { ...systemActor, name: "运维命令行", role: "operator" };

async function openConfigured(): Promise<Db> {
  const config = loadConfig();
  const db = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  await migrate(db);
  return db;
}

/** The notices loaded into the configured database (for `rules evaluate --database`). */
export async function databaseNotices(): Promise<StoredNotice[]> {
  const db = await openConfigured();
  try {
    return await currentNotices(db.kysely);
  } finally {
    await db.close();
  }
}

export async function runCalendarCommand(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "load") {
    const file = rest[0];
    if (!file || rest.length > 1) {
      console.error(USAGE);
      return 2;
    }
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`无法读取 ${file}（不是有效的 JSON 文件）: ${reason.replace(/\s+/g, " ")}`);
      return 2;
    }
    const db = await openConfigured();
    try {
      const outcome = await loadNotice(db.kysely, data, basename(file), operator, loadConfig().clock.now());
      if (!outcome.ok) {
        console.error(`${file} 有误，未载入: ${outcome.problem.field}: ${outcome.problem.message}`);
        return 2;
      }
      const n = outcome.notice;
      console.log(
        `已载入 ${n.year} 年节假日安排（${n.source}，第 ${n.version} 版）: 放假 ${n.holidays.length} 天，调休上班 ${n.workdays.length} 天`,
      );
      return 0;
    } finally {
      await db.close();
    }
  }
  if (command === "list" && rest.length === 0) {
    const db = await openConfigured();
    try {
      const notices = await currentNotices(db.kysely);
      const year = Number(cstDate(loadConfig().clock.now()).slice(0, 4));
      const years = new Set([year - 1, year, year + 1, ...notices.map((n) => n.year)]);
      for (const y of [...years].sort((a, b) => a - b)) {
        const [c] = coverage(notices, y, y);
        if (!c) continue;
        const version = c.loaded ? `，第 ${c.loaded.version} 版，${c.loaded.fileName}` : "";
        console.log(`${y}  ${calendarSourceLabel[c.source]}  ${c.reference}${version}`);
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return 0;
  }
  console.error(`unknown calendar command: ${command}\n${USAGE}`);
  return 2;
}
