// /api/leave/:id/destination-area — the area an approved leave's destination is judged by while the
// person is away: a circle the office (or the agency) set on the map page, when approving or afterwards
// (for places without a loaded boundary), else the division boundary that covers the destination
// (division-boundaries.ts), else none (everything allowed while away). Reading follows the leave's
// readers; setting is audited, in one transaction.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import { COORDINATE_SYSTEMS, toWgs84 } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { conflict } from "../../http/errors.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { applicationInScope, leaveRoles } from "../leave/service.ts";
import { circle } from "./zone-routes.ts";

/** Who sets a destination circle: the office and the agency, not the read-only procuratorate. */
const circleSetterRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];

const destinationArea = z.object({
  circle: circle.nullable(),
  boundary: z.object({ code: z.string(), name: z.string() }).nullable(),
});
const params = z.object({ id: z.string().min(1).max(64) });

export function leaveAreaRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const answer = async (
    a: { destination_circle: z.infer<typeof circle> | null; destination_county: string },
    countyId: string,
  ) => {
    const boundary = (await app.location.zones.forCounty(countyId)).destinationArea(a.destination_county);
    return {
      circle: a.destination_circle,
      boundary: boundary ? { code: boundary.code, name: boundary.name } : null,
    };
  };

  api.get(
    "/api/leave/:id/destination-area",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["location"],
        summary: "请假目的地的判断区域：圆形区域（如已设置）、覆盖目的地的行政区划边界（如已载入）",
        params,
        response: { 200: destinationArea },
      },
    },
    async (request) => {
      const { application: a, subject } = await applicationInScope(
        k,
        userOf(request),
        request.params.id,
        app.policies,
      );
      return answer(a, subject.countyId);
    },
  );

  api.put(
    "/api/leave/:id/destination-area",
    {
      config: { access: { roles: circleSetterRoles } },
      schema: {
        tags: ["location"],
        summary:
          "设置请假目的地的圆形区域（圆心和半径；可用 GCJ-02 或 BD-09 坐标，存为 WGS-84）；circle 为 null 时取消；记入审计日志",
        params,
        body: z.object({
          circle: circle.nullable(),
          crs: z.enum(COORDINATE_SYSTEMS, { error: "坐标系应为 WGS84、GCJ02 或 BD09" }).default("WGS84"),
        }),
        response: { 200: destinationArea, ...conflictResponse },
      },
    },
    async (request) => {
      const { application: a, subject } = await applicationInScope(
        k,
        userOf(request),
        request.params.id,
        app.policies,
      );
      if (a.kind !== "ordinary") throw conflict("只有请假外出的目的地可以设置圆形区域");
      if (a.status !== "pending" && a.status !== "approved")
        throw conflict("只能在审批时或批准后、销假前设置目的地区域");
      const given = request.body.circle;
      const value = given
        ? {
            center: toWgs84(given.center[0], given.center[1], request.body.crs) as [number, number],
            radiusM: given.radiusM,
          }
        : null;
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable("leave_application")
          .set({ destination_circle: value ? JSON.stringify(value) : null })
          .where("id", "=", a.id)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "leave.destination_area",
          recordType: "leave_application",
          recordId: a.id,
          subjectId: a.subject_id,
          placeId: a.office_id,
          details: { before: a.destination_circle, after: value, givenIn: request.body.crs },
        });
      });
      return answer({ ...a, destination_circle: value }, subject.countyId);
    },
  );
}
