// The record scope of the care features (auth/access.ts): the agency and the procuratorate see their
// county's rows, an office its own; anyone else nothing. Rows out of scope are simply not found.

import type { Kysely } from "kysely";
import { type CurrentUser, scopeOf } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { badInput } from "../../http/errors.ts";

export interface CareScope {
  countyId: string;
  /** An office user's own office; null for the county's (agency, procuratorate). */
  officeId: string | null;
}

/** The user's scope, or null when the user sees none of these records. */
export function careScopeOf(user: CurrentUser): CareScope | null {
  const scope = scopeOf(user);
  if (scope.kind === "county") return { countyId: scope.countyId, officeId: null };
  if (scope.kind === "office") return { countyId: scope.countyId, officeId: scope.officeId };
  return null;
}

/** May the user see this row? */
export function inCareScope(
  user: CurrentUser,
  row: { county_id: string; office_id: string | null },
): boolean {
  const s = careScopeOf(user);
  if (!s || row.county_id !== s.countyId) return false;
  return s.officeId === null || row.office_id === s.officeId;
}

/**
 * The office a new record belongs to: an office user's own (a different one is refused); the agency
 * names one of its county's offices.
 */
export async function recordingOffice(
  db: Kysely<Database>,
  user: CurrentUser,
  officeId: string | null | undefined,
  field = "officeId",
): Promise<string> {
  const s = careScopeOf(user);
  if (!s) throw badInput(field, "您无权登记本县的记录");
  if (s.officeId) {
    if (officeId && officeId !== s.officeId) throw badInput(field, "只能登记本司法所的记录");
    return s.officeId;
  }
  if (!officeId) throw badInput(field, "请选择司法所");
  const office = await db
    .selectFrom("place")
    .select("id")
    .where("id", "=", officeId)
    .where("kind", "=", "office")
    .where("parent_id", "=", s.countyId)
    .executeTakeFirst();
  if (!office) throw badInput(field, "请选择本县的司法所");
  return office.id;
}
