// Kysely types of after-care (后续照管, migrations/080_care.sql and 110), by module augmentation.
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const CONTACT_KINDS = ["phone", "visit"] as const;

export interface AftercareTable {
  id: Generated<string>;
  county_id: string;
  /** Null while a notice from the exchange waits for the agency to assign it (migration 110). */
  office_id: string | null;
  name: string;
  gender: "male" | "female";
  birth_date: string;
  id_number: string | null;
  address: string;
  rehab_centre: string;
  notice_month: string;
  released_on: string;
  key_person: boolean;
  success_case: Generated<boolean>;
  success_note: string | null;
  success_on: string | null;
  /** The staff account that entered the notice, or null when a partner sent it (partner_id). */
  created_by: string | null;
  partner_id: string | null;
  /** The division code of the residence the rehab centre named (exchange notices). */
  division_code: string | null;
  created_at: Timestamp;
}

export interface AftercareContactTable {
  id: Generated<string>;
  aftercare_id: string;
  kind: (typeof CONTACT_KINDS)[number];
  on_date: string;
  abstinent: boolean;
  content: string;
  help: string | null;
  by_user: string;
  at: Timestamp;
}

export type Aftercare = Selectable<AftercareTable>;

declare module "../../db/schema.ts" {
  interface Database {
    aftercare: AftercareTable;
    aftercare_contact: AftercareContactTable;
  }
}
