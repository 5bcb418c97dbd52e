// The operator's commands: start, migrate, demo, backup, restore, sweep, unlock. Each opens the configured
// database (PGlite in ONEBOOK_DATA, or DATABASE_URL), does its work and closes it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { systemActor } from "./audit/audit.ts";
import { type Config, loadConfig } from "./config.ts";
import { backupDatabase, restoreDatabase } from "./db/backup.ts";
import { type Db, openDatabase } from "./db/connect.ts";
import { migrate } from "./db/migrate.ts";
import type { Role } from "./db/schema.ts";
import { roleLabel } from "./glossary.ts";
import { projectRoot } from "./shared/project-root.ts";

/** The demo county's password for every account (src/db/demo); shown at start for a first look. */
const DEMO_PASSWORD = "onebook2025";

const operator = { ...systemActor, name: "运维命令行", role: "operator" };

async function openConfigured(config: Config): Promise<Db> {
  return openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { dataDir: config.dataDir },
  );
}

async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("place")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0) === 0;
}

/** Empties every table (the audit log too: a demo rebuild starts a new history) and migrates afresh. */
async function resetDatabase(db: Db): Promise<void> {
  await sql.raw("drop schema public cascade; create schema public;").execute(db.kysely);
  await migrate(db);
}

/** The demo's year of history ends on the product clock's today (ONEBOOK_NOW, or the system's). */
async function loadDemo(db: Db, config: Config, subjects?: number) {
  const { createDemoCounty } = await import("./db/demo/index.ts");
  const { todayCst } = await import("./db/demo/calendar.ts");
  const started = performance.now();
  const summary = await createDemoCounty(db, { subjects, today: todayCst(config.clock.now()) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `演示县已生成 demo county created: ${summary.county}, ${summary.offices} 个司法所, ${summary.staff} 名工作人员, ` +
      `${summary.subjects} 名社区矫正对象, ${summary.events} 条记录, ${summary.locationReports} 条位置报告 (${seconds} s)`,
  );
  return summary;
}

interface LoginLine {
  username: string;
  displayName: string;
  role: string;
  place: string;
}

/** The accounts to show at start: staff of every role, one line each (subjects use the phone app). */
async function accountList(db: Db): Promise<LoginLine[]> {
  const rows = await db.kysely
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.username", "app_user.display_name", "app_user.role", "place.name"])
    .where("app_user.active", "=", true)
    .where("app_user.role", "!=", "subject") // subjects sign in on the phone app, not the console
    .orderBy("app_user.place_id")
    .orderBy("app_user.username")
    .limit(40)
    .execute();
  return rows.map((row) => ({
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    place: row.name,
  }));
}

function printLogins(url: string, logins: LoginLine[], password: string) {
  console.log(
    `\n  onebook 一人一册 is serving at ${url}\n  演示账号 demo log-ins — 密码 password: ${password}`,
  );
  for (const login of logins) {
    const role = roleLabel[login.role as Role] ?? login.role;
    console.log(`    ${login.username.padEnd(24)} ${login.displayName}（${login.place} · ${role}）`);
  }
  console.log("");
}

export async function runAdminCommand(command: string, args: string[]): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case "migrate": {
      const db = await openConfigured(config);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      } finally {
        await db.close();
      }
      return 0;
    }
    case "demo": {
      const { values } = parseArgs({
        args,
        options: { reset: { type: "boolean" }, subjects: { type: "string" } },
      });
      const subjects = values.subjects === undefined ? undefined : Number(values.subjects);
      if (subjects !== undefined && (!Number.isInteger(subjects) || subjects < 1)) {
        console.error("--subjects 应为正整数");
        return 2;
      }
      const db = await openConfigured(config);
      try {
        await migrate(db);
        if (values.reset) await resetDatabase(db);
        else if (!(await isEmpty(db))) {
          console.error(
            "数据库中已有数据；用 `onebook demo --reset` 清空并重建演示县 (the database is not empty; use --reset)",
          );
          return 2;
        }
        await loadDemo(db, config, subjects);
      } finally {
        await db.close();
      }
      return 0;
    }
    case "backup":
    case "restore": {
      const file = args[0];
      if (!file) {
        console.error(`用法: onebook ${command} FILE`);
        return 2;
      }
      const db = await openConfigured(config);
      try {
        if (command === "backup") {
          await migrate(db);
          const summary = await backupDatabase(db, file, { ...operator, at: config.clock.now() });
          console.log(`backup written to ${file}: ${JSON.stringify(summary.rows)}`);
        } else {
          const summary = await restoreDatabase(db, file, { ...operator, at: config.clock.now() });
          console.log(`restored from ${file}: ${JSON.stringify(summary.rows)}`);
        }
      } finally {
        await db.close();
      }
      return 0;
    }
    case "sweep": {
      const db = await openConfigured(config);
      try {
        await migrate(db);
        const { runSweep } = await import("./jobs/sweep.ts");
        const summary = await runSweep(db, config.clock.now());
        console.log(
          summary.skipped
            ? "另一实例正在巡检，本次跳过 (another instance holds the sweep lock)"
            : `巡检完成 sweep done: ${summary.offices} 个司法所, ${summary.subjects} 名对象, 新预警 ${summary.alertsRaised}, 升级 ${summary.alertsEscalated}, 抽取名单 ${summary.samplesDrawn} (${summary.ms} ms)`,
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case "unlock": {
      const username = args[0];
      if (!username) {
        console.error("用法: onebook unlock USERNAME");
        return 2;
      }
      const db = await openConfigured(config);
      try {
        await migrate(db);
        const { clearLoginThrottles } = await import("./auth/login.ts");
        const { writeAudit } = await import("./audit/audit.ts");
        const cleared = await db.kysely.transaction().execute(async (trx) => {
          const n = await clearLoginThrottles(trx, username);
          await writeAudit(
            trx,
            { ...operator, at: config.clock.now() },
            {
              action: "auth.login_unlock",
              details: { username, cleared: n },
            },
          );
          return n;
        });
        console.log(`已解除 ${username} 的登录限制 (cleared ${cleared} throttle${cleared === 1 ? "" : "s"})`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case "start":
      return startServer(config);
    default:
      return 2;
  }
}

/** Times each start-up phase: the log's "onebook started" line lists them (ms), so a slow start says where. */
function phaseTimer() {
  let last = performance.now();
  const phases: Record<string, number> = {};
  return {
    phases,
    /** Ends the phase now running under this name. */
    lap(name: string) {
      const now = performance.now();
      phases[name] = Math.round(now - last);
      last = now;
    },
  };
}

/**
 * Fills the embedded database with the demo county in a short-lived `onebook demo` process: its memory
 * grows with the bulk load and is not given back to the system, so the server starts at the footprint
 * of an ordinary start. (The folder is free while it runs: one process at a time.) Asynchronous, so
 * the server's code goes on loading meanwhile.
 */
async function demoProcess(): Promise<void> {
  const child = spawn(process.execPath, [join(projectRoot, "bin", "onebook.mjs"), "demo"], {
    stdio: "inherit",
    env: process.env,
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (status !== 0) throw new Error(`demo county generation failed (exit ${status})`);
}

async function startServer(config: Config): Promise<number> {
  const timer = phaseTimer();
  // Loading the code (plain node from dist/server, or the sources through tsx) until this line.
  timer.phases.load = Math.round(performance.now());
  // The server's modules load while the database opens (their files are read in the background).
  const serverModule = import("./server.ts");
  serverModule.catch(() => {}); // awaited below; this keeps a failure from being reported twice
  // A new embedded database (no folder yet): the demo process creates, migrates and fills it, and this
  // process opens it once, filled (opening a new PGlite folder, then again after the demo, cost seconds).
  const fresh = !config.databaseUrl && !existsSync(join(config.dataDir, "PG_VERSION"));
  const announce = (location: string) =>
    console.log(`首次启动：正在生成演示县 first start: creating the demo county in ${location} …`);
  if (fresh) {
    announce(config.dataDir);
    await demoProcess();
    timer.lap("demo");
  }
  let db = await openConfigured(config);
  timer.lap("databaseOpen");
  await migrate(db);
  timer.lap("migrations");
  if (!fresh && (await isEmpty(db))) {
    announce(db.location);
    if (db.kind === "pglite") {
      await db.close();
      await demoProcess();
      db = await openConfigured(config);
    } else {
      await loadDemo(db, config);
    }
    timer.lap("demo");
  }
  // This month's and next month's partition of the location reports, and the months of any waiting.
  const { ensureLocationMonths } = await import("./features/location/partitions.ts");
  await ensureLocationMonths(db, config.clock.now());
  timer.lap("locationMonths");
  const { buildServer } = await serverModule;
  const { app } = await buildServer(db, config);
  timer.lap("server");
  const address = await app.listen({ port: config.port, host: config.host });
  timer.lap("listening");
  const url = address.replace("0.0.0.0", "127.0.0.1").replace("[::]", "127.0.0.1");
  app.log.info(
    {
      database: db.kind,
      location: db.location,
      ms: Math.round(performance.now()), // since the process began (performance's time origin)
      phasesMs: timer.phases,
      code: import.meta.url.endsWith(".ts") ? "src (tsx)" : "dist/server",
    },
    "onebook started",
  );
  printLogins(url, await accountList(db), DEMO_PASSWORD);
  const { startScheduledBackups } = await import("./jobs/scheduled-backup.ts");
  const stopBackups = startScheduledBackups(db, config, app.log);
  // The sweeps of daily supervision (alerts, escalation, samples), unless ONEBOOK_JOBS=0.
  const { startJobs } = await import("./jobs/scheduler.ts");
  const jobs = config.runJobs ? startJobs(db, app.log, config.clock, app.policies, undefined, config) : null;
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    jobs?.stop();
    stopBackups();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  return new Promise<number>(() => {}); // serve until a signal arrives
}
