// Log-in: argon2id verification, account lock after repeated failures, and one answer for every
// failure so that nobody can learn whether an account exists. Unknown user names are throttled
// in memory exactly like real accounts are in the database, so a lock reveals nothing either.
import type { Kysely } from "kysely";
import type { Actor } from "../audit/audit.ts";
import { writeAudit } from "../audit/audit.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/schema.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";

export type LoginOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid" | "locked" };

const unknownNameFailures = new Map<string, { failures: number; lockedUntil: number }>();

export async function attemptLogin(
  db: Kysely<Database>,
  config: Config,
  username: string,
  password: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const now = Date.now();
  const user = await db
    .selectFrom("app_user")
    .select([
      "id",
      "display_name",
      "role",
      "password_hash",
      "failed_logins",
      "locked_until",
      "active",
      "place_id",
    ])
    .where("username", "=", username)
    .executeTakeFirst();
  const actor: Actor = {
    id: user?.id ?? null,
    name: user?.display_name ?? null,
    role: user?.role ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
  };

  if (!user?.active) {
    await verifyPassword(await decoyPasswordHash(), password); // same time as a real check
    const entry = unknownNameFailures.get(username) ?? { failures: 0, lockedUntil: 0 };
    const locked = entry.lockedUntil > now;
    if (!locked) {
      entry.failures += 1;
      if (entry.failures >= config.loginMaxFailures) {
        entry.lockedUntil = now + config.loginLockMinutes * 60_000;
        entry.failures = 0;
      }
      unknownNameFailures.set(username, entry);
      if (unknownNameFailures.size > 10_000) unknownNameFailures.clear(); // bound memory under attack
    }
    await writeAudit(db, actor, {
      action: "auth.login_failed",
      details: { username, reason: "unknown_user" },
    });
    return { ok: false, reason: locked ? "locked" : "invalid" };
  }

  if (user.locked_until && user.locked_until.getTime() > now) {
    await verifyPassword(await decoyPasswordHash(), password);
    await writeAudit(db, actor, {
      action: "auth.login_failed",
      recordType: "user",
      recordId: user.id,
      details: { username, reason: "locked" },
    });
    return { ok: false, reason: "locked" };
  }

  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= config.loginMaxFailures;
    await db
      .updateTable("app_user")
      .set({
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now + config.loginLockMinutes * 60_000) : null,
      })
      .where("id", "=", user.id)
      .execute();
    await writeAudit(db, actor, {
      action: lock ? "auth.account_locked" : "auth.login_failed",
      recordType: "user",
      recordId: user.id,
      placeId: user.place_id,
      details: { username, reason: "wrong_password", failures },
    });
    return { ok: false, reason: "invalid" };
  }

  await db
    .updateTable("app_user")
    .set({ failed_logins: 0, locked_until: null })
    .where("id", "=", user.id)
    .execute();
  await writeAudit(db, actor, {
    action: "auth.login",
    recordType: "user",
    recordId: user.id,
    placeId: user.place_id,
  });
  return { ok: true, userId: user.id };
}

export const loginFailureMessage = (config: Config) => ({
  invalid: `用户名或密码错误（连续失败${config.loginMaxFailures}次将锁定${config.loginLockMinutes}分钟）`,
  locked: `登录失败次数过多，请${config.loginLockMinutes}分钟后再试`,
});
