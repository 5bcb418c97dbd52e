// Kysely types of the leave tables (migrations/010_leave.sql), declared by module augmentation so the
// feature owns its tables.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DateString } from "../../db/schema.ts";
import type { DocumentContentType } from "../intake/tables.ts";

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type LeaveKind = "ordinary" | "standing" | "move_house";
export type LeaveStatus = "pending" | "returned" | "approved" | "refused" | "closed";
export type LeaveDecisionKind = "approve" | "refuse" | "return";
export type ReturnMethod = "in_person" | "phone" | "app";

export interface LeaveApplicationTable {
  id: string;
  subject_id: string;
  county_id: string;
  office_id: string;
  kind: LeaveKind;
  from_date: DateString;
  to_date: DateString | null;
  destination_county: string;
  destination_name: string;
  destination_address: string | null;
  reason: string;
  status: ColumnType<LeaveStatus, LeaveStatus | undefined, LeaveStatus>;
  approver: "office" | "agency";
  channel: ColumnType<"office" | "app", "office" | "app" | undefined, "office" | "app">;
  applied_at: Date;
  applied_by: string | null;
  approved_at: Date | null;
  leave_event_id: number | null;
  returned_at: Date | null;
  return_method: ReturnMethod | null;
  return_note: string | null;
  closed_by: string | null;
  created_at: DefaultNow;
  /** Counts the edits of a returned application (migration 013); a stale edit is refused. */
  version: ColumnType<number, number | undefined, number>;
  /** The destination's area as a circle set on the map page (migration 122; features/location). */
  destination_circle: ColumnType<
    { center: [number, number]; radiusM: number } | null,
    string | null | undefined,
    string | null
  >;
}

export interface LeaveProofTable {
  id: string;
  application_id: string;
  file_name: string;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: DefaultNow;
}

export interface LeaveDecisionTable {
  id: Generated<number>;
  application_id: string;
  decision: LeaveDecisionKind;
  comment: string;
  override_reason: string | null;
  advice: Json<unknown>;
  decided_by: string;
  decided_role: string;
  decided_at: Date;
}

export type LeaveApplication = Selectable<LeaveApplicationTable>;
export type LeaveDecision = Selectable<LeaveDecisionTable>;

declare module "../../db/schema.ts" {
  interface Database {
    leave_application: LeaveApplicationTable;
    leave_proof: LeaveProofTable;
    leave_decision: LeaveDecisionTable;
  }
}

export interface LeaveFileHandinTable {
  id: Generated<number>;
  county_id: string;
  office_id: string;
  month: string;
  applications: Json<string[]>;
  handed_in_at: Date;
  handed_in_by: string;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

declare module "../../db/schema.ts" {
  interface Database {
    leave_file_handin: LeaveFileHandinTable;
  }
}

/** A replaced version of an application, kept whole (migration 013). */
export interface LeaveRevisionTable {
  id: Generated<number>;
  application_id: string;
  version: number;
  from_date: DateString;
  to_date: DateString | null;
  destination_county: string;
  destination_name: string;
  destination_address: string | null;
  reason: string;
  approver: "office" | "agency";
  advice: Json<unknown>;
  replaced_at: Date;
  replaced_by: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    leave_revision: LeaveRevisionTable;
  }
}
