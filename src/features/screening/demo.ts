// The demo county's screening of the current quarter: the campaign opened by the sweep on the quarter's
// first day, and each office's talks recorded for all but its last two persons (so Today shows what
// is left). Deterministic: dates and answers follow from the persons' order.
import type { Kysely } from "kysely";
import { getPolicy } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { addDaysText } from "../today/today.ts";
import { campaignDueOn, quarterBounds, quarterOf } from "./service.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, type TALK_TOPICS } from "./tables.ts";

const TALK: Record<(typeof TALK_TOPICS)[number], string> = {
  thinking: "认罪悔罪，思想稳定",
  family: "家庭和睦，家属支持矫正",
  work: "有固定工作，收入稳定",
  disputes: "无矛盾纠纷",
  health: "身心健康",
};

export async function demoScreening(trx: Kysely<Database>, countyId: string, today: string): Promise<void> {
  const quarter = quarterOf(today);
  const openedOn = quarterBounds(quarter).start;
  const dueOn = campaignDueOn(quarter, openedOn, getPolicy().screening);
  const campaign = await trx
    .insertInto("screening_campaign")
    .values({
      county_id: countyId,
      quarter,
      opened_on: openedOn,
      due_on: dueOn,
      opened_by: null,
      opened_at: `${openedOn}T00:05:00+08:00`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const people = await trx
    .selectFrom("subject")
    .innerJoin("app_user", (join) =>
      join.onRef("app_user.place_id", "=", "subject.office_id").on("app_user.role", "=", "office_assistant"),
    )
    .select(["subject.id", "subject.office_id", "app_user.id as assistant"])
    .where("subject.county_id", "=", countyId)
    .where("subject.status", "=", "in_correction")
    .where("subject.intake_date", "<=", dueOn)
    .orderBy("subject.office_id")
    .orderBy("subject.id")
    .execute();
  const lastDay = dueOn < today ? dueOn : today;
  const span = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(openedOn)) / 86_400_000) + 1);
  const rows = people.filter((p, i) => people[i + 2]?.office_id === p.office_id);
  if (rows.length === 0) return;
  await trx
    .insertInto("screening_record")
    .values(
      rows.map((p, i) => {
        const talkedOn = addDaysText(openedOn, i % span);
        return {
          campaign_id: campaign.id,
          subject_id: p.id,
          office_id: p.office_id,
          talked_on: talkedOn,
          method: (["home_visit", "face_to_face", "community_visit"] as const)[i % 3]!,
          checklist: JSON.stringify(Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"]))),
          talk: JSON.stringify(TALK),
          clears: JSON.stringify(Object.fromEntries(FIVE_CLEARS.map((c) => [c, true]))),
          risks: null,
          hazard_id: null,
          recorded_by: p.assistant,
          recorded_at: `${talkedOn}T16:30:00+08:00`,
        };
      }),
    )
    .execute();
}
