// Who reads the county's statistics: the agency and the procuratorate (the county), an office's head
// and assistant (their office). Shared by the server (which enforces it) and the console's menu.
import type { Role } from "../../db/schema.ts";

export const statisticsRoles = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "prosecutor",
] as const satisfies readonly Role[];

/** Who enters the county's yearly funding. */
export const fundingRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
