// Kysely types of the device vendors (migrations/041_device_vendors.sql), declared by module
// augmentation so the feature owns its tables.
import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DeviceVendorTable {
  id: string;
  county_id: string;
  name: string;
  /** The HMAC key itself (a signature can only be verified with it); shown once, never answered again. */
  secret: string;
  created_by: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

declare module "../../db/schema.ts" {
  interface Database {
    device_vendor: DeviceVendorTable;
  }
}
