// /api/division-boundaries — the administrative divisions' boundaries the agency loads (as it loads
// zones), which give an approved leave's destination its area (division-boundaries.ts): while on leave
// a person may be there as well as in the county. A load names each division by its six-digit code; a
// code loaded again replaces its boundary (the old one is kept, retired). One transaction with its
// audit row; the county's zone index is rebuilt after it. Every worker of the county reads them.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { badInput, notFound } from "../../http/errors.ts";
import { destinationBoundary, enclosingCodes, parseDivisionBoundaries } from "./division-boundaries.ts";
import { GeometryError } from "./zone-geometry.ts";
import { zoneWriterRoles } from "./zone-routes.ts";

/** Boundaries of real divisions run to megabytes. */
export const DIVISION_BODY_LIMIT = 16 * 1_048_576;

const boundaryFeature = z.object({
  type: z.literal("Feature"),
  id: z.string(),
  geometry: z.any(),
  properties: z.object({ code: z.string(), name: z.string(), loadedAt: z.string() }),
});

export function divisionRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.get(
    "/api/division-boundaries",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["location"],
        summary:
          "本县载入的行政区划边界（请假目的地区域，GeoJSON 要素集合）；covering=区划代码 时只返回判断该目的地所用的边界",
        querystring: z.object({
          covering: z
            .string()
            .regex(/^[0-9]{6}$/, "区划代码应为六位数字")
            .optional(),
        }),
        response: {
          200: z.object({ type: z.literal("FeatureCollection"), features: z.array(boundaryFeature) }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const covering = request.query.covering;
      let query = k
        .selectFrom("division_boundary")
        .select(["id", "code", "name", "geometry", "created_at"])
        .where("county_id", "=", user.county.id)
        .where("retired_at", "is", null);
      if (covering) query = query.where("code", "in", enclosingCodes(covering));
      let rows = await query.orderBy("code").execute();
      if (covering) {
        // The one the destination is judged by: its own, else its city's, else its province's.
        const chosen = destinationBoundary(covering, new Map(rows.map((r) => [r.code, r])));
        rows = rows.filter((r) => r === chosen);
      }
      return {
        type: "FeatureCollection" as const,
        features: rows.map((r) => ({
          type: "Feature" as const,
          id: r.id,
          geometry: r.geometry,
          properties: { code: r.code, name: r.name, loadedAt: new Date(r.created_at).toISOString() },
        })),
      };
    },
  );

  api.post(
    "/api/division-boundaries",
    {
      config: { access: { roles: zoneWriterRoles } },
      bodyLimit: DIVISION_BODY_LIMIT,
      schema: {
        tags: ["location"],
        summary:
          "载入行政区划边界（GeoJSON 要素集合，每个要素带六位区划代码 code 或 adcode）；已载入的区划以新边界替换",
        body: z.object({ geojson: z.unknown() }),
        response: { 201: z.object({ loaded: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const countyId = user.county.id;
      if (request.body.geojson === undefined)
        throw badInput("geojson", "请提供行政区划边界的 GeoJSON 要素集合");
      let boundaries: ReturnType<typeof parseDivisionBoundaries>;
      try {
        boundaries = parseDivisionBoundaries(request.body.geojson, "geojson");
      } catch (error) {
        if (error instanceof GeometryError) throw badInput(error.field, error.message);
        throw error;
      }
      const now = app.clock.now();
      const codes = boundaries.map((b) => b.code);
      await k.transaction().execute(async (trx) => {
        const replaced = await trx
          .updateTable("division_boundary")
          .set({ retired_at: now, retired_by: user.id, changed_at: now })
          .where("county_id", "=", countyId)
          .where("code", "in", codes)
          .where("retired_at", "is", null)
          .returning("code")
          .execute();
        await trx
          .insertInto("division_boundary")
          .values(
            boundaries.map((b) => ({
              id: randomUUID(),
              county_id: countyId,
              code: b.code,
              name: b.name,
              geometry: JSON.stringify(b.geometry),
              created_by: user.id,
              created_at: now,
              changed_at: now,
            })),
          )
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "division.load",
          recordType: "division_boundary",
          recordId: codes.join(",").slice(0, 200),
          placeId: countyId,
          details: {
            loaded: boundaries.map((b) => ({ code: b.code, name: b.name })),
            replaced: replaced.map((r) => r.code),
          },
        });
      });
      app.location.zones.invalidate(countyId);
      return reply.code(201).send({ loaded: boundaries.map((b) => ({ code: b.code, name: b.name })) });
    },
  );

  api.post(
    "/api/division-boundaries/:code/retire",
    {
      config: { access: { roles: zoneWriterRoles } },
      schema: {
        tags: ["location"],
        summary: "停用一个行政区划边界（保留记录）；此后请假目的地在该区划的，改按上级区划边界或不判断越界",
        params: z.object({ code: z.string().regex(/^[0-9]{6}$/, "区划代码应为六位数字") }),
        response: { 200: z.object({ code: z.string(), name: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const countyId = user.county.id;
      const now = app.clock.now();
      const retired = await k.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("division_boundary")
          .set({ retired_at: now, retired_by: user.id, changed_at: now })
          .where("county_id", "=", countyId)
          .where("code", "=", request.params.code)
          .where("retired_at", "is", null)
          .returning(["code", "name"])
          .executeTakeFirst();
        if (!row) throw notFound("该区划的边界");
        await writeAudit(trx, actorOf(request), {
          action: "division.retire",
          recordType: "division_boundary",
          recordId: row.code,
          placeId: countyId,
          details: { code: row.code, name: row.name },
        });
        return row;
      });
      app.location.zones.invalidate(countyId);
      return retired;
    },
  );
}
