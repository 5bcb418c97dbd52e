// Configuration comes from the environment (documented in the README) and is read here only, once,
// into one validated object: a bad value stops the start with a Chinese message naming the variable.
import { resolve } from "node:path";
import { Cron } from "croner";
import { type Clock, clockFromSetting } from "./shared/clock.ts";
import { UserError } from "./shared/user-error.ts";

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database (PGlite), used when no DATABASE_URL is given. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process. */
  databasePoolSize: number;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after which a session ends whatever happens. */
  sessionMaxHours: number;
  /** Mark cookies `Secure` (set when serving over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** Failed log-ins of one account from one client address before its attempts are delayed. */
  loginMaxFailures: number;
  /** The longest delay between attempts (the delay doubles from one second up to this). */
  loginMaxDelaySeconds: number;
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
  /** Days a one-time code for the subject's phone app stays valid (features/app). */
  appCodeValidDays: number;
  /**
   * Key that encrypts the partners' API secrets at rest (ONEBOOK_SECRET_KEY, at least 32 characters);
   * unset, a random key kept in the data folder's `secret.key` (features/exchange/secret-box.ts).
   */
  secretKey: string | undefined;
  /** The partners' exchange API (features/exchange): signed calls per key per minute. */
  exchangeRatePerMinute: number;
  /** Webhook deliveries: the first retry after this many seconds, doubling each time. */
  webhookRetrySeconds: number;
  /** Webhook deliveries: attempts before a delivery is set aside as a dead letter. */
  webhookMaxAttempts: number;
  /** The product's one clock (ONEBOOK_NOW fixes its start; the system clock otherwise). */
  clock: Clock;
  /** Map tiles of the location map (ONEBOOK_MAP_TILES, ONEBOOK_MAP_ATTRIBUTION); none: a plain background. */
  mapTiles?: { url: string; attribution: string } | undefined;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Reads and checks one environment's variables; every problem names its variable. */
class EnvReader {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  text(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === "" ? undefined : raw;
  }

  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max)
      throw new UserError(`环境变量 ${name} 应为 ${min} 到 ${max} 之间的整数，实际为 "${raw}"`);
    return value;
  }

  flag(name: string, fallback: boolean): boolean {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (raw !== "0" && raw !== "1") throw new UserError(`环境变量 ${name} 应为 0 或 1，实际为 "${raw}"`);
    return raw === "1";
  }

  oneOf(name: string, fallback: string, allowed: string[]): string {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw))
      throw new UserError(`环境变量 ${name} 应为 ${allowed.join("、")} 之一，实际为 "${raw}"`);
    return raw;
  }

  postgresUrl(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {}
    if (!url || (url.protocol !== "postgres:" && url.protocol !== "postgresql:"))
      throw new UserError(
        `环境变量 ${name} 应为 PostgreSQL 地址，例如 postgres://user:pass@host:5432/db，实际为 "${redact(raw)}"`,
      );
    return raw;
  }

  cron(name: string, fallback: string): string {
    const pattern = this.text(name) ?? fallback;
    try {
      new Cron(pattern, { paused: true, timezone: "Asia/Shanghai" }).stop();
    } catch {
      throw new UserError(`环境变量 ${name} 应为 cron 表达式，例如 "30 2 * * *"，实际为 "${pattern}"`);
    }
    return pattern;
  }

  /** A tile URL template: http(s), with {z}, {x} and {y} (Leaflet's form; {s} for subdomains a–c). */
  tileTemplate(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    let url: URL | null = null;
    try {
      url = new URL(raw.replace(/\{[a-z]+\}/g, "0"));
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol) || !["{z}", "{x}", "{y}"].every((p) => raw.includes(p)))
      throw new UserError(
        `环境变量 ${name} 应为含 {z}、{x}、{y} 的地图瓦片地址，例如 https://tiles.example.cn/{z}/{x}/{y}.png，实际为 "${raw}"`,
      );
    return raw;
  }

  secretKey(name: string): string | undefined {
    const raw = this.text(name);
    if (raw !== undefined && raw.length < 32)
      throw new UserError(`环境变量 ${name} 应至少 32 个字符（建议用 openssl rand -hex 32 生成）`);
    return raw;
  }

  clock(name: string): Clock {
    try {
      return clockFromSetting(this.text(name));
    } catch (error) {
      throw new UserError(error instanceof Error ? error.message : String(error));
    }
  }
}

function mapTiles(read: EnvReader): Config["mapTiles"] {
  const url = read.tileTemplate("ONEBOOK_MAP_TILES");
  return url ? { url, attribution: read.text("ONEBOOK_MAP_ATTRIBUTION") ?? "" } : undefined;
}

const redact = (url: string) => url.replace(/:[^:@/]*@/, ":***@");

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = new EnvReader(env);
  if (read.text("LOGIN_LOCK_MINUTES") !== undefined)
    throw new UserError(
      "环境变量 LOGIN_LOCK_MINUTES 已停用：账户不再整体锁定，改为按账户和客户端地址逐次延迟，最长延迟由 LOGIN_MAX_DELAY_SECONDS 设定",
    );
  const backupDir = read.text("BACKUP_DIR");
  return {
    port: read.int("PORT", 3000, 0, 65_535),
    host: read.text("HOST") ?? "127.0.0.1",
    dataDir: resolve(read.text("ONEBOOK_DATA") ?? "./data"),
    databaseUrl: read.postgresUrl("DATABASE_URL"),
    databasePoolSize: read.int("DATABASE_POOL_SIZE", 10, 1, 1000),
    sessionIdleMinutes: read.int("SESSION_IDLE_MINUTES", 480, 1),
    sessionMaxHours: read.int("SESSION_MAX_HOURS", 12, 1),
    secureCookies: read.flag("SECURE_COOKIES", false),
    trustProxy: read.flag("TRUST_PROXY", false),
    loginMaxFailures: read.int("LOGIN_MAX_FAILURES", 5, 1),
    loginMaxDelaySeconds: read.int("LOGIN_MAX_DELAY_SECONDS", 900, 1),
    loginRatePerMinute: read.int("LOGIN_RATE_PER_MINUTE", 20, 1),
    runJobs: read.flag("ONEBOOK_JOBS", true),
    logLevel: read.oneOf("LOG_LEVEL", "info", LOG_LEVELS),
    backupDir: backupDir ? resolve(backupDir) : undefined,
    backupSchedule: read.cron("BACKUP_SCHEDULE", "30 2 * * *"),
    backupKeep: read.int("BACKUP_KEEP", 14, 1),
    bookNumberFormat: read.text("ONEBOOK_BOOK_NUMBER_FORMAT") ?? "{county}-{year}-{seq:4}",
    appCodeValidDays: read.int("APP_CODE_DAYS", 7, 1, 90),
    secretKey: read.secretKey("ONEBOOK_SECRET_KEY"),
    exchangeRatePerMinute: read.int("EXCHANGE_RATE_PER_MINUTE", 120, 1),
    webhookRetrySeconds: read.int("WEBHOOK_RETRY_SECONDS", 60, 1, 86_400),
    webhookMaxAttempts: read.int("WEBHOOK_MAX_ATTEMPTS", 8, 1, 50),
    clock: read.clock("ONEBOOK_NOW"),
    mapTiles: mapTiles(read),
  };
}
