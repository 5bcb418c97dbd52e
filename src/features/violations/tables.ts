// The tables of migration 020 (violation cases, investigators, interviews, evidence, decision steps) as
// Kysely types, declared by module augmentation so that the shared schema file stays the foundation's.
import type { ColumnType, Generated } from "kysely";
import type { LadderMeasure, LadderViolationKind, Severity } from "../../core/index.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;

export const VIOLATION_SOURCES = ["finding", "alert", "report"] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];
export const VIOLATION_STAGES = ["investigating", "proposed", "signed", "returned", "approved"] as const;
export type ViolationStage = (typeof VIOLATION_STAGES)[number];
export type ViolationStepKind =
  | "opened"
  | "proposed"
  | "signed"
  | "approved"
  | "returned"
  | "corrected"
  | "court";

export interface ViolationCaseTable {
  id: string;
  county_id: string;
  office_id: string;
  subject_id: string;
  source: ViolationSource;
  alert_id: number | null;
  kind: LadderViolationKind;
  severity: Severity | null;
  days: number | null;
  occurred_at: Timestamp;
  facts: string;
  stage: ColumnType<ViolationStage, ViolationStage | undefined, ViolationStage>;
  proposed_measure: LadderMeasure | null;
  engine_step: string | null;
  engine_basis: string | null;
  engine_grounds: string[] | null;
  proposal_reason: string | null;
  proposed_by: string | null;
  proposed_at: Timestamp | null;
  signed_by: string | null;
  signed_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  corrected: boolean | null;
  corrected_note: string | null;
  corrected_by: string | null;
  corrected_at: Timestamp | null;
  court_requested_at: Timestamp | null;
  arrest_requested: boolean | null;
  arrest_decided_at: Timestamp | null;
  detained_at: Timestamp | null;
  ruled_at: Timestamp | null;
  opened_by: string | null;
  opened_at: Timestamp;
}

export interface ViolationInvestigatorTable {
  id: Generated<number>;
  case_id: string;
  user_id: string;
}

export interface ViolationInterviewTable {
  id: Generated<number>;
  case_id: string;
  interviewee: string;
  at: Timestamp;
  place: string;
  asked_by: string;
  recorded_by: string;
  content: string;
  created_at: DefaultNow;
}

export interface ViolationEvidenceTable {
  id: string;
  case_id: string;
  description: string;
  file_name: string;
  content_type: "application/pdf" | "image/jpeg" | "image/png";
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: DefaultNow;
}

export interface ViolationStepTable {
  id: Generated<number>;
  case_id: string;
  step: ViolationStepKind;
  by_user: string | null;
  at: Timestamp;
  note: string | null;
}

export interface CaseReviewTable {
  id: string;
  case_id: string;
  subject_id: string;
  office_id: string;
  county_id: string;
  trigger: "out_of_supervision" | "court_request";
  event_at: Timestamp;
  due_date: string;
  office_text: string | null;
  office_by: string | null;
  office_at: Timestamp | null;
  agency_text: string | null;
  agency_by: string | null;
  agency_at: Timestamp | null;
}

declare module "../../db/schema.ts" {
  interface Database {
    violation_case: ViolationCaseTable;
    violation_investigator: ViolationInvestigatorTable;
    violation_interview: ViolationInterviewTable;
    violation_evidence: ViolationEvidenceTable;
    violation_step: ViolationStepTable;
    case_review: CaseReviewTable;
  }
  interface SubjectTable {
    resists_supervision_reason: ColumnType<string | null, string | null | undefined, string | null>;
  }
}
