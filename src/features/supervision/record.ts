// Writing one supervision record: a `case_event` row the rules engine reads, its audit row, and
// whatever it sets off (an alert for an abnormal check, photos of a visit), in one transaction.
import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf } from "../../auth/plugin.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { alertKindLabel } from "../../glossary.ts";
import { badInput } from "../../http/errors.ts";
import { cstDate } from "../../shared/time.ts";
import { raiseAlert } from "../alerts/service.ts";
import { lateReasonFor } from "./late-entry.ts";
import type { abnormalKinds } from "./schemas.ts";
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
  /** Why the record is entered late (补录); required when it is (`late-entry.ts`). */
  lateReason?: string | null;
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
  const recordedAt = request.server.clock.now();
  const { profile } = await request.server.policies.forCounty(subject.countyId); // before the transaction
  const lateReason = lateReasonFor(profile.records, record.at, recordedAt, record.lateReason);
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
        recorded_at: recordedAt,
        late_reason: lateReason,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actorOf(request), {
      action: `supervision.${record.type}`,
      recordType: "case_event",
      recordId: String(row.id),
      subjectId: subject.id,
      placeId: subject.officeId,
      details: {
        type: record.type,
        kind: record.kind ?? null,
        at: record.at.toISOString(),
        ...(lateReason ? { lateReason } : {}),
      },
    });
    if (after) await after(trx, row.id);
    return row.id;
  });
  return id;
}

/** A check (information check, leave sign-in or phone check) as the worker records it. */
export interface CheckRecord {
  type: string;
  at: Date;
  method: string;
  result: "normal" | "abnormal";
  note?: string | null;
  abnormalKind?: (typeof abnormalKinds)[number];
  lateReason?: string | null;
  /** What the event's data carries besides the result, the note and the abnormal kind. */
  data: Record<string, unknown>;
}

/**
 * Records a check; an abnormal result raises its alert (source `check:<event id>`) in the same
 * transaction. `describe` words the alert's summary from the abnormal kind's label.
 */
export async function recordCheck(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRef,
  check: CheckRecord,
  alert: { basis: string; raisedAt: Date; describe: (kindLabel: string) => string },
  profile: PolicyProfile,
): Promise<{ id: number; alertId: number | null }> {
  if (check.result === "abnormal" && !check.note)
    throw badInput("note", "核查结果异常时，请填写异常情况说明");
  const abnormalKind = check.result === "abnormal" ? (check.abnormalKind ?? "abnormal_information") : null;
  let alertId: number | null = null;
  const id = await recordEvent(
    db,
    request,
    subject,
    {
      type: check.type,
      at: check.at,
      kind: check.method,
      byRole: request.user?.role ?? null,
      lateReason: check.lateReason,
      data: {
        result: check.result,
        ...check.data,
        note: check.note ?? null,
        ...(abnormalKind ? { abnormalKind } : {}),
      },
    },
    async (trx, eventId) => {
      if (!abnormalKind) return;
      alertId = await raiseAlert(
        trx,
        actorOf(request),
        {
          countyId: subject.countyId,
          officeId: subject.officeId,
          subjectId: subject.id,
          kind: abnormalKind,
          source: `check:${eventId}`,
          basis: alert.basis,
          summary: alert.describe(alertKindLabel[abnormalKind] ?? abnormalKind),
          raisedAt: alert.raisedAt,
          raisedBy: request.user?.id ?? null,
          caseEventId: eventId,
        },
        profile,
      );
    },
  );
  return { id, alertId };
}
