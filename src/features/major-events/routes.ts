// /api/major-events — major-event reports (重大事项报告, seed 002 一): an escape, a new crime, a death or a
// mass incident reported to the agency at once, follow-up reports, and the agency's closing. An open
// report is on the agency's Today until closed. A new crime reported here is what the statistics
// count as reoffending.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { majorEventKindLabel } from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { instantField, text } from "../../http/fields.ts";
import { cstIso } from "../../shared/time.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { officesOf } from "../today/routes.ts";
import type { TodayItem } from "../today/today.ts";
import { displayName } from "../violations/service.ts";
import { majorEventCloseRoles, majorEventReadRoles, majorEventWriteRoles } from "./roles.ts";
import { MAJOR_EVENT_KINDS } from "./tables.ts";

export const MAJOR_EVENT_BASIS = "seed 002 一: 严格落实重大事项报告制度";

const reportBody = z.object({
  kind: z.enum(MAJOR_EVENT_KINDS, { error: "请选择事项类别：脱逃、重新犯罪、死亡、群体性事件或其他" }),
  subjectId: z.string().min(1).max(64).optional().describe("涉及的社区矫正对象（群体性事件等可不填）"),
  officeId: z.string().max(32).optional().describe("不涉及具体对象时：所属司法所（机构报告时）"),
  occurredAt: instantField(),
  summary: text("事项经过", 4000),
});
const updateBody = z.object({ text: text("续报内容", 4000) });
const closeBody = z.object({ note: text("结案说明", 2000) });
const idParams = z.object({ id: z.string().max(100) });

const view = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  office: z.object({ id: z.string(), name: z.string() }),
  subject: z.object({ id: z.string(), name: z.string() }).nullable(),
  occurredAt: z.string(),
  summary: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  updates: z.array(z.object({ id: z.number(), text: z.string(), by: z.string(), at: z.string() })),
});

async function list(db: Kysely<Database>, offices: string[], filter: { open?: boolean; id?: number }) {
  if (offices.length === 0) return [];
  let q = db
    .selectFrom("major_event")
    .innerJoin("place", "place.id", "major_event.office_id")
    .innerJoin("app_user", "app_user.id", "major_event.reported_by")
    .leftJoin("subject", "subject.id", "major_event.subject_id")
    .selectAll("major_event")
    .select([
      "place.name as office_name",
      "app_user.display_name as reporter",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
    ])
    .where("major_event.office_id", "in", offices);
  if (filter.open) q = q.where("major_event.closed_at", "is", null);
  if (filter.id !== undefined) q = q.where("major_event.id", "=", filter.id);
  const rows = await q.orderBy("major_event.occurred_at", "desc").limit(500).execute();
  const updates = rows.length
    ? await db
        .selectFrom("major_event_update")
        .innerJoin("app_user", "app_user.id", "major_event_update.reported_by")
        .selectAll("major_event_update")
        .select("app_user.display_name")
        .where(
          "major_event_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("major_event_update.id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: majorEventKindLabel[r.kind] ?? r.kind,
    office: { id: r.office_id, name: r.office_name },
    subject: r.subject_id
      ? {
          id: r.subject_id,
          name: displayName({ name: r.name!, birth_date: r.birth_date!, intake_date: r.intake_date! }),
        }
      : null,
    occurredAt: cstIso(new Date(r.occurred_at)),
    summary: r.summary,
    reportedBy: r.reporter,
    reportedAt: cstIso(new Date(r.reported_at)),
    closedAt: r.closed_at ? cstIso(new Date(r.closed_at)) : null,
    closingNote: r.closing_note,
    updates: updates
      .filter((u) => u.major_event_id === r.id)
      .map((u) => ({ id: u.id, text: u.text, by: u.display_name, at: cstIso(new Date(u.reported_at)) })),
  }));
}

/** The agency's Today: every open major event of the county, until the agency closes it. */
export async function majorEventItems(
  db: Kysely<Database>,
  user: CurrentUser,
  offices: string[],
): Promise<{ items: TodayItem[]; revision: string }> {
  if (!(["agency_head", "agency_staff", "prosecutor"] as string[]).includes(user.role))
    return { items: [], revision: "" };
  const open = await list(db, offices, { open: true });
  return {
    revision: open.map((e) => `${e.id}:${e.updates.length}`).join("."),
    items: open.map((e) => ({
      key: `major_event:${e.id}`,
      group: "agency",
      title: `重大事项：${e.kindLabel}（${e.subject?.name ?? e.office.name}）`,
      status: "overdue",
      dueBy: e.reportedAt,
      required: null,
      done: null,
      period: null,
      basis: MAJOR_EVENT_BASIS,
      office: e.office,
      subject: null,
      mine: true,
      colour: "red",
      detail: `${e.occurredAt.slice(0, 16).replace("T", " ")} ${e.summary.slice(0, 80)}；续报 ${e.updates.length} 次，待机构结案`,
      missing: [],
      action:
        user.role === "prosecutor"
          ? null
          : { kind: "major_event", subjectId: e.subject?.id ?? null, alertId: null, officeId: e.office.id },
    })),
  };
}

const eventId = (id: string) => {
  if (!/^\d{1,15}$/.test(id)) throw notFound("重大事项报告");
  return Number(id);
};

export function majorEventRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  const inScope = async (user: CurrentUser, id: string) => {
    const offices = await officesOf(db, user);
    const [e] = await list(k, offices, { id: eventId(id) });
    if (!e) throw notFound("重大事项报告");
    return e;
  };

  api.get(
    "/api/major-events",
    {
      config: { access: { roles: majorEventReadRoles } },
      schema: {
        tags: ["major-events"],
        summary: "重大事项报告（脱逃、重新犯罪、死亡、群体性事件）及续报",
        querystring: z.object({ open: z.enum(["true", "false"]).optional() }),
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (request) => {
      const offices = await officesOf(db, userOf(request));
      return { items: await list(k, offices, { open: request.query.open === "true" }) };
    },
  );

  api.post(
    "/api/major-events",
    {
      config: { access: { roles: majorEventWriteRoles } },
      schema: {
        tags: ["major-events"],
        summary: "立即报告重大事项（报社区矫正机构）；机构结案前列入机构今日工作",
        body: reportBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const now = app.clock.now();
      const occurred = new Date(body.occurredAt);
      if (occurred.getTime() > now.getTime()) throw badInput("occurredAt", "发生时间不能晚于现在");
      let officeId: string;
      if (body.subjectId) officeId = (await subjectInScope(k, user, body.subjectId)).officeId;
      else {
        if (body.kind !== "mass_incident" && body.kind !== "other")
          throw badInput("subjectId", "请选择涉及的社区矫正对象");
        const offices = await officesOf(db, user, body.officeId);
        if (offices.length !== 1) throw badInput("officeId", "请选择所属司法所");
        officeId = offices[0]!;
      }
      const id = await k.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("major_event")
          .values({
            county_id: user.county.id,
            office_id: officeId,
            subject_id: body.subjectId ?? null,
            kind: body.kind,
            occurred_at: occurred,
            summary: body.summary,
            reported_by: user.id,
            reported_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: "major_event.report",
          recordType: "major_event",
          recordId: String(row.id),
          subjectId: body.subjectId,
          placeId: officeId,
          details: { kind: body.kind },
        });
        return row.id;
      });
      const [e] = await list(k, [officeId], { id });
      return reply.code(201).send(e!);
    },
  );

  api.post(
    "/api/major-events/:id/updates",
    {
      config: { access: { roles: majorEventWriteRoles } },
      schema: {
        tags: ["major-events"],
        summary: "续报重大事项的处置进展",
        params: idParams,
        body: updateBody,
        response: { 201: view },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const e = await inScope(user, request.params.id);
      if (e.closedAt) throw conflict("该重大事项已结案，不能再续报");
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto("major_event_update")
          .values({
            major_event_id: e.id,
            text: request.body.text,
            reported_by: user.id,
            reported_at: app.clock.now(),
          })
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "major_event.update",
          recordType: "major_event",
          recordId: String(e.id),
          subjectId: e.subject?.id,
          placeId: e.office.id,
        });
      });
      const [out] = await list(k, [e.office.id], { id: e.id });
      return reply.code(201).send(out!);
    },
  );

  api.post(
    "/api/major-events/:id/close",
    {
      config: { access: { roles: majorEventCloseRoles } },
      schema: {
        tags: ["major-events"],
        summary: "机构对重大事项结案",
        params: idParams,
        body: closeBody,
        response: { 200: view },
      },
    },
    async (request) => {
      const user = userOf(request);
      const e = await inScope(user, request.params.id);
      await k.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable("major_event")
          .set({ closed_at: app.clock.now(), closed_by: user.id, closing_note: request.body.note })
          .where("id", "=", e.id)
          .where("closed_at", "is", null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw conflict("该重大事项已结案");
        await writeAudit(trx, actorOf(request), {
          action: "major_event.close",
          recordType: "major_event",
          recordId: String(e.id),
          subjectId: e.subject?.id,
          placeId: e.office.id,
        });
      });
      const [out] = await list(k, [e.office.id], { id: e.id });
      return out!;
    },
  );
}
