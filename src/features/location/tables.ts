// Kysely types of the location tables (migrations/040_location.sql), declared by module augmentation
// so that the feature owns its tables. `device_order` and `device_order_extension` are written by the
// device-order routes (helper `map`); location reads them to know whether an order is in force.
import type { ColumnType, Generated } from "kysely";
import type { DateString } from "../../db/schema.ts";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** The five situations of Art. 29 in which an electronic location device may be used. */
export const DEVICE_ORDER_REASONS = [
  "prohibition_order_breach",
  "left_area_unapproved",
  "refused_report_after_warning",
  "public_security_penalty",
  "revocation_pending",
] as const;
export type DeviceOrderReason = (typeof DEVICE_ORDER_REASONS)[number];

export interface DeviceOrderTable {
  id: string;
  subject_id: string;
  reason: DeviceOrderReason;
  approved_by: string;
  from_date: DateString;
  to_date: DateString;
  created_by: string | null;
  created_at: DefaultNow;
}

export interface DeviceOrderExtensionTable {
  id: Generated<number>;
  order_id: string;
  to_date: DateString;
  approved_by: string | null;
  created_by: string | null;
  created_at: DefaultNow;
}

export type ZoneKind = "execution" | "prohibited";

/** A GeoJSON Polygon or MultiPolygon in WGS-84 (validated by zones/geometry.ts before storing). */
export type ZoneGeometry =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };
export interface ZoneCircle {
  center: [number, number];
  radiusM: number;
}

export interface LocationZoneTable {
  id: string;
  county_id: string;
  kind: ZoneKind;
  name: string;
  geometry: Json<ZoneGeometry> | null;
  circle: Json<ZoneCircle> | null;
  version: ColumnType<number, number | undefined, number>;
  subject_ids: ColumnType<string[], string | undefined, string>;
  categories: ColumnType<string[], string | undefined, string>;
  created_by: string | null;
  created_at: DefaultNow;
  retired_at: Timestamp | null;
  retired_by: string | null;
  changed_at: DefaultNow;
}

export interface LocationPhotoTable {
  id: string;
  subject_id: string;
  media_type: "image/jpeg" | "image/png";
  bytes: Buffer;
  sha256: string;
  created_at: DefaultNow;
}

export interface LocationAlertTable {
  id: Generated<number>;
  alert_id: number;
  subject_id: string;
  kind: string;
  zone_id: string | null;
  opened_at: Timestamp;
  open: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LocationAlertReportTable {
  id: Generated<number>;
  alert_id: number;
  report_id: number;
}

declare module "../../db/schema.ts" {
  interface Database {
    device_order: DeviceOrderTable;
    device_order_extension: DeviceOrderExtensionTable;
    location_zone: LocationZoneTable;
    location_photo: LocationPhotoTable;
    location_alert: LocationAlertTable;
    location_alert_report: LocationAlertReportTable;
  }
}

/** A division's boundary as the agency loaded it (migration 120): a leave's destination area. */
export interface DivisionBoundaryTable {
  id: string;
  county_id: string;
  code: string;
  name: string;
  geometry: Json<ZoneGeometry>;
  created_by: string | null;
  created_at: DefaultNow;
  retired_at: Timestamp | null;
  retired_by: string | null;
  changed_at: DefaultNow;
}

declare module "../../db/schema.ts" {
  interface Database {
    division_boundary: DivisionBoundaryTable;
  }
}

/** A batch stored and not yet judged (migration 140): its ids' range, marked before it was stored. */
export interface LocationJudgingPendingTable {
  first_id: number;
  last_id: number;
  marked_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    location_judging_pending: LocationJudgingPendingTable;
  }
}
