// Who may do what with device orders and vendors (shared by the server, which enforces, and the
// console, which only decides which buttons to show). Why these roles: see orders.ts.
import type { Role } from "../../db/schema.ts";

export const deviceOrderRoles = {
  read: ["agency_head", "agency_staff", "office_head", "office_assistant", "prosecutor"],
  write: ["agency_head", "agency_staff"],
} as const satisfies Record<string, readonly Role[]>;

/** Registers and retires vendors: the agency head (a vendor's key reaches the county's location data). */
export const vendorAdminRoles = ["agency_head"] as const satisfies readonly Role[];
export const vendorReaderRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
