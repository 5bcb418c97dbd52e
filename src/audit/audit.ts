// The audit service: every change, log-in (and failure) and read of sensitive data writes one row.
// Callers pass the same transaction as the change they audit, so a change and its audit row are
// committed together or not at all. The table itself refuses UPDATE, DELETE and TRUNCATE.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

export interface Actor {
  id: string | null;
  name: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  /** When the actor acts, from the product's clock (`actorOf` sets it); unset, the database's time. */
  at?: Date;
}

export interface AuditEntry {
  /** dotted verb, e.g. `auth.login`, `subject.view`, `subject.unmask` */
  action: string;
  recordType?: string;
  recordId?: string;
  subjectId?: string;
  placeId?: string;
  details?: Record<string, unknown>;
}

export const systemActor: Actor = { id: null, name: "系统", role: "system", ip: null, userAgent: null };

export async function writeAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await writeAudits(db, actor, [entry]);
}

/** Several entries by one actor, in one statement. */
export async function writeAudits(
  db: Kysely<Database>,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      entries.map((entry) => ({
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        ip: actor.ip,
        user_agent: actor.userAgent?.slice(0, 300) ?? null,
        action: entry.action,
        record_type: entry.recordType ?? null,
        record_id: entry.recordId ?? null,
        subject_id: entry.subjectId ?? null,
        place_id: entry.placeId ?? null,
        details: JSON.stringify(entry.details ?? {}),
        ...(actor.at ? { at: actor.at } : {}),
      })),
    )
    .execute();
}
