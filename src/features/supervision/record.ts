// Writing one supervision record: a `case_event` row the rules engine reads, its audit row, and
// whatever it sets off (an alert for an abnormal check, photos of a visit), in one transaction.
import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf } from "../../auth/plugin.ts";
import type { Database } from "../../db/schema.ts";
import { badInput } from "../../http/errors.ts";
import { cstDate } from "../../shared/time.ts";
import { noteWrite } from "../today/office-state.ts";
import type { SubjectRef } from "./subject-ref.ts";

/** How far ahead of the server's clock a device's time may be (clock drift), no more. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

export interface NewRecord {
  type: string;
  at: Date;
  kind?: string | null;
  byRole?: string | null;
  endDate?: string | null;
  data: Record<string, unknown>;
}

/** When the event happened: given or now; never in the future, before intake or after release. */
export function eventTime(subject: SubjectRef, given: string | undefined, now: Date): Date {
  const at = given === undefined ? now : new Date(given);
  if (at.getTime() > now.getTime() + CLOCK_TOLERANCE_MS) throw badInput("at", "发生时间不能晚于当前时间");
  const day = cstDate(at);
  if (day < subject.intakeDate) throw badInput("at", `发生时间不能早于入矫日期（${subject.intakeDate}）`);
  const lastDay = subject.releaseDate ?? (subject.status === "in_correction" ? null : subject.termEnd);
  if (lastDay && day > lastDay) throw badInput("at", `该对象已于 ${lastDay} 解除矫正，发生时间不能晚于该日`);
  return at;
}

export async function recordEvent(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRef,
  record: NewRecord,
  after?: (trx: Transaction<Database>, eventId: number) => Promise<void>,
): Promise<number> {
  const user = request.user;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("case_event")
      .values({
        subject_id: subject.id,
        office_id: subject.officeId,
        type: record.type,
        at: record.at,
        end_date: record.endDate ?? null,
        kind: record.kind ?? null,
        by_role: record.byRole ?? null,
        data: JSON.stringify(record.data),
        recorded_by: user?.id ?? null,
        recorded_at: request.server.clock.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actorOf(request), {
      action: `supervision.${record.type}`,
      recordType: "case_event",
      recordId: String(row.id),
      subjectId: subject.id,
      placeId: subject.officeId,
      details: { type: record.type, kind: record.kind ?? null, at: record.at.toISOString() },
    });
    if (after) await after(trx, row.id);
    return row.id;
  });
  noteWrite(); // what is due has changed: Today's cached states take the new row in
  return id;
}
