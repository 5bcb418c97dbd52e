// /api/investigations — pre-sentence investigation (调查评估, seed 004): the agency receives a court's
// commission and assigns it to an office; the office records its visits and interviews and the
// opinion; the agency downloads the opinion (Word) and marks it returned to the court.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { investigationDocx } from "../../documents/investigation-docx.ts";
import { conflict } from "../../http/errors.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";
import { cstDate } from "../../shared/time.ts";
import { personFields } from "../care/person.ts";
import { attachment, careActor, careContext, WORD } from "../care/request.ts";
import { agencyCareRoles, careReadRoles, careWriteRoles } from "../care/roles.ts";
import { personView } from "../care/schemas.ts";
import { recordingOffice } from "../care/scope.ts";
import {
  addInvestigationNote,
  assignInvestigation,
  concludeInvestigation,
  investigationInScope,
  listInvestigations,
  receiveInvestigation,
  returnInvestigation,
} from "./service.ts";
import {
  INVESTIGATION_NOTE_KINDS,
  INVESTIGATION_OPINIONS,
  INVESTIGATION_PROCEDURES,
  PROPOSED_TYPES,
} from "./tables.ts";

/** A court's commission as the agency enters it; the exchange API takes the same fields but the office. */
export const commissionBody = z.object({
  court: text("委托机关", 100),
  commissionNo: text("委托文书编号", 100),
  procedure: z.enum(INVESTIGATION_PROCEDURES, { error: "请选择程序：普通程序或速裁程序" }),
  receivedOn: dateField("收到委托日期"),
  ...personFields,
  charge: text("涉嫌罪名", 100),
  proposedType: z.enum(PROPOSED_TYPES, { error: "请选择拟适用的社区矫正类别" }),
  officeId: z.string().max(32).nullish().describe("同时分配调查的司法所（可空，稍后分配）"),
});
const noteBody = z.object({
  kind: z.enum(INVESTIGATION_NOTE_KINDS, { error: "请选择调查方式：走访、谈话或查阅材料" }),
  onDate: dateField("调查日期"),
  placeText: optionalText("地点", 200),
  persons: optionalText("走访或谈话对象", 200),
  findings: text("调查情况", 4000),
});
const opinionBody = z.object({
  opinion: z.enum(INVESTIGATION_OPINIONS, { error: "请选择评估意见：适宜或不适宜社区矫正" }),
  reasons: text("评估理由", 4000),
});
const idParams = z.object({ id: z.string().max(64).describe("调查评估委托编号") });

const view = z.object({
  id: z.string(),
  office: z.object({ id: z.string(), name: z.string() }).nullable(),
  court: z.string(),
  commissionNo: z.string(),
  procedure: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  person: personView,
  address: z.string(),
  charge: z.string(),
  proposedType: z.string(),
  status: z.string(),
  opinion: z.string().nullable(),
  reasons: z.string().nullable(),
  concludedOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  notes: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      onDate: z.string(),
      placeText: z.string().nullable(),
      persons: z.string().nullable(),
      findings: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export function investigationRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const one = async (request: Parameters<typeof userOf>[0], id: string) => {
    const [item] = await listInvestigations(k, userOf(request), { id }, app.clock.now());
    return item!;
  };

  api.get(
    "/api/investigations",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["investigation"],
        summary: "调查评估委托：收到日期、期限（工作日）、调查情况、评估意见和回复情况",
        querystring: z.object({
          status: z.enum(["open", "all"], { error: "状态应为 open 或 all" }).default("open"),
        }),
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (request) => ({
      items: await listInvestigations(
        k,
        userOf(request),
        { open: request.query.status === "open" },
        app.clock.now(),
      ),
    }),
  );

  api.post(
    "/api/investigations",
    {
      config: { access: { roles: agencyCareRoles } },
      schema: {
        tags: ["investigation"],
        summary: "登记法院（或其他决定机关）的调查评估委托；按普通程序或速裁程序计算工作日期限",
        body: commissionBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const officeId = body.officeId ? await recordingOffice(k, userOf(request), body.officeId) : null;
      const id = await receiveInvestigation(careContext(app, db), { ...body, officeId }, careActor(request));
      return reply.code(201).send(await one(request, id));
    },
  );

  api.post(
    "/api/investigations/:id/assign",
    {
      config: { access: { roles: agencyCareRoles } },
      schema: {
        tags: ["investigation"],
        summary: "将调查评估委托分配给司法所调查",
        params: idParams,
        body: z.object({ officeId: z.string({ error: "请选择司法所" }).max(32) }),
        response: { 200: view },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await investigationInScope(k, user, request.params.id);
      const officeId = await recordingOffice(k, user, request.body.officeId);
      await assignInvestigation(careContext(app, db), row, officeId, careActor(request));
      return one(request, row.id);
    },
  );

  api.post(
    "/api/investigations/:id/notes",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["investigation"],
        summary: "登记一次调查：走访、谈话或查阅材料，及调查情况",
        params: idParams,
        body: noteBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const row = await investigationInScope(k, userOf(request), request.params.id);
      await addInvestigationNote(careContext(app, db), row, request.body, careActor(request));
      return reply.code(201).send(await one(request, row.id));
    },
  );

  api.post(
    "/api/investigations/:id/opinion",
    {
      config: { access: { roles: careWriteRoles } },
      schema: {
        tags: ["investigation"],
        summary: "提出评估意见：适宜或不适宜社区矫正，并写明理由",
        params: idParams,
        body: opinionBody,
        response: { 200: view },
      },
    },
    async (request) => {
      const row = await investigationInScope(k, userOf(request), request.params.id);
      await concludeInvestigation(careContext(app, db), row, request.body, careActor(request));
      return one(request, row.id);
    },
  );

  api.post(
    "/api/investigations/:id/return",
    {
      config: { access: { roles: agencyCareRoles } },
      schema: {
        tags: ["investigation"],
        summary: "登记评估意见已回复委托机关",
        params: idParams,
        body: z.object({ returnedOn: dateField("回复日期") }),
        response: { 200: view },
      },
    },
    async (request) => {
      const row = await investigationInScope(k, userOf(request), request.params.id);
      await returnInvestigation(careContext(app, db), row, request.body.returnedOn, careActor(request));
      return one(request, row.id);
    },
  );

  api.get(
    "/api/investigations/:id/document",
    {
      config: { access: { roles: careReadRoles } },
      schema: {
        tags: ["investigation"],
        summary: "调查评估意见书（Word）；记入审计日志",
        params: idParams,
        produces: [WORD],
      },
    },
    async (request, reply) => {
      const row = await investigationInScope(k, userOf(request), request.params.id);
      if (!row.opinion) throw conflict("评估意见尚未提出，还没有调查评估意见书");
      const notes = await k
        .selectFrom("investigation_note")
        .select(["kind", "on_date", "persons", "findings"])
        .where("investigation_id", "=", row.id)
        .orderBy("on_date")
        .orderBy("at")
        .execute();
      const places = await k
        .selectFrom("place")
        .select(["id", "name"])
        .where("id", "in", [row.county_id, row.office_id!])
        .execute();
      const nameOf = (id: string | null) => places.find((p) => p.id === id)?.name ?? "";
      const buffer = await investigationDocx({
        commission: row,
        notes,
        agencyName: `${nameOf(row.county_id)}社区矫正机构`,
        officeName: nameOf(row.office_id),
        today: cstDate(app.clock.now()),
      });
      await writeAudit(k, actorOf(request), {
        action: "investigation.export",
        recordType: "investigation",
        recordId: row.id,
        placeId: row.office_id ?? row.county_id,
      });
      return reply.headers(attachment(WORD, `调查评估意见书-${row.commission_no}.docx`)).send(buffer);
    },
  );
}
