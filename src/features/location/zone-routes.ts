// /api/zones — the county's place of execution (执行地, one in force: a new one retires the old and takes
// the next version) and its prohibited zones (禁止令 and the plan's specific places), applying to named
// persons or crime categories. The agency writes them; every worker of the county reads them. Each
// change is one transaction with its audit row; the server's spatial index is rebuilt after it.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Database, Role } from "../../db/schema.ts";
import { crimeCategoryLabel } from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { text } from "../../http/fields.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { type ZoneFeature, zoneFeature } from "./read.ts";
import type { ZoneCircle } from "./tables.ts";
import { GeometryError, parseZoneGeometry } from "./zone-geometry.ts";
import type { Zone } from "./zone-index.ts";

export const zoneWriterRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
/** A prohibited circle larger than this is a typing error (metres). */
export const MAX_CIRCLE_RADIUS_M = 100_000;

const appliesTo = z.object({
  subjectIds: z.array(z.string().min(1).max(64)).max(1000, "最多指定 1000 名对象").default([]),
  categories: z.array(z.string().min(1).max(64)).max(100, "最多指定 100 个罪名类别").default([]),
});

/** A circle as the console sends it: centre [经度, 纬度] (WGS-84) and radius in metres. */
export const circle = z.object({
  center: z.tuple([
    z
      .number({ error: "圆心经度应为数字" })
      .min(-180, "圆心经度应在 -180 至 180 之间")
      .max(180, "圆心经度应在 -180 至 180 之间"),
    z
      .number({ error: "圆心纬度应为数字" })
      .min(-90, "圆心纬度应在 -90 至 90 之间")
      .max(90, "圆心纬度应在 -90 至 90 之间"),
  ]),
  radiusM: z
    .number({ error: "半径（米）应为数字" })
    .positive("半径（米）应大于 0")
    .max(MAX_CIRCLE_RADIUS_M, `半径不能超过 ${MAX_CIRCLE_RADIUS_M} 米`),
});

const featureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.string(),
      geometry: z.any(),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});

const zoneParams = z.object({ id: z.string().min(1).max(64) });

function toZone(r: {
  id: string;
  kind: Zone["kind"];
  name: string;
  geometry: Zone["geometry"];
  circle: Zone["circle"];
  version: number;
  subject_ids: string[];
  categories: string[];
}): Zone {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    geometry: r.geometry,
    circle: r.circle,
    version: r.version,
    subjectIds: r.subject_ids,
    categories: r.categories,
  };
}

/** Refuses persons not of the county and unknown categories, naming the field. */
async function checkAppliesTo(
  k: Kysely<Database>,
  countyId: string,
  value: { subjectIds: string[]; categories: string[] },
  prefix: string,
): Promise<void> {
  value.categories.forEach((c, i) => {
    if (!(c in crimeCategoryLabel)) throw badInput(`${prefix}categories.${i}`, "未知的罪名类别");
  });
  if (value.subjectIds.length === 0) return;
  const found = await k
    .selectFrom("subject")
    .select("id")
    .where("county_id", "=", countyId)
    .where("id", "in", value.subjectIds)
    .execute();
  const known = new Set(found.map((r) => r.id));
  value.subjectIds.forEach((id, i) => {
    if (!known.has(id)) throw badInput(`${prefix}subjectIds.${i}`, "本县没有该社区矫正对象");
  });
}

export function zoneRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const zoneOf = async (countyId: string, id: string) => {
    const row = await k
      .selectFrom("location_zone")
      .selectAll()
      .where("id", "=", id)
      .where("county_id", "=", countyId)
      .executeTakeFirst();
    if (!row) throw notFound("区域");
    return row;
  };
  const featureOf = (r: Awaited<ReturnType<typeof zoneOf>>): ZoneFeature =>
    zoneFeature(toZone(r), {
      subjectIds: r.subject_ids,
      categories: r.categories,
      retired: r.retired_at !== null,
    });

  api.get(
    "/api/zones",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["location"],
        summary: "本县的执行地区域和禁止区域（GeoJSON 要素集合）",
        querystring: z.object({ retired: z.enum(["0", "1"]).default("0") }),
        response: { 200: featureCollection },
      },
    },
    async (request) => {
      const user = userOf(request);
      let query = k.selectFrom("location_zone").selectAll().where("county_id", "=", user.county.id);
      if (request.query.retired === "0") query = query.where("retired_at", "is", null);
      const rows = await query.orderBy("kind").orderBy("created_at").orderBy("id").execute();
      return { type: "FeatureCollection" as const, features: rows.map(featureOf) };
    },
  );

  api.post(
    "/api/zones",
    {
      config: { access: { roles: zoneWriterRoles } },
      schema: {
        tags: ["location"],
        summary:
          "新增区域：执行地（替换现行执行地，版本加一）或禁止区域（多边形或圆形，适用于指定对象或罪名类别）",
        body: z.object({
          kind: z.enum(["execution", "prohibited"], {
            error: "区域类型应为 execution（执行地）或 prohibited（禁止区域）",
          }),
          name: text("区域名称", 100),
          geojson: z.unknown().optional(),
          circle: circle.optional(),
          appliesTo: appliesTo.optional(),
        }),
        response: { 201: z.object({ id: z.string(), version: z.number() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const countyId = user.county.id;
      if ((body.geojson === undefined) === (body.circle === undefined))
        throw badInput("geojson", "请提供区域的 GeoJSON 多边形或圆形（circle），二者只能选其一");
      if (body.kind === "execution" && body.circle)
        throw badInput("circle", "执行地应为多边形（县界），不能是圆形");
      if (body.kind === "execution" && body.appliesTo)
        throw badInput("appliesTo", "执行地适用于全县对象，不能指定适用范围");
      let geometry = null;
      if (body.geojson !== undefined) {
        try {
          geometry = parseZoneGeometry(body.geojson, "geojson");
        } catch (error) {
          if (error instanceof GeometryError) throw badInput(error.field, error.message);
          throw error;
        }
      }
      const applies = body.appliesTo ?? { subjectIds: [], categories: [] };
      await checkAppliesTo(k, countyId, applies, "appliesTo.");
      const id = randomUUID();
      const now = app.clock.now();
      const version = await k.transaction().execute(async (trx) => {
        let version = 1;
        if (body.kind === "execution") {
          // One execution area in force per county: the new one retires the old and takes its next version.
          await sql`select pg_advisory_xact_lock(hashtext(${`location_zone:${countyId}`}))`.execute(trx);
          const last = await trx
            .selectFrom("location_zone")
            .select((eb) => eb.fn.max("version").as("v"))
            .where("county_id", "=", countyId)
            .where("kind", "=", "execution")
            .executeTakeFirst();
          version = Number(last?.v ?? 0) + 1;
          await trx
            .updateTable("location_zone")
            .set({ retired_at: now, retired_by: user.id, changed_at: now })
            .where("county_id", "=", countyId)
            .where("kind", "=", "execution")
            .where("retired_at", "is", null)
            .execute();
        }
        await trx
          .insertInto("location_zone")
          .values({
            id,
            county_id: countyId,
            kind: body.kind,
            name: body.name,
            geometry: geometry ? JSON.stringify(geometry) : null,
            circle: body.circle ? JSON.stringify(body.circle satisfies ZoneCircle) : null,
            version,
            subject_ids: JSON.stringify(applies.subjectIds),
            categories: JSON.stringify(applies.categories),
            created_by: user.id,
            created_at: now,
            changed_at: now,
          })
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "zone.create",
          recordType: "location_zone",
          recordId: id,
          placeId: countyId,
          details: { kind: body.kind, name: body.name, version, appliesTo: applies },
        });
        return version;
      });
      app.location.zones.invalidate(countyId);
      return reply.code(201).send({ id, version });
    },
  );

  api.put(
    "/api/zones/:id/applies-to",
    {
      config: { access: { roles: zoneWriterRoles } },
      schema: {
        tags: ["location"],
        summary: "设置禁止区域的适用对象（禁止令所列人员）和适用罪名类别",
        params: zoneParams,
        body: appliesTo,
        response: { 200: featureCollection.shape.features.element, ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const zone = await zoneOf(user.county.id, request.params.id);
      if (zone.kind !== "prohibited") throw conflict("执行地适用于全县对象，不能指定适用范围");
      if (zone.retired_at) throw conflict("该区域已停用");
      await checkAppliesTo(k, user.county.id, request.body, "");
      const now = app.clock.now();
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable("location_zone")
          .set({
            subject_ids: JSON.stringify(request.body.subjectIds),
            categories: JSON.stringify(request.body.categories),
            changed_at: now,
          })
          .where("id", "=", zone.id)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "zone.applies_to",
          recordType: "location_zone",
          recordId: zone.id,
          placeId: user.county.id,
          details: {
            before: { subjectIds: zone.subject_ids, categories: zone.categories },
            after: request.body,
          },
        });
      });
      app.location.zones.invalidate(user.county.id);
      return featureOf(await zoneOf(user.county.id, zone.id));
    },
  );

  api.post(
    "/api/zones/:id/retire",
    {
      config: { access: { roles: zoneWriterRoles } },
      schema: {
        tags: ["location"],
        summary: "停用区域（保留记录）",
        params: zoneParams,
        response: { 200: featureCollection.shape.features.element, ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const zone = await zoneOf(user.county.id, request.params.id);
      if (zone.retired_at) throw conflict("该区域已停用");
      const now = app.clock.now();
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable("location_zone")
          .set({ retired_at: now, retired_by: user.id, changed_at: now })
          .where("id", "=", zone.id)
          .where("retired_at", "is", null)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "zone.retire",
          recordType: "location_zone",
          recordId: zone.id,
          placeId: user.county.id,
          details: { kind: zone.kind, name: zone.name },
        });
      });
      app.location.zones.invalidate(user.county.id);
      return featureOf(await zoneOf(user.county.id, zone.id));
    },
  );
}
