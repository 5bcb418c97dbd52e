// Change of place of execution (执行地变更): the office's request, the agency's letter to the new
// county's agency, the answer (within the profile's days of the letter), and the person's report to
// the new agency (within the profile's days of the acceptance). Each step is one transaction with its
// audit row. When the new county is a county of this onebook, its agency records the answer and, on
// acceptance, the person moves to the office it chooses in the same transaction (the book and the
// whole history hang off the subject id, so they travel with the person); otherwise the sending agency
// records the answer and the case ends here as transferred out, the letters being the documents.
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { type CurrentUser, scopeOf, subjectScope } from "../../auth/access.ts";
import { actorOf } from "../../auth/plugin.ts";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Database, Role } from "../../db/schema.ts";
import { ApiError, badInput, conflict, forbidden, notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { checkDocument } from "../intake/documents.ts";
import { countyName } from "../leave/divisions.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { isMinorSubject } from "../subjects/view.ts";
import type { SentMethod, TransferRequest } from "./tables.ts";

/** Who may do each step (the server decides; the console only hides buttons). */
export const transferRoles = {
  read: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
  request: ["office_head", "office_assistant"],
  send: ["agency_head", "agency_staff"],
  answer: ["agency_head", "agency_staff"],
  report: ["office_head", "office_assistant", "agency_head", "agency_staff"],
} as const satisfies Record<string, readonly Role[]>;

const agencyRoles: ReadonlySet<Role> = new Set(["agency_head", "agency_staff", "prosecutor"]);

export const addDays = (day: string, n: number) => formatDate(parseDate(day) + n);

/** Which side of a request the user stands on: the sending county, the receiving one, or neither. */
export function sideOf(user: CurrentUser, r: TransferRequest): "sending" | "receiving" | null {
  const scope = scopeOf(user);
  if (scope.kind === "county" && r.county_id === scope.countyId) return "sending";
  if (scope.kind === "office" && r.county_id === scope.countyId && r.office_id === scope.officeId)
    return "sending";
  // The receiving county sees a request of this onebook once its letter has been sent.
  if (!r.internal || r.status === "requested") return null;
  if (scope.kind === "county" && r.new_county === scope.countyId) return "receiving";
  if (scope.kind === "office" && r.receiving_office_id === scope.officeId && r.new_county === scope.countyId)
    return "receiving";
  return null;
}

/** A request the user may see; out of scope is "not found". */
export async function requestInScope(
  db: Kysely<Database>,
  user: CurrentUser,
  id: string,
): Promise<{ request: TransferRequest; side: "sending" | "receiving" }> {
  const request = await db.selectFrom("transfer_request").selectAll().where("id", "=", id).executeTakeFirst();
  const side = request ? sideOf(user, request) : null;
  if (!request || !side) throw notFound("执行地变更申请");
  return { request, side };
}

/** The side that records the answer and the report: the receiving agency inside onebook, else the sender. */
export const answeringSide = (r: TransferRequest) => (r.internal ? "receiving" : "sending");

/** What this user may do now on a request. */
export function allowed(user: CurrentUser, r: TransferRequest, side: "sending" | "receiving") {
  const role = user.role;
  const agency = (transferRoles.answer as readonly Role[]).includes(role);
  return {
    send: r.status === "requested" && side === "sending" && agency,
    answer: r.status === "sent" && side === answeringSide(r) && agency,
    report:
      r.status === "accepted" &&
      side === answeringSide(r) &&
      (transferRoles.report as readonly Role[]).includes(role) &&
      (agencyRoles.has(role) || side === "sending" || r.receiving_office_id === user.officeId),
  };
}

export interface NewTransfer {
  subjectId: string;
  newCounty: string;
  newAddress: string;
  reason: string;
  proofs: { fileName: string; contentBase64: string; contentType?: string }[];
}

/** The office files a request for a person of its office, with proof files; one transaction. */
export async function fileTransfer(
  db: Kysely<Database>,
  request: FastifyRequest,
  body: NewTransfer,
  now: Date,
): Promise<string> {
  const user = request.user!;
  const subject = await db
    .selectFrom("subject")
    .select(["id", "name", "birth_date", "intake_date", "county_id", "office_id", "status"])
    .where(subjectScope(user))
    .where("id", "=", body.subjectId)
    .executeTakeFirst();
  if (!subject) throw badInput("subjectId", "请选择本司法所的社区矫正对象");
  if (subject.status !== "in_correction")
    throw badInput("subjectId", "该对象不在矫正期内，不能申请变更执行地");
  if (body.newCounty === subject.county_id)
    throw badInput("newCounty", "新执行地与现执行地相同，不需要变更执行地");
  const name = await countyName(db, body.newCounty);
  if (!name) throw badInput("newCounty", "请从列表中选择新执行地所在的县（市、区）");
  const checked = body.proofs.map((p, i) => {
    try {
      return { name: p.fileName, ...checkDocument(p.contentBase64, p.contentType) };
    } catch (error) {
      if (error instanceof ApiError && error.field)
        throw badInput(`proofs[${i}].${error.field}`, error.message);
      throw error;
    }
  });
  const internal = await db
    .selectFrom("place")
    .select("id")
    .where("id", "=", body.newCounty)
    .where("kind", "=", "county")
    .executeTakeFirst();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("transfer_request")
      .select("id")
      .where("subject_id", "=", subject.id)
      .where("status", "in", ["requested", "sent", "accepted"])
      .executeTakeFirst();
    if (open) throw conflict("该对象已有办理中的执行地变更申请");
    await trx
      .insertInto("transfer_request")
      .values({
        id,
        subject_id: subject.id,
        subject_name: isMinorSubject(subject) ? maskName(subject.name) : subject.name,
        county_id: subject.county_id,
        office_id: subject.office_id,
        new_county: body.newCounty,
        new_county_name: name,
        new_address: body.newAddress,
        reason: body.reason,
        internal: internal !== undefined,
        status: "requested",
        requested_at: now,
        requested_by: user.id,
      })
      .execute();
    for (const c of checked) {
      await trx
        .insertInto("transfer_proof")
        .values({
          id: randomUUID(),
          request_id: id,
          file_name: c.name,
          content_type: c.contentType,
          size_bytes: c.size,
          sha256: c.sha256,
          content: c.bytes,
          uploaded_by: user.id,
          uploaded_at: now,
        })
        .execute();
    }
    await writeAudit(trx, actorOf(request), {
      action: "transfer.request",
      recordType: "transfer_request",
      recordId: id,
      subjectId: subject.id,
      placeId: subject.office_id,
      details: {
        newCounty: body.newCounty,
        internal: internal !== undefined,
        proofs: checked.map((c) => ({ fileName: c.name, sha256: c.sha256 })),
      },
    });
  });
  return id;
}

/** Rejects a step's date in the future or before the previous step. */
function checkDay(field: string, day: string, after: string, afterLabel: string, today: string): void {
  if (day > today) throw badInput(field, "日期不能晚于今天");
  if (day < after) throw badInput(field, `日期不能早于${afterLabel}（${after}）`);
}

/** Changes the status from `from`, refusing a step out of order (a concurrent step included). */
async function advance(
  trx: Kysely<Database>,
  r: TransferRequest,
  from: TransferRequest["status"],
  values: Partial<Omit<TransferRequest, "id">>,
): Promise<void> {
  const result = await trx
    .updateTable("transfer_request")
    .set(values)
    .where("id", "=", r.id)
    .where("status", "=", from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict("申请的状态已变化，请刷新后再办理");
}

/** The sending agency sends its letter (征求意见函) to the new county's agency. */
export async function sendRequest(
  db: Kysely<Database>,
  request: FastifyRequest,
  r: TransferRequest,
  body: { sentOn: string; method: SentMethod },
  policies: CountyPolicies,
  now: Date,
): Promise<{ answerDue: string }> {
  if (r.status !== "requested") throw conflict("该申请已发函，不能重复发函");
  checkDay("sentOn", body.sentOn, cstDate(r.requested_at), "申请日期", cstDate(now));
  const days = (await policies.forCounty(r.county_id)).profile.statutory.transfer.newAgencyAnswersWithinDays;
  const answerDue = addDays(body.sentOn, days);
  await db.transaction().execute(async (trx) => {
    await advance(trx, r, "requested", {
      status: "sent",
      sent_on: body.sentOn,
      sent_method: body.method,
      sent_by: request.user!.id,
      answer_due: answerDue,
    });
    await writeAudit(trx, actorOf(request), {
      action: "transfer.send",
      recordType: "transfer_request",
      recordId: r.id,
      subjectId: r.subject_id,
      placeId: r.county_id,
      details: { sentOn: body.sentOn, method: body.method, answerDue, newCounty: r.new_county },
    });
  });
  return { answerDue };
}

export interface Answer {
  decision: "accepted" | "refused";
  answeredOn: string;
  note: string | null;
  receivingOfficeId: string | null;
}

/**
 * The answer of the new county's agency. Inside onebook, an acceptance moves the person to the chosen
 * office of the new county in the same transaction, audited on both sides; outside, it ends the case
 * here as transferred out.
 */
export async function recordAnswer(
  db: Kysely<Database>,
  request: FastifyRequest,
  r: TransferRequest,
  body: Answer,
  policies: CountyPolicies,
  now: Date,
): Promise<{ reportDue: string | null }> {
  if (r.status !== "sent")
    throw conflict(r.status === "requested" ? "机构尚未发函，不能登记回复" : "已登记回复");
  checkDay("answeredOn", body.answeredOn, r.sent_on!, "发函日期", cstDate(now));
  const accepted = body.decision === "accepted";
  let office: { id: string; name: string } | undefined;
  if (r.internal && accepted) {
    if (!body.receivingOfficeId) throw badInput("receivingOfficeId", "请选择接收的司法所");
    office = await db
      .selectFrom("place")
      .select(["id", "name"])
      .where("id", "=", body.receivingOfficeId)
      .where("parent_id", "=", r.new_county)
      .where("kind", "=", "office")
      .executeTakeFirst();
    if (!office) throw badInput("receivingOfficeId", "请选择新执行地县内的司法所");
  } else if (body.receivingOfficeId) {
    throw badInput("receivingOfficeId", "只有同意接收且新执行地使用本系统时才选择接收的司法所");
  }
  const days = (await policies.forCounty(r.county_id)).profile.statutory.transfer.reportToNewAgencyWithinDays;
  const reportDue = accepted ? addDays(body.answeredOn, days) : null;
  const user = request.user!;
  await db.transaction().execute(async (trx) => {
    await advance(trx, r, "sent", {
      status: body.decision,
      answered_on: body.answeredOn,
      answer_note: body.note,
      answered_by: user.id,
      receiving_office_id: office?.id ?? null,
      report_due: reportDue,
    });
    const details = {
      decision: body.decision,
      answeredOn: body.answeredOn,
      reportDue,
      newCounty: r.new_county,
    };
    if (accepted && office) {
      const moved = await trx
        .updateTable("subject")
        // The old office's village and responsible worker do not follow; the new address does.
        .set((eb) => ({
          county_id: r.new_county,
          office_id: office.id,
          village_id: null,
          responsible_user_id: null,
          address: r.new_address,
          version: eb("version", "+", 1),
          updated_at: now,
        }))
        .where("id", "=", r.subject_id)
        .where("county_id", "=", r.county_id)
        .where("status", "=", "in_correction")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw conflict("该对象已不在原执行地矫正，不能移交");
      await trx
        .insertInto("case_event")
        .values({
          subject_id: r.subject_id,
          office_id: office.id,
          type: "transfer",
          at: now,
          by_role: user.role,
          data: JSON.stringify({
            officeId: office.id,
            fromOfficeId: r.office_id,
            transferRequestId: r.id,
            summary: `执行地变更，移交${r.new_county_name}${office.name}`,
          }),
          recorded_by: user.id,
          recorded_at: now,
        })
        .execute();
      // Audited on both sides: the sending office and the receiving office each find the hand-over.
      await writeAudit(trx, actorOf(request), {
        action: "transfer.hand_over",
        recordType: "subject",
        recordId: r.subject_id,
        subjectId: r.subject_id,
        placeId: r.office_id,
        details: { ...details, side: "sending", toOfficeId: office.id, transferRequestId: r.id },
      });
      await writeAudit(trx, actorOf(request), {
        action: "transfer.receive",
        recordType: "subject",
        recordId: r.subject_id,
        subjectId: r.subject_id,
        placeId: office.id,
        details: { ...details, side: "receiving", fromOfficeId: r.office_id, transferRequestId: r.id },
      });
    } else if (accepted) {
      const ended = await trx
        .updateTable("subject")
        // The case ends here on the day of the acceptance, like a termination (no release analysis).
        .set((eb) => ({
          status: "transferred_out",
          release_date: body.answeredOn,
          version: eb("version", "+", 1),
          updated_at: now,
        }))
        .where("id", "=", r.subject_id)
        .where("status", "=", "in_correction")
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) !== 1) throw conflict("该对象已不在矫正期内，不能移交");
      await writeAudit(trx, actorOf(request), {
        action: "transfer.hand_over",
        recordType: "subject",
        recordId: r.subject_id,
        subjectId: r.subject_id,
        placeId: r.office_id,
        details: { ...details, side: "sending", outside: true, transferRequestId: r.id },
      });
    }
    await writeAudit(trx, actorOf(request), {
      action: "transfer.answer",
      recordType: "transfer_request",
      recordId: r.id,
      subjectId: r.subject_id,
      placeId: r.internal ? r.new_county : r.county_id,
      details,
    });
  });
  return { reportDue };
}

/** The person reported to the new agency: recorded by the receiving side (or the sender when outside). */
export async function recordReport(
  db: Kysely<Database>,
  request: FastifyRequest,
  r: TransferRequest,
  body: { reportedOn: string; note: string | null },
  now: Date,
): Promise<void> {
  if (r.status !== "accepted")
    throw conflict(r.status === "reported" ? "已登记报到" : "新执行地尚未同意接收，不能登记报到");
  checkDay("reportedOn", body.reportedOn, r.answered_on!, "同意接收的日期", cstDate(now));
  await db.transaction().execute(async (trx) => {
    await advance(trx, r, "accepted", {
      status: "reported",
      reported_on: body.reportedOn,
      report_note: body.note,
      reported_by: request.user!.id,
    });
    await writeAudit(trx, actorOf(request), {
      action: "transfer.report",
      recordType: "transfer_request",
      recordId: r.id,
      subjectId: r.subject_id,
      placeId: r.receiving_office_id ?? r.county_id,
      details: {
        reportedOn: body.reportedOn,
        reportDue: r.report_due,
        late: body.reportedOn > r.report_due!,
      },
    });
  });
}

/** Refuses a step by a role the step is not for (the route's roles are wider: one list per route). */
export function requireStep(ok: boolean, message: string): void {
  if (!ok) throw forbidden(message);
}
