// Subject sign-in for the phone app. The office gives the person a one-time code (shown once, stored as
// an argon2id hash, valid `APP_CODE_DAYS`); the person sets a password with it and then signs in with
// the ID number and that password. Giving a new code is also the reset: the old password and any
// unused code stop working and the person's sessions end, in one transaction with its audit row.
// Log-in and activation go through the staff log-in throttle (auth/login.ts, migration 008), keyed by
// the ID number typed, so a wrong code and a wrong password count alike and nothing tells whether a
// number belongs to someone.
import { randomInt, randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import {
  type AccountLookup,
  clearLoginThrottles,
  clearThrottle,
  noteThrottleFailure,
  throttleWait,
} from "../../auth/login.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../../auth/password.ts";
import { actorOf } from "../../auth/plugin.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import { ApiError, conflict } from "../../http/errors.ts";
import type { SubjectRef } from "../supervision/subject-ref.ts";
import "./tables.ts";

/** Eight digits: easy to read out and type on a phone; the throttle and the expiry bound guessing. */
export function newCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

/** ID numbers are compared as stored: upper-case X. */
export const normaliseIdNumber = (raw: string) => raw.trim().toUpperCase();

/** The app account of the person in correction with this ID number (role subject). */
export const subjectAccountLookup: AccountLookup = (db, idNumber) =>
  db
    .selectFrom("app_user")
    .innerJoin("subject", "subject.id", "app_user.subject_id")
    .select([
      "app_user.id",
      "app_user.display_name",
      "app_user.role",
      "app_user.password_hash",
      "app_user.active",
      "app_user.place_id",
    ])
    .where("subject.id_number", "=", idNumber)
    .where("subject.status", "=", "in_correction")
    .where("app_user.role", "=", "subject")
    .orderBy("app_user.created_at", "desc")
    .executeTakeFirst();

/** The person's app account (the newest), if any. */
async function accountOf(db: Kysely<Database>, subjectId: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "active"])
    .where("subject_id", "=", subjectId)
    .where("role", "=", "subject")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** Gives (or replaces) the person's one-time code; returns the code, to be shown once. */
export async function issueCode(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRef,
  validDays: number,
): Promise<{ code: string; expiresAt: Date; reset: boolean }> {
  if (subject.status !== "in_correction") throw conflict("该对象不在矫正期内，不能开通手机端");
  const now = request.server.clock.now();
  const code = newCode();
  const codeHash = await hashPassword(code);
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  const person = await db
    .selectFrom("subject")
    .select(["id_number", "name", "gender", "phone"])
    .where("id", "=", subject.id)
    .executeTakeFirstOrThrow();
  // Until the person sets a password: no argon2 hash matches this (and the account is inactive anyway).
  const unusable = "!no-password";
  const reset = await db.transaction().execute(async (trx) => {
    let account = await accountOf(trx, subject.id);
    const hadAccess = Boolean(account?.active);
    if (!account) {
      const id = randomUUID();
      await trx
        .insertInto("app_user")
        .values({
          id,
          username: `app.${subject.id}`,
          display_name: person.name,
          role: "subject",
          place_id: subject.officeId,
          subject_id: subject.id,
          gender: person.gender,
          phone: person.phone,
          password_hash: unusable,
          active: false,
          created_at: now,
        })
        .execute();
      account = { id, active: false };
    } else {
      await trx
        .updateTable("app_user")
        .set({ password_hash: unusable, active: false })
        .where("id", "=", account.id)
        .execute();
      await trx.deleteFrom("session").where("user_id", "=", account.id).execute();
    }
    const revoked = await trx
      .updateTable("app_access_code")
      .set({ revoked_at: now })
      .where("subject_id", "=", subject.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    await trx
      .insertInto("app_access_code")
      .values({
        id: randomUUID(),
        subject_id: subject.id,
        user_id: account.id,
        code_hash: codeHash,
        issued_by: request.user!.id,
        issued_at: now,
        expires_at: expiresAt,
        used_at: null,
        revoked_at: null,
      })
      .execute();
    // A fresh code is also the way out of a log-in throttle for the person.
    await clearLoginThrottles(trx, person.id_number);
    const reset = hadAccess || Number(revoked.numUpdatedRows) > 0;
    await writeAudit(trx, actorOf(request), {
      action: reset ? "app.code_reset" : "app.code_issue",
      recordType: "user",
      recordId: account.id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return reset;
  });
  return { code, expiresAt, reset };
}

export interface AccessStatus {
  /** none: never given a code; code_issued: a code waits to be used; active: the person can sign in. */
  state: "none" | "code_issued" | "code_expired" | "active";
  codeIssuedAt: Date | null;
  codeExpiresAt: Date | null;
  activatedAt: Date | null;
  lastCheckInAt: Date | null;
}

export async function accessStatus(
  db: Kysely<Database>,
  subjectId: string,
  now: Date,
): Promise<AccessStatus> {
  const [account, code, activated, last] = await Promise.all([
    accountOf(db, subjectId),
    db
      .selectFrom("app_access_code")
      .select(["issued_at", "expires_at", "used_at", "revoked_at"])
      .where("subject_id", "=", subjectId)
      .orderBy("issued_at", "desc")
      .executeTakeFirst(),
    db
      .selectFrom("app_access_code")
      .select("used_at")
      .where("subject_id", "=", subjectId)
      .where("used_at", "is not", null)
      .orderBy("used_at", "desc")
      .executeTakeFirst(),
    db
      .selectFrom("location_report")
      .select("measured_at")
      .where("subject_id", "=", subjectId)
      .where("source", "=", "app")
      .orderBy("measured_at", "desc")
      .executeTakeFirst(),
  ]);
  const open = code && !code.used_at && !code.revoked_at;
  const state = account?.active
    ? "active"
    : open
      ? code.expires_at.getTime() > now.getTime()
        ? "code_issued"
        : "code_expired"
      : "none";
  return {
    state,
    codeIssuedAt: open ? code.issued_at : null,
    codeExpiresAt: open ? code.expires_at : null,
    activatedAt: account?.active ? (activated?.used_at ?? null) : null,
    lastCheckInAt: last?.measured_at ?? null,
  };
}

export const activationFailure = "身份证号或激活码不正确，或激活码已过期、已使用";

/**
 * Sets the person's password with the code. Every failure (unknown number, wrong, used or expired
 * code) answers the same, counts on the log-in throttle of the number and is audited.
 */
export async function activate(
  db: Kysely<Database>,
  config: Config,
  request: FastifyRequest,
  body: { idNumber: string; code: string; password: string },
): Promise<{ userId: string } | { retryAfterSeconds: number }> {
  const now = config.clock.now();
  const clientKey = request.ip ?? "unknown";
  const idNumber = normaliseIdNumber(body.idNumber);
  const wait = await throttleWait(db, now, idNumber, clientKey);
  if (wait) return { retryAfterSeconds: wait.retryAfterSeconds };
  const found = await db
    .selectFrom("app_access_code")
    .innerJoin("subject", "subject.id", "app_access_code.subject_id")
    .innerJoin("app_user", "app_user.id", "app_access_code.user_id")
    .select([
      "app_access_code.id",
      "app_access_code.code_hash",
      "app_access_code.expires_at",
      "app_access_code.user_id",
      "app_user.display_name",
      "subject.id as subject_id",
      "subject.office_id",
    ])
    .where("subject.id_number", "=", idNumber)
    .where("subject.status", "=", "in_correction")
    .where("app_access_code.used_at", "is", null)
    .where("app_access_code.revoked_at", "is", null)
    .executeTakeFirst();
  const codeOk = found
    ? await verifyPassword(found.code_hash, body.code)
    : await verifyPassword(await decoyPasswordHash(), body.code);
  const expired = found ? found.expires_at.getTime() <= now.getTime() : false;
  const actor = { ...actorOf(request), id: found?.user_id ?? null, name: found?.display_name ?? null };
  if (!found || !codeOk || expired) {
    const { failures, delay } = await noteThrottleFailure(db, config, now, idNumber, clientKey);
    await writeAudit(
      db,
      { ...actor, role: "subject" },
      {
        action: "app.activate_failed",
        ...(found ? { recordType: "user", recordId: found.user_id, subjectId: found.subject_id } : {}),
        details: {
          reason: !found ? "no_code" : !codeOk ? "wrong_code" : "expired",
          failures,
          ...(delay > 0 ? { delaySeconds: delay } : {}),
        },
      },
    );
    throw new ApiError(401, "activation_failed", activationFailure);
  }
  const passwordHash = await hashPassword(body.password);
  await db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("app_access_code")
      .set({ used_at: now })
      .where("id", "=", found.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new ApiError(401, "activation_failed", activationFailure);
    await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, active: true })
      .where("id", "=", found.user_id)
      .execute();
    await clearThrottle(trx, idNumber, clientKey);
    await writeAudit(
      trx,
      { ...actor, role: "subject" },
      {
        action: "app.activate",
        recordType: "user",
        recordId: found.user_id,
        subjectId: found.subject_id,
        placeId: found.office_id,
      },
    );
  });
  return { userId: found.user_id };
}
