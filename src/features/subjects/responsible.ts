// Named responsibility (个案矫正责任人, seed 000 §二(五)): the office names, for each person, the worker
// who answers for the case; for a key person it is the office head (§九.3(4)). Assigned and changed on
// the case page by the office head (or the agency head), each change audited in its transaction; a
// decision that makes a person key names the office head at once (features/book `decideLevel`).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Database, Role } from "../../db/schema.ts";
import { roleLabel } from "../../glossary.ts";
import { badInput, notFound } from "../../http/errors.ts";
import { findSubject } from "./queries.ts";

/** Who may name a case's responsible worker. */
export const responsibleDeciders = ["office_head", "agency_head"] as const satisfies readonly Role[];
/** The office's staff who may answer for a case (工作人员 of the office). */
const RESPONSIBLE_ROLES = ["office_head", "office_assistant", "social_worker"] as const;

const idParams = z.object({ id: z.string().min(1).max(64) });
const body = z.object({
  userId: z.string({ error: "请选择个案矫正责任人" }).trim().min(1, "请选择个案矫正责任人").max(64),
  reason: z.string().trim().max(200, "说明不能超过 200 个字").nullish(),
});

/** The office's staff who may be named, the office head first. */
async function candidates(k: Kysely<Database>, officeId: string) {
  return k
    .selectFrom("app_user")
    .select(["id", "display_name", "role"])
    .where("place_id", "=", officeId)
    .where("active", "=", true)
    .where("role", "in", [...RESPONSIBLE_ROLES])
    .orderBy("role")
    .orderBy("username")
    .execute();
}

/** Names the office head responsible for a person who became key (inside the deciding transaction). */
export async function headTakesKeyPerson(
  trx: Kysely<Database>,
  actor: Actor,
  subject: { id: string; officeId: string; responsibleUserId: string | null },
): Promise<void> {
  const head = (await candidates(trx, subject.officeId)).find((c) => c.role === "office_head");
  if (!head || head.id === subject.responsibleUserId) return;
  await trx
    .updateTable("subject")
    .set({ responsible_user_id: head.id })
    .where("id", "=", subject.id)
    .execute();
  await writeAudit(trx, actor, {
    action: "subject.responsible",
    recordType: "subject",
    recordId: subject.id,
    subjectId: subject.id,
    placeId: subject.officeId,
    details: { from: subject.responsibleUserId, to: head.id, reason: "key_person_office_head" },
  });
}

export function responsibleRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.get(
    "/api/subjects/:id/responsible",
    {
      config: { access: { roles: responsibleDeciders } },
      schema: {
        tags: ["subjects"],
        summary: "个案矫正责任人：可指定的本司法所工作人员（重点人员只能由司法所负责人担任）",
        params: idParams,
        response: {
          200: z.object({
            current: z.string().nullable(),
            keyPerson: z.boolean(),
            candidates: z.array(
              z.object({
                id: z.string(),
                displayName: z.string(),
                role: z.string(),
                roleLabel: z.string(),
                allowed: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const row = await findSubject(k, userOf(request), request.params.id);
      if (!row) throw notFound("社区矫正对象");
      const keyPerson = row.level === "key";
      return {
        current: row.responsible_user_id,
        keyPerson,
        candidates: (await candidates(k, row.office_id)).map((c) => ({
          id: c.id,
          displayName: c.display_name,
          role: c.role,
          roleLabel: roleLabel[c.role as Role] ?? c.role,
          allowed: !keyPerson || c.role === "office_head",
        })),
      };
    },
  );

  api.put(
    "/api/subjects/:id/responsible",
    {
      config: { access: { roles: responsibleDeciders } },
      schema: {
        tags: ["subjects"],
        summary: "指定或更换个案矫正责任人（本司法所工作人员；重点人员为司法所负责人）；记入审计日志",
        params: idParams,
        body,
        response: { 200: z.object({ id: z.string(), displayName: z.string() }) },
      },
    },
    async (request) => {
      const row = await findSubject(k, userOf(request), request.params.id);
      if (!row) throw notFound("社区矫正对象");
      if (row.status !== "in_correction") throw badInput("userId", "该对象已不在矫正期内，不能更换责任人");
      const chosen = (await candidates(k, row.office_id)).find((c) => c.id === request.body.userId);
      if (!chosen) throw badInput("userId", "所选人员不是本司法所的工作人员");
      if (row.level === "key" && chosen.role !== "office_head")
        throw badInput("userId", "重点人员的个案矫正责任人应为司法所负责人（《一人一册实施方案》§九.3(4)）");
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable("subject")
          .set({ responsible_user_id: chosen.id })
          .where("id", "=", row.id)
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: "subject.responsible",
          recordType: "subject",
          recordId: row.id,
          subjectId: row.id,
          placeId: row.office_id,
          details: { from: row.responsible_user_id, to: chosen.id, reason: request.body.reason ?? null },
        });
      });
      return { id: chosen.id, displayName: chosen.display_name };
    },
  );
}
