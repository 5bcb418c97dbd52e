// Kysely types of the major-event reports (migrations/063_major_events.sql), by module augmentation.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const MAJOR_EVENT_KINDS = ["escape", "new_crime", "death", "mass_incident", "other"] as const;
export type MajorEventKind = (typeof MAJOR_EVENT_KINDS)[number];

export interface MajorEventTable {
  id: Generated<number>;
  county_id: string;
  office_id: string;
  subject_id: string | null;
  kind: MajorEventKind;
  occurred_at: Timestamp;
  summary: string;
  reported_by: string;
  reported_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closing_note: string | null;
}

export interface MajorEventUpdateTable {
  id: Generated<number>;
  major_event_id: number;
  text: string;
  reported_by: string;
  reported_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    major_event: MajorEventTable;
    major_event_update: MajorEventUpdateTable;
  }
}
