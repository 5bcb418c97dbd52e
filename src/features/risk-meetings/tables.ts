// Kysely types of the monthly risk-analysis meetings (migrations/062_risk_meetings.sql).
import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface Attendee {
  userId: string;
  name: string;
  role: string;
}
export interface DiscussedPerson {
  subjectId: string;
  name: string;
  reasons: string[];
  assessment: string;
}
export interface Decision {
  text: string;
  ownerId: string;
  ownerName: string;
  deadline: string;
}

export interface RiskMeetingTable {
  id: Generated<number>;
  county_id: string;
  office_id: string | null;
  month: string;
  held_on: string;
  place: string;
  host: string;
  attendees: Json<Attendee[]>;
  persons: Json<DiscussedPerson[]>;
  decisions: Json<Decision[]>;
  summary: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A decision of a meeting marked done (migrations/090_screening_decisions.sql). */
export interface RiskDecisionDoneTable {
  id: Generated<string>;
  meeting_id: number;
  decision_index: number;
  note: string;
  done_by: string;
  done_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    risk_meeting: RiskMeetingTable;
    risk_decision_done: RiskDecisionDoneTable;
  }
}
