// The care features' items on 今日工作, together: the commissions (investigation), the hand-over steps
// and follow-ups of released prisoners (resettlement) and the after-care follow-ups (aftercare).
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { aftercareItems } from "../aftercare/today.ts";
import { investigationItems } from "../investigation/today.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { resettlementItems } from "../resettlement/today.ts";
import type { TodayItem } from "../today/today.ts";

export async function careItems(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const parts = [
    await investigationItems(db, policies, user, now),
    await resettlementItems(db, policies, user, now),
    await aftercareItems(db, policies, user, now),
  ];
  return {
    items: parts.flatMap((p) => p.items),
    revision: parts.map((p) => p.revision).join("|"),
  };
}
