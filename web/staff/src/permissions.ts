// What the console offers to whom. These only decide which buttons to show; the server checks every
// request itself (src/auth/access.ts) and the console shows its refusal if the two ever disagree.
import type { Role } from "./api.ts";

const unmaskRoles: ReadonlySet<Role> = new Set([
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "prosecutor",
]);

/** May reveal a full ID number or a minor's name, for a stated purpose. */
export const mayUnmask = (role: Role): boolean => unmaskRoles.has(role);
