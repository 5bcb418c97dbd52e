// Partner organisations of the information exchange (seed 001 信息共享): the agency registers a court,
// procuratorate, police station, prison or rehabilitation centre with the kinds of exchange it may use
// (scopes) and gives it an API key: a key id and a secret, shown once. The secret is kept sealed
// (secret-box.ts) because verifying an HMAC needs it. A key can be rotated (a new key; the old one
// stops) and the partner retired (all its keys stop at once).
import { randomBytes, randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { conflict, forbidden, notFound } from "../../http/errors.ts";
import {
  FIVE_MINUTES,
  methodPathTimestampBodyHash,
  type SignedRequestScheme,
} from "../../http/signed-request.ts";
import type { SecretBox } from "./secret-box.ts";
import { type ExchangeScope, type PartnerKind, SCOPE_PARTNER_KINDS } from "./tables.ts";
import "./tables.ts";

/** The signature scheme of every /api/exchange/v1 route: method, path, timestamp, SHA-256 of the body. */
export const exchangeScheme: SignedRequestScheme = {
  name: "exchange_partner",
  headers: { keyId: "x-onebook-key", timestamp: "x-onebook-timestamp", signature: "x-onebook-signature" },
  stringToSign: methodPathTimestampBodyHash,
  windowMs: FIVE_MINUTES,
};

export interface Partner {
  id: string;
  countyId: string;
  kind: PartnerKind;
  name: string;
  scopes: ExchangeScope[];
  createdAt: Date;
  retiredAt: Date | null;
}

export interface PartnerView extends Partner {
  keyId: string | null;
  keyCreatedAt: Date | null;
}

/** The partner of a signed call, as an audit actor: the organisation acts, not a person. */
export function partnerActor(partner: Partner, request: FastifyRequest, keyId: string): Actor {
  return {
    id: null,
    name: partner.name,
    role: "partner",
    ip: request.ip ?? null,
    userAgent: `${keyId} ${request.headers["user-agent"] ?? ""}`.trim(),
    at: request.server.clock.now(),
  };
}

const toPartner = (r: {
  id: string;
  county_id: string;
  kind: PartnerKind;
  name: string;
  scopes: ExchangeScope[];
  created_at: Date;
  retired_at: Date | null;
}): Partner => ({
  id: r.id,
  countyId: r.county_id,
  kind: r.kind,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
});

/** The secret of a live key of a live partner, for the signature check. */
export function partnerSecret(db: Kysely<Database>, box: SecretBox) {
  return async (keyId: string): Promise<string | null> => {
    const row = await db
      .selectFrom("exchange_key")
      .innerJoin("exchange_partner", "exchange_partner.id", "exchange_key.partner_id")
      .select("exchange_key.secret_enc")
      .where("exchange_key.key_id", "=", keyId)
      .where("exchange_key.retired_at", "is", null)
      .where("exchange_partner.retired_at", "is", null)
      .executeTakeFirst();
    return row ? box.open(row.secret_enc) : null;
  };
}

/**
 * The partner of a verified key id, refused (403) when the call is not among its scopes or not of its
 * kind (a scope registered before the kinds were checked does not let a court send a prison's notice).
 */
export async function partnerOfKey(
  db: Kysely<Database>,
  keyId: string,
  scope: ExchangeScope,
): Promise<Partner> {
  const row = await db
    .selectFrom("exchange_key")
    .innerJoin("exchange_partner", "exchange_partner.id", "exchange_key.partner_id")
    .selectAll("exchange_partner")
    .where("exchange_key.key_id", "=", keyId)
    .executeTakeFirstOrThrow();
  const partner = toPartner(row);
  if (
    !partner.scopes.includes(scope) ||
    !(SCOPE_PARTNER_KINDS[scope] ?? [partner.kind]).includes(partner.kind)
  )
    throw forbidden("该接入单位未获准使用此类信息交换");
  return partner;
}

/** The live key's secret of a partner (webhook payloads are signed with it). */
export async function currentSecret(db: Kysely<Database>, box: SecretBox, partnerId: string) {
  const row = await db
    .selectFrom("exchange_key")
    .select(["key_id", "secret_enc"])
    .where("partner_id", "=", partnerId)
    .where("retired_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  const secret = row ? box.open(row.secret_enc) : null;
  return row && secret ? { keyId: row.key_id, secret } : null;
}

export async function listPartners(db: Kysely<Database>, countyId: string): Promise<PartnerView[]> {
  const rows = await db
    .selectFrom("exchange_partner")
    .leftJoin("exchange_key", (join) =>
      join
        .onRef("exchange_key.partner_id", "=", "exchange_partner.id")
        .on("exchange_key.retired_at", "is", null),
    )
    .selectAll("exchange_partner")
    .select(["exchange_key.key_id", "exchange_key.created_at as key_created_at"])
    .where("exchange_partner.county_id", "=", countyId)
    .orderBy("exchange_partner.created_at")
    .execute();
  return rows.map((r) => ({ ...toPartner(r), keyId: r.key_id, keyCreatedAt: r.key_created_at }));
}

export async function findPartner(db: Kysely<Database>, countyId: string, id: string): Promise<Partner> {
  const row = await db
    .selectFrom("exchange_partner")
    .selectAll()
    .where("id", "=", id)
    .where("county_id", "=", countyId)
    .executeTakeFirst();
  if (!row) throw notFound("接入单位");
  return toPartner(row);
}

/** A new key of a partner in `trx`, answering the key id and the plain secret (shown this once). */
async function issueKey(trx: Kysely<Database>, box: SecretBox, partnerId: string, now: Date) {
  const keyId = `pk-${randomBytes(8).toString("hex")}`;
  const secret = randomBytes(32).toString("hex");
  await trx
    .insertInto("exchange_key")
    .values({
      id: randomUUID(),
      key_id: keyId,
      partner_id: partnerId,
      secret_enc: box.seal(secret),
      created_at: now,
    })
    .execute();
  return { keyId, secret };
}

export interface NewPartner {
  kind: PartnerKind;
  name: string;
  scopes: ExchangeScope[];
}

export async function registerPartner(
  db: Kysely<Database>,
  box: SecretBox,
  user: CurrentUser,
  actor: Actor,
  input: NewPartner,
  now: Date,
): Promise<PartnerView & { secret: string }> {
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("exchange_partner")
      .values({
        id,
        county_id: user.county.id,
        kind: input.kind,
        name: input.name,
        scopes: JSON.stringify([...new Set(input.scopes)]),
        created_by: user.id,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw conflict(`本县已登记名为“${input.name}”的接入单位`);
    const key = await issueKey(trx, box, id, now);
    await writeAudit(trx, actor, {
      action: "exchange_partner.register",
      recordType: "exchange_partner",
      recordId: id,
      placeId: user.county.id,
      details: { name: input.name, kind: input.kind, scopes: input.scopes, keyId: key.keyId },
    });
    return {
      id,
      countyId: user.county.id,
      kind: input.kind,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      createdAt: now,
      retiredAt: null,
      keyId: key.keyId,
      keyCreatedAt: now,
      secret: key.secret,
    };
  });
}

/** Retires the partner's live keys and issues a new one (its secret shown once). */
export async function rotateKey(
  db: Kysely<Database>,
  box: SecretBox,
  user: CurrentUser,
  actor: Actor,
  partnerId: string,
  now: Date,
): Promise<{ keyId: string; secret: string; createdAt: Date }> {
  const partner = await findPartner(db, user.county.id, partnerId);
  if (partner.retiredAt) throw conflict("该接入单位已停用");
  return db.transaction().execute(async (trx) => {
    const retired = await trx
      .updateTable("exchange_key")
      .set({ retired_at: now })
      .where("partner_id", "=", partnerId)
      .where("retired_at", "is", null)
      .returning("key_id")
      .execute();
    const key = await issueKey(trx, box, partnerId, now);
    await writeAudit(trx, actor, {
      action: "exchange_partner.rotate_key",
      recordType: "exchange_partner",
      recordId: partnerId,
      placeId: user.county.id,
      details: { retiredKeys: retired.map((r) => r.key_id), keyId: key.keyId },
    });
    return { ...key, createdAt: now };
  });
}

export async function retirePartner(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  partnerId: string,
  now: Date,
): Promise<Partner> {
  const partner = await findPartner(db, user.county.id, partnerId);
  if (partner.retiredAt) throw conflict("该接入单位已停用");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("exchange_partner").set({ retired_at: now }).where("id", "=", partnerId).execute();
    await trx
      .updateTable("exchange_key")
      .set({ retired_at: now })
      .where("partner_id", "=", partnerId)
      .where("retired_at", "is", null)
      .execute();
    await writeAudit(trx, actor, {
      action: "exchange_partner.retire",
      recordType: "exchange_partner",
      recordId: partnerId,
      placeId: user.county.id,
    });
  });
  return { ...partner, retiredAt: now };
}
