// The quarter's screening on 今日工作: each person of the office not yet screened in the open campaign
// is an item from `dueSoonDays` before the campaign's deadline (overdue after it); its action opens the
// screening form for that person.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { levelLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import { measureStatus } from "../hazards/service.ts";
import type { TodayItem } from "../today/today.ts";
import { addDaysText } from "../today/today.ts";
import { campaignPersons, currentCampaign } from "./service.ts";

export async function screeningItems(
  db: Kysely<Database>,
  user: CurrentUser,
  offices: { id: string; name: string }[],
  rule: PolicyProfile["screening"],
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  if (user.role !== "office_head" && user.role !== "office_assistant") return { items: [], revision: "" };
  const today = cstDate(now);
  const campaign = await currentCampaign(db, user.county.id, today);
  if (!campaign || today < addDaysText(campaign.due_on, -rule.dueSoonDays))
    return { items: [], revision: campaign?.id ?? "" };
  const names = new Map(offices.map((o) => [o.id, o.name]));
  const todo = (
    await campaignPersons(
      db,
      campaign,
      offices.map((o) => o.id),
    )
  ).filter((p) => p.recordId === null);
  const items: TodayItem[] = todo.map((p) => ({
    key: `screening:${campaign.id}:${p.subjectId}`,
    group: "office",
    title: "季度安全隐患排查谈话",
    status: measureStatus(campaign.due_on, today),
    dueBy: `${campaign.due_on}T23:59:59+08:00`,
    required: null,
    done: null,
    period: campaign.quarter,
    basis: rule.basis,
    basisCode: "screening.talksWithinDays",
    office: { id: p.officeId, name: names.get(p.officeId) ?? "" },
    subject: {
      id: p.subjectId,
      name: p.name,
      level: p.level,
      levelLabel: levelLabel[p.level as keyof typeof levelLabel] ?? "",
    },
    mine: true,
    colour: null,
    detail: `${campaign.quarter.replace("-Q", "年第")}季度排查，完成时限 ${campaign.due_on}：谈话并逐项核对排查清单、五清`,
    missing: [],
    action: {
      kind: "screening",
      subjectId: p.subjectId,
      alertId: null,
      officeId: p.officeId,
      campaignId: campaign.id,
    },
  }));
  return { items, revision: `${campaign.id}:${todo.length}` };
}
