// Kysely types of the statistics tables (migrations/060_statistics.sql), by module augmentation.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CountyFundingTable {
  id: Generated<number>;
  county_id: string;
  year: number;
  amount_yuan: number;
  note: string | null;
  entered_by: string;
  entered_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    county_funding: CountyFundingTable;
  }
}
