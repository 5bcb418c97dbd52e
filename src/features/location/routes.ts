// The location API of issue 12 (api12.md): the person's app sends reports and selfies; the office, the
// agency and the procuratorate read a person's reports, location alerts and zones for a stated purpose
// (each read audited: location data are confidential, Art. 29 and location.md); the agency keeps the
// zones (zone-routes.ts).
import { createHash, randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import { COORDINATE_SYSTEMS, toWgs84 } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { ApiError, badInput } from "../../http/errors.ts";
import { dateField, instantField } from "../../http/fields.ts";
import { sniffContentType } from "../../shared/content-type.ts";
import { cstIso } from "../../shared/time.ts";
import { sendPhoto } from "../supervision/photo-view.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { makeLocationContext } from "./context.ts";
import { divisionRoutes } from "./division-routes.ts";
import { ingestReports } from "./ingest.ts";
import { LEAVE_KINDS_WITH_AREA } from "./judge.ts";
import { leaveAreaRoutes } from "./leave-area-routes.ts";
import { readLocations } from "./read.ts";
import { zoneRoutes } from "./zone-routes.ts";

/** Who may read a person's location data (location.md "Confidentiality"). */
export const locationReaderRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
  "prosecutor",
] as const satisfies readonly Role[];

/** Who may set a person's residence point: the office and the agency, not the read-only procuratorate. */
const residenceSetterRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];

const residencePoint = z.object({ lon: z.number(), lat: z.number() });

export const MAX_APP_BATCH = 500;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const num = (label: string) => z.number({ error: `${label}应为数字` });

/** One report's shape (types and lengths); ranges and times are judged per report (validate.ts). */
export const reportShape = {
  key: z
    .string({ error: "请填写幂等键 key" })
    .min(8, "幂等键 key 应为 8–100 个字符")
    .max(100, "幂等键 key 应为 8–100 个字符"),
  at: instantField("定位时间应为带时区的时刻（如 2026-11-20T09:30:00+08:00）"),
  lon: num("经度"),
  lat: num("纬度"),
  accuracyM: num("定位精度").optional(),
  crs: z.enum(COORDINATE_SYSTEMS, { error: "坐标系应为 WGS84、GCJ02 或 BD09" }).optional(),
  speedMps: num("速度").optional(),
  batteryPct: num("电量").optional(),
};

const reportError = z.object({ code: z.string(), message: z.string(), field: z.string() });
export const reportResults = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      key: z.string(),
      status: z.enum(["stored", "duplicate", "rejected"]),
      id: z.number().optional(),
      error: reportError.optional(),
    }),
  ),
});

const subjectParams = z.object({ id: z.string().min(1).max(64) });

export function locationRoutes(app: FastifyInstance, db: Db): void {
  app.decorate("location", makeLocationContext(db, app.clock, app.policies));
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.post(
    "/api/app/reports",
    {
      config: { access: { roles: ["subject"] } },
      schema: {
        tags: ["location"],
        summary: "社区矫正对象手机端上报位置（每批 1–500 条，按幂等键去重；提交后才确认）",
        body: z.object({
          reports: z
            .array(z.object({ ...reportShape, photoId: z.string().min(1).max(64).optional() }))
            .min(1, "至少上报 1 条位置")
            .max(MAX_APP_BATCH, `每批最多 ${MAX_APP_BATCH} 条位置`),
        }),
        response: { 200: reportResults },
      },
    },
    async (request) => {
      const user = userOf(request);
      if (!user.subjectId) throw new ApiError(403, "forbidden", "该账号未关联社区矫正对象");
      const results = await ingestReports(
        app.location,
        { kind: "app", subjectId: user.subjectId },
        request.body.reports,
        { log: request.log },
      );
      return { results };
    },
  );

  // Photos arrive as raw image bytes: their own parsers, in their own context.
  app.register(async (child) => {
    for (const type of ["image/jpeg", "image/png"])
      child.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: MAX_PHOTO_BYTES }, (_r, body, done) =>
        done(null, body),
      );
    child.withTypeProvider<ZodTypeProvider>().post(
      "/api/app/photos",
      {
        config: { access: { roles: ["subject"] } },
        bodyLimit: MAX_PHOTO_BYTES,
        schema: {
          tags: ["location"],
          summary: "社区矫正对象签到时的自拍照（JPEG 或 PNG，不超过 5 MB，按内容核验）",
          consumes: ["image/jpeg", "image/png"],
          response: { 201: z.object({ photoId: z.string() }) },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        if (!user.subjectId) throw new ApiError(403, "forbidden", "该账号未关联社区矫正对象");
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw badInput("body", "请上传 JPEG 或 PNG 照片");
        const type = sniffContentType(bytes);
        if (type !== "image/jpeg" && type !== "image/png")
          throw badInput("body", "照片内容不是 JPEG 或 PNG 图片");
        const id = randomUUID();
        await k.transaction().execute(async (trx) => {
          await trx
            .insertInto("location_photo")
            .values({
              id,
              subject_id: user.subjectId as string,
              media_type: type,
              bytes,
              sha256: createHash("sha256").update(bytes).digest("hex"),
              created_at: app.clock.now(),
            })
            .execute();
          await writeAudit(trx, actorOf(request), {
            action: "location.photo_upload",
            recordType: "location_photo",
            recordId: id,
            subjectId: user.subjectId as string,
            details: { mediaType: type, size: bytes.length },
          });
        });
        return reply.code(201).send({ photoId: id });
      },
    );
  });

  api.get(
    "/api/subjects/:id/location-photos/:photoId",
    {
      config: { access: { roles: locationReaderRoles } },
      schema: {
        tags: ["location"],
        summary: "位置签到自拍照；每次查看记入审计日志",
        produces: ["image/jpeg", "image/png"],
        params: subjectParams.extend({ photoId: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) =>
      sendPhoto(
        k,
        request,
        reply,
        { table: "location_photo", action: "location.photo_view" },
        { subjectId: request.params.id, photoId: request.params.photoId },
      ),
  );

  api.get(
    "/api/subjects/:id/locations",
    {
      config: { access: { roles: locationReaderRoles } },
      schema: {
        tags: ["location"],
        summary: "对象的位置报告、位置预警和适用区域（须说明查看目的；每次查看记入审计日志）",
        params: subjectParams,
        querystring: z.object({
          from: dateField("开始日期"),
          to: dateField("结束日期"),
          purpose: z
            .string({ error: "请说明查看位置信息的目的" })
            .trim()
            .min(2, "请说明查看位置信息的目的（至少2个字）")
            .max(200, "查看目的不能超过 200 个字"),
        }),
        response: {
          200: z.object({
            reports: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                lon: z.number(),
                lat: z.number(),
                accuracyM: z.number().nullable(),
                source: z.string(),
                lowQuality: z.boolean(),
                photoId: z.string().optional(),
              }),
            ),
            alerts: z.array(
              z.object({
                id: z.number(),
                kind: z.string(),
                color: z.string(),
                openedAt: z.string(),
                status: z.enum(["open", "handled"]),
                reportIds: z.array(z.number()),
              }),
            ),
            residence: residencePoint.nullable(),
            zones: z.object({ type: z.literal("FeatureCollection"), features: z.array(z.any()) }),
            leaves: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(LEAVE_KINDS_WITH_AREA),
                from: z.string(),
                to: z.string(),
                destinationCounty: z.string(),
                destinationName: z.string(),
                /** Set on the map page: judged before any boundary. */
                circle: z
                  .object({ center: z.tuple([z.number(), z.number()]), radiusM: z.number() })
                  .nullable(),
                area: z.object({ code: z.string(), name: z.string(), geometry: z.any() }).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { from, to, purpose } = request.query;
      if (to < from) throw badInput("to", "结束日期不能早于开始日期");
      if (Date.parse(to) - Date.parse(from) > 92 * 86_400_000)
        throw badInput("to", "一次最多查看 93 天的位置信息");
      const subject = await subjectInScope(k, userOf(request), request.params.id);
      // Outside the transaction: the zone index reads through its own connection (read.ts).
      const zones = await app.location.zones.forCounty(subject.countyId);
      return k.transaction().execute(async (trx) => {
        const answer = await readLocations(trx, app.location, subject, from, to, zones);
        await writeAudit(trx, actorOf(request), {
          action: "location.view",
          recordType: "subject",
          recordId: subject.id,
          subjectId: subject.id,
          placeId: subject.officeId,
          details: { purpose, from, to, reports: answer.reports.length, at: cstIso(app.clock.now()) },
        });
        return answer;
      });
    },
  );

  api.put(
    "/api/subjects/:id/residence-point",
    {
      config: { access: { roles: residenceSetterRoles } },
      schema: {
        tags: ["location"],
        summary:
          "登记对象居住地的坐标（判断疑似人机分离的依据；可用 GCJ-02 或 BD-09 坐标，存为 WGS-84）；记入审计日志",
        params: subjectParams,
        body: z.object({
          lon: num("经度").min(-180, "经度应在 -180 至 180 之间").max(180, "经度应在 -180 至 180 之间"),
          lat: num("纬度").min(-90, "纬度应在 -90 至 90 之间").max(90, "纬度应在 -90 至 90 之间"),
          crs: z.enum(COORDINATE_SYSTEMS, { error: "坐标系应为 WGS84、GCJ02 或 BD09" }).default("WGS84"),
        }),
        response: { 200: residencePoint },
      },
    },
    async (request) => {
      const subject = await subjectInScope(k, userOf(request), request.params.id);
      const { lon, lat, crs } = request.body;
      const [wgsLon, wgsLat] = toWgs84(lon, lat, crs);
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable("subject")
          .set({ residence_lon: wgsLon, residence_lat: wgsLat })
          .where("id", "=", subject.id)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "location.residence_set",
          recordType: "subject",
          recordId: subject.id,
          subjectId: subject.id,
          placeId: subject.officeId,
          details: { lon: wgsLon, lat: wgsLat, givenIn: crs },
        });
      });
      return { lon: wgsLon, lat: wgsLat };
    },
  );

  zoneRoutes(app, db);
  divisionRoutes(app, db);
  leaveAreaRoutes(app, db);
}
