// The care features' routes make their service context and actor from the request the same way.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { CareActor, CareContext } from "./context.ts";

export function careContext(app: FastifyInstance, db: Db): CareContext {
  return { db: db.kysely, policies: app.policies, now: app.clock.now() };
}

export function careActor(request: FastifyRequest): CareActor {
  const user = userOf(request);
  return { userId: user.id, countyId: user.county.id, audit: actorOf(request) };
}

export const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Headers of a download (the file name in UTF-8, never cached). */
export function attachment(type: string, fileName: string) {
  return {
    "content-type": type,
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "cache-control": "private, no-store",
  };
}

/** Sends a ledger download after writing its audit row (who exported what, as of which day). */
export async function sendLedger(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  ledger: {
    action: string;
    recordType: string;
    fileName: string;
    buffer: Buffer;
    details: Record<string, unknown>;
  },
) {
  const user = userOf(request);
  await writeAudit(db.kysely, actorOf(request), {
    action: ledger.action,
    recordType: ledger.recordType,
    placeId: user.officeId ?? user.county.id,
    details: ledger.details,
  });
  return reply.headers(attachment(XLSX, ledger.fileName)).send(ledger.buffer);
}
