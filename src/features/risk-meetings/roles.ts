// Who holds and records the monthly risk-analysis meeting: an office (its head and assistant) and the
// agency; the procuratorate reads the minutes. Shared by the server and the console.
import type { Role } from "../../db/schema.ts";

export const riskMeetingWriteRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
] as const satisfies readonly Role[];
export const riskMeetingReadRoles = [
  ...riskMeetingWriteRoles,
  "prosecutor",
] as const satisfies readonly Role[];
