// The leave feature's work: filing an application with its proof, the approval chain's decisions, the
// return (销假) and the checks while away. Each step is one transaction with its audit row; the
// engine's advice (advice.ts) decides what may be approved and by whom.
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { type CurrentUser, subjectScope } from "../../auth/access.ts";
import { actorOf } from "../../auth/plugin.ts";
import type { LeaveAdvice } from "../../core/index.ts";
import type { Database, Role } from "../../db/schema.ts";
import { leaveApproverLabel, leaveRefusalLabel, leaveWarningLabel } from "../../glossary.ts";
import { ApiError, badInput, conflict, forbidden, notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { checkDocument } from "../intake/documents.ts";
import type { CountyPolicies, CountyPolicy } from "../policy/county-policy.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { advise, type LeaveDraft, leaveInput, type SubjectFacts } from "./advice.ts";
import { countyName } from "./divisions.ts";
import type { LeaveApplication, LeaveDecisionKind, LeaveKind, ReturnMethod } from "./tables.ts";

/** Who files, decides and closes (the server decides; the console only hides buttons). */
export const leaveRoles = {
  file: ["office_head", "office_assistant"],
  read: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
  decide: ["office_head", "agency_head"],
  close: ["office_head", "office_assistant"],
} as const satisfies Record<string, readonly Role[]>;

/** The role that decides at each approver level (Art. 27; profile: the office by delegation up to 7 days). */
const deciderRole: Record<"office" | "agency", Role> = { office: "office_head", agency: "agency_head" };

export interface SubjectRow extends SubjectFacts {
  /** The rules of the person's county: the leave advice is judged by them. */
  policy: CountyPolicy;
  name: string;
  officeId: string;
  status: string;
  intakeDate: string;
}

export async function subjectForLeave(
  db: Kysely<Database>,
  user: CurrentUser,
  subjectId: string,
  policies: CountyPolicies,
): Promise<SubjectRow> {
  const row = await db
    .selectFrom("subject")
    .select([
      "id",
      "name",
      "level",
      "correction_type",
      "term_end",
      "release_date",
      "county_id",
      "office_id",
      "status",
      "intake_date",
      "birth_date",
    ])
    .where(subjectScope(user))
    .where("id", "=", subjectId)
    .executeTakeFirst();
  if (!row) throw notFound("社区矫正对象");
  return {
    id: row.id,
    policy: await policies.forCounty(row.county_id),
    name: isMinorSubject(row) ? maskName(row.name) : row.name,
    level: row.level,
    correctionType: row.correction_type,
    termEnd: row.term_end,
    releaseDate: row.release_date,
    countyId: row.county_id,
    officeId: row.office_id,
    status: row.status,
    intakeDate: row.intake_date,
  };
}

/** An application the user may see, with its subject; out of scope is "not found". */
export async function applicationInScope(
  db: Kysely<Database>,
  user: CurrentUser,
  id: string,
  policies: CountyPolicies,
): Promise<{ application: LeaveApplication; subject: SubjectRow }> {
  const application = await db
    .selectFrom("leave_application")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!application) throw notFound("请假申请");
  try {
    return { application, subject: await subjectForLeave(db, user, application.subject_id, policies) };
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 404) throw notFound("请假申请");
    throw error;
  }
}

export async function proofCount(db: Kysely<Database>, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom("leave_proof")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("application_id", "=", applicationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function draftOf(a: LeaveApplication, proofs: number): LeaveDraft {
  return {
    id: a.id,
    kind: a.kind,
    from: a.from_date,
    to: a.to_date,
    destinationCounty: a.destination_county,
    reason: a.reason,
    proofAttached: proofs > 0,
    appliedAt: a.applied_at,
    approvedAt: a.approved_at,
    returnedAt: a.returned_at,
  };
}

/** The engine's advice on a stored application as of `now`. */
export async function adviceFor(
  db: Kysely<Database>,
  subject: SubjectRow,
  application: LeaveApplication,
  now: Date,
): Promise<LeaveAdvice> {
  const proofs = await proofCount(db, application.id);
  return advise(await leaveInput(db, subject, draftOf(application, proofs), now), subject.policy);
}

export interface ProofUpload {
  fileName: string;
  contentBase64: string;
  contentType?: string;
}

export interface NewApplication {
  kind: LeaveKind;
  from: string;
  to: string | null;
  destinationCounty: string;
  destinationAddress: string | null;
  reason: string;
  proofs: ProofUpload[];
}

/** Checks the form's own fields before the engine sees them. */
function checkForm(body: NewApplication, subject: SubjectRow, today: string): void {
  if (body.kind === "move_house" && body.to) throw badInput("to", "迁居申请只填写迁居日期，不填写结束日期");
  if (body.kind !== "move_house" && !body.to) throw badInput("to", "请填写外出结束日期");
  if (body.to && body.to < body.from) throw badInput("to", "结束日期不能早于开始日期");
  if (body.from < today) throw badInput("from", "外出开始日期不能早于今天");
  if (subject.status !== "in_correction") throw badInput("subjectId", "该对象不在矫正期内，不能申请");
}

/** Checks each proof file's content (PDF, JPEG or PNG, as it claims); the field names the file. */
function checkProofs(proofs: ProofUpload[]) {
  return proofs.map((p, i) => {
    try {
      return { name: p.fileName, ...checkDocument(p.contentBase64, p.contentType) };
    } catch (error) {
      if (error instanceof ApiError && error.field)
        throw badInput(`proofs[${i}].${error.field}`, error.message);
      throw error;
    }
  });
}

async function insertProofs(
  trx: Kysely<Database>,
  applicationId: string,
  checked: ReturnType<typeof checkProofs>,
  userId: string,
): Promise<void> {
  for (const c of checked) {
    await trx
      .insertInto("leave_proof")
      .values({
        id: randomUUID(),
        application_id: applicationId,
        file_name: c.name,
        content_type: c.contentType,
        size_bytes: c.size,
        sha256: c.sha256,
        content: c.bytes,
        uploaded_by: userId,
      })
      .execute();
  }
}

/** Files an application with its proof files, in one transaction; returns its id and the advice. */
export async function fileApplication(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRow,
  body: NewApplication,
  now: Date,
): Promise<{ id: string; advice: LeaveAdvice }> {
  const user = request.user!;
  checkForm(body, subject, cstDate(now));
  const destinationName = await countyName(db, body.destinationCounty);
  if (!destinationName) throw badInput("destinationCounty", "请从列表中选择目的地所在的县（市、区）");
  const checked = checkProofs(body.proofs);
  const id = randomUUID();
  const draft: LeaveDraft = {
    id,
    kind: body.kind,
    from: body.from,
    to: body.kind === "move_house" ? null : body.to,
    destinationCounty: body.destinationCounty,
    reason: body.reason,
    proofAttached: checked.length > 0,
    appliedAt: now,
    approvedAt: null,
    returnedAt: null,
  };
  const advice = advise(await leaveInput(db, subject, draft, now), subject.policy);
  if (advice.approver.by === "none")
    throw badInput("destinationCounty", "目的地在居住的县（市、区）内，无需请假审批");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("leave_application")
      .values({
        id,
        subject_id: subject.id,
        county_id: subject.countyId,
        office_id: subject.officeId,
        kind: body.kind,
        from_date: body.from,
        to_date: draft.to,
        destination_county: body.destinationCounty,
        destination_name: destinationName,
        destination_address: body.destinationAddress,
        reason: body.reason,
        approver: advice.approver.by as "office" | "agency",
        channel: user.role === "subject" ? "app" : "office", // filed by the person in the phone app
        applied_at: now,
        applied_by: user.id,
      })
      .execute();
    await insertProofs(trx, id, checked, user.id);
    await writeAudit(trx, actorOf(request), {
      action: "leave.create",
      recordType: "leave_application",
      recordId: id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: {
        kind: body.kind,
        from: body.from,
        to: draft.to,
        destinationCounty: body.destinationCounty,
        proofs: checked.map((c) => ({ fileName: c.name, sha256: c.sha256 })),
        approver: advice.approver.by,
        refusals: advice.refusals.map((r) => r.id),
        warnings: advice.warnings.map((w) => w.id),
      },
    });
  });
  return { id, advice };
}

/** Adds a proof file while the application waits for a decision. */
export async function addProof(
  db: Kysely<Database>,
  request: FastifyRequest,
  application: LeaveApplication,
  upload: ProofUpload,
): Promise<string> {
  if (application.status !== "pending" && application.status !== "returned")
    throw conflict("申请已审批，不能再补充材料");
  const checked = checkDocument(upload.contentBase64, upload.contentType);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("leave_proof")
      .values({
        id,
        application_id: application.id,
        file_name: upload.fileName,
        content_type: checked.contentType,
        size_bytes: checked.size,
        sha256: checked.sha256,
        content: checked.bytes,
        uploaded_by: request.user?.id ?? null,
      })
      .execute();
    await writeAudit(trx, actorOf(request), {
      action: "leave.proof_upload",
      recordType: "leave_proof",
      recordId: id,
      subjectId: application.subject_id,
      placeId: application.office_id,
      details: { applicationId: application.id, fileName: upload.fileName, sha256: checked.sha256 },
    });
  });
  return id;
}

/** The form field each refusal asks to change. */
const refusalField: Record<string, string> = {
  after_term_end: "from",
  crosses_term_end: "to",
  no_reason: "reason",
  overlaps: "from",
  too_long: "to",
};

/** Who may decide, and what an approval needs (no refusal standing; a reason for every warning). */
function checkDecision(
  role: Role,
  advice: LeaveAdvice,
  decision: LeaveDecisionKind,
  override: string | null,
): void {
  const level = advice.approver.by === "none" ? "office" : advice.approver.by;
  if (role !== deciderRole[level]) throw forbidden(`该申请由${leaveApproverLabel[level]}，您的角色不能审批`);
  if (decision !== "approve") return;
  const refusal = advice.refusals[0];
  if (refusal) {
    throw new ApiError(
      409,
      "leave_refused",
      `存在不予批准的情形：${advice.refusals.map((r) => leaveRefusalLabel[r.id] ?? r.id).join("；")}。请修改后重新申请`,
      refusalField[refusal.id],
    );
  }
  if (advice.warnings.length > 0 && !override) {
    throw badInput(
      "overrideReason",
      `批准须填写理由：${advice.warnings.map((w) => leaveWarningLabel[w.id] ?? w.id).join("；")}`,
    );
  }
}

export interface DecisionBody {
  decision: LeaveDecisionKind;
  comment: string;
  overrideReason: string | null;
}

/**
 * One decision of the approval chain. The approver level is the engine's, now; approving needs no
 * standing refusal and, for every warning, the approver's written override reason.
 */
export async function decide(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRow,
  application: LeaveApplication,
  body: DecisionBody,
  now: Date,
): Promise<LeaveAdvice> {
  const user = request.user!;
  if (application.status !== "pending") {
    throw conflict(
      application.status === "returned"
        ? "申请已退回补充材料，待重新提交后再审批"
        : "该申请已经审批，不能重复审批",
    );
  }
  if (!body.comment.trim()) throw badInput("comment", "请填写审批意见");
  const override = body.overrideReason?.trim() || null;
  const status =
    body.decision === "approve" ? "approved" : body.decision === "refuse" ? "refused" : "returned";
  const advice = await db.transaction().execute(async (trx) => {
    // One decision at a time per person: two overlapping applications approved at once would each
    // pass the overlap rule alone. The subject's row is the lock; the advice is judged under it.
    await trx.selectFrom("subject").select("id").where("id", "=", subject.id).forUpdate().execute();
    const advice = await adviceFor(trx, subject, application, now);
    checkDecision(user.role, advice, body.decision, override);
    const updated = await trx
      .updateTable("leave_application")
      .set({ status, ...(status === "approved" ? { approved_at: now } : {}) })
      .where("id", "=", application.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("该申请已经审批，不能重复审批");
    await trx
      .insertInto("leave_decision")
      .values({
        application_id: application.id,
        decision: body.decision,
        comment: body.comment.trim(),
        override_reason: body.decision === "approve" ? override : null,
        advice: JSON.stringify(advice),
        decided_by: user.id,
        decided_role: user.role,
        decided_at: now,
      })
      .execute();
    if (status === "approved") {
      // The engine reads approved ordinary leave as a `leave` event: reports and visits are waived,
      // the checks while away become due. Other approvals are on the timeline.
      const ordinary = application.kind === "ordinary";
      const event = await trx
        .insertInto("case_event")
        .values({
          subject_id: subject.id,
          office_id: subject.officeId,
          type: ordinary ? "leave" : "leave_approval",
          at: new Date(`${application.from_date}T00:00:00+08:00`),
          end_date: ordinary ? application.to_date : null,
          kind: application.kind,
          by_role: user.role,
          data: JSON.stringify({
            applicationId: application.id,
            destination: application.destination_name,
            destinationCounty: application.destination_county,
            reason: application.reason,
            days: advice.days,
            approvedBy: user.id,
            ...(override ? { overrideReason: override } : {}),
          }),
          recorded_by: user.id,
          recorded_at: now, // the product's clock (not the database's default)
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("leave_application")
        .set({ leave_event_id: event.id })
        .where("id", "=", application.id)
        .execute();
    }
    await writeAudit(trx, actorOf(request), {
      action: `leave.${body.decision}`,
      recordType: "leave_application",
      recordId: application.id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: {
        approver: advice.approver.by,
        warnings: advice.warnings.map((w) => w.id),
        overrideReason: body.decision === "approve" ? override : null,
      },
    });
    return advice;
  });
  return advice;
}

/** Puts an application returned for more proof back before its approver. */
export async function resubmit(
  db: Kysely<Database>,
  request: FastifyRequest,
  application: LeaveApplication,
): Promise<void> {
  if (application.status !== "returned") throw conflict("只有退回补充材料的申请可以重新提交");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("leave_application")
      .set({ status: "pending" })
      .where("id", "=", application.id)
      .where("status", "=", "returned")
      .execute();
    await writeAudit(trx, actorOf(request), {
      action: "leave.resubmit",
      recordType: "leave_application",
      recordId: application.id,
      subjectId: application.subject_id,
      placeId: application.office_id,
    });
  });
}

export interface Revision {
  /** The version the edit was made on: a stale one is refused (409). */
  version: number;
  from: string;
  to: string | null;
  destinationCounty: string;
  destinationAddress: string | null;
  reason: string;
  proofs: ProofUpload[];
  /** Put it back before its approver in the same step. */
  resubmit: boolean;
}

/**
 * The office edits an application returned for more proof: dates, destination, reason, more proof
 * files. The version replaced is kept whole in leave_revision with the advice it had; the engine's
 * advice is recomputed on the new version (the approver level may change with the dates). One
 * transaction; an edit made on an older version than the stored one is refused.
 */
export async function reviseApplication(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRow,
  application: LeaveApplication,
  body: Revision,
  now: Date,
): Promise<{ version: number; advice: LeaveAdvice }> {
  const user = request.user!;
  if (application.status !== "returned") throw conflict("只有退回补充材料的申请可以修改");
  if (body.version !== application.version) throw staleVersion(application.version);
  const to = application.kind === "move_house" ? null : body.to;
  checkForm({ ...body, kind: application.kind, to }, subject, cstDate(now));
  const destinationName = await countyName(db, body.destinationCounty);
  if (!destinationName) throw badInput("destinationCounty", "请从列表中选择目的地所在的县（市、区）");
  const checked = checkProofs(body.proofs);
  const before = await adviceFor(db, subject, application, now);
  const proofs = (await proofCount(db, application.id)) + checked.length;
  const draft: LeaveDraft = {
    ...draftOf(application, proofs),
    from: body.from,
    to,
    destinationCounty: body.destinationCounty,
    reason: body.reason,
  };
  const advice = advise(await leaveInput(db, subject, draft, now), subject.policy);
  if (advice.approver.by === "none")
    throw badInput("destinationCounty", "目的地在居住的县（市、区）内，无需请假审批");
  const version = application.version + 1;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("leave_application")
      .set({
        from_date: body.from,
        to_date: to,
        destination_county: body.destinationCounty,
        destination_name: destinationName,
        destination_address: body.destinationAddress,
        reason: body.reason,
        approver: advice.approver.by as "office" | "agency",
        version,
        ...(body.resubmit ? { status: "pending" as const } : {}),
      })
      .where("id", "=", application.id)
      .where("status", "=", "returned")
      .where("version", "=", body.version)
      .executeTakeFirst();
    // Another edit or a resubmission got there first: this one was made on what is no longer current.
    if (Number(updated.numUpdatedRows) !== 1) throw staleVersion(body.version + 1);
    await trx
      .insertInto("leave_revision")
      .values({
        application_id: application.id,
        version: application.version,
        from_date: application.from_date,
        to_date: application.to_date,
        destination_county: application.destination_county,
        destination_name: application.destination_name,
        destination_address: application.destination_address,
        reason: application.reason,
        approver: application.approver,
        advice: JSON.stringify(before),
        replaced_at: now,
        replaced_by: user.id,
      })
      .execute();
    await insertProofs(trx, application.id, checked, user.id);
    await writeAudit(trx, actorOf(request), {
      action: "leave.revise",
      recordType: "leave_application",
      recordId: application.id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: {
        version,
        before: {
          from: application.from_date,
          to: application.to_date,
          destinationCounty: application.destination_county,
          reason: application.reason,
          approver: application.approver,
        },
        after: { from: body.from, to, destinationCounty: body.destinationCounty, reason: body.reason },
        proofs: checked.map((c) => ({ fileName: c.name, sha256: c.sha256 })),
        approver: advice.approver.by,
        refusals: advice.refusals.map((r) => r.id),
        warnings: advice.warnings.map((w) => w.id),
        resubmitted: body.resubmit,
      },
    });
  });
  return { version, advice };
}

function staleVersion(current: number): ApiError {
  return new ApiError(
    409,
    "stale_version",
    `申请已被修改或重新提交（当前为第 ${current} 版），请刷新后再修改`,
    "version",
  );
}

export interface ReturnBody {
  at: Date;
  method: ReturnMethod;
  note: string | null;
}

/** 销假: the person reported back; the leave closes (early when before its last day). */
export async function closeLeave(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: SubjectRow,
  application: LeaveApplication,
  body: ReturnBody,
  now: Date,
): Promise<void> {
  if (application.kind !== "ordinary") throw conflict("只有请假外出需要销假");
  if (application.status === "closed") throw conflict("该请假已经销假");
  if (application.status !== "approved") throw conflict("请假尚未批准，不能销假");
  if (body.at.getTime() > now.getTime() + 5 * 60_000) throw badInput("at", "销假时间不能晚于当前时间");
  if (application.approved_at && body.at.getTime() < application.approved_at.getTime())
    throw badInput("at", "销假时间不能早于批准时间");
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("leave_application")
      .set({
        status: "closed",
        returned_at: body.at,
        return_method: body.method,
        return_note: body.note,
        closed_by: request.user?.id ?? null,
      })
      .where("id", "=", application.id)
      .where("status", "=", "approved")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("该请假已经销假");
    const event = await trx
      .insertInto("case_event")
      .values({
        subject_id: subject.id,
        office_id: subject.officeId,
        type: "leave_return",
        at: body.at,
        kind: body.method,
        by_role: request.user?.role ?? null,
        data: JSON.stringify({
          applicationId: application.id,
          leaveEventId: application.leave_event_id,
          note: body.note,
          late: cstDate(body.at) > (application.to_date ?? ""),
        }),
        recorded_by: request.user?.id ?? null,
        recorded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actorOf(request), {
      action: "leave.close",
      recordType: "leave_application",
      recordId: application.id,
      subjectId: subject.id,
      placeId: subject.officeId,
      details: { at: body.at.toISOString(), method: body.method, caseEventId: event.id },
    });
  });
}
