// /api/audit: the audit log, for the agency head and the procuratorate, newest first.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditReaderRoles } from "../auth/access.ts";
import { actorOf, userOf } from "../auth/plugin.ts";
import type { Db } from "../db/connect.ts";
import { actorRoleLabel, auditActionLabel } from "../glossary.ts";
import { cstIso } from "../shared/time.ts";
import { writeAudit } from "./audit.ts";

export function auditRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit",
    {
      config: { access: { roles: auditReaderRoles } },
      schema: {
        tags: ["audit"],
        summary: "审计日志（本县），最新在前",
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          subjectId: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                actorName: z.string().nullable(),
                actorRole: z.string().nullable(),
                actorRoleLabel: z.string().nullable(),
                action: z.string(),
                actionLabel: z.string(),
                recordType: z.string().nullable(),
                recordId: z.string().nullable(),
                subjectId: z.string().nullable(),
                ip: z.string().nullable(),
                details: z.record(z.string(), z.unknown()),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { page, pageSize, subjectId } = request.query;
      // Rows of this county: actors placed in it, or records of its subjects.
      let query = db.kysely
        .selectFrom("audit_log")
        .leftJoin("app_user", "app_user.id", "audit_log.actor_id")
        .leftJoin("subject", "subject.id", "audit_log.subject_id")
        .leftJoin("place as actor_place", "actor_place.id", "app_user.place_id")
        .where((eb) =>
          eb.or([
            eb("subject.county_id", "=", user.county.id),
            eb("app_user.place_id", "=", user.county.id),
            eb("actor_place.parent_id", "=", user.county.id),
            eb(
              "actor_place.parent_id",
              "in",
              eb
                .selectFrom("place as office")
                .select("office.id")
                .where("office.parent_id", "=", user.county.id),
            ),
          ]),
        );
      if (subjectId) query = query.where("audit_log.subject_id", "=", subjectId);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
        query
          .selectAll("audit_log")
          .orderBy("audit_log.id", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      await writeAudit(db.kysely, actorOf(request), { action: "audit.read", details: { page, subjectId } });
      return {
        total: Number(total),
        items: rows.map((row) => ({
          id: row.id,
          at: cstIso(row.at),
          actorName: row.actor_name,
          actorRole: row.actor_role,
          actorRoleLabel: row.actor_role ? actorRoleLabel(row.actor_role) : null,
          action: row.action,
          actionLabel: auditActionLabel[row.action] ?? row.action,
          recordType: row.record_type,
          recordId: row.record_id,
          subjectId: row.subject_id,
          ip: row.ip,
          details: row.details,
        })),
      };
    },
  );
}
