// Who reads the coverage dashboards: those who answer for an office or for the county. Shared by the
// server (which enforces it) and the console (which only decides whether to show the menu item).
import type { Role } from "../../db/schema.ts";

export const dashboardRoles = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "prosecutor",
] as const satisfies readonly Role[];
