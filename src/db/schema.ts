// The database's tables as TypeScript types for Kysely. Keep in step with migrations/*.sql.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A `date` column: always a 'YYYY-MM-DD' string (see connect.ts). */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz with a default (now()): optional on insert. */
type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Role =
  | "agency_head"
  | "agency_staff"
  | "office_head"
  | "office_assistant"
  | "psychologist"
  | "team_member"
  | "social_worker"
  | "prosecutor"
  | "subject";
export type PlaceKind = "province" | "city" | "county" | "office" | "village";
export type CorrectionType = "probation" | "parole" | "control" | "temporary_release";
export type Level = "key" | "strict" | "normal" | "lenient";
export type RiskLevel = "low" | "medium" | "elevated" | "high";
export type Gender = "male" | "female";
export type SubjectStatus = "in_correction" | "released" | "terminated" | "transferred_out";

export interface PlaceTable {
  id: string;
  parent_id: string | null;
  kind: PlaceKind;
  name: string;
  address: string | null;
  phone: string | null;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  place_id: string;
  subject_id: string | null;
  gender: Gender | null;
  phone: string | null;
  password_hash: string;
  active: Generated<boolean>;
  created_at: DefaultNow;
}

/** Failed log-ins of one name from one client address (auth/login.ts; migration 008). */
export interface LoginThrottleTable {
  username: string;
  client: string;
  failures: number;
  last_failed_at: Timestamp;
  next_allowed_at: Timestamp | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultNow;
  last_seen_at: DefaultNow;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface KeyOverride {
  key: boolean;
  reason: string;
}

export interface SubjectTable {
  id: string;
  county_id: string;
  office_id: string;
  village_id: string | null;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: Gender;
  ethnicity: Generated<string>;
  birth_date: DateString;
  id_number: string;
  phone: string | null;
  address: string | null;
  education: string | null;
  occupation: string | null;
  correction_type: CorrectionType;
  crime_categories: Json<string[]>;
  crime_text: string;
  deciding_organ: string | null;
  judgment_number: string | null;
  judgment_effective_date: DateString | null;
  sentence_text: string | null;
  term_start: DateString;
  term_end: DateString;
  intake_date: DateString;
  release_date: DateString | null;
  status: Generated<SubjectStatus>;
  level: Level;
  risk_level: Generated<RiskLevel>;
  prior_convictions: Generated<number>;
  prior_bad_records: Generated<number>;
  stable_residence: Generated<boolean>;
  /** The registered residence as a point (WGS-84), set by the office (migration 065); null until then. */
  residence_lon: number | null;
  residence_lat: number | null;
  stable_income: Generated<boolean>;
  emotional_instability: Generated<boolean>;
  family_incomplete: Generated<boolean>;
  rebellious: Generated<boolean>;
  resists_supervision: Generated<boolean>;
  key_override: Json<KeyOverride | null> | null;
  /** The level is registration's proposal, not yet decided by the office head (migration 101). */
  level_pending: Generated<boolean>;
  book_number: string | null;
  responsible_user_id: string | null;
  version: Generated<number>;
  created_at: DefaultNow;
  updated_at: DefaultNow;
}

export interface LevelDecisionTable {
  id: Generated<number>;
  subject_id: string;
  from_date: DateString;
  level: Level;
  reason: string | null;
  decided_by: string | null;
  created_at: DefaultNow;
}

export interface CaseEventTable {
  id: Generated<number>;
  subject_id: string;
  office_id: string;
  type: string;
  at: Timestamp;
  end_date: DateString | null;
  kind: string | null;
  by_role: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  recorded_by: string | null;
  recorded_at: DefaultNow;
  /** Why a late entry (补录) was entered late (migration 051). */
  late_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LocationReportTable {
  id: Generated<number>;
  subject_id: string;
  source: "app" | "device" | "staff";
  device_id: string | null;
  measured_at: Timestamp;
  received_at: DefaultNow;
  longitude: number;
  latitude: number;
  accuracy_m: number | null;
  speed_mps: number | null;
  battery_pct: number | null;
  original_crs: Generated<"wgs84" | "gcj02" | "bd09">;
  low_quality: Generated<boolean>;
  photo_id: string | null;
  idempotency_key: string;
  /** The device vendor's platform, for `device` reports (migration 040). */
  vendor_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultNow;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  subject_id: string | null;
  place_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: DefaultNow;
}

export interface Database {
  place: PlaceTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  subject: SubjectTable;
  level_decision: LevelDecisionTable;
  case_event: CaseEventTable;
  location_report: LocationReportTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
}

export type Place = Selectable<PlaceTable>;
export type AppUser = Selectable<AppUserTable>;
export type Subject = Selectable<SubjectTable>;
export type NewSubject = Insertable<SubjectTable>;
export type SubjectUpdate = Updateable<SubjectTable>;
export type CaseEvent = Selectable<CaseEventTable>;
export type NewCaseEvent = Insertable<CaseEventTable>;
