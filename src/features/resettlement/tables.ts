// Kysely types of resettlement (安置帮教, migrations/080_care.sql and 110), by module augmentation.
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const RISK_LEVELS = ["low", "medium", "high"] as const;
export const PLACEMENTS = ["employed", "self_employed", "family", "base", "assistance"] as const;

export interface ResettlementTable {
  id: Generated<string>;
  county_id: string;
  /** Null while a notice from the exchange waits for the agency to assign it (migration 110). */
  office_id: string | null;
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
  /** The staff account that entered the notice, or null when a partner sent it (partner_id). */
  created_by: string | null;
  partner_id: string | null;
  /** The division code of the residence the prison named (exchange notices). */
  division_code: string | null;
  /** 原判刑期, as the prison words it. */
  sentence: string | null;
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
