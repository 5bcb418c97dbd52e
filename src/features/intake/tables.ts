// Kysely types of the intake and book tables (migrations/002_intake_book.sql), declared here by module
// augmentation so that the feature owns its tables.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { CorrectionType, DateString } from "../../db/schema.ts";

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type HandoverStatus = "pending" | "registered";
export type DocumentKind = "judgment" | "indictment" | "execution_notice" | "decision" | "other";
export type DocumentContentType = "application/pdf" | "image/jpeg" | "image/png";

export interface HandoverTable {
  id: string;
  county_id: string;
  status: ColumnType<HandoverStatus, HandoverStatus | undefined, HandoverStatus>;
  deciding_organ: string;
  judgment_number: string;
  judgment_date: DateString | null;
  judgment_effective_date: DateString;
  notice_number: string | null;
  received_on: DateString;
  correction_type: CorrectionType;
  term_start: DateString;
  term_end: DateString;
  sentence_text: string | null;
  crime_text: string;
  crime_categories: Json<string[]>;
  person_name: string;
  person_id_number: string;
  proposed_office_id: string | null;
  notes: string | null;
  subject_id: string | null;
  registered_at: Date | null;
  created_by: string | null;
  /** The partner organisation that sent it through the exchange API (then created_by is null). */
  partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultNow;
}

export interface HandoverDocumentTable {
  id: string;
  handover_id: string;
  kind: DocumentKind;
  file_name: string;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: DefaultNow;
}

export interface BookCounterTable {
  id: Generated<number>;
  county_id: string;
  year: number;
  last: number;
}

export interface BookSectionVersionTable {
  id: Generated<number>;
  subject_id: string;
  section: string;
  entry: ColumnType<string, string | undefined, string>;
  version: number;
  content: Json<Record<string, unknown>>;
  complete: ColumnType<boolean, boolean | undefined, boolean>;
  changed: Json<string[]>;
  note: string | null;
  author_id: string | null;
  author_name: string;
  author_role: string;
  created_at: DefaultNow;
}

export type Handover = Selectable<HandoverTable>;
export type BookSectionVersion = Selectable<BookSectionVersionTable>;

declare module "../../db/schema.ts" {
  interface Database {
    handover: HandoverTable;
    handover_document: HandoverDocumentTable;
    book_counter: BookCounterTable;
    book_section_version: BookSectionVersionTable;
  }
}
