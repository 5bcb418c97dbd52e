// Kysely types of resettlement (安置帮教, migrations/080_care.sql), by module augmentation.
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const RISK_LEVELS = ["low", "medium", "high"] as const;
export const PLACEMENTS = ["employed", "self_employed", "family", "base", "assistance"] as const;

export interface ResettlementTable {
  id: Generated<string>;
  county_id: string;
  office_id: string;
  subject_id: string | null;
  name: string;
  gender: "male" | "female";
  birth_date: string;
  id_number: string | null;
  address: string;
  prison: string;
  crime: string;
  release_on: string;
  notice_on: string;
  key_person: boolean;
  verified_on: string | null;
  receipt_sent_on: string | null;
  picked_up_on: string | null;
  picked_up_by: string | null;
  risk_level: (typeof RISK_LEVELS)[number] | null;
  risk_assessed_on: string | null;
  team: string | null;
  help_plan: string | null;
  agreement_on: string | null;
  placement: (typeof PLACEMENTS)[number] | null;
  placed_on: string | null;
  employment_service_on: string | null;
  reoffended_on: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface ResettlementFollowupTable {
  id: Generated<string>;
  resettlement_id: string;
  on_date: string;
  content: string;
  by_user: string;
  at: Timestamp;
}

export type Resettlement = Selectable<ResettlementTable>;

declare module "../../db/schema.ts" {
  interface Database {
    resettlement: ResettlementTable;
    resettlement_followup: ResettlementFollowupTable;
  }
}
