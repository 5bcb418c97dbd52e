// What a partner may learn about its persons (the people whose handover it sent, and only those):
// whether the person has been received (registered), by which office, and whether the case has ended.
// A minor's name and ID number are masked (Community Correction Law Art. 58; Criminal Procedure Law
// Art. 286, sealed records) unless the call states a judicial purpose the law allows, which is
// recorded in the audit row of the query.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { maskIdNumber, maskName, parseIdNumber } from "../../shared/id-number.ts";
import { ageOn } from "../../shared/time.ts";
import "../release/tables.ts";

/** Purposes for which a judicial organ may see a minor's identity (a case it handles, or execution). */
export const DISCLOSURE_PURPOSES = ["case_handling", "sentence_execution"] as const;
export type DisclosurePurpose = (typeof DISCLOSURE_PURPOSES)[number];

export type PersonStatus = "pending" | "in_correction" | "released" | "terminated" | "transferred_out";

export interface PersonView {
  ref: string;
  judgmentNumber: string;
  name: string;
  idNumber: string;
  isMinor: boolean;
  masked: boolean;
  status: PersonStatus;
  officeName: string | null;
  registeredAt: Date | null;
  endKind: string | null;
  endDate: string | null;
}

function query(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom("handover")
    .leftJoin("subject", "subject.id", "handover.subject_id")
    .leftJoin("place as office", "office.id", "subject.office_id")
    .leftJoin("case_end", "case_end.subject_id", "handover.subject_id")
    .select([
      "handover.id",
      "handover.judgment_number",
      "handover.judgment_effective_date",
      "handover.person_name",
      "handover.person_id_number",
      "handover.registered_at",
      "subject.status",
      "subject.birth_date",
      "subject.intake_date",
      "office.name as office_name",
      "case_end.kind as end_kind",
      "case_end.end_date",
    ])
    .where("handover.partner_id", "=", partnerId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>["execute"]>>[number];

/** Minor: under 18 on intake (as for subjects), or, before registration, on the judgment's effective day. */
function isMinor(row: Row): boolean {
  if (row.birth_date && row.intake_date) return ageOn(row.birth_date, row.intake_date) < 18;
  const id = parseIdNumber(row.person_id_number);
  return id.ok ? ageOn(id.info.birthDate, row.judgment_effective_date) < 18 : false;
}

function toView(row: Row, purpose: DisclosurePurpose | undefined): PersonView {
  const minor = isMinor(row);
  const masked = minor && !purpose;
  return {
    ref: row.id,
    judgmentNumber: row.judgment_number,
    name: masked ? maskName(row.person_name) : row.person_name,
    idNumber: masked ? maskIdNumber(row.person_id_number) : row.person_id_number,
    isMinor: minor,
    masked,
    status: (row.status as PersonStatus | null) ?? "pending",
    officeName: row.office_name,
    registeredAt: row.registered_at,
    endKind: row.end_kind,
    endDate: row.end_date,
  };
}

export async function listPersons(
  db: Kysely<Database>,
  partnerId: string,
  purpose: DisclosurePurpose | undefined,
): Promise<PersonView[]> {
  const rows = await query(db, partnerId).orderBy("handover.created_at", "desc").limit(500).execute();
  return rows.map((r) => toView(r, purpose));
}

export async function findPerson(
  db: Kysely<Database>,
  partnerId: string,
  ref: string,
  purpose: DisclosurePurpose | undefined,
): Promise<PersonView | null> {
  const row = await query(db, partnerId).where("handover.id", "=", ref).executeTakeFirst();
  return row ? toView(row, purpose) : null;
}
