// Who takes part in the quarterly screening: the agency opens the campaign and follows every office;
// the office records its persons' talks; the procuratorate reads. Shared by the server and the console.
import type { Role } from "../../db/schema.ts";

export const screeningOpenRoles = ["agency_head", "agency_staff"] as const satisfies readonly Role[];
export const screeningRecordRoles = ["office_head", "office_assistant"] as const satisfies readonly Role[];
export const screeningReadRoles = [
  ...screeningRecordRoles,
  ...screeningOpenRoles,
  "prosecutor",
] as const satisfies readonly Role[];
