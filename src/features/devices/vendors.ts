// Device vendors (Art. 29 electronic location): the agency head registers the platform of a vendor of
// electronic tags or locator phones; it gets an id and a secret, shown once, with which its server signs
// every bulk request (http/signed-request.ts). Retiring a vendor stops its requests at once.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { FIVE_MINUTES, type SignedRequestScheme, timestampNewlineBody } from "../../http/signed-request.ts";
import "./tables.ts";

/** The signature scheme of `POST /api/devices/reports` (api12.md). */
export const deviceVendorScheme: SignedRequestScheme = {
  name: "device_vendor",
  headers: { keyId: "x-onebook-vendor", timestamp: "x-onebook-timestamp", signature: "x-onebook-signature" },
  stringToSign: timestampNewlineBody,
  windowMs: FIVE_MINUTES,
};

export interface VendorView {
  id: string;
  name: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** The secret of a vendor that may send (not retired), for the signature check. */
export function vendorSecret(db: Kysely<Database>) {
  return async (vendorId: string): Promise<string | null> => {
    const row = await db
      .selectFrom("device_vendor")
      .select("secret")
      .where("id", "=", vendorId)
      .where("retired_at", "is", null)
      .executeTakeFirst();
    return row?.secret ?? null;
  };
}

export async function vendorCounty(db: Kysely<Database>, vendorId: string): Promise<string> {
  const row = await db
    .selectFrom("device_vendor")
    .select("county_id")
    .where("id", "=", vendorId)
    .executeTakeFirstOrThrow();
  return row.county_id;
}

export async function listVendors(db: Kysely<Database>, user: CurrentUser): Promise<VendorView[]> {
  const rows = await db
    .selectFrom("device_vendor")
    .select(["id", "name", "created_at", "retired_at"])
    .where("county_id", "=", user.county.id)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, retiredAt: r.retired_at }));
}

/** Registers a vendor of the user's county; answers its secret, which no later call shows again. */
export async function registerVendor(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  name: string,
  now: Date,
): Promise<VendorView & { secret: string }> {
  const id = `v-${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(32).toString("hex");
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("device_vendor")
      .values({ id, county_id: user.county.id, name, secret, created_by: user.id, created_at: now })
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw conflict(`本县已登记名为“${name}”的设备厂商`);
    await writeAudit(trx, actor, {
      action: "device_vendor.register",
      recordType: "device_vendor",
      recordId: id,
      placeId: user.county.id,
      details: { name },
    });
    return { id, name, createdAt: now, retiredAt: null, secret };
  });
}

export async function retireVendor(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  id: string,
  now: Date,
): Promise<VendorView> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("device_vendor")
      .select(["id", "name", "created_at", "retired_at"])
      .where("id", "=", id)
      .where("county_id", "=", user.county.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("设备厂商");
    if (row.retired_at) throw conflict("该设备厂商已停用");
    await trx.updateTable("device_vendor").set({ retired_at: now }).where("id", "=", id).execute();
    await writeAudit(trx, actor, {
      action: "device_vendor.retire",
      recordType: "device_vendor",
      recordId: id,
      placeId: user.county.id,
    });
    return { id: row.id, name: row.name, createdAt: row.created_at, retiredAt: now };
  });
}
