// The demo county's risk-analysis meetings of last month: the first office's and the agency's, each
// with a decision still open near or past its deadline (on Today) and the office's with one done.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { roleLabel } from "../../glossary.ts";
import { addDaysText } from "../today/today.ts";
import "./tables.ts";

export async function demoRiskMeetings(
  trx: Kysely<Database>,
  countyId: string,
  today: string,
): Promise<void> {
  const first = `${today.slice(0, 7)}-01`;
  const lastMonthDay = addDaysText(first, -1);
  const month = lastMonthDay.slice(0, 7);
  const staff = await trx
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role", "app_user.place_id", "place.parent_id"])
    .where((eb) => eb.or([eb("place.id", "=", countyId), eb("place.parent_id", "=", countyId)]))
    .where("app_user.role", "in", ["agency_head", "agency_staff", "office_head", "office_assistant"])
    .orderBy("app_user.place_id")
    .orderBy("app_user.username")
    .execute();
  const office = staff.find((s) => s.role === "office_head")?.place_id;
  if (!office) return;
  const meeting = async (officeId: string | null, decisions: [string, string, string][]) => {
    const people = staff.filter((s) => s.place_id === (officeId ?? countyId));
    const head = people.find((s) => s.role.endsWith("_head")) ?? people[0]!;
    const owner = (role: string) => people.find((s) => s.role === role) ?? head;
    const row = await trx
      .insertInto("risk_meeting")
      .values({
        county_id: countyId,
        office_id: officeId,
        month,
        held_on: `${month}-25`,
        place: officeId ? "司法所会议室" : "县社区矫正中心",
        host: head.display_name,
        attendees: JSON.stringify(
          people.map((s) => ({ userId: s.id, name: s.display_name, role: roleLabel[s.role] ?? s.role })),
        ),
        persons: JSON.stringify([]),
        decisions: JSON.stringify(
          decisions.map(([text, role, deadline]) => ({
            text,
            ownerId: owner(role).id,
            ownerName: owner(role).display_name,
            deadline,
          })),
        ),
        summary: "本月风险总体可控，重点人员管控措施落实到位。",
        recorded_by: head.id,
        recorded_at: `${month}-25T17:00:00+08:00`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, head };
  };
  const own = await meeting(office, [
    ["对重点人员逐一开展一次实地查访", "office_head", addDaysText(first, 9)],
    ["与村（社区）联系化解债务纠纷，跟进调解结果", "office_assistant", addDaysText(today, 2)],
  ]);
  await trx
    .insertInto("risk_decision_done")
    .values({
      meeting_id: own.id,
      decision_index: 0,
      note: "已对全部重点人员完成实地查访，情况稳定",
      done_by: own.head.id,
      done_at: `${lastMonthDay}T16:00:00+08:00`,
    })
    .execute();
  await meeting(null, [["抽查各司法所重点人员电子定位核查记录", "agency_staff", addDaysText(today, -1)]]);
}
