// The tables of migration 003 (alerts, sampling draws, visit photos) as Kysely types, declared here
// by module augmentation so that the shared schema file stays the foundation's.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type AlertColour = "red" | "orange" | "yellow" | "blue";

export interface AlertTable {
  id: Generated<number>;
  county_id: string;
  office_id: string;
  subject_id: string | null;
  kind: string;
  colour: AlertColour;
  source: string;
  basis: string;
  summary: string;
  raised_at: Timestamp;
  due_by: Timestamp;
  escalates_at: Timestamp;
  escalated_at: Timestamp | null;
  handled_at: Timestamp | null;
  handled_by: string | null;
  note: string | null;
  raised_by: string | null;
  case_event_id: number | null;
}

export type SampleKind = "spot_check_key" | "spot_check_other" | "visit_month" | "visit_quarter";

export interface SampleDrawTable {
  id: Generated<number>;
  county_id: string;
  /** Null for the county's field-visit samples (migration 100). */
  office_id: string | null;
  kind: SampleKind;
  period: string;
  seed: string;
  population: Json<string[]>;
  required: number;
  picked: Json<string[]>;
  drawn_by: string | null;
  drawn_at: DefaultNow;
}

export interface VisitPhotoTable {
  id: string;
  case_event_id: number;
  subject_id: string;
  media_type: "image/jpeg" | "image/png" | "image/webp";
  bytes: Buffer;
  created_at: DefaultNow;
}

declare module "../../db/schema.ts" {
  interface Database {
    alert: AlertTable;
    sample_draw: SampleDrawTable;
    visit_photo: VisitPhotoTable;
  }
}
