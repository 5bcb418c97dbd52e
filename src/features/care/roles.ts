// Who works on investigation, resettlement and after-care: the offices and the agency; the
// procuratorate reads. The agency alone receives a court's commission, assigns and returns it.
// Shared by the server (which enforces it) and the console's menu.
import type { Role } from "../../db/schema.ts";

export const careWriteRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];
export const careReadRoles = [...careWriteRoles, "prosecutor"] as const satisfies readonly Role[];
export const agencyCareRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
