// Creating a handover (交付接收): one function for the agency's form (POST /api/handovers) and for a
// court's or prison's signed call (POST /api/exchange/v1/handovers), so both make the same record with
// the same checks and the same statutory clock. Documents sent along are checked (type from the
// content, size) before anything is written, then stored in the handover's transaction: a bad file
// leaves nothing behind.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { Database } from "../../db/schema.ts";
import { ApiError, badInput } from "../../http/errors.ts";
import { idNumberProblemText, parseIdNumber } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { type CheckedDocument, checkDocument } from "./documents.ts";
import type { HandoverBody } from "./schemas.ts";
import type { DocumentKind } from "./tables.ts";

/** Who creates the handover: a worker of the agency, or a partner organisation through the exchange. */
export type HandoverCreator =
  | { userId: string; partnerId?: undefined }
  | { userId?: undefined; partnerId: string };

export interface NewHandoverDocument {
  kind: DocumentKind;
  fileName: string;
  contentType?: string | undefined;
  contentBase64: string;
}

/** Checks every document, naming the field of the one at fault (`documents.2.contentBase64`). */
function checkDocuments(documents: NewHandoverDocument[]): (NewHandoverDocument & CheckedDocument)[] {
  return documents.map((doc, i) => {
    try {
      return { ...doc, ...checkDocument(doc.contentBase64, doc.contentType) };
    } catch (error) {
      if (error instanceof ApiError && error.field)
        throw badInput(`documents.${i}.${error.field}`, error.message);
      throw error;
    }
  });
}

export async function createHandover(
  db: Kysely<Database>,
  countyId: string,
  creator: HandoverCreator,
  actor: Actor,
  body: HandoverBody,
  now: Date,
  documents: NewHandoverDocument[] = [],
): Promise<string> {
  const id = parseIdNumber(body.personIdNumber);
  if (!id.ok) throw badInput("personIdNumber", idNumberProblemText[id.problem]);
  const today = cstDate(now);
  if (body.termEnd < body.termStart) throw badInput("termEnd", "矫正期限止日不能早于起日");
  if (body.judgmentEffectiveDate > today) throw badInput("judgmentEffectiveDate", "判决生效日期不能晚于今天");
  if (body.receivedOn > today) throw badInput("receivedOn", "收到法律文书日期不能晚于今天");
  if (body.judgmentDate && body.judgmentDate > body.judgmentEffectiveDate)
    throw badInput("judgmentDate", "判决日期不能晚于判决生效日期");
  if (body.proposedOfficeId) {
    const office = await db
      .selectFrom("place")
      .select("id")
      .where("id", "=", body.proposedOfficeId)
      .where("kind", "=", "office")
      .where("parent_id", "=", countyId)
      .executeTakeFirst();
    if (!office) throw badInput("proposedOfficeId", "请选择本县的司法所");
  }
  const checked = checkDocuments(documents);
  const handoverId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("handover")
      .values({
        id: handoverId,
        county_id: countyId,
        deciding_organ: body.decidingOrgan,
        judgment_number: body.judgmentNumber,
        judgment_date: body.judgmentDate ?? null,
        judgment_effective_date: body.judgmentEffectiveDate,
        notice_number: body.noticeNumber || null,
        received_on: body.receivedOn,
        correction_type: body.correctionType,
        term_start: body.termStart,
        term_end: body.termEnd,
        sentence_text: body.sentenceText || null,
        crime_text: body.crimeText,
        crime_categories: JSON.stringify(body.crimeCategories),
        person_name: body.personName,
        person_id_number: body.personIdNumber.trim().toUpperCase(),
        proposed_office_id: body.proposedOfficeId || null,
        notes: body.notes || null,
        created_by: creator.userId ?? null,
        partner_id: creator.partnerId ?? null,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, actor, {
      action: "handover.create",
      recordType: "handover",
      recordId: handoverId,
      placeId: countyId,
      details: {
        judgmentNumber: body.judgmentNumber,
        correctionType: body.correctionType,
        ...(creator.partnerId ? { partnerId: creator.partnerId } : {}),
      },
    });
    for (const doc of checked) {
      const documentId = randomUUID();
      await trx
        .insertInto("handover_document")
        .values({
          id: documentId,
          handover_id: handoverId,
          kind: doc.kind,
          file_name: doc.fileName,
          content_type: doc.contentType,
          size_bytes: doc.size,
          sha256: doc.sha256,
          content: doc.bytes,
          uploaded_by: creator.userId ?? null,
          uploaded_at: now,
        })
        .execute();
      await writeAudit(trx, actor, {
        action: "document.upload",
        recordType: "handover_document",
        recordId: documentId,
        placeId: countyId,
        details: { handoverId, fileName: doc.fileName, sizeBytes: doc.size, sha256: doc.sha256 },
      });
    }
  });
  return handoverId;
}
