// Reading handovers and their documents. Handovers belong to a county; only users whose view is the
// whole county (agency, procuratorate) reach them: for others they are simply not found.
import type { Kysely } from "kysely";
import { type CurrentUser, scopeOf } from "../../auth/access.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { correctionTypeLabel, documentKindLabel, handoverStatusLabel } from "../../glossary.ts";
import { maskIdNumber, maskName } from "../../shared/id-number.ts";
import { ageOn, cstDate, cstIso } from "../../shared/time.ts";
import { crimeCategoriesView } from "../subjects/view.ts";
import { handoverClock } from "./clock.ts";
import type { Handover } from "./tables.ts";

export type HandoverRow = Handover & {
  office_name: string | null;
  book_number: string | null;
  document_count: number;
};

function countyOf(user: CurrentUser): string | null {
  const scope = scopeOf(user);
  return scope.kind === "county" ? scope.countyId : null;
}

function base(db: Kysely<Database>, countyId: string) {
  return db
    .selectFrom("handover")
    .leftJoin("place as office", "office.id", "handover.proposed_office_id")
    .leftJoin("subject", "subject.id", "handover.subject_id")
    .selectAll("handover")
    .select([
      "office.name as office_name",
      "subject.book_number as book_number",
      (eb) =>
        eb
          .selectFrom("handover_document")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("handover_document.handover_id", "=", "handover.id")
          .as("document_count"),
    ])
    .where("handover.county_id", "=", countyId);
}

export async function listHandovers(
  db: Kysely<Database>,
  user: CurrentUser,
  status: "pending" | "registered" | "all",
): Promise<HandoverRow[]> {
  const countyId = countyOf(user);
  if (!countyId) return [];
  let query = base(db, countyId);
  if (status !== "all") query = query.where("handover.status", "=", status);
  const rows = await query
    .orderBy("handover.status")
    .orderBy("handover.judgment_effective_date")
    .orderBy("handover.created_at")
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, document_count: Number(r.document_count) })) as HandoverRow[];
}

export async function findHandover(
  db: Kysely<Database>,
  user: CurrentUser,
  id: string,
): Promise<HandoverRow | undefined> {
  const countyId = countyOf(user);
  return countyId ? findHandoverInCounty(db, countyId, id) : undefined;
}

/** A handover of a county, whoever asks (the exchange API checks its partner's scope itself). */
export async function findHandoverInCounty(
  db: Kysely<Database>,
  countyId: string,
  id: string,
): Promise<HandoverRow | undefined> {
  const row = await base(db, countyId).where("handover.id", "=", id).executeTakeFirst();
  return row ? ({ ...row, document_count: Number(row.document_count) } as HandoverRow) : undefined;
}

const documentColumns = [
  "handover_document.id",
  "handover_document.kind",
  "handover_document.file_name",
  "handover_document.content_type",
  "handover_document.size_bytes",
  "handover_document.sha256",
  "handover_document.uploaded_at",
  "uploader.display_name as uploader_name",
] as const;

export async function handoverDocuments(db: Kysely<Database>, handoverId: string, onlyId?: string) {
  let query = db
    .selectFrom("handover_document")
    .leftJoin("app_user as uploader", "uploader.id", "handover_document.uploaded_by")
    .select(documentColumns)
    .where("handover_document.handover_id", "=", handoverId);
  if (onlyId) query = query.where("handover_document.id", "=", onlyId);
  return query.orderBy("handover_document.uploaded_at").orderBy("handover_document.id").execute();
}

export async function subjectDocuments(db: Kysely<Database>, subjectId: string) {
  return db
    .selectFrom("handover_document")
    .innerJoin("handover", "handover.id", "handover_document.handover_id")
    .leftJoin("app_user as uploader", "uploader.id", "handover_document.uploaded_by")
    .select(documentColumns)
    .where("handover.subject_id", "=", subjectId)
    .orderBy("handover_document.uploaded_at")
    .orderBy("handover_document.id")
    .execute();
}

export type DocumentRow = Awaited<ReturnType<typeof handoverDocuments>>[number];

export function toDocumentView(doc: DocumentRow) {
  return {
    id: doc.id,
    kind: doc.kind,
    kindLabel: documentKindLabel[doc.kind] ?? doc.kind,
    fileName: doc.file_name,
    contentType: doc.content_type,
    sizeBytes: doc.size_bytes,
    sha256: doc.sha256,
    uploadedBy: doc.uploader_name,
    uploadedAt: cstIso(doc.uploaded_at),
  };
}

/** A handover as the console shows it; `policy` is the receiving county's profile (the clock's days). */
export function toHandoverView(row: HandoverRow, today: string, policy: PolicyProfile) {
  // A minor's name is masked on the list (Community Correction Law Art. 54).
  const birth = `${row.person_id_number.slice(6, 10)}-${row.person_id_number.slice(10, 12)}-${row.person_id_number.slice(12, 14)}`;
  let minor = false;
  try {
    minor = ageOn(birth, row.judgment_effective_date) < 18;
  } catch {
    minor = false;
  }
  const registeredOn = row.registered_at ? cstDate(row.registered_at) : null;
  return {
    id: row.id,
    status: row.status,
    statusLabel: handoverStatusLabel[row.status] ?? row.status,
    decidingOrgan: row.deciding_organ,
    judgmentNumber: row.judgment_number,
    judgmentDate: row.judgment_date,
    judgmentEffectiveDate: row.judgment_effective_date,
    noticeNumber: row.notice_number,
    receivedOn: row.received_on,
    correctionType: row.correction_type,
    correctionTypeLabel: correctionTypeLabel[row.correction_type],
    termStart: row.term_start,
    termEnd: row.term_end,
    sentenceText: row.sentence_text,
    crimeText: row.crime_text,
    crimeCategories: crimeCategoriesView(row.crime_categories),
    personName: minor ? maskName(row.person_name) : row.person_name,
    personNameMasked: minor,
    idNumberMasked: maskIdNumber(row.person_id_number),
    proposedOffice:
      row.proposed_office_id && row.office_name
        ? { id: row.proposed_office_id, name: row.office_name }
        : null,
    notes: row.notes,
    subjectId: row.subject_id,
    bookNumber: row.book_number,
    registeredAt: row.registered_at ? cstIso(row.registered_at) : null,
    createdAt: cstIso(row.created_at),
    clock: handoverClock(row.judgment_effective_date, row.correction_type, registeredOn, today, policy),
    documentCount: row.document_count,
  };
}
