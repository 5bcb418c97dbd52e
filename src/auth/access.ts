// The access policy: which records a signed-in person may see, decided by role and place.
// Every API route declares an AccessRule (enforced in auth/plugin.ts); record-level scope is applied
// by the queries through `subjectScope`, so a record outside it is simply not found (404) and its
// existence is not revealed.
import type { ExpressionBuilder } from "kysely";
import type { Database, Role } from "../db/schema.ts";

export {
  accountAdminRoles,
  allRoles,
  auditReaderRoles,
  readOnlyRoles,
  staffRoles,
  unmaskRoles,
} from "./roles.ts";

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  place: { id: string; name: string; kind: string };
  county: { id: string; name: string };
  officeId: string | null;
  villageId: string | null;
  subjectId: string | null;
  csrfToken: string;
  sessionHash: string;
}

/** Roles whose view is the whole county; the others see their office (team members their village). */
const countyRoles: ReadonlySet<Role> = new Set(["agency_head", "agency_staff", "prosecutor"]);

export type AccessRule =
  /**
   * No log-in needed (health, log-in, API documentation). `signed` names the signature scheme of a
   * route that a partner's server calls without a session (http/signed-request.ts): the handler
   * verifies the signature, and there is no CSRF token since there is no cookie.
   */
  | { public: true; signed?: string }
  /**
   * Signed-in users of the listed roles. Record scope is applied by the handler's queries.
   * `readsOnly` marks a POST that changes no record (e.g. revealing a masked number), which
   * read-only roles may then use too.
   */
  | { roles: readonly Role[]; readsOnly?: boolean };

export type Scope =
  | { kind: "county"; countyId: string }
  | { kind: "office"; countyId: string; officeId: string }
  | { kind: "village"; countyId: string; villageId: string }
  | { kind: "self"; countyId: string; subjectId: string }
  | { kind: "none" };

export function scopeOf(user: CurrentUser): Scope {
  const countyId = user.county.id;
  if (user.role === "subject")
    return user.subjectId ? { kind: "self", countyId, subjectId: user.subjectId } : { kind: "none" };
  if (countyRoles.has(user.role))
    return user.place.kind === "county" ? { kind: "county", countyId } : { kind: "none" };
  if (user.role === "team_member" && user.villageId)
    return { kind: "village", countyId, villageId: user.villageId };
  return user.officeId ? { kind: "office", countyId, officeId: user.officeId } : { kind: "none" };
}

/** A Kysely `where` condition restricting `subject` rows to what the user may see. */
export function subjectScope(user: CurrentUser) {
  const scope = scopeOf(user);
  return (eb: ExpressionBuilder<Database, "subject">) => {
    switch (scope.kind) {
      case "county":
        return eb("subject.county_id", "=", scope.countyId);
      case "office":
        return eb.and([
          eb("subject.county_id", "=", scope.countyId),
          eb("subject.office_id", "=", scope.officeId),
        ]);
      case "village":
        return eb.and([
          eb("subject.county_id", "=", scope.countyId),
          eb("subject.village_id", "=", scope.villageId),
        ]);
      case "self":
        return eb("subject.id", "=", scope.subjectId);
      case "none":
        return eb.lit(false);
    }
  };
}

/** May the user look at records of this office? (filters, office pages) */
export function canSeeOffice(user: CurrentUser, office: { id: string; countyId: string }): boolean {
  const scope = scopeOf(user);
  if (scope.kind === "none" || office.countyId !== scope.countyId) return false;
  if (scope.kind === "county") return true;
  if (scope.kind === "office") return scope.officeId === office.id;
  return user.officeId === office.id;
}
