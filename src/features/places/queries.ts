import type { Kysely } from "kysely";
import { type CurrentUser, canSeeOffice } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";

/** Is `officeId` a judicial office the user may look at? Unknown ids are simply not visible. */
export async function officeVisible(
  db: Kysely<Database>,
  user: CurrentUser,
  officeId: string,
): Promise<boolean> {
  const office = await db
    .selectFrom("place")
    .select(["id", "parent_id"])
    .where("id", "=", officeId)
    .where("kind", "=", "office")
    .executeTakeFirst();
  return !!office?.parent_id && canSeeOffice(user, { id: office.id, countyId: office.parent_id });
}
