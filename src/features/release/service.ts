// The end of a case (Community Correction Law Arts. 44–45, seed 000 §十一): the coming releases with
// what is still open in their books (asked of the rules engine), the release with its announcement,
// termination (revocation, imprisonment, death), and the documents made once at that moment. Each
// end is recorded once per person (a second is refused), moves the case to `released` or
// `terminated`, and is audited in the same transaction.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { subjectScope } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import {
  type EndDocumentFacts,
  endNoticeDocx,
  type NoticeRecipient,
  releaseCertificateDocx,
} from "../../documents/release-docx.ts";
import {
  basisText,
  bookSectionLabel,
  bookStateLabel,
  correctionTypeLabel,
  endDocumentKindLabel,
  endKindLabel,
  genderLabel,
  obligationKindLabel,
  roleLabel,
  sectionStatusLabel,
  sendMethodLabel,
} from "../../glossary.ts";
import { ApiError, badInput, conflict, notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { type CountyPolicies, countyWorkingRules } from "../policy/county-policy.ts";
import { evaluateSubjects } from "../rules/case-facts.ts";
import { findSubject } from "../subjects/queries.ts";
import { isMinorSubject, type SubjectRowWithPlaces } from "../subjects/view.ts";
import { addDaysText } from "../today/today.ts";
import { bookClosure, releaseAnalysisLastDay } from "./closure.ts";
import { COMING_RELEASE_DAYS, RELEASE_BASIS, TERMINATION_BASIS } from "./constants.ts";
import {
  type EndDocumentKind,
  type EndKind,
  isRelease,
  type PresentPerson,
  type SendMethod,
} from "./tables.ts";
import "./tables.ts";

export { COMING_RELEASE_DAYS, RELEASE_BASIS, TERMINATION_BASIS };

export interface OpenItem {
  kind: "deadline" | "obligation";
  label: string;
  dueDate: string;
  status: string;
  statusLabel: string;
}

/** Persons whose term ends within the next 30 days (or has ended without a release being recorded). */
export async function comingReleases(
  db: Kysely<Database>,
  user: CurrentUser,
  now: Date,
  policies: CountyPolicies,
  officeId?: string,
) {
  const today = cstDate(now);
  const until = addDaysText(today, COMING_RELEASE_DAYS);
  let query = db
    .selectFrom("subject")
    .innerJoin("place as office", "office.id", "subject.office_id")
    .selectAll("subject")
    .select(["office.name as office_name"])
    .where(subjectScope(user))
    .where("subject.status", "=", "in_correction")
    .where("subject.term_end", "<=", until);
  if (officeId) query = query.where("subject.office_id", "=", officeId);
  const rows = await query.orderBy("subject.term_end").orderBy("subject.id").limit(500).execute();
  const evaluations = await evaluateSubjects(
    db,
    rows.map((r) => r.id),
    now,
    policies,
  );
  return rows.map((row) => {
    const evaluation = evaluations.get(row.id);
    const open: OpenItem[] = [];
    if (evaluation?.ok) {
      // What the engine still finds open in the book before release; the release analysis itself
      // is only due after it.
      for (const d of evaluation.result.deadlines) {
        if ((d.status !== "open" && d.status !== "overdue") || d.section === "release_analysis") continue;
        open.push({
          kind: "deadline",
          label: bookSectionLabel[d.section] ?? d.section,
          dueDate: d.dueBy.slice(0, 10),
          status: d.status,
          statusLabel: sectionStatusLabel[d.status] ?? d.status,
        });
      }
      for (const o of evaluation.result.obligations) {
        if (o.status !== "overdue") continue;
        open.push({
          kind: "obligation",
          label: obligationKindLabel[o.kind] ?? o.kind,
          dueDate: o.dueBy.slice(0, 10),
          status: o.status,
          statusLabel: sectionStatusLabel[o.status] ?? "已逾期",
        });
      }
    }
    const minor = isMinorSubject(row as SubjectRowWithPlaces);
    return {
      subject: {
        id: row.id,
        name: minor ? maskName(row.name) : row.name,
        bookNumber: row.book_number,
        correctionTypeLabel: correctionTypeLabel[row.correction_type],
        office: { id: row.office_id, name: row.office_name },
      },
      termEnd: row.term_end,
      daysLeft: Math.round((Date.parse(row.term_end) - Date.parse(today)) / 86_400_000),
      canReleaseToday: row.term_end <= today,
      openItems: open,
      engineProblem: evaluation && !evaluation.ok ? evaluation.problem : null,
    };
  });
}

/** Ends recorded recently (the 解矫 page's second list). */
export async function recentEnds(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  now: Date,
  officeId?: string,
) {
  const today = cstDate(now);
  // Everyone the user sees is of the user's county.
  const rules = await countyWorkingRules(policies, user.county.id);
  let query = db
    .selectFrom("case_end")
    .innerJoin("subject", "subject.id", "case_end.subject_id")
    .innerJoin("place as office", "office.id", "subject.office_id")
    .select([
      "case_end.subject_id",
      "case_end.kind",
      "case_end.end_date",
      "case_end.book_closes_on",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.status",
      "subject.release_date",
      "subject.term_end",
      "subject.book_number",
      "subject.office_id",
      "office.name as office_name",
    ])
    .where(subjectScope(user));
  if (officeId) query = query.where("subject.office_id", "=", officeId);
  const rows = await query.orderBy("case_end.end_date", "desc").limit(200).execute();
  const notices = await db
    .selectFrom("case_end_document")
    .select(["subject_id", "kind", "sent_at"])
    .where("subject_id", "in", rows.length ? rows.map((r) => r.subject_id) : ["-"])
    .execute();
  return rows.map((r) => {
    const closure = bookClosure(r, r, today, rules);
    const mine = notices.filter((n) => n.subject_id === r.subject_id && n.kind !== "certificate");
    return {
      subject: {
        id: r.subject_id,
        name: isMinorSubject(r as unknown as SubjectRowWithPlaces) ? maskName(r.name) : r.name,
        bookNumber: r.book_number,
        office: { id: r.office_id, name: r.office_name },
      },
      kind: r.kind,
      kindLabel: endKindLabel[r.kind],
      endDate: r.end_date,
      book: { ...closure, stateLabel: bookStateLabel[closure.state] },
      noticesSent: mine.filter((n) => n.sent_at).length,
      noticesTotal: mine.length,
    };
  });
}

/** The end of one person's case, its documents and the book's state; null ends while under correction. */
export async function caseEndView(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  subjectId: string,
  now: Date,
) {
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  const today = cstDate(now);
  const [end, documents, rules] = await Promise.all([
    db.selectFrom("case_end").selectAll().where("subject_id", "=", subject.id).executeTakeFirst(),
    db
      .selectFrom("case_end_document")
      .leftJoin("app_user", "app_user.id", "case_end_document.sent_by")
      .select([
        "case_end_document.kind",
        "case_end_document.file_name",
        "case_end_document.sha256",
        "case_end_document.created_at",
        "case_end_document.sent_at",
        "case_end_document.sent_method",
        "case_end_document.sent_note",
        "app_user.display_name as sent_by_name",
      ])
      .where("case_end_document.subject_id", "=", subject.id)
      .orderBy("case_end_document.id")
      .execute(),
    countyWorkingRules(policies, subject.county_id),
  ]);
  const closure = bookClosure(subject, end ?? null, today, rules);
  return {
    subjectId: subject.id,
    status: subject.status,
    termEnd: subject.term_end,
    canReleaseFrom: subject.term_end,
    book: { ...closure, stateLabel: bookStateLabel[closure.state] },
    end: end
      ? {
          kind: end.kind,
          kindLabel: endKindLabel[end.kind],
          endDate: end.end_date,
          place: end.place,
          present: end.present,
          documentText: end.document_text,
          certificateNo: end.certificate_no,
          remarks: end.remarks,
          recordedAt: cstIso(end.recorded_at),
          basis: basisText(isRelease(end.kind) ? RELEASE_BASIS : TERMINATION_BASIS),
        }
      : null,
    documents: documents.map((d) => ({
      kind: d.kind,
      kindLabel: endDocumentKindLabel[d.kind],
      fileName: d.file_name,
      sha256: d.sha256,
      createdAt: cstIso(d.created_at),
      sent: d.sent_at
        ? {
            at: cstIso(d.sent_at),
            method: d.sent_method,
            methodLabel: d.sent_method ? sendMethodLabel[d.sent_method] : null,
            note: d.sent_note,
            by: d.sent_by_name,
          }
        : null,
    })),
  };
}

export interface EndBody {
  kind: EndKind;
  /** Release: the announcement day; pardon and termination: the day the case ends. */
  date: string;
  place?: string | null;
  present?: Array<{ userId?: string | null; name?: string | null; role?: string | null }>;
  documentText?: string | null;
  remarks?: string | null;
}

/**
 * Records the end of a case. Release at the end of the term: only on or after the last day of the
 * term, and the case is released on that day; on pardon: on the pardon's day, with its document.
 * Termination: on its day, with its document. Everything — the end, the subject's status, the
 * documents and the audit row — in one transaction; a second end is refused (409).
 */
export async function recordEnd(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  body: EndBody,
  now: Date,
) {
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  const today = cstDate(now);
  if (subject.status !== "in_correction")
    throw new ApiError(409, "already_ended", "该对象已解除或终止矫正，不能重复办理");
  const release = isRelease(body.kind);
  if (body.date > today) throw badInput("date", "日期不能晚于今天");
  if (body.date < subject.intake_date)
    throw badInput("date", `日期不能早于入矫日期（${subject.intake_date}）`);
  let endDate: string;
  if (body.kind === "release") {
    if (today < subject.term_end)
      throw conflict(
        `矫正期限至 ${subject.term_end} 届满，期满之日起方可解除矫正（《社区矫正法》第四十四条）`,
      );
    if (body.date < subject.term_end)
      throw badInput("date", `解除矫正宣告日期不能早于矫正期满日（${subject.term_end}）`);
    endDate = subject.term_end;
  } else {
    endDate = body.date;
    if (!body.documentText?.trim())
      throw badInput(
        "documentText",
        body.kind === "pardon" ? "请填写特赦令或赦免文书" : "请填写裁定、决定或死亡证明等文书名称和文号",
      );
  }
  const present: PresentPerson[] = [];
  if (release) {
    if (!body.place?.trim()) throw badInput("place", "请填写宣告地点");
    const list = body.present ?? [];
    if (list.length === 0) throw badInput("present", "请填写到场人员");
    const ids = list.map((p) => p.userId).filter((id): id is string => !!id);
    const accounts = ids.length
      ? await db
          .selectFrom("app_user")
          .innerJoin("place", "place.id", "app_user.place_id")
          .select(["app_user.id", "app_user.display_name", "app_user.role", "place.id as place_id"])
          .where("app_user.id", "in", ids)
          .where("app_user.role", "!=", "subject")
          .execute()
      : [];
    for (const [i, person] of list.entries()) {
      if (person.userId) {
        const account = accounts.find((a) => a.id === person.userId);
        if (!account) throw badInput(`present.${i}.userId`, "没有这个工作人员账户");
        present.push({ userId: account.id, name: account.display_name, role: roleLabel[account.role] });
      } else {
        const name = person.name?.trim();
        if (!name) throw badInput(`present.${i}.name`, "请填写到场人员姓名");
        present.push({ userId: null, name, role: person.role?.trim() || null });
      }
    }
  }
  const closesOn = release
    ? releaseAnalysisLastDay(await countyWorkingRules(policies, subject.county_id), endDate)
    : endDate;
  const year = endDate.slice(0, 4);
  const certificateNo = release ? `解矫证字〔${year}〕${subject.book_number ?? subject.id}号` : null;
  const facts: EndDocumentFacts = {
    name: subject.name,
    genderLabel: genderLabel[subject.gender],
    birthDate: subject.birth_date,
    idNumber: subject.id_number,
    correctionTypeLabel: correctionTypeLabel[subject.correction_type],
    crimeText: subject.crime_text,
    decidingOrgan: subject.deciding_organ ?? "",
    judgmentNumber: subject.judgment_number ?? "",
    sentenceText: subject.sentence_text ?? "",
    termStart: subject.term_start,
    termEnd: subject.term_end,
    intakeDate: subject.intake_date,
    bookNumber: subject.book_number ?? "",
    officeName: subject.office_name,
    countyName: user.county.name,
    endKindLabel: endKindSentence[body.kind],
    endDate,
    documentText: body.documentText?.trim() || null,
    certificateNo,
    announcedOn: release ? body.date : null,
    place: body.place?.trim() || null,
    presentText: present.map((p) => (p.role ? `${p.name}（${p.role}）` : p.name)).join("、") || null,
    madeOn: today,
  };
  const recipients: Array<[NoticeRecipient, string]> = [
    ["court", subject.deciding_organ ?? `${user.county.name}人民法院`],
    ["procuratorate", `${user.county.name}人民检察院`],
    ["police", `${user.county.name}公安局`],
  ];
  const made: Array<{ kind: EndDocumentKind; bytes: Buffer }> = [];
  if (release) made.push({ kind: "certificate", bytes: await releaseCertificateDocx(facts) });
  for (const [recipient, name] of recipients)
    made.push({
      kind: `notice_${recipient}` as EndDocumentKind,
      bytes: await endNoticeDocx(facts, recipient, name, release),
    });

  try {
    return await db.transaction().execute(async (trx) => {
      // The status is checked again under the row's update: two clerks releasing at once get one end.
      const updated = await trx
        .updateTable("subject")
        .set((eb) => ({
          status: release ? "released" : "terminated",
          release_date: endDate,
          version: eb("version", "+", 1),
          updated_at: now,
        }))
        .where("id", "=", subject.id)
        .where("status", "=", "in_correction")
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw new ApiError(409, "already_ended", "该对象已解除或终止矫正，不能重复办理");
      await trx
        .insertInto("case_end")
        .values({
          subject_id: subject.id,
          county_id: subject.county_id,
          office_id: subject.office_id,
          kind: body.kind,
          end_date: endDate,
          place: body.place?.trim() || null,
          present: JSON.stringify(present),
          document_text: body.documentText?.trim() || null,
          certificate_no: certificateNo,
          remarks: body.remarks?.trim() || null,
          book_closes_on: closesOn,
          recorded_by: user.id,
          recorded_at: now,
        })
        .execute();
      const label = subject.book_number ?? subject.id;
      for (const doc of made) {
        await trx
          .insertInto("case_end_document")
          .values({
            subject_id: subject.id,
            kind: doc.kind,
            file_name: `${label}-${endDocumentKindLabel[doc.kind]}.docx`,
            bytes: doc.bytes,
            sha256: createHash("sha256").update(doc.bytes).digest("hex"),
            created_at: now,
          })
          .execute();
      }
      await writeAudit(trx, actor, {
        action: release ? "release.record" : "release.terminate",
        recordType: "case_end",
        recordId: subject.id,
        subjectId: subject.id,
        placeId: subject.office_id,
        details: {
          kind: body.kind,
          endDate,
          announcedOn: release ? body.date : null,
          bookClosesOn: closesOn,
          documents: made.map((d) => d.kind),
        },
      });
      return { kind: body.kind, endDate, bookClosesOn: closesOn, certificateNo };
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "23505")
      throw new ApiError(409, "already_ended", "该对象已解除或终止矫正，不能重复办理");
    throw error;
  }
}

const endKindSentence: Record<EndKind, string> = {
  release: "矫正期满",
  pardon: "被依法赦免",
  revocation: "被撤销缓刑（假释）",
  imprisonment: "被收监执行",
  death: "死亡",
};

/** One stored document, as made; the download is audited with the subject. */
export async function endDocument(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  kind: EndDocumentKind,
) {
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  const doc = await db
    .selectFrom("case_end_document")
    .select(["file_name", "bytes", "sha256"])
    .where("subject_id", "=", subject.id)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!doc) throw notFound("文书");
  await writeAudit(db, actor, {
    action: "release.document_download",
    recordType: "case_end_document",
    recordId: `${subject.id}/${kind}`,
    subjectId: subject.id,
    placeId: subject.office_id,
    details: { kind, sha256: doc.sha256, minor: isMinorSubject(subject) },
  });
  return doc;
}

/** Records once when and how a notice was sent. */
export async function recordSent(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  kind: EndDocumentKind,
  body: { sentAt: string; method: SendMethod; note?: string | null },
  now: Date,
) {
  if (kind === "certificate") throw badInput("kind", "解除社区矫正证明书发给本人，无需登记送达");
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  const sentAt = new Date(body.sentAt);
  if (sentAt.getTime() > now.getTime()) throw badInput("sentAt", "送达时间不能晚于现在");
  return db.transaction().execute(async (trx) => {
    const doc = await trx
      .selectFrom("case_end_document")
      .select(["id", "sent_at", "created_at"])
      .where("subject_id", "=", subject.id)
      .where("kind", "=", kind)
      .forUpdate()
      .executeTakeFirst();
    if (!doc) throw notFound("文书");
    if (doc.sent_at) throw conflict("该通知书的送达情况已登记，不能重复登记");
    if (sentAt.getTime() < doc.created_at.getTime() - 86_400_000)
      throw badInput("sentAt", "送达时间不能早于文书制作日");
    await trx
      .updateTable("case_end_document")
      .set({
        sent_at: sentAt,
        sent_method: body.method,
        sent_note: body.note?.trim() || null,
        sent_by: user.id,
      })
      .where("id", "=", doc.id)
      .execute();
    await writeAudit(trx, actor, {
      action: "release.notice_sent",
      recordType: "case_end_document",
      recordId: `${subject.id}/${kind}`,
      subjectId: subject.id,
      placeId: subject.office_id,
      details: { kind, sentAt: cstIso(sentAt), method: body.method },
    });
    return { kind, sentAt: cstIso(sentAt), method: body.method, methodLabel: sendMethodLabel[body.method] };
  });
}
