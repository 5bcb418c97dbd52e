// /api/alerts — the alerts of the offices a user may see (预警, four colours), and their handling:
// verified, recorded, closed within 24 h (seed 000 §九.3(1)). Office workers handle their office's;
// the agency sees the county's and handles those escalated to it.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { type CurrentUser, scopeOf, staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Database, Role } from "../../db/schema.ts";
import { alertColourLabel, alertKindLabel } from "../../glossary.ts";
import { conflict, notFound } from "../../http/errors.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstIso } from "../../shared/time.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { officesOf } from "../today/routes.ts";
import "./tables.ts";

export const alertHandlerRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];

/** A Kysely condition limiting alerts to the user's record scope (offices or county). */
function alertScope(user: CurrentUser) {
  const scope = scopeOf(user);
  return (eb: import("kysely").ExpressionBuilder<Database, "alert">) => {
    switch (scope.kind) {
      case "county":
        return eb("alert.county_id", "=", scope.countyId);
      case "office":
        return eb.and([
          eb("alert.county_id", "=", scope.countyId),
          eb("alert.office_id", "=", scope.officeId),
        ]);
      case "village":
        return eb.and([
          eb("alert.county_id", "=", scope.countyId),
          eb(
            "alert.subject_id",
            "in",
            eb.selectFrom("subject").select("subject.id").where("subject.village_id", "=", scope.villageId),
          ),
        ]);
      default:
        return eb.lit(false);
    }
  };
}

const alertView = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  colour: z.string(),
  colourLabel: z.string(),
  office: z.object({ id: z.string(), name: z.string() }),
  subject: z.object({ id: z.string(), name: z.string() }).nullable(),
  summary: z.string(),
  basis: z.string(),
  raisedAt: z.string(),
  dueBy: z.string(),
  escalatesAt: z.string(),
  escalated: z.boolean(),
  state: z.enum(["open", "overdue", "handled", "handled_late"]),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  note: z.string().nullable(),
  raisedBy: z.string().nullable(),
});

async function listAlerts(
  k: Kysely<Database>,
  user: CurrentUser,
  filter: {
    status: string;
    officeId?: string;
    subjectId?: string;
    alertId?: number;
    page: number;
    pageSize: number;
  },
  now: Date,
) {
  let query = k
    .selectFrom("alert")
    .innerJoin("place as office", "office.id", "alert.office_id")
    .leftJoin("subject", "subject.id", "alert.subject_id")
    .leftJoin("app_user as handler", "handler.id", "alert.handled_by")
    .leftJoin("app_user as raiser", "raiser.id", "alert.raised_by")
    .where(alertScope(user));
  if (filter.officeId) query = query.where("alert.office_id", "=", filter.officeId);
  if (filter.subjectId) query = query.where("alert.subject_id", "=", filter.subjectId);
  if (filter.alertId) query = query.where("alert.id", "=", filter.alertId);
  if (filter.status === "open") query = query.where("alert.handled_at", "is", null);
  if (filter.status === "overdue")
    query = query.where("alert.handled_at", "is", null).where("alert.due_by", "<", now);
  if (filter.status === "escalated")
    query = query.where("alert.handled_at", "is", null).where("alert.escalates_at", "<=", now);
  if (filter.status === "handled") query = query.where("alert.handled_at", "is not", null);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .selectAll("alert")
      .select([
        "office.name as office_name",
        "subject.name as subject_name",
        "subject.birth_date",
        "subject.intake_date",
        "handler.display_name as handler_name",
        "raiser.display_name as raiser_name",
      ])
      .orderBy(sql`alert.handled_at is null`, "desc")
      .orderBy("alert.raised_at", "desc")
      .orderBy("alert.id", "desc")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  return {
    total: Number(total),
    items: rows.map((r) => {
      const handledAt = r.handled_at;
      const state = handledAt
        ? handledAt.getTime() <= r.due_by.getTime()
          ? "handled"
          : "handled_late"
        : now.getTime() > r.due_by.getTime()
          ? "overdue"
          : "open";
      const minor =
        r.birth_date &&
        r.intake_date &&
        isMinorSubject({ birth_date: r.birth_date, intake_date: r.intake_date });
      return {
        id: r.id,
        kind: r.kind,
        kindLabel: alertKindLabel[r.kind] ?? r.kind,
        colour: r.colour,
        colourLabel: alertColourLabel[r.colour] ?? r.colour,
        office: { id: r.office_id, name: r.office_name },
        subject: r.subject_id
          ? { id: r.subject_id, name: minor ? maskName(r.subject_name ?? "") : (r.subject_name ?? "") }
          : null,
        summary: r.summary,
        basis: r.basis,
        raisedAt: cstIso(r.raised_at),
        dueBy: cstIso(r.due_by),
        escalatesAt: cstIso(r.escalates_at),
        escalated: !handledAt && now.getTime() >= r.escalates_at.getTime(),
        state: state as "open",
        handledAt: handledAt ? cstIso(handledAt) : null,
        handledBy: r.handler_name ?? null,
        note: r.note,
        raisedBy: r.raiser_name ?? (r.raised_by ? null : "系统巡检"),
      };
    }),
  };
}

export function alertRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.get(
    "/api/alerts",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["alerts"],
        summary: "预警列表（四色预警）：未处置的在前；可按状态、司法所、对象筛选",
        querystring: z.object({
          status: z.enum(["open", "overdue", "escalated", "handled", "all"]).default("open"),
          officeId: z.string().max(32).optional(),
          subjectId: z.string().max(64).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(alertView), total: z.number() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      if (request.query.officeId) await officesOf(db, user, request.query.officeId); // refuses an office out of scope
      return listAlerts(k, user, request.query, app.clock.now());
    },
  );

  api.post(
    "/api/alerts/:alertId/handle",
    {
      config: { access: { roles: alertHandlerRoles } },
      schema: {
        tags: ["alerts"],
        summary: "处置预警：填写核实情况和处置措施，关闭预警（须在发起后24小时内）",
        params: z.object({ alertId: z.coerce.number().int().min(1) }),
        body: z.object({
          note: z
            .string()
            .trim()
            .min(2, "请填写核实情况和处置措施（至少2个字）")
            .max(2000, "处置情况不能超过 2000 个字"),
        }),
        response: { 200: alertView, ...conflictResponse },
      },
    },
    async (request) => {
      const user = userOf(request);
      const now = app.clock.now();
      const id = request.params.alertId;
      await k.transaction().execute(async (trx) => {
        const alert = await trx
          .selectFrom("alert")
          .select(["id", "office_id", "subject_id", "handled_at"])
          .where(alertScope(user))
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!alert) throw notFound("预警");
        if (alert.handled_at) throw conflict("该预警已处置，无需重复处置");
        await trx
          .updateTable("alert")
          .set({ handled_at: now, handled_by: user.id, note: request.body.note })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "alert.handle",
          recordType: "alert",
          recordId: String(id),
          subjectId: alert.subject_id ?? undefined,
          placeId: alert.office_id,
          details: { note: request.body.note },
        });
      });
      const { items } = await listAlerts(k, user, { status: "all", alertId: id, page: 1, pageSize: 1 }, now);
      return items[0]!;
    },
  );
}
