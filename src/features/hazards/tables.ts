// Kysely types of the hazard register (migrations/061_hazards.sql), by module augmentation.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The kinds of disputes and hazards of seed 002 (二.2, 四.1). */
export const HAZARD_KINDS = [
  "family_dispute",
  "neighbour_dispute",
  "emotional_dispute",
  "conflict",
  "debt",
  "mental_illness",
  "unauthorized_absence",
  "drug_use",
  "gambling",
  "reoffending_tendency",
  "organised_crime",
  "supervision_lapse",
  "other",
] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export const HAZARD_LEVELS = ["major", "serious", "general"] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

export interface HazardTable {
  id: Generated<number>;
  county_id: string;
  office_id: string;
  subject_id: string | null;
  place_text: string | null;
  kind: HazardKind;
  level: HazardLevel;
  description: string;
  found_on: string;
  found_by: string;
  recorded_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closing_note: string | null;
}

export interface HazardMeasureTable {
  id: Generated<number>;
  hazard_id: number;
  measure: string;
  owner_id: string;
  deadline: string;
  done_at: Timestamp | null;
  done_by: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface HazardFollowupTable {
  id: Generated<number>;
  hazard_id: number;
  measure_id: number | null;
  text: string;
  by_user: string;
  at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    hazard: HazardTable;
    hazard_measure: HazardMeasureTable;
    hazard_followup: HazardFollowupTable;
  }
}
