// Kysely types of the transfer tables (migrations/012_transfer.sql), declared by module augmentation so
// the feature owns its tables.
import type { Selectable } from "kysely";
import type { DateString } from "../../db/schema.ts";
import type { DocumentContentType } from "../intake/tables.ts";

export type TransferStatus = "requested" | "sent" | "accepted" | "refused" | "reported";
export type SentMethod = "in_person" | "post" | "fax" | "online";

export interface TransferRequestTable {
  id: string;
  subject_id: string;
  subject_name: string;
  county_id: string;
  office_id: string;
  new_county: string;
  new_county_name: string;
  new_address: string;
  reason: string;
  internal: boolean;
  status: TransferStatus;
  requested_at: Date;
  requested_by: string;
  sent_on: DateString | null;
  sent_method: SentMethod | null;
  sent_by: string | null;
  answer_due: DateString | null;
  answered_on: DateString | null;
  answer_note: string | null;
  answered_by: string | null;
  receiving_office_id: string | null;
  report_due: DateString | null;
  reported_on: DateString | null;
  report_note: string | null;
  reported_by: string | null;
}

export interface TransferProofTable {
  id: string;
  request_id: string;
  file_name: string;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: Date;
}

export type TransferRequest = Selectable<TransferRequestTable>;

declare module "../../db/schema.ts" {
  interface Database {
    transfer_request: TransferRequestTable;
    transfer_proof: TransferProofTable;
  }
}
