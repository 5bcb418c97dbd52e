// Who records and follows up hazards (the offices and the agency); the procuratorate reads them.
// Shared by the server (which enforces it) and the console's menu.
import type { Role } from "../../db/schema.ts";

export const hazardWriteRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];
export const hazardReadRoles = [...hazardWriteRoles, "prosecutor"] as const satisfies readonly Role[];
