// Violation cases (违规处置, seed 000 §二(七), Community Correction Law Art. 28): opening with two or more
// investigators, interview records and evidence, and the decision path — the office proposes, the office
// head signs, the agency approves or returns — then whether the person corrected their behaviour, and the
// court's instants after a request. Each step writes its audit row in the same transaction; the records
// the rules engine reads (a `violation` event at opening, a `sanction` event at approval) are written in
// that transaction too, so K1 and K4 follow the recorded facts.
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely, Selectable, Transaction } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { actorOf } from "../../auth/plugin.ts";
import {
  type LadderMeasure,
  type LadderViolationKind,
  SANCTION_KINDS,
  type Severity,
  violationDetail,
} from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, conflict, forbidden, notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { checkDocument } from "../intake/documents.ts";
import { countyWorkingRules } from "../policy/county-policy.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { eventTime } from "../supervision/record.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { openCaseReview } from "./case-review.ts";
import { ladderFor } from "./ladder.ts";
import type { ViolationCaseTable, ViolationSource, ViolationStepKind } from "./tables.ts";
import "./tables.ts";
import "../alerts/tables.ts";

type Db = Kysely<Database>;

const AGENCY_ROLES: ReadonlySet<string> = new Set(["agency_head", "agency_staff"]);
/** Measures sent to the court: their case carries the court clocks. */
const COURT_MEASURES: ReadonlySet<string> = new Set(["revocation_request", "imprisonment_request"]);
/** The violation kinds the classification engine reads (K1 reads `disobedience`). */
const ENGINE_VIOLATION_KIND: Record<LadderViolationKind, string> = {
  reporting: "reporting",
  leave: "leave",
  prohibition_order: "prohibition_order",
  // 经教育仍不改正: not obeying supervision after being told — K1's disobedience.
  education_refusal: "disobedience",
  visitor: "other",
  moving: "other",
  out_of_supervision: "other",
  no_report: "other",
};
const engineSanctionKinds = new Set<string>(SANCTION_KINDS);

/** A case the user may see (their scope by place, as for subjects), or 404. */
export async function caseInScope(db: Db, user: CurrentUser, caseId: string) {
  const row = await db.selectFrom("violation_case").selectAll().where("id", "=", caseId).executeTakeFirst();
  if (!row) throw notFound("违规处置案件");
  // Scope is the subject's: a case of a subject the user may not see is not found.
  const subject = await subjectInScope(db, user, row.subject_id).catch(() => null);
  if (!subject) throw notFound("违规处置案件");
  return { row, subject };
}

/** Staff who may investigate a case of this office: active staff of the office, its villages, or the agency. */
export async function eligibleInvestigators(db: Db, officeId: string, countyId: string) {
  return db
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role"])
    .where("app_user.active", "=", true)
    .where("app_user.role", "not in", ["subject", "prosecutor"])
    .where((eb) =>
      eb.or([eb("app_user.place_id", "in", [officeId, countyId]), eb("place.parent_id", "=", officeId)]),
    )
    .orderBy("app_user.role")
    .orderBy("app_user.username")
    .execute();
}

async function step(
  trx: Transaction<Database>,
  caseId: string,
  kind: ViolationStepKind,
  by: string | null,
  at: Date,
  note: string | null = null,
) {
  await trx
    .insertInto("violation_step")
    .values({ case_id: caseId, step: kind, by_user: by, at, note })
    .execute();
}

async function audit(
  trx: Transaction<Database>,
  request: FastifyRequest,
  action: string,
  row: { id: string; subject_id: string; office_id: string },
  details: Record<string, unknown> = {},
) {
  await writeAudit(trx, actorOf(request), {
    action,
    recordType: "violation_case",
    recordId: row.id,
    subjectId: row.subject_id,
    placeId: row.office_id,
    details,
  });
}

export interface OpenCase {
  subjectId: string;
  source: ViolationSource;
  alertId?: number | undefined;
  kind: LadderViolationKind;
  severity?: Severity | undefined;
  days?: number | undefined;
  occurredAt: string;
  facts: string;
  investigators: string[];
}

/** Opens a case: at least two investigators who are staff accounts of the office or the agency. */
export async function openCase(db: Db, request: FastifyRequest, body: OpenCase, now: Date): Promise<string> {
  const user = request.user!;
  const subject = await subjectInScope(db, user, body.subjectId);
  const detail = violationDetail(body.kind);
  if (detail === "severity" && !body.severity) throw badInput("severity", "请选择情节（轻微或较重）");
  if (detail !== "severity" && body.severity)
    throw badInput("severity", "该类违规不区分情节，请不要填写情节");
  if (detail === "days" && !body.days) throw badInput("days", "请填写脱离监管或逾期报到的天数");
  if (detail !== "days" && body.days) throw badInput("days", "该类违规不填写天数");
  const occurredAt = eventTime(subject, body.occurredAt, now);

  if (body.source === "alert") {
    if (body.alertId === undefined) throw badInput("alertId", "由预警立案时，请选择对应的预警");
    const alert = await db
      .selectFrom("alert")
      .select(["id"])
      .where("id", "=", body.alertId)
      .where("subject_id", "=", subject.id)
      .executeTakeFirst();
    if (!alert) throw badInput("alertId", "所选预警不存在，或不属于该社区矫正对象");
  } else if (body.alertId !== undefined) {
    throw badInput("alertId", "只有由预警立案时才选择预警");
  }

  const ids = body.investigators;
  if (new Set(ids).size !== ids.length)
    throw badInput("investigators", "调查人员有重复，请选择两名以上不同的工作人员");
  if (ids.length < 2)
    throw badInput("investigators", "违规调查须由两名以上工作人员进行，请至少选择两名调查人员");
  const staff = await eligibleInvestigators(db, subject.officeId, subject.countyId);
  ids.forEach((id, i) => {
    if (!staff.some((s) => s.id === id))
      throw badInput(
        `investigators.${i}`,
        "调查人员须为本司法所或本县社区矫正机构的工作人员账号，所选人员不符合要求（investigators）",
      );
  });

  // The county's rules for the case review's due day, read before the transaction.
  const rules =
    body.kind === "out_of_supervision"
      ? await countyWorkingRules(request.server.policies, subject.countyId)
      : null;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("violation_case")
      .values({
        id,
        county_id: subject.countyId,
        office_id: subject.officeId,
        subject_id: subject.id,
        source: body.source,
        alert_id: body.alertId ?? null,
        kind: body.kind,
        severity: body.severity ?? null,
        days: body.days ?? null,
        occurred_at: occurredAt,
        facts: body.facts,
        opened_by: user.id,
        opened_at: now,
      })
      .execute();
    await trx
      .insertInto("violation_investigator")
      .values(ids.map((userId) => ({ case_id: id, user_id: userId })))
      .execute();
    await step(trx, id, "opened", user.id, now);
    // The violation as the classification engine reads it (K1 reads disobedience).
    await trx
      .insertInto("case_event")
      .values({
        subject_id: subject.id,
        office_id: subject.officeId,
        type: "violation",
        at: occurredAt,
        kind: ENGINE_VIOLATION_KIND[body.kind],
        by_role: user.role,
        data: JSON.stringify({ violationCaseId: id, kind: body.kind }),
        recorded_by: user.id,
        recorded_at: now, // the product's clock (not the database's default)
      })
      .execute();
    // An escape from supervision opens the case review (一案一复盘).
    if (rules)
      await openCaseReview(
        trx,
        { id, subject_id: subject.id, office_id: subject.officeId, county_id: subject.countyId },
        "out_of_supervision",
        occurredAt,
        rules,
      );
    await audit(
      trx,
      request,
      "violation.open",
      { id, subject_id: subject.id, office_id: subject.officeId },
      {
        kind: body.kind,
        source: body.source,
        investigators: ids,
      },
    );
  });
  return id;
}

type CaseRow = Awaited<ReturnType<typeof caseInScope>>["row"];

function requireStage(row: CaseRow, stages: string[], message: string) {
  if (!stages.includes(row.stage)) throw conflict(message);
}

export interface NewInterview {
  interviewee: string;
  at: string;
  place: string;
  askedBy: string;
  recordedBy: string;
  content: string;
}

/** 询问笔录: asked and recorded by two different investigators of the case. */
export async function addInterview(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: NewInterview,
  now: Date,
): Promise<number> {
  const { row, subject } = await caseInScope(db, request.user!, caseId);
  requireStage(
    row,
    ["investigating", "returned"],
    "案件已提出处置意见，不能再补充询问笔录；如需补充，请等待退回",
  );
  const investigators = await db
    .selectFrom("violation_investigator")
    .select("user_id")
    .where("case_id", "=", caseId)
    .execute();
  const isInvestigator = (id: string) => investigators.some((i) => i.user_id === id);
  if (!isInvestigator(body.askedBy)) throw badInput("askedBy", "询问人须为本案调查人员");
  if (!isInvestigator(body.recordedBy)) throw badInput("recordedBy", "记录人须为本案调查人员");
  if (body.askedBy === body.recordedBy) throw badInput("recordedBy", "询问人和记录人不能是同一人");
  const at = eventTime(subject, body.at, now);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("violation_interview")
      .values({
        case_id: caseId,
        interviewee: body.interviewee,
        at,
        place: body.place,
        asked_by: body.askedBy,
        recorded_by: body.recordedBy,
        content: body.content,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, request, "violation.interview", row, { interviewId: inserted.id });
    return inserted.id;
  });
}

export interface NewEvidence {
  description: string;
  fileName: string;
  contentBase64: string;
  contentType?: string | undefined;
}

/** An evidence file, checked like a handed-over document (type from the content, size, SHA-256). */
export async function addEvidence(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: NewEvidence,
  now: Date,
): Promise<{ id: string; sha256: string }> {
  const { row } = await caseInScope(db, request.user!, caseId);
  requireStage(
    row,
    ["investigating", "returned"],
    "案件已提出处置意见，不能再补充证据；如需补充，请等待退回",
  );
  const doc = checkDocument(body.contentBase64, body.contentType);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("violation_evidence")
      .values({
        id,
        case_id: caseId,
        description: body.description,
        file_name: body.fileName,
        content_type: doc.contentType,
        size_bytes: doc.size,
        sha256: doc.sha256,
        content: doc.bytes,
        uploaded_by: request.user!.id,
        uploaded_at: now,
      })
      .execute();
    await audit(trx, request, "violation.evidence", row, { evidenceId: id, sha256: doc.sha256 });
  });
  return { id, sha256: doc.sha256 };
}

/** The office proposes a measure; one other than the ladder's step needs a written reason. */
export async function proposeMeasure(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: { measure: LadderMeasure; reason?: string | undefined },
  now: Date,
): Promise<void> {
  const user = request.user!;
  const { row, subject } = await caseInScope(db, user, caseId);
  requireStage(row, ["investigating", "returned"], "案件已提出处置意见，不能重复提出");
  const investigators = await db
    .selectFrom("violation_investigator")
    .select("user_id")
    .where("case_id", "=", caseId)
    .execute();
  if (investigators.length < 2)
    throw badInput("investigators", "违规调查须由两名以上工作人员进行，调查人员不足两名，不能提出处置意见");
  const ladder = await ladderFor(db, request.server.policies, subject.id, now);
  const engineStep = ladder.proposal.step;
  const reason = body.reason?.trim() || null;
  if (body.measure !== engineStep && !reason)
    throw badInput("reason", "所提处置措施与系统按规定提出的建议不同，请写明理由");
  const correctionType = await db
    .selectFrom("subject")
    .select("correction_type")
    .where("id", "=", subject.id)
    .executeTakeFirstOrThrow();
  if (
    body.measure === "revocation_request" &&
    !["probation", "parole"].includes(correctionType.correction_type)
  )
    throw badInput("measure", "只有缓刑、假释的社区矫正对象才能提请撤销缓刑、假释");
  if (body.measure === "imprisonment_request" && correctionType.correction_type !== "temporary_release")
    throw badInput("measure", "只有暂予监外执行的社区矫正对象才能提请收监执行");
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("violation_case")
      .set({
        stage: "proposed",
        proposed_measure: body.measure,
        engine_step: engineStep,
        engine_basis: ladder.proposal.basis,
        engine_grounds: ladder.grounds.map((g) => g.ground),
        proposal_reason: reason,
        proposed_by: user.id,
        proposed_at: now,
        signed_by: null,
        signed_at: null,
      })
      .where("id", "=", caseId)
      .where("stage", "in", ["investigating", "returned"])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("案件状态已变化，请刷新后重试");
    await step(trx, caseId, "proposed", user.id, now, reason);
    await audit(trx, request, "violation.propose", row, { measure: body.measure, engineStep, reason });
  });
}

/** The office head signs the proposal. */
export async function signProposal(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  now: Date,
): Promise<void> {
  const user = request.user!;
  const { row } = await caseInScope(db, user, caseId);
  requireStage(
    row,
    ["proposed"],
    row.stage === "signed" ? "处置意见已签署，不能重复签署" : "案件尚未提出处置意见，不能签署",
  );
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("violation_case")
      .set({ stage: "signed", signed_by: user.id, signed_at: now })
      .where("id", "=", caseId)
      .where("stage", "=", "proposed")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("案件状态已变化，请刷新后重试");
    await step(trx, caseId, "signed", user.id, now);
    await audit(trx, request, "violation.sign", row);
  });
}

/** The agency approves the signed proposal (the measure is imposed) or returns it with its reasons. */
export async function reviewProposal(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: { decision: "approve" | "return"; reasons?: string | undefined },
  now: Date,
): Promise<void> {
  const user = request.user!;
  if (!AGENCY_ROLES.has(user.role)) throw forbidden("处置意见须由社区矫正机构审批");
  const { row, subject } = await caseInScope(db, user, caseId);
  if (row.stage === "approved") throw conflict("该处置意见已审批同意，不能重复审批");
  requireStage(row, ["signed"], "处置意见尚未经司法所负责人签署，不能审批");
  const reasons = body.reasons?.trim() || null;
  if (body.decision === "return" && !reasons)
    throw badInput("reasons", "退回补充调查时，请写明退回理由和需补充的内容");
  // The county's rules for the case review's due day, read before the transaction.
  const rules = await countyWorkingRules(request.server.policies, row.county_id);
  await db.transaction().execute(async (trx) => {
    if (body.decision === "return") {
      const updated = await trx
        .updateTable("violation_case")
        .set({ stage: "returned" })
        .where("id", "=", caseId)
        .where("stage", "=", "signed")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict("案件状态已变化，请刷新后重试");
      await step(trx, caseId, "returned", user.id, now, reasons);
      await audit(trx, request, "violation.return", row, { reasons });
      return;
    }
    const updated = await trx
      .updateTable("violation_case")
      .set({ stage: "approved", approved_by: user.id, approved_at: now })
      .where("id", "=", caseId)
      .where("stage", "=", "signed")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("该处置意见已审批或状态已变化，请刷新后重试");
    await step(trx, caseId, "approved", user.id, now, reasons);
    const measure = row.proposed_measure!;
    // The measure as the classification engine reads it (K4: a warning or heavier).
    if (engineSanctionKinds.has(measure)) {
      await trx
        .insertInto("case_event")
        .values({
          subject_id: subject.id,
          office_id: subject.officeId,
          type: "sanction",
          at: now,
          kind: measure,
          by_role: user.role,
          data: JSON.stringify({ violationCaseId: caseId }),
          recorded_by: user.id,
          recorded_at: now,
        })
        .execute();
    }
    // A revocation or imprisonment request opens the case review (一案一复盘).
    if (COURT_MEASURES.has(measure)) await openCaseReview(trx, row, "court_request", now, rules);
    await audit(trx, request, "violation.approve", row, { measure });
  });
}

/** Whether the person corrected their behaviour after the measure (drives escalation). */
export async function recordCorrected(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: { corrected: boolean; note: string },
  now: Date,
): Promise<void> {
  const user = request.user!;
  const { row } = await caseInScope(db, user, caseId);
  requireStage(row, ["approved"], "处置措施尚未审批，不能记录改正情况");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("violation_case")
      .set({ corrected: body.corrected, corrected_note: body.note, corrected_by: user.id, corrected_at: now })
      .where("id", "=", caseId)
      .execute();
    await step(trx, caseId, "corrected", user.id, now, body.note);
    await audit(trx, request, "violation.corrected", row, { corrected: body.corrected });
  });
}

export interface CourtUpdate {
  requestedAt: string;
  arrestRequested: boolean;
  arrestDecidedAt?: string | null | undefined;
  detainedAt?: string | null | undefined;
  ruledAt?: string | null | undefined;
}

/** The court request of an approved revocation or imprisonment request, and the court's instants. */
export async function recordCourt(
  db: Db,
  request: FastifyRequest,
  caseId: string,
  body: CourtUpdate,
  now: Date,
): Promise<void> {
  const user = request.user!;
  const { row } = await caseInScope(db, user, caseId);
  await applyCourtUpdate(db, actorOf(request), user.id, row, body, now);
}

export type CourtCase = Pick<
  Selectable<ViolationCaseTable>,
  "id" | "subject_id" | "office_id" | "stage" | "proposed_measure" | "approved_at"
>;

/**
 * Checks and writes the court's instants of a case, by a worker (`byUser`) or by the court itself
 * through the exchange API (`byUser` null, the actor is the court): one path, the same checks.
 */
export async function applyCourtUpdate(
  db: Db,
  actor: Actor,
  byUser: string | null,
  row: CourtCase,
  body: CourtUpdate,
  now: Date,
): Promise<void> {
  if (row.stage !== "approved" || !COURT_MEASURES.has(row.proposed_measure ?? ""))
    throw conflict("只有经审批的提请撤销缓刑、假释或提请收监执行，才能记录人民法院处理情况");
  const at = (field: keyof CourtUpdate, value: string | null | undefined) => {
    if (value == null) return null;
    const d = new Date(value);
    if (d.getTime() > now.getTime() + 5 * 60_000) throw badInput(field, "时间不能晚于当前时间");
    return d;
  };
  const requestedAt = at("requestedAt", body.requestedAt)!;
  const arrestDecidedAt = at("arrestDecidedAt", body.arrestDecidedAt);
  const detainedAt = at("detainedAt", body.detainedAt);
  const ruledAt = at("ruledAt", body.ruledAt);
  // Instants are entered to the second; the approval's is compared at that precision.
  if (requestedAt.getTime() < Math.floor(row.approved_at!.getTime() / 1000) * 1000)
    throw badInput("requestedAt", "提请时间不能早于审批时间");
  if (!body.arrestRequested && arrestDecidedAt)
    throw badInput("arrestDecidedAt", "未提请逮捕，不应填写逮捕决定时间");
  if (!body.arrestRequested && detainedAt) throw badInput("detainedAt", "未提请逮捕，不应填写羁押时间");
  for (const [field, d] of [
    ["arrestDecidedAt", arrestDecidedAt],
    ["detainedAt", detainedAt],
    ["ruledAt", ruledAt],
  ] as const)
    if (d && d < requestedAt) throw badInput(field, "人民法院的处理时间不能早于提请时间");
  if (detainedAt && !arrestDecidedAt)
    throw badInput("detainedAt", "羁押须在人民法院决定逮捕之后，请先填写逮捕决定时间");
  if (detainedAt && arrestDecidedAt && detainedAt < arrestDecidedAt)
    throw badInput("detainedAt", "羁押时间不能早于逮捕决定时间");
  if (ruledAt && detainedAt && ruledAt < detainedAt) throw badInput("ruledAt", "裁定时间不能早于羁押时间");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("violation_case")
      .set({
        court_requested_at: requestedAt,
        arrest_requested: body.arrestRequested,
        arrest_decided_at: arrestDecidedAt,
        detained_at: detainedAt,
        ruled_at: ruledAt,
      })
      .where("id", "=", row.id)
      .execute();
    await step(trx, row.id, "court", byUser, now);
    await writeAudit(trx, actor, {
      action: "violation.court",
      recordType: "violation_case",
      recordId: row.id,
      subjectId: row.subject_id,
      placeId: row.office_id,
      details: { ...body },
    });
  });
}

/** A worker's finding that the person resists supervision (K1), with its reason; or its withdrawal. */
export async function recordResistsSupervision(
  db: Db,
  request: FastifyRequest,
  subjectId: string,
  body: { resists: boolean; reason: string },
): Promise<void> {
  const subject = await subjectInScope(db, request.user!, subjectId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("subject")
      .set({ resists_supervision: body.resists, resists_supervision_reason: body.reason })
      .where("id", "=", subject.id)
      .execute();
    await writeAudit(trx, actorOf(request), {
      action: "subject.resists_supervision",
      recordType: "subject",
      recordId: subject.id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: { resists: body.resists, reason: body.reason },
    });
  });
}

/** The name as shown: a minor's is masked. */
export function displayName(row: { name: string; birth_date: string; intake_date: string }): string {
  return isMinorSubject(row) ? maskName(row.name) : row.name;
}
