// The case review (一案一复盘, seed 000 §十一): an escape from supervision or a revocation or imprisonment
// request opens it, due within one month of the event (the profile's `book.caseReview`, computed by the
// engine); the office writes its part and the agency its own. A new crime opens it too, but the product
// does not record new crimes yet.
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf } from "../../auth/plugin.ts";
import { type CompiledPolicy, caseReviewDueDay, formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, forbidden, notFound } from "../../http/errors.ts";
import { cstDate } from "../../shared/time.ts";
import { caseInScope, displayName } from "./service.ts";
import "./tables.ts";

export type ReviewTrigger = "out_of_supervision" | "court_request";

/**
 * Opens the review of a case for an event (once per case and trigger), in the caller's transaction.
 * `rules`: the case's county's rules with the loaded calendar (`countyWorkingRules`), read before the
 * transaction.
 */
export async function openCaseReview(
  trx: Transaction<Database>,
  row: { id: string; subject_id: string; office_id: string; county_id: string },
  trigger: ReviewTrigger,
  eventAt: Date,
  rules: CompiledPolicy,
): Promise<void> {
  const due = caseReviewDueDay(rules, parseDate(cstDate(eventAt)));
  await trx
    .insertInto("case_review")
    .values({
      id: randomUUID(),
      case_id: row.id,
      subject_id: row.subject_id,
      office_id: row.office_id,
      county_id: row.county_id,
      trigger,
      event_at: eventAt,
      due_date: formatDate(due),
    })
    .onConflict((oc) => oc.columns(["case_id", "trigger"]).doNothing())
    .execute();
}

const AGENCY = new Set(["agency_head", "agency_staff"]);
const OFFICE = new Set(["office_head", "office_assistant"]);

/** The office or the agency writes its part of a review of the case. */
export async function writeCaseReview(
  db: Kysely<Database>,
  request: FastifyRequest,
  caseId: string,
  body: { reviewId: string; text: string },
  now: Date,
): Promise<void> {
  const user = request.user!;
  const { row } = await caseInScope(db, user, caseId);
  const review = await db
    .selectFrom("case_review")
    .select(["id"])
    .where("id", "=", body.reviewId)
    .where("case_id", "=", row.id)
    .executeTakeFirst();
  if (!review) throw notFound("案件复盘");
  const part = AGENCY.has(user.role) ? "agency" : OFFICE.has(user.role) ? "office" : null;
  if (!part) throw forbidden("案件复盘由司法所和社区矫正机构分别填写");
  if (!body.text.trim()) throw badInput("text", "请填写复盘内容");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("case_review")
      .set(
        part === "agency"
          ? { agency_text: body.text, agency_by: user.id, agency_at: now }
          : { office_text: body.text, office_by: user.id, office_at: now },
      )
      .where("id", "=", review.id)
      .execute();
    await writeAudit(trx, actorOf(request), {
      action: "violation.case_review",
      recordType: "case_review",
      recordId: review.id,
      subjectId: row.subject_id,
      placeId: row.office_id,
      details: { part },
    });
  });
}

/** Reviews past their due day with a part unwritten, as the sweep's alert candidates (one per review). */
export async function overdueCaseReviewAlerts(db: Kysely<Database>, officeId: string, now: Date) {
  const rows = await db
    .selectFrom("case_review")
    .innerJoin("subject", "subject.id", "case_review.subject_id")
    .select([
      "case_review.id",
      "case_review.subject_id",
      "case_review.due_date",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
    ])
    .where("case_review.office_id", "=", officeId)
    .where("case_review.due_date", "<", cstDate(now))
    .where((eb) =>
      eb.or([eb("case_review.office_text", "is", null), eb("case_review.agency_text", "is", null)]),
    )
    .execute();
  return rows.map((r) => ({
    subjectId: r.subject_id,
    kind: "overdue_obligation" as const,
    source: `case-review:${r.id}`,
    basis: "seed 000 §十一",
    summary: `${displayName(r)}：一案一复盘应于 ${r.due_date} 前由司法所和社区矫正机构完成，已逾期`,
  }));
}
