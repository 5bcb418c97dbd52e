// /api/subjects/:id/… — recording daily supervision (seed 000 §九.2–§九.3): phone and in-person
// reports, field visits by two or more workers, information checks (an abnormal result opens an alert),
// education and assistance, the team's monthly feedback forms; the case's timeline and visit photos.
// Every record is a `case_event` row, so the rules engine, the timeline and the book all see it.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { checkMethodLabel, eventTypeLabel, roleLabel } from "../../glossary.ts";
import { badInput, conflict } from "../../http/errors.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { sniffContentType } from "../../shared/content-type.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { entryView } from "./late-entry.ts";
import { sendPhoto } from "./photo-view.ts";
import { eventTime, recordCheck, recordEvent } from "./record.ts";
import { kindLabels, summaryOf } from "./record-view.ts";
import {
  feedbackFormBody,
  fieldVisitBody,
  informationCheckBody,
  reportBody,
  supportBody,
} from "./schemas.ts";
import { subjectInScope } from "./subject-ref.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });
const created = z.object({ id: z.number(), at: z.string(), alertId: z.number().nullable().optional() });

/** Who records what (the server decides; the console only hides buttons). */
export const recordRoles = {
  reports: ["office_head", "office_assistant"],
  fieldVisits: [
    "office_head",
    "office_assistant",
    "social_worker",
    "psychologist",
    "team_member",
    "agency_head",
    "agency_staff",
  ],
  checks: ["office_head", "office_assistant", "agency_head", "agency_staff"],
  support: ["office_head", "office_assistant", "social_worker", "psychologist"],
  feedbackForms: ["team_member", "office_head", "office_assistant"],
} as const satisfies Record<string, readonly Role[]>;

const agencyRoles: ReadonlySet<string> = new Set(["agency_head", "agency_staff"]);
const actorSide = (role: string) => (agencyRoles.has(role) ? "agency" : "office");

/** Staff who may go on a visit to this subject: the office's workers and the county agency's. */
async function visitStaff(db: Db, officeId: string, countyId: string) {
  return db.kysely
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role"])
    .where("app_user.active", "=", true)
    .where("app_user.role", "not in", ["subject", "prosecutor"])
    .where((eb) =>
      eb.or([eb("app_user.place_id", "in", [officeId, countyId]), eb("place.parent_id", "=", officeId)]),
    )
    .orderBy("app_user.role")
    .orderBy("app_user.username")
    .execute();
}

export function supervisionRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.post(
    "/api/subjects/:id/reports",
    {
      config: { access: { roles: recordRoles.reports } },
      schema: {
        tags: ["supervision"],
        summary: "登记电话（通讯软件）报告或当面报告（由司法所代为登记）",
        params: idParams,
        body: reportBody,
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const at = eventTime(subject, body.at, app.clock.now());
      const channel = body.channel ?? (body.type === "in_person_report" ? "office" : "phone");
      if (body.type === "in_person_report" && channel !== "office")
        throw badInput("channel", "当面报告的渠道只能是到所报告（office）");
      if (body.type === "phone_report" && channel === "office")
        throw badInput("channel", "电话报告的渠道应为电话、通讯软件或视频");
      const id = await recordEvent(k, request, subject, {
        type: body.type,
        at,
        byRole: user.role,
        lateReason: body.lateReason,
        data: { channel, content: body.content, by: actorSide(user.role) },
      });
      return reply.code(201).send({ id, at: cstIso(at) });
    },
  );

  api.post(
    "/api/subjects/:id/field-visits",
    {
      config: { access: { roles: recordRoles.fieldVisits } },
      schema: {
        tags: ["supervision"],
        summary: "登记实地查访：二名以上工作人员同行，地点、走访对象、查访情况和照片",
        params: idParams,
        body: fieldVisitBody,
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const at = eventTime(subject, body.at, app.clock.now());
      if (new Set(body.workers).size !== body.workers.length)
        throw badInput("workers", "同行工作人员有重复，请选择二名以上不同的工作人员");
      const staff = await visitStaff(db, subject.officeId, subject.countyId);
      const workers = body.workers.map((workerId, i) => {
        const found = staff.find((s) => s.id === workerId);
        if (!found) throw badInput(`workers.${i}`, "所选工作人员不属于本司法所或社区矫正机构");
        return { id: found.id, name: found.display_name, role: found.role };
      });
      // Seed 000 §九.2(3): two or more workers (工作人员) of the office or the agency; the team's members
      // (village representatives, family, volunteers) may come along but do not make the pair.
      if (workers.filter((w) => w.role !== "team_member").length < 2)
        throw badInput(
          "workers",
          "实地查访须由二名以上司法所或社区矫正机构的工作人员同行，矫正小组成员不计入其中，请再选择工作人员",
        );
      // Who entered it is one of those who went, or says why not (entered for them).
      const notPresentReason = workers.some((w) => w.id === user.id) ? null : (body.notPresentReason ?? null);
      if (!workers.some((w) => w.id === user.id) && !notPresentReason)
        throw badInput(
          "notPresentReason",
          "您不在同行工作人员之中，请说明由谁查访、为何由您代为登记（或将本人选为同行工作人员）",
        );
      const lead = workers[0]!;
      const photos = body.photos.map((dataUrl, i) => {
        const [, declared, base64] = /^data:(image\/[a-z]+);base64,(.*)$/.exec(dataUrl) ?? [];
        const bytes = Buffer.from(base64 ?? "", "base64");
        // The bytes decide what the photo is; it is stored and served as that type only.
        const mediaType = sniffContentType(bytes);
        if (mediaType !== "image/jpeg" && mediaType !== "image/png" && mediaType !== "image/webp")
          throw badInput(
            `photos.${i}`,
            `第 ${i + 1} 张照片的内容不是 JPEG、PNG 或 WebP 图片，请重新选择照片`,
          );
        if (mediaType !== declared)
          throw badInput(`photos.${i}`, `第 ${i + 1} 张照片的内容与声明的图片类型（${declared}）不符`);
        return { id: randomUUID(), mediaType, bytes };
      });
      const id = await recordEvent(
        k,
        request,
        subject,
        {
          lateReason: body.lateReason,
          type: "field_visit",
          at,
          // One event for the whole crew: it is the office head's visit when the head was among them,
          // whichever place the head has in the list (rules-contract.md).
          byRole: workers.some((w) => w.role === "office_head") ? "office_head" : lead.role,
          data: {
            workers,
            place: body.place,
            peopleMet: body.peopleMet,
            findings: body.findings,
            reason: body.reason,
            photos: photos.map((p) => p.id),
            by: actorSide(lead.role),
            ...(notPresentReason ? { notPresentReason } : {}),
          },
        },
        async (trx, eventId) => {
          if (photos.length === 0) return;
          await trx
            .insertInto("visit_photo")
            .values(
              photos.map((p) => ({
                id: p.id,
                case_event_id: eventId,
                subject_id: subject.id,
                media_type: p.mediaType,
                bytes: p.bytes,
              })),
            )
            .execute();
        },
      );
      return reply.code(201).send({ id, at: cstIso(at) });
    },
  );

  api.post(
    "/api/subjects/:id/information-checks",
    {
      config: { access: { roles: recordRoles.checks } },
      schema: {
        tags: ["supervision"],
        summary: "登记信息化核查（电话、定位、视频）及结果；结果异常即生成预警，须在24小时内处置",
        params: idParams,
        body: informationCheckBody,
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const at = eventTime(subject, body.at, app.clock.now());
      const { profile } = await app.policies.forCounty(subject.countyId); // read before the transaction
      const { id, alertId } = await recordCheck(
        k,
        request,
        subject,
        {
          type: "information_check",
          at,
          method: body.method,
          result: body.result,
          note: body.note,
          abnormalKind: body.abnormalKind,
          lateReason: body.lateReason,
          data: { by: actorSide(user.role) },
        },
        {
          basis: profile.alerts.basis,
          raisedAt: app.clock.now(),
          describe: (kind) => `${checkMethodLabel[body.method]}发现异常（${kind}）：${body.note ?? ""}`,
        },
        profile,
      );
      return reply.code(201).send({ id, at: cstIso(at), alertId });
    },
  );

  api.post(
    "/api/subjects/:id/support",
    {
      config: { access: { roles: recordRoles.support } },
      schema: {
        tags: ["supervision"],
        summary: "登记教育帮扶：教育学习、公益活动（时长）、心理辅导、帮扶（就业培训、低保、临时救助、就学）",
        params: idParams,
        body: supportBody,
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const at = eventTime(subject, body.at, app.clock.now());
      const { type, at: _at, lateReason, ...rest } = body;
      const kind = body.type === "assistance" ? body.kind : null;
      const id = await recordEvent(k, request, subject, {
        type,
        at,
        kind,
        byRole: user.role,
        lateReason,
        data: { ...rest, by: actorSide(user.role) },
      });
      return reply.code(201).send({ id, at: cstIso(at) });
    },
  );

  api.post(
    "/api/subjects/:id/feedback-forms",
    {
      config: { access: { roles: recordRoles.feedbackForms } },
      schema: {
        tags: ["supervision"],
        summary: "提交矫正小组成员每月情况信息反馈表（司法所可代为登记纸质表）",
        params: idParams,
        body: feedbackFormBody,
        response: { 201: created, ...conflictResponse },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const now = app.clock.now();
      if (body.month > cstDate(now).slice(0, 7)) throw badInput("month", "反馈月份不能晚于本月");
      if (body.month < subject.intakeDate.slice(0, 7)) throw badInput("month", "反馈月份不能早于入矫月份");
      let memberId = user.id;
      if (user.role !== "team_member") {
        if (!body.memberId) throw badInput("memberId", "代为登记时请选择填写反馈表的矫正小组成员");
        memberId = body.memberId;
      } else if (body.memberId && body.memberId !== user.id) {
        throw badInput("memberId", "矫正小组成员只能提交本人的反馈表");
      }
      const member = (await visitStaff(db, subject.officeId, subject.countyId)).find(
        (s) => s.id === memberId,
      );
      if (member?.role !== "team_member") throw badInput("memberId", "所选人员不是本司法所的矫正小组成员");
      const existing = await k
        .selectFrom("case_event")
        .select("id")
        .where("subject_id", "=", subject.id)
        .where("type", "=", "feedback_form")
        .where("kind", "=", body.month)
        .where(sql<string>`data->>'memberId'`, "=", memberId)
        .executeTakeFirst();
      if (existing) throw conflict(`${member.display_name} ${body.month} 月的情况信息反馈表已提交`);
      const id = await recordEvent(k, request, subject, {
        type: "feedback_form",
        at: eventTime(subject, undefined, now),
        kind: body.month,
        byRole: "team_member",
        data: {
          memberId,
          memberName: member.display_name,
          situation: body.situation,
          risks: body.risks ?? null,
          suggestions: body.suggestions ?? null,
        },
      });
      return reply.code(201).send({ id, at: cstIso(now) });
    },
  );

  api.get(
    "/api/subjects/:id/workers",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["supervision"],
        summary: "可同行实地查访或填写反馈表的工作人员（本司法所及社区矫正机构）",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), displayName: z.string(), role: z.string(), roleLabel: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const subject = await subjectInScope(k, userOf(request), request.params.id);
      const staff = await visitStaff(db, subject.officeId, subject.countyId);
      return {
        items: staff.map((s) => ({
          id: s.id,
          displayName: s.display_name,
          role: s.role,
          roleLabel: roleLabel[s.role],
        })),
      };
    },
  );

  api.get(
    "/api/subjects/:id/timeline",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["supervision"],
        summary: "个案工作记录时间轴（报告、查访、核查、教育帮扶、反馈表……），新的在前；查看记入审计日志",
        params: idParams,
        querystring: z.object({
          type: z.string().max(40).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            subject: z.object({ id: z.string(), name: z.string(), level: z.string(), officeId: z.string() }),
            items: z.array(
              z.object({
                id: z.number(),
                type: z.string(),
                typeLabel: z.string(),
                at: z.string(),
                kind: z.string().nullable(),
                kindLabel: z.string().nullable(),
                byRole: z.string().nullable(),
                byRoleLabel: z.string().nullable(),
                recordedBy: z.string().nullable(),
                recordedAt: z.string().describe("登记时间（系统时钟）"),
                late: z.boolean().describe("补录：登记时间晚于发生时间超过本县规则的补录时限"),
                lateReason: z.string().nullable(),
                summary: z.string(),
                workers: z.array(z.string()),
                photos: z.array(z.string()),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const { type, page, pageSize } = request.query;
      let query = k.selectFrom("case_event").where("case_event.subject_id", "=", subject.id);
      if (type) query = query.where("case_event.type", "=", type);
      const { profile } = await app.policies.forCounty(subject.countyId);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
        query
          .leftJoin("app_user", "app_user.id", "case_event.recorded_by")
          .select([
            "case_event.id",
            "case_event.type",
            "case_event.at",
            "case_event.kind",
            "case_event.by_role",
            "case_event.data",
            "case_event.recorded_at",
            "case_event.late_reason",
            "app_user.display_name",
          ])
          .orderBy("case_event.at", "desc")
          .orderBy("case_event.id", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      await writeAudit(k, actorOf(request), {
        action: "supervision.timeline_view",
        recordType: "subject",
        recordId: subject.id,
        subjectId: subject.id,
        placeId: subject.officeId,
        details: { type: type ?? null, page },
      });
      return {
        subject: { id: subject.id, name: subject.name, level: subject.level, officeId: subject.officeId },
        total: Number(total),
        items: rows.map((row) => {
          const data = row.data ?? {};
          const workers = Array.isArray(data.workers)
            ? (data.workers as Array<{ name?: unknown }>).map((w) => String(w.name ?? ""))
            : [];
          return {
            id: row.id,
            type: row.type,
            typeLabel: eventTypeLabel[row.type] ?? row.type,
            at: cstIso(row.at),
            kind: row.kind,
            kindLabel: row.kind ? (kindLabels[row.type]?.[row.kind] ?? null) : null,
            byRole: row.by_role,
            byRoleLabel: row.by_role ? (roleLabel[row.by_role as Role] ?? null) : null,
            recordedBy: row.display_name ?? null,
            ...entryView(profile.records, row),
            summary: summaryOf(row.type, row.kind, data),
            workers,
            photos: Array.isArray(data.photos) ? (data.photos as unknown[]).map(String) : [],
          };
        }),
      };
    },
  );

  api.get(
    "/api/subjects/:id/photos/:photoId",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["supervision"],
        summary: "实地查访照片；查看记入审计日志",
        produces: ["image/jpeg", "image/png", "image/webp"],
        params: idParams.extend({ photoId: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) =>
      sendPhoto(
        k,
        request,
        reply,
        { table: "visit_photo", action: "supervision.photo_view" },
        { subjectId: request.params.id, photoId: request.params.photoId },
      ),
  );
}
