// The table of migration 005 (a policy profile per county) as Kysely types, declared here by module
// augmentation so that the shared schema file stays the foundation's.
import type { ColumnType, Generated } from "kysely";

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface CountyPolicyTable {
  id: Generated<number>;
  county_id: string;
  version: number;
  profile_id: string;
  based_on: string | null;
  document: Json<unknown> | null;
  note: string | null;
  set_by: string | null;
  set_by_name: string;
  set_at: DefaultNow;
}

declare module "../../db/schema.ts" {
  interface Database {
    county_policy: CountyPolicyTable;
  }
}
