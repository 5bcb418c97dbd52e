// Configuration comes from the environment (documented in the README); nothing else is read.
import { resolve } from "node:path";
import { type Clock, clockFromSetting } from "./shared/clock.ts";

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database (PGlite), used when no DATABASE_URL is given. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after which a session ends whatever happens. */
  sessionMaxHours: number;
  /** Mark cookies `Secure` (set when serving over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  /** Failed log-ins before an account locks, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Log-in attempts allowed per client address per minute. */
  loginRatePerMinute: number;
  /** Run the background sweeps (set to 0 on extra instances or in tests). */
  runJobs: boolean;
  logLevel: string;
  /** Folder for the server's own scheduled backups (off when unset). */
  backupDir: string | undefined;
  /** When to back up: a cron pattern in CST (default 02:30 every night). */
  backupSchedule: string;
  /** How many scheduled backups to keep. */
  backupKeep: number;
  /** Format of the book's unified number: {county}, {year}, {seq:N} (features/intake/book-number.ts). */
  bookNumberFormat: string;
  /** The product's one clock (ONEBOOK_NOW fixes its start; the system clock otherwise). */
  clock: Clock;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`环境变量 ${name} 应为非负整数，实际为 "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom("PORT", 3000),
    host: env.HOST || "127.0.0.1",
    dataDir: resolve(env.ONEBOOK_DATA || "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: intFrom("SESSION_IDLE_MINUTES", 480),
    sessionMaxHours: intFrom("SESSION_MAX_HOURS", 12),
    secureCookies: env.SECURE_COOKIES === "1",
    loginMaxFailures: intFrom("LOGIN_MAX_FAILURES", 5),
    loginLockMinutes: intFrom("LOGIN_LOCK_MINUTES", 15),
    loginRatePerMinute: intFrom("LOGIN_RATE_PER_MINUTE", 20),
    runJobs: env.ONEBOOK_JOBS !== "0",
    logLevel: env.LOG_LEVEL || "info",
    backupDir: env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : undefined,
    backupSchedule: env.BACKUP_SCHEDULE || "30 2 * * *",
    backupKeep: intFrom("BACKUP_KEEP", 14),
    bookNumberFormat: env.ONEBOOK_BOOK_NUMBER_FORMAT || "{county}-{year}-{seq:4}",
    clock: clockFromSetting(env.ONEBOOK_NOW),
  };
}
