// Who manages the exchange: the agency registers partners and re-sends deliveries; the procuratorate
// reads (it supervises the execution, and the exchange is part of it). Shared with the console's menu.
import type { Role } from "../../db/schema.ts";

export const exchangeAdminRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
export const exchangeReaderRoles = [
  "agency_head",
  "agency_staff",
  "prosecutor",
] as const satisfies readonly Role[];
