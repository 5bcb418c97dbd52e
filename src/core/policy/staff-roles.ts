// Staff roles of domain.md, in a module of their own (no zod) so that the web console can share them.
export const STAFF_ROLES = [
  "agency_head",
  "agency_staff",
  "office_head",
  "office_assistant",
  "psychologist",
  "team_member",
  "social_worker",
  "prosecutor",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
