// Who gives codes and sends notices for the phone app (the person's office), and who may look. Shared
// by the server (which enforces it) and the console (which only decides which buttons to show).
import type { Role } from "../../db/schema.ts";

export const appOfficeRoles = {
  write: ["office_head", "office_assistant"],
  read: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
} as const satisfies Record<string, readonly Role[]>;
