// Kysely types of the quarterly screening campaign (migrations/090_screening_decisions.sql), by
// module augmentation.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** The five clears (五清, seed 002 四.1). */
export const FIVE_CLEARS = ["crime_facts", "conduct", "responsibility", "thinking", "whereabouts"] as const;
/** The checklist of a person's screening (seed 002 附件 二.2–3). */
export const SCREENING_CHECKS = [
  "reporting",
  "leave",
  "residence",
  "prohibition_order",
  "team",
  "location",
  "gambling_drugs",
  "reoffending",
  "key_measures",
  "records",
] as const;
/** The talk outline (谈话提纲, seed 002 附件 三.2). */
export const TALK_TOPICS = ["thinking", "family", "work", "disputes", "health"] as const;
export const SCREENING_METHODS = ["home_visit", "community_visit", "face_to_face"] as const;

export type FiveClear = (typeof FIVE_CLEARS)[number];
export type ScreeningCheck = (typeof SCREENING_CHECKS)[number];
export type TalkTopic = (typeof TALK_TOPICS)[number];

export interface ScreeningCampaignTable {
  id: Generated<string>;
  county_id: string;
  quarter: string;
  opened_on: string;
  due_on: string;
  opened_by: string | null;
  opened_at: Timestamp;
}

export interface ScreeningRecordTable {
  id: Generated<string>;
  campaign_id: string;
  subject_id: string;
  office_id: string;
  talked_on: string;
  method: (typeof SCREENING_METHODS)[number];
  checklist: Json<Record<ScreeningCheck, "ok" | "issue">>;
  talk: Json<Record<TalkTopic, string>>;
  clears: Json<Record<FiveClear, boolean>>;
  risks: string | null;
  hazard_id: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    screening_campaign: ScreeningCampaignTable;
    screening_record: ScreeningRecordTable;
  }
}
