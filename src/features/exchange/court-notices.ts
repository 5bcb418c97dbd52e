// A court's notice about a violation case the agency asked it to decide (revocation of probation or
// parole, imprisonment; Community Correction Law Arts. 46–49): its arrest decision, the detention, or
// its ruling. It feeds the same path as the worker's entry on the case (violations/service.ts
// `applyCourtUpdate`), so the court clocks stop the same way and the same checks apply.
import type { Kysely } from "kysely";
import type { Actor } from "../../audit/audit.ts";
import type { Database } from "../../db/schema.ts";
import { ApiError, badInput, conflict, notFound } from "../../http/errors.ts";
import { applyCourtUpdate, type CourtUpdate } from "../violations/service.ts";
import "../violations/tables.ts";

export const COURT_NOTICE_KINDS = ["arrest_decision", "detention", "ruling"] as const;
export type CourtNoticeKind = (typeof COURT_NOTICE_KINDS)[number];

export interface CourtNotice {
  caseId: string;
  kind: CourtNoticeKind;
  /** ISO 8601 instant of the decision, detention or ruling. */
  at: string;
  documentNumber?: string | undefined;
}

export async function receiveCourtNotice(
  db: Kysely<Database>,
  actor: Actor,
  countyId: string,
  notice: CourtNotice,
  now: Date,
): Promise<void> {
  const row = await db
    .selectFrom("violation_case")
    .innerJoin("place", "place.id", "violation_case.office_id")
    .selectAll("violation_case")
    .where("violation_case.id", "=", notice.caseId)
    .where("place.parent_id", "=", countyId)
    .executeTakeFirst();
  if (!row) throw notFound("违规处置案件");
  if (!row.court_requested_at) throw conflict("该案件尚未提请人民法院处理，不能接收法院的通知");
  if (notice.kind !== "ruling" && !row.arrest_requested)
    throw conflict("该案件未提请逮捕，不能接收逮捕决定或羁押通知");
  const instant = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  const update: CourtUpdate = {
    requestedAt: instant(row.court_requested_at)!,
    arrestRequested: row.arrest_requested ?? false,
    arrestDecidedAt: notice.kind === "arrest_decision" ? notice.at : instant(row.arrest_decided_at),
    detainedAt: notice.kind === "detention" ? notice.at : instant(row.detained_at),
    ruledAt: notice.kind === "ruling" ? notice.at : instant(row.ruled_at),
  };
  try {
    await applyCourtUpdate(db, actor, null, row, update, now);
  } catch (error) {
    // The checks name the case's fields; the court sent one instant, `at`.
    if (error instanceof ApiError && error.field) throw badInput("at", error.message);
    throw error;
  }
}
