// Server-side sessions. The browser holds a random token in an HttpOnly, SameSite=Strict cookie; the
// database holds only its SHA-256, so a copy of the database cannot be used to sign in.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Config } from "../config.ts";
import type { Database } from "../db/schema.ts";
import type { CurrentUser } from "./access.ts";
import { placeChain } from "./places.ts";

export const SESSION_COOKIE = "onebook_session";
export const CSRF_COOKIE = "onebook_csrf";

export const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(
  db: Kysely<Database>,
  config: Config,
  userId: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = config.clock.now();
  await db
    .insertInto("session")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + config.sessionMaxHours * 3_600_000),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/** The signed-in user for a cookie token, or null when the session is unknown, idle too long or expired. */
export async function loadSession(
  db: Kysely<Database>,
  config: Config,
  token: string,
): Promise<CurrentUser | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .select([
      "session.csrf_token",
      "session.expires_at",
      "session.last_seen_at",
      "app_user.id",
      "app_user.username",
      "app_user.display_name",
      "app_user.role",
      "app_user.place_id",
      "app_user.subject_id",
      "app_user.active",
    ])
    .where("session.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row?.active) return null;
  const now = config.clock.now().getTime();
  const idleLimit = row.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000;
  if (row.expires_at.getTime() <= now || idleLimit <= now) {
    await db.deleteFrom("session").where("token_hash", "=", tokenHash).execute();
    return null;
  }
  // Touch at most once a minute: a page load makes several requests.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable("session")
      .set({ last_seen_at: new Date(now) })
      .where("token_hash", "=", tokenHash)
      .execute();
  }
  const chain = await placeChain(db, row.place_id);
  if (!chain?.county) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    place: chain.place,
    county: chain.county,
    officeId: chain.officeId,
    villageId: chain.villageId,
    subjectId: row.subject_id,
    csrfToken: row.csrf_token,
    sessionHash: tokenHash,
  };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("session").where("token_hash", "=", tokenHash).execute();
}
