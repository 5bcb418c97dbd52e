// Kysely types of the end-of-case tables (migrations/030_release.sql), declared by module
// augmentation so that the feature owns its tables.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DateString } from "../../db/schema.ts";

type Json<T> = ColumnType<T, string | undefined, string>;

/** Release at the end of the term or on pardon (Art. 44); termination otherwise (Art. 45). */
export const END_KINDS = ["release", "pardon", "revocation", "imprisonment", "death"] as const;
export type EndKind = (typeof END_KINDS)[number];
export const TERMINATION_KINDS = ["revocation", "imprisonment", "death"] as const;
export const isRelease = (kind: EndKind) => kind === "release" || kind === "pardon";

export const END_DOCUMENT_KINDS = [
  "certificate",
  "notice_court",
  "notice_procuratorate",
  "notice_police",
] as const;
export type EndDocumentKind = (typeof END_DOCUMENT_KINDS)[number];
export const SEND_METHODS = ["in_person", "post", "fax", "online"] as const;
export type SendMethod = (typeof SEND_METHODS)[number];

export interface PresentPerson {
  userId: string | null;
  name: string;
  role: string | null;
}

export interface CaseEndTable {
  id: Generated<number>;
  subject_id: string;
  county_id: string;
  office_id: string;
  kind: EndKind;
  end_date: DateString;
  place: string | null;
  present: Json<PresentPerson[]>;
  document_text: string | null;
  certificate_no: string | null;
  remarks: string | null;
  book_closes_on: DateString;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string, Date | string>;
}

export interface CaseEndDocumentTable {
  id: Generated<number>;
  subject_id: string;
  kind: EndDocumentKind;
  file_name: string;
  bytes: Buffer;
  sha256: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sent_method: SendMethod | null;
  sent_note: string | null;
  sent_by: string | null;
}

export type CaseEnd = Selectable<CaseEndTable>;

declare module "../../db/schema.ts" {
  interface Database {
    case_end: CaseEndTable;
    case_end_document: CaseEndDocumentTable;
  }
}
