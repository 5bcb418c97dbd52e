// Tables of the subject's phone app (migration 045): one-time activation codes and notices.
import type { Selectable } from "kysely";

export interface AppAccessCodeTable {
  id: string;
  subject_id: string;
  user_id: string;
  code_hash: string;
  issued_by: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface AppNoticeTable {
  id: string;
  subject_id: string;
  office_id: string;
  title: string;
  body: string;
  sent_by: string;
  sent_at: Date;
  read_at: Date | null;
}

export type AppNotice = Selectable<AppNoticeTable>;

declare module "../../db/schema.ts" {
  interface Database {
    app_access_code: AppAccessCodeTable;
    app_notice: AppNoticeTable;
  }
}
