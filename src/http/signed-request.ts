// Requests signed with a shared secret instead of a session: a partner's server (a device vendor's
// platform, a court's or prison's exchange) sends, besides the body, its key id, a timestamp and
// hex(HMAC-SHA256(secret, stringToSign({ method, path, timestamp, rawBody }))). Signing the method and
// path (with its query) too means a signature made for one route cannot be replayed at another. The server
//   1. finds the secret of the key id (unknown or retired → 401),
//   2. refuses a timestamp more than `windowMs` away from its clock, either way (401: stale or early),
//   3. recomputes the HMAC over the raw body as received and compares in constant time (401),
//   4. records the signature as used (`signed_request_seen`), so a captured request sent again is
//      refused (409) — pruned by the sweep once its timestamp is out of the window.
// One module, parameterised by header names and the string to sign, for every signed API.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { type ColumnType, type Generated, type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { ApiError } from "./errors.ts";

export interface SignedRequestScheme {
  /** Keeps each signed API's replay records apart, e.g. `device_vendor`. */
  name: string;
  /** Header names (lower case), e.g. `x-onebook-vendor`, `x-onebook-timestamp`, `x-onebook-signature`. */
  headers: { keyId: string; timestamp: string; signature: string };
  /** The text that is signed, from the request line, the timestamp header exactly as sent and the raw body. */
  stringToSign(parts: SignedParts): string;
  /** How far the timestamp may be from the server's clock, either way, in milliseconds. */
  windowMs: number;
}

/** A request whose signature was verified. */
export interface SignedRequest {
  scheme: string;
  keyId: string;
  signature: string;
  signedAt: Date;
}

/** What a signature covers: the method (upper case), the path with its query as sent, the timestamp, the body. */
export interface SignedParts {
  method: string;
  path: string;
  timestamp: string;
  rawBody: string;
}

/** The secret of a key id, or null when there is none (unknown, retired). */
export type SecretLookup = (keyId: string) => Promise<string | null>;

/** The device vendors' string to sign (api12.md): the timestamp, a line feed, and the body. */
export const timestampNewlineBody = ({ timestamp, rawBody }: SignedParts) => `${timestamp}\n${rawBody}`;

/** The request-bound string to sign: method, path, timestamp and hex(SHA-256(body)), one per line. */
export const methodPathTimestampBodyHash = ({ method, path, timestamp, rawBody }: SignedParts) =>
  `${method.toUpperCase()}\n${path}\n${timestamp}\n${createHash("sha256").update(rawBody, "utf8").digest("hex")}`;

export const FIVE_MINUTES = 5 * 60_000;

const unauthenticated = (message: string) => new ApiError(401, "bad_signature", message);

/** `timestamp` as sent: an ISO 8601 instant with its offset, or milliseconds since 1970. */
export function parseSignedTimestamp(text: string): Date | null {
  if (/^\d{1,15}$/.test(text)) return new Date(Number(text));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** hex(HMAC-SHA256(secret, text)): what the sender computes (exported for tests and clients). */
export function signText(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text, "utf8").digest("hex");
}

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" && value.length > 0 && value.length <= 200 ? value : null;
}

/**
 * Verifies a signed request (steps 1–3 above); throws 401 with a Chinese message otherwise. The raw
 * body is the text the JSON parser received (`request.rawBody`, kept by http/input-guard.ts).
 */
export async function verifySignedRequest(
  scheme: SignedRequestScheme,
  request: FastifyRequest,
  now: Date,
  secretOf: SecretLookup,
): Promise<SignedRequest> {
  const keyId = header(request, scheme.headers.keyId);
  const timestamp = header(request, scheme.headers.timestamp);
  const signature = header(request, scheme.headers.signature);
  if (!keyId) throw unauthenticated(`缺少请求头 ${scheme.headers.keyId}`);
  if (!timestamp) throw unauthenticated(`缺少请求头 ${scheme.headers.timestamp}`);
  if (!signature) throw unauthenticated(`缺少请求头 ${scheme.headers.signature}`);
  const signedAt = parseSignedTimestamp(timestamp);
  if (!signedAt)
    throw unauthenticated(`请求头 ${scheme.headers.timestamp} 应为带时区的 ISO 8601 时刻或毫秒时间戳`);
  if (Math.abs(signedAt.getTime() - now.getTime()) > scheme.windowMs)
    throw unauthenticated(
      `请求时间戳与服务器时间相差超过 ${Math.round(scheme.windowMs / 60_000)} 分钟，请校准时钟后重新签名`,
    );
  const secret = await secretOf(keyId);
  if (!secret) throw unauthenticated("接入方不存在或已停用");
  const expected = Buffer.from(
    signText(
      secret,
      scheme.stringToSign({
        method: request.method,
        path: request.url,
        timestamp,
        rawBody: request.rawBody ?? "",
      }),
    ),
    "hex",
  );
  const given = /^[0-9a-fA-F]{64}$/.test(signature) ? Buffer.from(signature, "hex") : null;
  if (!given || !timingSafeEqual(expected, given)) throw unauthenticated("签名不正确");
  return { scheme: scheme.name, keyId, signature: signature.toLowerCase(), signedAt };
}

/**
 * Records a verified signature as used; a signature seen before is refused with 409. Call it in the
 * transaction of the work the request does (or just before, in its own: then a request that failed
 * half-way must be re-signed, which idempotent work makes harmless). Two requests racing with the same
 * signature: the unique index makes the second wait for the first and then find it.
 */
export async function claimSignature(db: Kysely<Database>, signed: SignedRequest, now: Date): Promise<void> {
  const row = await db
    .insertInto("signed_request_seen")
    .values({
      scheme: signed.scheme,
      key_id: signed.keyId,
      signature: signed.signature,
      signed_at: signed.signedAt,
      seen_at: now,
    })
    .onConflict((oc) => oc.columns(["scheme", "signature"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) throw new ApiError(409, "replayed_request", "该签名的请求已经处理过，重复提交请重新签名");
}

/** Deletes the signatures whose timestamp is out of every window (they would fail the time check). */
export async function pruneSeenSignatures(
  db: Kysely<Database>,
  now: Date,
  windowMs = FIVE_MINUTES,
): Promise<number> {
  const result = await db
    .deleteFrom("signed_request_seen")
    .where("signed_at", "<", sql<Date>`${new Date(now.getTime() - 2 * windowMs)}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SignedRequestSeenTable {
  id: Generated<number>;
  scheme: string;
  key_id: string;
  signature: string;
  signed_at: ColumnType<Date, Date, Date>;
  seen_at: ColumnType<Date, Date, Date>;
}

declare module "../db/schema.ts" {
  interface Database {
    signed_request_seen: SignedRequestSeenTable;
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by a signed route's preValidation hook once the signature is verified. */
    signedRequest?: SignedRequest;
  }
}
