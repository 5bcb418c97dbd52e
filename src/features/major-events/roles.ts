// Who reports major events (the offices and the agency) and who reads them (and the procuratorate).
import type { Role } from "../../db/schema.ts";

export const majorEventWriteRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];
export const majorEventReadRoles = [...majorEventWriteRoles, "prosecutor"] as const satisfies readonly Role[];
/** Who closes a major event: the agency it was reported to. */
export const majorEventCloseRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
