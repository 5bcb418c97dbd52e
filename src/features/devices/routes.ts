// /api/device-vendors, /api/subjects/:id/device-orders, /api/device-orders/:id/extensions and the
// vendors' bulk route /api/devices/reports (api12.md; Art. 29 electronic location, statutory.md).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { dateField, text } from "../../http/fields.ts";
import { conflictResponse, errorBody } from "../../http/openapi.ts";
import { verifySignedRequest } from "../../http/signed-request.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { reportResults, reportShape } from "../location/routes.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { receiveDeviceReports } from "./device-reports.ts";
import {
  createOrder,
  DEVICE_ORDER_REASONS,
  type DeviceOrderView,
  extendOrder,
  listOrders,
} from "./orders.ts";
import { deviceOrderRoles, vendorAdminRoles, vendorReaderRoles } from "./roles.ts";
import { deviceVendorScheme, listVendors, registerVendor, retireVendor, vendorSecret } from "./vendors.ts";

/** At most this many reports in one signed request (api12.md). */
export const MAX_DEVICE_REPORTS = 10_000;

const idParams = z.object({ id: z.string().min(1).max(64) });

const vendorView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
const vendorOut = (v: { id: string; name: string; createdAt: Date; retiredAt: Date | null }) => ({
  id: v.id,
  name: v.name,
  createdAt: cstIso(v.createdAt),
  retiredAt: v.retiredAt ? cstIso(v.retiredAt) : null,
});

const orderView = z.object({
  id: z.string(),
  subjectId: z.string(),
  reason: z.enum(DEVICE_ORDER_REASONS),
  approvedBy: z.string(),
  from: z.string(),
  to: z.string(),
  until: z.string(),
  inForce: z.boolean(),
  extensions: z.array(
    z.object({ id: z.number(), to: z.string(), approvedBy: z.string().nullable(), createdAt: z.string() }),
  ),
  createdAt: z.string(),
});
const orderOut = (o: DeviceOrderView, today: string) => ({
  ...o,
  inForce: o.from <= today && today <= o.until,
  extensions: o.extensions.map((e) => ({ ...e, createdAt: cstIso(e.createdAt) })),
  createdAt: cstIso(o.createdAt),
});

const orderBody = z.object({
  reason: z.enum(DEVICE_ORDER_REASONS, {
    error: "请选择适用电子定位的情形（社区矫正法第二十九条规定的五种情形之一）",
  }),
  approvedBy: text("批准人", 50),
  from: dateField("开始日期"),
  to: dateField("结束日期"),
});
const extensionBody = z.object({
  to: dateField("延长后的结束日期"),
  approvedBy: text("批准人", 50),
});

const deviceReportsBody = z.object({
  reports: z
    .array(
      z.object({
        ...reportShape,
        subjectId: z.string({ error: "请填写社区矫正对象编号 subjectId" }).min(1).max(64),
        deviceId: z.string({ error: "请填写设备编号 deviceId" }).min(1).max(100),
        accuracyM: z.number({ error: "定位精度应为数字（米）" }),
      }),
      { error: "reports 应为位置报告的数组" },
    )
    .min(1, "至少一条位置报告")
    .max(MAX_DEVICE_REPORTS, `一次最多 ${MAX_DEVICE_REPORTS} 条位置报告`),
});

export function deviceRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();

  api.get(
    "/api/device-vendors",
    {
      config: { access: { roles: vendorReaderRoles } },
      schema: {
        tags: ["devices"],
        summary: "本县登记的电子定位设备厂商（平台）；密钥不再显示",
        response: { 200: z.object({ items: z.array(vendorView) }) },
      },
    },
    async (request) => ({ items: (await listVendors(k, userOf(request))).map(vendorOut) }),
  );

  api.post(
    "/api/device-vendors",
    {
      config: { access: { roles: vendorAdminRoles } },
      schema: {
        tags: ["devices"],
        summary: "登记设备厂商平台：返回编号和签名密钥（只显示这一次，请妥善交给厂商）",
        body: z.object({ name: text("厂商名称", 100) }),
        response: { 201: vendorView.extend({ secret: z.string() }), ...conflictResponse },
      },
    },
    async (request, reply) => {
      const vendor = await registerVendor(k, userOf(request), actorOf(request), request.body.name, now());
      reply.code(201);
      return { ...vendorOut(vendor), secret: vendor.secret };
    },
  );

  api.post(
    "/api/device-vendors/:id/retire",
    {
      config: { access: { roles: vendorAdminRoles } },
      schema: {
        tags: ["devices"],
        summary: "停用设备厂商：此后其签名的请求一律拒绝",
        params: idParams,
        response: { 200: vendorView, ...conflictResponse },
      },
    },
    async (request) =>
      vendorOut(await retireVendor(k, userOf(request), actorOf(request), request.params.id, now())),
  );

  api.get(
    "/api/subjects/:id/device-orders",
    {
      config: { access: { roles: deviceOrderRoles.read } },
      schema: {
        tags: ["devices"],
        summary: "社区矫正对象的电子定位决定（社区矫正法第二十九条）及其延长",
        params: idParams,
        response: { 200: z.object({ items: z.array(orderView) }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const items = await listOrders(k, subject.id);
      await writeAudit(k, actorOf(request), {
        action: "device_order.view",
        recordType: "subject",
        recordId: subject.id,
        subjectId: subject.id,
        placeId: subject.officeId,
      });
      const today = cstDate(now());
      return { items: items.map((o) => orderOut(o, today)) };
    },
  );

  api.post(
    "/api/subjects/:id/device-orders",
    {
      config: { access: { roles: deviceOrderRoles.write } },
      schema: {
        tags: ["devices"],
        summary: "登记经县级司法行政部门负责人批准的电子定位决定：五种情形之一，每次不超过3个月",
        params: idParams,
        body: orderBody,
        response: { 201: orderView, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const order = await createOrder(
        k,
        app.policies,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        now(),
      );
      reply.code(201);
      return orderOut(order, cstDate(now()));
    },
  );

  api.post(
    "/api/device-orders/:id/extensions",
    {
      config: { access: { roles: deviceOrderRoles.write } },
      schema: {
        tags: ["devices"],
        summary: "延长电子定位期限：每次不超过3个月，自原结束日期次日起算",
        params: idParams,
        body: extensionBody,
        response: { 201: orderView, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const order = await extendOrder(
        k,
        app.policies,
        userOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        now(),
      );
      reply.code(201);
      return orderOut(order, cstDate(now()));
    },
  );

  api.post(
    "/api/devices/reports",
    {
      config: { access: { public: true, signed: deviceVendorScheme.name } },
      bodyLimit: 8 * 1_048_576, // 10,000 reports of about 250 bytes, with room
      // The signature is checked before the body is validated: an unsigned request learns nothing.
      preValidation: async (request) => {
        request.signedRequest = await verifySignedRequest(
          deviceVendorScheme,
          request,
          now(),
          vendorSecret(k),
        );
      },
      schema: {
        tags: ["devices"],
        summary:
          "设备厂商平台批量上传电子定位设备的位置报告（每次最多10000条）。请求头 x-onebook-vendor、x-onebook-timestamp、x-onebook-signature = hex(HMAC-SHA256(密钥, 时间戳 + \\n + 请求体))",
        headers: z.object({
          "x-onebook-vendor": z.string().optional(),
          "x-onebook-timestamp": z.string().optional(),
          "x-onebook-signature": z.string().optional(),
        }),
        body: deviceReportsBody,
        response: {
          200: reportResults,
          401: errorBody.describe("签名缺失或不正确、厂商不存在或已停用、时间戳超出前后5分钟"),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const signed = request.signedRequest!;
      return { results: await receiveDeviceReports(app.location, signed, request.body.reports, request.log) };
    },
  );
}
