// Role lists that decide access. Shared by the server (which enforces them) and the console (which
// only uses them to decide which buttons to show), so the two cannot drift apart.
import { STAFF_ROLES } from "../core/policy/staff-roles.ts";
import type { Role } from "../db/schema.ts";

/** The staff roles of domain.md (the rules engine's list: `byRole` of a field visit is one of them). */
export const staffRoles = STAFF_ROLES satisfies readonly Role[];

export const allRoles = [...staffRoles, "subject"] as const satisfies readonly Role[];

/** Roles that may never change anything (the procuratorate supervises; it does not edit). */
export const readOnlyRoles: ReadonlySet<Role> = new Set(["prosecutor"]);

/** Roles that may reveal a full ID number or a minor's name, for a stated purpose (always audited). */
export const unmaskRoles = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "prosecutor",
] as const satisfies readonly Role[];

/** Roles that may clear an account's log-in throttle (the agency's administrator). */
export const accountAdminRoles = ["agency_head"] as const satisfies readonly Role[];

/** Roles that may read the audit log. */
export const auditReaderRoles = ["agency_head", "prosecutor"] as const satisfies readonly Role[];
