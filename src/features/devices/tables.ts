// Kysely types of the device vendors (migrations/041_device_vendors.sql), declared by module
// augmentation so the feature owns its tables.
import type { ColumnType, Generated } from "kysely";

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

// The device orders are tables of migration 040 (helper `location`); map writes them.
export interface DeviceOrderTable {
  id: string;
  subject_id: string;
  reason: string;
  approved_by: string;
  from_date: string;
  to_date: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DeviceOrderExtensionTable {
  id: Generated<number>;
  order_id: string;
  to_date: string;
  approved_by: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module "../../db/schema.ts" {
  interface Database {
    device_order: DeviceOrderTable;
    device_order_extension: DeviceOrderExtensionTable;
  }
}
