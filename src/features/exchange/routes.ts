// The partners' information exchange (issue 15, seed 001 信息共享).
// - /api/exchange/partners…, /api/exchange/deliveries…: the agency registers partner organisations,
//   rotates their keys, sees their calls and the webhook deliveries, and re-sends dead letters.
// - /api/exchange/v1/…: the partners' own servers, with a signed request instead of a session
//   (http/signed-request.ts, scheme `exchange_partner`): handovers, court notices, commissions, prisons'
//   pre-release notices and rehab centres' notices, their persons, their webhook subscriptions. Every
//   signed call is rate-limited per key and leaves an audit row with the organisation as the actor.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import {
  auditActionLabel,
  deliveryStatusLabel,
  exchangeScopeLabel,
  partnerKindLabel,
  webhookEventLabel,
} from "../../glossary.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { conflictResponse, errorBody } from "../../http/openapi.ts";
import { claimSignature, verifySignedRequest } from "../../http/signed-request.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { receiveAftercare } from "../aftercare/service.ts";
import { careContext } from "../care/request.ts";
import type { Received } from "../care/same-notice.ts";
import { handoverClock } from "../intake/clock.ts";
import { UPLOAD_BODY_LIMIT } from "../intake/documents.ts";
import { createHandover } from "../intake/handover-service.ts";
import { commissionBody } from "../investigation/routes.ts";
import { receiveInvestigation } from "../investigation/service.ts";
import { receiveResettlement } from "../resettlement/service.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { exchangeCalls, listDeliveries } from "./activity.ts";
import { receiveCourtNotice } from "./court-notices.ts";
import { type NoticeOffice, officeOfDivision } from "./division-office.ts";
import { runExchangeJob } from "./job.ts";
import {
  exchangeScheme,
  findPartner,
  listPartners,
  type Partner,
  type PartnerView,
  partnerActor,
  partnerOfKey,
  partnerSecret,
  registerPartner,
  retirePartner,
  rotateKey,
} from "./partners.ts";
import { findPerson, listPersons } from "./persons.ts";
import { exchangeAdminRoles, exchangeReaderRoles } from "./roles.ts";
import {
  callView,
  courtNoticeBody,
  deliveryView,
  exchangeHandoverBody,
  exchangeHandoverResult,
  newKeyView,
  partnerBody,
  partnerView,
  personsQuery,
  personView,
  rehabNoticeBody,
  rehabNoticeResult,
  releaseNoticeBody,
  releaseNoticeResult,
  webhookBody,
  webhookView,
} from "./schemas.ts";
import { secretBox } from "./secret-box.ts";
import type { ExchangeScope } from "./tables.ts";
import {
  fetchSender,
  listWebhooks,
  retryDelivery,
  subscribe,
  unsubscribe,
  type WebhookView,
} from "./webhooks.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });
const signedHeaders = z.object({
  "x-onebook-key": z.string().optional(),
  "x-onebook-timestamp": z.string().optional(),
  "x-onebook-signature": z.string().optional(),
});
const signedErrors = {
  401: errorBody.describe("签名缺失或不正确、密钥不存在或已停用、时间戳超出前后5分钟"),
  403: errorBody.describe("该接入单位未获准使用此类信息交换"),
  409: errorBody.describe("该签名的请求已经处理过（重放），或记录状态不允许"),
};
const SIGNING_HELP =
  "请求头 x-onebook-key（密钥编号）、x-onebook-timestamp（ISO 8601 时刻或毫秒时间戳）、x-onebook-signature = hex(HMAC-SHA256(密钥, 方法 + \\n + 路径（含查询串）+ \\n + 时间戳 + \\n + hex(SHA-256(请求体))))";

const iso = (d: Date | null) => (d ? cstIso(d) : null);
const partnerOut = (p: PartnerView) => ({
  id: p.id,
  kind: p.kind,
  kindLabel: partnerKindLabel[p.kind] ?? p.kind,
  name: p.name,
  scopes: p.scopes,
  scopeLabels: p.scopes.map((s) => exchangeScopeLabel[s] ?? s),
  keyId: p.keyId,
  keyCreatedAt: iso(p.keyCreatedAt),
  createdAt: cstIso(p.createdAt),
  retiredAt: iso(p.retiredAt),
});
const webhookOut = (w: WebhookView) => ({
  ...w,
  createdAt: cstIso(w.createdAt),
  retiredAt: iso(w.retiredAt),
});

declare module "fastify" {
  interface FastifyRequest {
    /** The partner organisation of a verified exchange call. */
    partner?: Partner;
  }
}

export function exchangeRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();
  const box = secretBox(config);

  /** Route options of a signed partner call allowed to partners with `scope`. */
  const signed = (scope: ExchangeScope) => ({
    config: {
      access: { public: true as const, signed: exchangeScheme.name },
      rateLimit: {
        max: config.exchangeRatePerMinute,
        timeWindow: 60_000,
        keyGenerator: (request: FastifyRequest) =>
          `exchange:${request.headers["x-onebook-key"] ?? request.ip}`,
      },
    },
    // The signature is checked before the body is validated: an unsigned request learns nothing.
    preValidation: async (request: FastifyRequest) => {
      const verified = await verifySignedRequest(exchangeScheme, request, now(), partnerSecret(k, box));
      await claimSignature(k, verified, now());
      request.signedRequest = verified;
      request.partner = await partnerOfKey(k, verified.keyId, scope);
    },
  });
  const actorOfPartner = (request: FastifyRequest) =>
    partnerActor(request.partner!, request, request.signedRequest!.keyId);

  // Every verified call, whatever its outcome, leaves one audit row naming the organisation, written
  // before the answer leaves (so a partner that reads its calls right after sees this one).
  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.partner || !request.signedRequest) return payload;
    await writeAudit(k, actorOfPartner(request), {
      action: "exchange.call",
      recordType: "exchange_partner",
      recordId: request.partner.id,
      placeId: request.partner.countyId,
      details: {
        method: request.method,
        path: request.url.split("?")[0],
        status: reply.statusCode,
        keyId: request.signedRequest.keyId,
      },
    }).catch((error) => request.log.error({ err: error }, "exchange call audit failed"));
    return payload;
  });

  // ---- The agency's management ----

  api.get(
    "/api/exchange/partners",
    {
      config: { access: { roles: exchangeReaderRoles } },
      schema: {
        tags: ["exchange"],
        summary: "本县信息共享接入单位（法院、检察院、公安派出所、监狱、戒毒所）；密钥不再显示",
        response: { 200: z.object({ items: z.array(partnerView) }) },
      },
    },
    async (request) => ({ items: (await listPartners(k, userOf(request).county.id)).map(partnerOut) }),
  );

  api.post(
    "/api/exchange/partners",
    {
      config: { access: { roles: exchangeAdminRoles } },
      schema: {
        tags: ["exchange"],
        summary: "登记接入单位：返回密钥编号和签名密钥（只显示这一次，请妥善交给对方）",
        body: partnerBody,
        response: { 201: partnerView.extend({ secret: z.string() }), ...conflictResponse },
      },
    },
    async (request, reply) => {
      const partner = await registerPartner(k, box, userOf(request), actorOf(request), request.body, now());
      reply.code(201);
      return { ...partnerOut(partner), secret: partner.secret };
    },
  );

  api.post(
    "/api/exchange/partners/:id/rotate-key",
    {
      config: { access: { roles: exchangeAdminRoles } },
      schema: {
        tags: ["exchange"],
        summary: "更换接入单位的密钥：旧密钥立即停用，新密钥只显示这一次",
        params: idParams,
        response: { 201: newKeyView, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const key = await rotateKey(k, box, userOf(request), actorOf(request), request.params.id, now());
      reply.code(201);
      return { ...key, createdAt: cstIso(key.createdAt) };
    },
  );

  api.post(
    "/api/exchange/partners/:id/retire",
    {
      config: { access: { roles: exchangeAdminRoles } },
      schema: {
        tags: ["exchange"],
        summary: "停用接入单位：此后其签名的请求一律拒绝，不再推送",
        params: idParams,
        response: { 200: z.object({ id: z.string(), retiredAt: z.string() }), ...conflictResponse },
      },
    },
    async (request) => {
      const partner = await retirePartner(k, userOf(request), actorOf(request), request.params.id, now());
      return { id: partner.id, retiredAt: cstIso(partner.retiredAt!) };
    },
  );

  api.get(
    "/api/exchange/partners/:id/activity",
    {
      config: { access: { roles: exchangeReaderRoles } },
      schema: {
        tags: ["exchange"],
        summary: "接入单位最近的接口调用、推送订阅和推送记录",
        params: idParams,
        response: {
          200: z.object({
            calls: z.array(callView),
            webhooks: z.array(webhookView),
            deliveries: z.array(deliveryView),
          }),
        },
      },
    },
    async (request) => {
      const partner = await findPartner(k, userOf(request).county.id, request.params.id);
      const calls = await exchangeCalls(k, partner.id);
      return {
        calls: calls.map((c) => ({
          ...c,
          at: cstIso(c.at),
          actionLabel: auditActionLabel[c.action] ?? c.action,
        })),
        webhooks: (await listWebhooks(k, partner.id)).map(webhookOut),
        deliveries: (await listDeliveries(k, { countyId: partner.countyId, partnerId: partner.id })).map(
          deliveryOut,
        ),
      };
    },
  );

  api.post(
    "/api/exchange/partners/:id/push",
    {
      config: { access: { roles: exchangeAdminRoles } },
      schema: {
        tags: ["exchange"],
        summary:
          "立即推送：为该接入单位生成新事件的推送，并马上发送已到时间的待发送推送（不必等每分钟一次的推送任务）；失败的仍按退避时间重试",
        params: idParams,
        response: {
          200: z.object({
            collected: z.number().int(),
            delivered: z.number().int(),
            failed: z.number().int(),
            dead: z.number().int(),
          }),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const partner = await findPartner(k, userOf(request).county.id, request.params.id);
      if (partner.retiredAt) throw conflict("该接入单位已停用，不再推送");
      const run = await runExchangeJob(db, config, now(), fetchSender, { partnerId: partner.id });
      await writeAudit(k, actorOf(request), {
        action: "exchange_delivery.push",
        recordType: "exchange_partner",
        recordId: partner.id,
        placeId: partner.countyId,
        details: { ...run },
      });
      return run;
    },
  );

  api.get(
    "/api/exchange/deliveries",
    {
      config: { access: { roles: exchangeReaderRoles } },
      schema: {
        tags: ["exchange"],
        summary: "本县的事件推送记录；status=dead 为多次失败后停止重试的推送",
        querystring: z.object({ status: z.enum(["pending", "delivered", "dead"]).optional() }),
        response: { 200: z.object({ items: z.array(deliveryView) }) },
      },
    },
    async (request) => ({
      items: (
        await listDeliveries(k, { countyId: userOf(request).county.id, status: request.query.status })
      ).map(deliveryOut),
    }),
  );

  api.post(
    "/api/exchange/deliveries/:id/retry",
    {
      config: { access: { roles: exchangeAdminRoles } },
      schema: {
        tags: ["exchange"],
        summary: "重新发送一条停止重试的推送（下次推送任务即发送）",
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }), ...conflictResponse },
      },
    },
    async (request) => {
      await retryDelivery(k, actorOf(request), userOf(request).county.id, request.params.id, now());
      return { ok: true as const };
    },
  );

  api.get(
    "/api/subjects/:id/exchange-deliveries",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["exchange"],
        summary: "社区矫正对象的事件推送及其送达情况",
        params: idParams,
        response: { 200: z.object({ items: z.array(deliveryView) }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      return {
        items: (await listDeliveries(k, { countyId: user.county.id, subjectId: subject.id })).map(
          deliveryOut,
        ),
      };
    },
  );

  // ---- The partners' signed calls ----

  api.post(
    "/api/exchange/v1/handovers",
    {
      ...signed("handover"),
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ["exchange"],
        summary: `法院、监狱等发送交付材料（人员、判决、法律文书）：进入交付接收，按判决生效日期计算法定报到期限。法律文书以 base64 传送，按内容识别类型（PDF、JPEG、PNG），单个不超过 20 MB。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: exchangeHandoverBody,
        response: { 201: exchangeHandoverResult, ...signedErrors },
      },
    },
    async (request, reply) => {
      const partner = request.partner!;
      const { documents, ...body } = request.body;
      const ref = await createHandover(
        k,
        partner.countyId,
        { partnerId: partner.id },
        actorOfPartner(request),
        body,
        now(),
        documents,
      );
      const { profile } = await app.policies.forCounty(partner.countyId);
      const clock = handoverClock(
        body.judgmentEffectiveDate,
        body.correctionType,
        null,
        cstDate(now()),
        profile,
      );
      return reply.code(201).send({ ref, status: "pending" as const, documents: documents.length, clock });
    },
  );

  api.post(
    "/api/exchange/v1/court-notices",
    {
      ...signed("court_notice"),
      schema: {
        tags: ["exchange"],
        summary: `人民法院就提请撤销缓刑、假释或收监执行的案件发送通知：逮捕决定、羁押、裁定。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: courtNoticeBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...signedErrors },
      },
    },
    async (request) => {
      const partner = request.partner!;
      await receiveCourtNotice(k, actorOfPartner(request), partner.countyId, request.body, now());
      return { ok: true as const };
    },
  );

  /** Who receives a partner's notice: the organisation, in its county, audited as itself. */
  const receiverOf = (request: FastifyRequest) => ({
    partnerId: request.partner!.id,
    countyId: request.partner!.countyId,
    audit: actorOfPartner(request),
  });
  api.post(
    "/api/exchange/v1/investigations",
    {
      ...signed("investigation"),
      schema: {
        tags: ["exchange"],
        summary: `人民法院发送调查评估委托：进入社区矫正机构的调查评估，按收到日期和本县工作日计算完成期限（普通程序 10 个工作日，速裁程序 5 个），由机构分配司法所。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: commissionBody.omit({ officeId: true }),
        response: {
          201: z.object({ ref: z.string(), dueOn: z.string(), status: z.literal("received") }),
          ...signedErrors,
        },
      },
    },
    async (request, reply) => {
      const ctx = careContext(app, db);
      const id = await receiveInvestigation(ctx, request.body, receiverOf(request));
      const row = await k
        .selectFrom("investigation")
        .select("due_on")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return reply.code(201).send({ ref: id, dueOn: row.due_on, status: "received" as const });
    },
  );

  /**
   * Where a notice's person landed: the office its division code led to, or — for the same notice
   * sent again — the office the existing record has now (the agency may have assigned it since).
   */
  const landed = async (got: Received, found: NoticeOffice | null) => {
    const office =
      !got.duplicate || got.officeId === found?.id
        ? found
        : got.officeId
          ? await k
              .selectFrom("place")
              .select(["id", "name"])
              .where("id", "=", got.officeId)
              .executeTakeFirstOrThrow()
          : null;
    return {
      ref: got.id,
      office,
      status: office ? ("assigned" as const) : ("awaiting_assignment" as const),
      duplicate: got.duplicate,
    };
  };

  api.post(
    "/api/exchange/v1/release-notices",
    {
      ...signed("release_notice"),
      schema: {
        tags: ["exchange"],
        summary: `监狱发送预释放人员通知（安置帮教）：按户籍地（居住地）区划代码交所在镇（街道）的司法所，自收到之日起计算基本信息核查和衔接回执期限；区划代码对应不到本县司法所的，由社区矫正机构分配。同一人员（身份证号相同；无身份证号时姓名和出生日期相同）、同一释放日期的通知重复发送（例如超时后重发、重新签名后重发）时只登记一次：返回 200 和已有记录的 ref，duplicate 为 true；新登记返回 201。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: releaseNoticeBody,
        response: {
          201: releaseNoticeResult.describe("新登记"),
          200: releaseNoticeResult.describe("同一通知重复发送：已有记录，未重复登记（duplicate 为 true）"),
          ...signedErrors,
        },
      },
    },
    async (request, reply) => {
      const partner = request.partner!;
      const { divisionCode, ...person } = request.body;
      const office = await officeOfDivision(k, partner.countyId, divisionCode);
      const got = await receiveResettlement(
        careContext(app, db),
        {
          ...person,
          officeId: office?.id ?? null,
          prison: partner.name,
          noticeOn: cstDate(now()),
          divisionCode,
        },
        receiverOf(request),
      );
      return reply.code(got.duplicate ? 200 : 201).send(await landed(got, office));
    },
  );

  api.post(
    "/api/exchange/v1/rehab-notices",
    {
      ...signed("rehab_notice"),
      schema: {
        tags: ["exchange"],
        summary: `戒毒所发送《即将解戒人员信息对接通知书》（后续照管）：一名或多名人员，按户籍地（居住地）区划代码交所在镇（街道）的司法所，纳入每月电话回访、每季见面回访；对应不到本县司法所的，由社区矫正机构分配。全部人员一并登记，有一人信息有误则都不登记。同一戒毒所就同一人员（身份证号相同；无身份证号时姓名和出生日期相同）、同一解戒日期重复发送的，不重复登记：该人员返回已有记录的 ref，duplicate 为 true；全部人员均已登记时返回 200，否则 201。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: rehabNoticeBody,
        response: {
          201: rehabNoticeResult.describe("至少一人为新登记"),
          200: rehabNoticeResult.describe("全部人员此前已登记（同一通知重复发送），未重复登记"),
          ...signedErrors,
        },
      },
    },
    async (request, reply) => {
      const partner = request.partner!;
      const offices: (NoticeOffice | null)[] = [];
      for (const p of request.body.persons)
        offices.push(await officeOfDivision(k, partner.countyId, p.divisionCode));
      const got = await receiveAftercare(
        careContext(app, db),
        request.body.persons.map((p, i) => ({
          ...p,
          officeId: offices[i]?.id ?? null,
          rehabCentre: partner.name,
          noticeMonth: request.body.noticeMonth,
        })),
        receiverOf(request),
        (i, name) => (name === "noticeMonth" ? name : `persons.${i}.${name}`),
      );
      const items = [];
      for (const [i, one] of got.entries()) items.push(await landed(one, offices[i] ?? null));
      return reply.code(got.every((g) => g.duplicate) ? 200 : 201).send({ items });
    },
  );

  const personsAudit = async (request: FastifyRequest, refs: string[], purpose: string | undefined) =>
    writeAudit(k, actorOfPartner(request), {
      action: "exchange.persons",
      recordType: "exchange_partner",
      recordId: request.partner!.id,
      placeId: request.partner!.countyId,
      details: { refs: refs.slice(0, 50), count: refs.length, purpose: purpose ?? null },
    });
  const personOut = (p: Awaited<ReturnType<typeof listPersons>>[number]) => ({
    ...p,
    registeredAt: iso(p.registeredAt),
  });

  api.get(
    "/api/exchange/v1/persons",
    {
      ...signed("status"),
      schema: {
        tags: ["exchange"],
        summary: `本单位移交的人员：是否已接收入矫、执行地司法所、是否已解除或终止。未成年人姓名和身份证号遮蔽，除非说明法定查询目的 purpose（记入审计日志）。${SIGNING_HELP}`,
        headers: signedHeaders,
        querystring: personsQuery,
        response: { 200: z.object({ items: z.array(personView) }), ...signedErrors },
      },
    },
    async (request) => {
      const items = await listPersons(k, request.partner!.id, request.query.purpose);
      await personsAudit(
        request,
        items.map((p) => p.ref),
        request.query.purpose,
      );
      return { items: items.map(personOut) };
    },
  );

  api.get(
    "/api/exchange/v1/persons/:ref",
    {
      ...signed("status"),
      schema: {
        tags: ["exchange"],
        summary: `本单位移交的一名人员（ref 为交付时返回的编号）。${SIGNING_HELP}`,
        headers: signedHeaders,
        params: z.object({ ref: z.string().min(1).max(64) }),
        querystring: personsQuery,
        response: { 200: personView, ...signedErrors },
      },
    },
    async (request) => {
      const person = await findPerson(k, request.partner!.id, request.params.ref, request.query.purpose);
      if (!person) throw notFound("人员");
      await personsAudit(request, [person.ref], request.query.purpose);
      return personOut(person);
    },
  );

  api.get(
    "/api/exchange/v1/webhooks",
    {
      ...signed("webhook"),
      schema: {
        tags: ["exchange"],
        summary: `本单位的事件推送订阅。${SIGNING_HELP}`,
        headers: signedHeaders,
        response: { 200: z.object({ items: z.array(webhookView) }), ...signedErrors },
      },
    },
    async (request) => ({ items: (await listWebhooks(k, request.partner!.id)).map(webhookOut) }),
  );

  api.post(
    "/api/exchange/v1/webhooks",
    {
      ...signed("webhook"),
      schema: {
        tags: ["exchange"],
        summary: `订阅事件推送：registration（已接收入矫）、lost_contact（脱离监管）、revocation_request（提请撤销或收监）、release（解除或终止）、death（死亡）。推送以 POST 发送，签名方式同上（用本单位当前密钥），失败按指数退避重试。${SIGNING_HELP}`,
        headers: signedHeaders,
        body: webhookBody,
        response: { 201: webhookView, ...signedErrors },
      },
    },
    async (request, reply) => {
      const hook = await subscribe(k, actorOfPartner(request), request.partner!, request.body, now());
      return reply.code(201).send(webhookOut(hook));
    },
  );

  api.post(
    "/api/exchange/v1/webhooks/:id/retire",
    {
      ...signed("webhook"),
      schema: {
        tags: ["exchange"],
        summary: `取消一项事件推送订阅。${SIGNING_HELP}`,
        headers: signedHeaders,
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }), ...signedErrors },
      },
    },
    async (request) => {
      await unsubscribe(k, actorOfPartner(request), request.partner!, request.params.id, now());
      return { ok: true as const };
    },
  );
}

function deliveryOut(d: Awaited<ReturnType<typeof listDeliveries>>[number]) {
  return {
    ...d,
    eventLabel: webhookEventLabel[d.event] ?? d.event,
    statusLabel: deliveryStatusLabel[d.status] ?? d.status,
    nextAttemptAt: d.status === "pending" ? cstIso(d.nextAttemptAt) : null,
    deliveredAt: d.deliveredAt ? cstIso(d.deliveredAt) : null,
    createdAt: cstIso(d.createdAt),
  };
}
