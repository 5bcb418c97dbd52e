// Sending a stored photo of a person (a field visit's, a location check-in's selfie): only of a person
// in the reader's scope, never cached by the browser, and every view written to the audit log.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { subjectInScope } from "./subject-ref.ts";

export interface PhotoSource {
  table: "visit_photo" | "location_photo";
  /** The audit action of a view, e.g. `supervision.photo_view`. */
  action: string;
}

export async function sendPhoto(
  k: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  source: PhotoSource,
  ids: { subjectId: string; photoId: string },
): Promise<FastifyReply> {
  const subject = await subjectInScope(k, userOf(request), ids.subjectId);
  const photo = await k
    .selectFrom(source.table)
    .select(["id", "media_type", "bytes"])
    .where("id", "=", ids.photoId)
    .where("subject_id", "=", subject.id)
    .executeTakeFirst();
  if (!photo) throw notFound("照片");
  await writeAudit(k, actorOf(request), {
    action: source.action,
    recordType: source.table,
    recordId: photo.id,
    subjectId: subject.id,
    placeId: subject.officeId,
  });
  return reply.type(photo.media_type).header("cache-control", "private, no-store").send(photo.bytes);
}
