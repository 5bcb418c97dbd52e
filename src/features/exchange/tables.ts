// Kysely types of the exchange tables (migrations/070_exchange.sql), declared by module augmentation
// so that the feature owns its tables.
import type { ColumnType } from "kysely";

type Json<T> = ColumnType<T, string, string>;
type Instant = ColumnType<Date, Date, Date>;

export const PARTNER_KINDS = ["court", "procuratorate", "police", "prison", "rehab"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
/**
 * What a partner may do: send handovers, send court notices, query its persons, receive webhooks, send
 * commissions for investigation, pre-release notices (prisons) and rehab centres' leaving notices.
 */
export const EXCHANGE_SCOPES = [
  "handover",
  "court_notice",
  "status",
  "webhook",
  "investigation",
  "release_notice",
  "rehab_notice",
] as const;
export type ExchangeScope = (typeof EXCHANGE_SCOPES)[number];
/** Scopes only a partner of these kinds may hold: a prison's notice comes from a prison. */
export const SCOPE_PARTNER_KINDS: Partial<Record<ExchangeScope, readonly PartnerKind[]>> = {
  release_notice: ["prison"],
  rehab_notice: ["rehab"],
};
/** Events a partner may subscribe to. */
export const WEBHOOK_EVENTS = [
  "registration",
  "lost_contact",
  "revocation_request",
  "release",
  "death",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type DeliveryStatus = "pending" | "delivered" | "dead";

export interface ExchangePartnerTable {
  id: string;
  county_id: string;
  kind: PartnerKind;
  name: string;
  scopes: Json<ExchangeScope[]>;
  created_by: string | null;
  created_at: Instant;
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ExchangeKeyTable {
  id: string;
  key_id: string;
  partner_id: string;
  secret_enc: string;
  created_at: Instant;
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ExchangeWebhookTable {
  id: string;
  partner_id: string;
  url: string;
  events: Json<WebhookEvent[]>;
  created_at: Instant;
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ExchangeDeliveryTable {
  id: string;
  webhook_id: string;
  partner_id: string;
  event_key: string;
  event_kind: WebhookEvent;
  subject_id: string | null;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Instant;
  last_status: number | null;
  last_error: string | null;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Instant;
}

declare module "../../db/schema.ts" {
  interface Database {
    exchange_partner: ExchangePartnerTable;
    exchange_key: ExchangeKeyTable;
    exchange_webhook: ExchangeWebhookTable;
    exchange_delivery: ExchangeDeliveryTable;
  }
}
