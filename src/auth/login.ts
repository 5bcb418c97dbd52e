// Log-in: argon2id verification and a throttle per (account name, client address). Failures from one
// address delay that address's next attempts for that name, the wait doubling from one second up to
// LOGIN_MAX_DELAY_SECONDS; nobody is locked out by someone else's failures (the agency head cannot
// be shut out from across the county). Unknown names are throttled exactly like real accounts, in the
// same table, and every refusal reads the same, so nothing tells whether an account exists. The
// per-address rate limit of the route (LOGIN_RATE_PER_MINUTE) bounds guessing across many names.
// An agency head (API) or the operator (`onebook unlock NAME`) clears an account's throttles.
import { type Kysely, sql } from "kysely";
import type { Actor } from "../audit/audit.ts";
import { writeAudit } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import type { AppUser, Database } from "../db/schema.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** A throttle row older than this is forgotten: the count starts afresh. */
const FORGET_AFTER_MS = 24 * 3_600_000;

/** Seconds to wait after the `failures`-th failure: none before the limit, then 1, 2, 4 … capped. */
export function loginDelaySeconds(failures: number, config: Config): number {
  if (failures < config.loginMaxFailures) return 0;
  return Math.min(2 ** Math.min(failures - config.loginMaxFailures, 30), config.loginMaxDelaySeconds);
}

/** The account a log-in name designates (staff: the username; the subject app: its own lookup). */
export type AccountLookup = (
  db: Kysely<Database>,
  name: string,
) => Promise<
  Pick<AppUser, "id" | "display_name" | "role" | "password_hash" | "active" | "place_id"> | undefined
>;

const byUsername: AccountLookup = (db, username) =>
  db
    .selectFrom("app_user")
    .select(["id", "display_name", "role", "password_hash", "active", "place_id"])
    .where("username", "=", username)
    .executeTakeFirst();

/** The wait still imposed on (name, client), in seconds, or null; forgets rows older than a day. */
export async function throttleWait(
  db: Kysely<Database>,
  now: Date,
  username: string,
  clientKey: string,
): Promise<{ failures: number; retryAfterSeconds: number } | null> {
  await db
    .deleteFrom("login_throttle")
    .where("last_failed_at", "<", new Date(now.getTime() - FORGET_AFTER_MS))
    .execute();
  const throttle = await db
    .selectFrom("login_throttle")
    .select(["failures", "next_allowed_at"])
    .where("username", "=", username)
    .where("client", "=", clientKey)
    .executeTakeFirst();
  if (!throttle?.next_allowed_at || throttle.next_allowed_at.getTime() <= now.getTime()) return null;
  const retryAfterSeconds = Math.ceil((throttle.next_allowed_at.getTime() - now.getTime()) / 1000);
  return { failures: throttle.failures, retryAfterSeconds };
}

/** Counts one failure of (name, client) and sets the doubling wait; returns the count and the wait. */
export async function noteThrottleFailure(
  db: Kysely<Database>,
  config: Config,
  now: Date,
  username: string,
  clientKey: string,
): Promise<{ failures: number; delay: number }> {
  const row = await db
    .insertInto("login_throttle")
    .values({ username, client: clientKey, failures: 1, last_failed_at: now, next_allowed_at: null })
    .onConflict((oc) =>
      oc.columns(["username", "client"]).doUpdateSet({
        failures: sql<number>`login_throttle.failures + 1`,
        last_failed_at: now,
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  const delay = loginDelaySeconds(row.failures, config);
  if (delay > 0) {
    await db
      .updateTable("login_throttle")
      .set({ next_allowed_at: new Date(now.getTime() + delay * 1000) })
      .where("username", "=", username)
      .where("client", "=", clientKey)
      .execute();
  }
  return { failures: row.failures, delay };
}

/** Forgets the failures of (name, client) after a success. */
export async function clearThrottle(
  db: Kysely<Database>,
  username: string,
  clientKey: string,
): Promise<void> {
  await db
    .deleteFrom("login_throttle")
    .where("username", "=", username)
    .where("client", "=", clientKey)
    .execute();
}

export async function attemptLogin(
  db: Kysely<Database>,
  config: Config,
  username: string,
  password: string,
  client: { ip: string | null; userAgent: string | null },
  lookup: AccountLookup = byUsername,
): Promise<LoginOutcome> {
  const now = config.clock.now();
  const clientKey = client.ip ?? "unknown";
  const user = await lookup(db, username);
  const known = user?.active ? user : null;
  const actor: Actor = {
    id: user?.id ?? null,
    name: user?.display_name ?? null,
    role: user?.role ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
    at: now,
  };
  const record = known ? { recordType: "user", recordId: known.id, placeId: known.place_id } : {};

  const throttle = await throttleWait(db, now, username, clientKey);
  if (throttle) {
    // Refused before any password check, for real and unknown names alike.
    const { retryAfterSeconds } = throttle;
    await writeAudit(db, actor, {
      action: "auth.login_throttled",
      ...record,
      details: { username, failures: throttle.failures, retryAfterSeconds },
    });
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }

  let passwordOk = false;
  if (known) passwordOk = await verifyPassword(known.password_hash, password);
  else await verifyPassword(await decoyPasswordHash(), password); // the same time as a real check
  if (!known || !passwordOk) {
    const row = await noteThrottleFailure(db, config, now, username, clientKey);
    const { delay } = row;
    await writeAudit(db, actor, {
      action: "auth.login_failed",
      ...record,
      details: {
        username,
        reason: known ? "wrong_password" : "unknown_user",
        failures: row.failures,
        ...(delay > 0 ? { delaySeconds: delay } : {}),
      },
    });
    return { ok: false, reason: "invalid" };
  }

  await clearThrottle(db, username, clientKey);
  await writeAudit(db, actor, { action: "auth.login", ...record });
  return { ok: true, userId: known.id };
}

/** Clears every throttle of an account name (all client addresses); returns how many were cleared. */
export async function clearLoginThrottles(db: Kysely<Database>, username: string): Promise<number> {
  const rows = await db
    .deleteFrom("login_throttle")
    .where("username", "=", username)
    .returning("client")
    .execute();
  return rows.length;
}

export const loginFailureMessage = {
  invalid: "用户名或密码错误",
  throttled: (seconds: number) => `登录失败次数过多，请${seconds}秒后再试`,
};
