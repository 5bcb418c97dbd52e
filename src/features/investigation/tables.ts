// Kysely types of the pre-sentence investigation (migrations/080_care.sql), by module augmentation.
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const INVESTIGATION_PROCEDURES = ["normal", "expedited"] as const;
export const INVESTIGATION_STATUSES = ["received", "assigned", "concluded", "returned"] as const;
export const INVESTIGATION_OPINIONS = ["suitable", "unsuitable"] as const;
export const INVESTIGATION_NOTE_KINDS = ["visit", "interview", "document"] as const;
export const PROPOSED_TYPES = ["probation", "parole", "control", "temporary_release"] as const;

export interface InvestigationTable {
  id: Generated<string>;
  county_id: string;
  office_id: string | null;
  court: string;
  commission_no: string;
  procedure: (typeof INVESTIGATION_PROCEDURES)[number];
  received_on: string;
  due_on: string;
  defendant_name: string;
  gender: "male" | "female";
  birth_date: string;
  id_number: string | null;
  address: string;
  charge: string;
  proposed_type: (typeof PROPOSED_TYPES)[number];
  status: (typeof INVESTIGATION_STATUSES)[number];
  opinion: (typeof INVESTIGATION_OPINIONS)[number] | null;
  reasons: string | null;
  concluded_on: string | null;
  concluded_by: string | null;
  returned_on: string | null;
  returned_by: string | null;
  /** The staff account that entered the commission, or null when a court sent it (`partner_id`). */
  received_by: string | null;
  partner_id: string | null;
  received_at: Timestamp;
  assigned_at: Timestamp | null;
  assigned_by: string | null;
}

export interface InvestigationNoteTable {
  id: Generated<string>;
  investigation_id: string;
  kind: (typeof INVESTIGATION_NOTE_KINDS)[number];
  on_date: string;
  place_text: string | null;
  persons: string | null;
  findings: string;
  by_user: string;
  at: Timestamp;
}

export type Investigation = Selectable<InvestigationTable>;
export type InvestigationNote = Selectable<InvestigationNoteTable>;

declare module "../../db/schema.ts" {
  interface Database {
    investigation: InvestigationTable;
    investigation_note: InvestigationNoteTable;
  }
}
