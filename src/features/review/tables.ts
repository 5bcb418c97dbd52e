// Kysely types of the yearly review tables (migrations/031_book_review.sql), by module augmentation.
import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const REVIEW_METHODS = ["mutual", "central", "random"] as const;
export type ReviewMethod = (typeof REVIEW_METHODS)[number];

export interface BookReviewSampleTable {
  id: Generated<number>;
  county_id: string;
  year: number;
  seed: string;
  population: Json<string[]>;
  count: number;
  picked: Json<string[]>;
  drawn_by: string;
  drawn_at: Timestamp;
}

export interface BookReviewTable {
  id: Generated<number>;
  county_id: string;
  year: number;
  subject_id: string;
  office_id: string;
  method: ReviewMethod;
  reviewer_office_id: string | null;
  scores: Json<Record<string, number>>;
  remarks: Json<Record<string, string>>;
  total: number;
  overall: string | null;
  reviewed_by: string;
  reviewed_at: Timestamp;
}

export interface ExcellentCaseTable {
  id: Generated<number>;
  year: number;
  subject_id: string;
  county_id: string;
  reason: string;
  marked_by: string;
  marked_at: Timestamp;
}

declare module "../../db/schema.ts" {
  interface Database {
    book_review_sample: BookReviewSampleTable;
    book_review: BookReviewTable;
    excellent_case: ExcellentCaseTable;
  }
}
