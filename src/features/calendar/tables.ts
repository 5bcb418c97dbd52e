// The table of migration 004 (loaded holiday notices) as Kysely types, declared here by module
// augmentation so that the shared schema file stays the foundation's.
import type { ColumnType, Generated } from "kysely";

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface CalendarNoticeTable {
  id: Generated<number>;
  year: number;
  version: number;
  source: string;
  holidays: Json<string[]>;
  workdays: Json<string[]>;
  file_name: string;
  loaded_by: string | null;
  loaded_by_name: string;
  loaded_at: DefaultNow;
}

declare module "../../db/schema.ts" {
  interface Database {
    calendar_notice: CalendarNoticeTable;
  }
}
