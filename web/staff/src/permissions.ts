// What the console offers to whom. These only decide which buttons to show; the server checks every
// request itself with the same role lists (src/auth/roles.ts) and the console shows its refusal if
// the two ever disagree.
import { auditReaderRoles, unmaskRoles } from "../../../src/auth/roles.ts";
import type { Role } from "./api.ts";

const has = (roles: readonly Role[], role: Role) => roles.includes(role);

/** May reveal a full ID number or a minor's name, for a stated purpose. */
export const mayUnmask = (role: Role): boolean => has(unmaskRoles, role);

/** May read the audit log. */
export const mayReadAudit = (role: Role): boolean => has(auditReaderRoles, role);
