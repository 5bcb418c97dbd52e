// /api/hazards — the hazard register (安全隐患排查登记, seed 002): record a hazard of a person or a place
// with its measures (owner, deadline), follow it up, mark measures done, close it once all are done.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { roleLabel } from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { dateField, text } from "../../http/fields.ts";
import { cstDate } from "../../shared/time.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { officesOf } from "../today/routes.ts";
import {
  addMeasures,
  assertOpen,
  audit,
  hazardInScope,
  hazardReadRoles,
  hazardWriteRoles,
  listHazards,
  recordHazard,
} from "./service.ts";
import { HAZARD_KINDS, HAZARD_LEVELS } from "./tables.ts";

export const measureBody = z.object({
  measure: text("整改措施", 500),
  ownerId: z.string({ error: "请选择整改责任人" }).min(1, "请选择整改责任人").max(64),
  deadline: dateField("整改时限"),
});

const hazardBody = z.object({
  subjectId: z.string().min(1).max(64).optional().describe("对象的隐患：社区矫正对象 id"),
  placeText: z
    .string()
    .trim()
    .min(1, "请填写场所")
    .max(200, "场所不能超过 200 个字")
    .optional()
    .describe("场所的隐患：地点（村、社区、场所名称或地址）"),
  officeId: z.string().max(32).optional().describe("场所的隐患由机构登记时：所属司法所"),
  kind: z.enum(HAZARD_KINDS, { error: "请选择隐患类别" }),
  level: z.enum(HAZARD_LEVELS, { error: "请选择隐患等级：重大、较大或一般" }),
  description: text("隐患情况", 2000),
  foundOn: dateField("发现日期"),
  measures: z
    .array(measureBody, { error: "请至少填写一项整改措施" })
    .min(1, "请至少填写一项整改措施")
    .max(10, "整改措施不能超过 10 项"),
});

const followupBody = z.object({
  text: text("跟进情况", 2000),
  measureId: z.number().int().positive().optional().describe("所跟进的整改措施"),
  done: z.boolean().default(false).describe("该整改措施已完成"),
});

const closeBody = z.object({ note: text("销号说明", 1000) });
const idParams = z.object({ id: z.string().max(100).describe("安全隐患编号") });
/** A hazard's number from the path; anything else is simply not found. */
const hazardId = (id: string) => {
  if (!/^\d{1,15}$/.test(id)) throw notFound("安全隐患");
  return Number(id);
};

const view = z.object({
  id: z.number(),
  office: z.object({ id: z.string(), name: z.string() }),
  subject: z.object({ id: z.string(), name: z.string() }).nullable(),
  placeText: z.string().nullable(),
  kind: z.string(),
  kindLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  description: z.string(),
  foundOn: z.string(),
  foundBy: z.string(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  overdue: z.boolean(),
  measures: z.array(
    z.object({
      id: z.number(),
      measure: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      deadline: z.string(),
      doneAt: z.string().nullable(),
      status: z.string(),
    }),
  ),
  followups: z.array(
    z.object({
      id: z.number(),
      measureId: z.number().nullable(),
      text: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export function hazardRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.get(
    "/api/hazards",
    {
      config: { access: { roles: hazardReadRoles } },
      schema: {
        tags: ["hazards"],
        summary: "安全隐患台账：对象或场所的隐患、等级、整改措施（责任人、时限）与跟进情况",
        querystring: z.object({
          officeId: z.string().max(32).optional(),
          status: z
            .enum(["open", "closed", "all"], { error: "状态应为 open、closed 或 all" })
            .default("open"),
        }),
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (request) => {
      const offices = await officesOf(db, userOf(request), request.query.officeId);
      return { items: await listHazards(k, offices, { status: request.query.status }, app.clock.now()) };
    },
  );

  api.get(
    "/api/hazards/owners",
    {
      config: { access: { roles: hazardWriteRoles } },
      schema: {
        tags: ["hazards"],
        summary: "可担任整改责任人的工作人员：司法所（及其村、社区）和县社区矫正机构的在职人员",
        querystring: z.object({ officeId: z.string().max(32).optional() }),
        response: {
          200: z.object({
            owners: z.array(
              z.object({ id: z.string(), name: z.string(), role: z.string(), roleLabel: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const offices = await officesOf(db, user, request.query.officeId);
      const rows = await k
        .selectFrom("app_user")
        .innerJoin("place", "place.id", "app_user.place_id")
        .select(["app_user.id", "app_user.display_name", "app_user.role"])
        .where("app_user.active", "=", true)
        .where("app_user.role", "not in", ["subject", "prosecutor"])
        .where((eb) =>
          eb.or([
            eb("place.id", "=", user.county.id),
            eb("place.id", "in", offices.length ? offices : ["-"]),
            eb("place.parent_id", "in", offices.length ? offices : ["-"]),
          ]),
        )
        .orderBy("app_user.role")
        .orderBy("app_user.username")
        .execute();
      return {
        owners: rows.map((r) => ({
          id: r.id,
          name: r.display_name,
          role: r.role,
          roleLabel: roleLabel[r.role] ?? r.role,
        })),
      };
    },
  );

  api.post(
    "/api/hazards",
    {
      config: { access: { roles: hazardWriteRoles } },
      schema: {
        tags: ["hazards"],
        summary: "登记安全隐患（对象或场所）及其整改措施、整改责任人和整改时限",
        body: hazardBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const now = app.clock.now();
      if (!body.subjectId && !body.placeText) throw badInput("subjectId", "请选择社区矫正对象或填写场所");
      if (body.foundOn > cstDate(now)) throw badInput("foundOn", "发现日期不能晚于今天");
      let officeId: string;
      if (body.subjectId) {
        officeId = (await subjectInScope(k, user, body.subjectId)).officeId;
      } else {
        const offices = await officesOf(db, user, body.officeId);
        if (offices.length !== 1) throw badInput("officeId", "请选择场所所属的司法所");
        officeId = offices[0]!;
      }
      const id = await k.transaction().execute((trx) =>
        recordHazard(
          trx,
          actorOf(request),
          user,
          {
            officeId,
            subjectId: body.subjectId ?? null,
            placeText: body.placeText ?? null,
            kind: body.kind,
            level: body.level,
            description: body.description,
            foundOn: body.foundOn,
            measures: body.measures,
          },
          now,
          "measures",
        ),
      );
      const [item] = await listHazards(k, [officeId], { status: "all", id }, now);
      return reply.code(201).send(item!);
    },
  );

  api.post(
    "/api/hazards/:id/measures",
    {
      config: { access: { roles: hazardWriteRoles } },
      schema: {
        tags: ["hazards"],
        summary: "为安全隐患增加一项整改措施（责任人、时限）",
        params: idParams,
        body: measureBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const now = app.clock.now();
      const offices = await officesOf(db, user);
      const hazard = await hazardInScope(k, offices, hazardId(request.params.id));
      assertOpen(hazard);
      await k.transaction().execute(async (trx) => {
        await addMeasures(trx, hazard.county_id, hazard.id, [request.body], user.id, now, "");
        await audit(trx, actorOf(request), "hazard.measure", hazard, { measure: request.body.measure });
      });
      const [item] = await listHazards(k, [hazard.office_id], { status: "all", id: hazard.id }, now);
      return reply.code(201).send(item!);
    },
  );

  api.post(
    "/api/hazards/:id/followups",
    {
      config: { access: { roles: hazardWriteRoles } },
      schema: {
        tags: ["hazards"],
        summary: "登记跟进情况；可同时标记所跟进的整改措施已完成",
        params: idParams,
        body: followupBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const now = app.clock.now();
      const body = request.body;
      const offices = await officesOf(db, user);
      const hazard = await hazardInScope(k, offices, hazardId(request.params.id));
      assertOpen(hazard);
      if (body.done && body.measureId === undefined) throw badInput("measureId", "请选择已完成的整改措施");
      await k.transaction().execute(async (trx) => {
        if (body.measureId !== undefined) {
          const measure = await trx
            .selectFrom("hazard_measure")
            .select(["id", "done_at"])
            .where("id", "=", body.measureId)
            .where("hazard_id", "=", hazard.id)
            .executeTakeFirst();
          if (!measure) throw badInput("measureId", "该整改措施不属于此安全隐患");
          if (body.done) {
            const done = await trx
              .updateTable("hazard_measure")
              .set({ done_at: now, done_by: user.id })
              .where("id", "=", measure.id)
              .where("done_at", "is", null)
              .executeTakeFirst();
            if (Number(done.numUpdatedRows) !== 1) throw conflict("该整改措施已标记完成");
          }
        }
        await trx
          .insertInto("hazard_followup")
          .values({
            hazard_id: hazard.id,
            measure_id: body.measureId ?? null,
            text: body.text,
            by_user: user.id,
            at: now,
          })
          .execute();
        await audit(trx, actorOf(request), "hazard.followup", hazard, {
          measureId: body.measureId ?? null,
          done: body.done,
        });
      });
      const [item] = await listHazards(k, [hazard.office_id], { status: "all", id: hazard.id }, now);
      return reply.code(201).send(item!);
    },
  );

  api.post(
    "/api/hazards/:id/close",
    {
      config: { access: { roles: hazardWriteRoles } },
      schema: {
        tags: ["hazards"],
        summary: "安全隐患销号：全部整改措施完成后，写明销号说明",
        params: idParams,
        body: closeBody,
        response: { 200: view },
      },
    },
    async (request) => {
      const user = userOf(request);
      const now = app.clock.now();
      const offices = await officesOf(db, user);
      const hazard = await hazardInScope(k, offices, hazardId(request.params.id));
      assertOpen(hazard);
      await k.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom("hazard_measure")
          .select("id")
          .where("hazard_id", "=", hazard.id)
          .where("done_at", "is", null)
          .execute();
        if (open.length) throw conflict(`尚有 ${open.length} 项整改措施未完成，不能销号`);
        const closed = await trx
          .updateTable("hazard")
          .set({ closed_at: now, closed_by: user.id, closing_note: request.body.note })
          .where("id", "=", hazard.id)
          .where("closed_at", "is", null)
          .executeTakeFirst();
        if (Number(closed.numUpdatedRows) !== 1) throw conflict("该安全隐患已销号");
        await audit(trx, actorOf(request), "hazard.close", hazard, {});
      });
      const [item] = await listHazards(k, [hazard.office_id], { status: "all", id: hazard.id }, now);
      if (!item) throw notFound("安全隐患");
      return item;
    },
  );
}
