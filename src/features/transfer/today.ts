// The clocks of change of place of execution on 今日工作: the letter the sending agency has to send,
// the new county's answer (due the profile's days after the letter) and the person's report to the new
// agency (due the profile's days after the acceptance), each on the side that must act: inside onebook
// the receiving county answers and records the report, otherwise the sending county chases both.
import type { Kysely } from "kysely";
import { type CurrentUser, scopeOf } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";
import { answeringSide, sideOf } from "./service.ts";

/** A clock's state on `today`: the due day itself is "due_today", after it "overdue". */
export function clockStatus(due: string, today: string): "overdue" | "due_today" | "open" {
  return today > due ? "overdue" : today === due ? "due_today" : "open";
}

/** The Today items of open transfers for this user, and a revision that changes with them. */
export async function transferItems(
  db: Kysely<Database>,
  user: CurrentUser,
  now: Date,
  policies: CountyPolicies,
): Promise<{ items: TodayItem[]; revision: string }> {
  const scope = scopeOf(user);
  if (scope.kind !== "county" && scope.kind !== "office") return { items: [], revision: "" };
  const today = cstDate(now);
  const rows = await db
    .selectFrom("transfer_request")
    .innerJoin("place", "place.id", "transfer_request.office_id")
    .selectAll("transfer_request")
    .select("place.name as office_name")
    .where("transfer_request.status", "in", ["requested", "sent", "accepted"])
    .where((eb) =>
      eb.or([
        eb("transfer_request.county_id", "=", scope.countyId),
        eb("transfer_request.new_county", "=", scope.countyId),
      ]),
    )
    .orderBy("transfer_request.requested_at")
    .execute();
  const agency = scope.kind === "county";
  const readOnly = user.role === "prosecutor";
  const items: TodayItem[] = [];
  for (const r of rows) {
    const side = sideOf(user, r);
    if (!side) continue;
    const acting = side === answeringSide(r);
    // The numbers and their basis: the sending county's rules (they fixed the due days when stored).
    const rule = (await policies.forCounty(r.county_id)).profile.statutory.transfer;
    const base = {
      required: null,
      done: null,
      period: null,
      office: { id: r.office_id, name: r.office_name },
      subject: null,
      mine: true,
      colour: null,
      missing: [],
      action: readOnly
        ? null
        : {
            kind: "transfer" as const,
            subjectId: r.subject_id,
            alertId: null,
            officeId: null,
            transferId: r.id,
          },
    };
    const where = `${r.subject_name}：${r.new_county_name}`;
    if (r.status === "requested" && agency && side === "sending") {
      items.push({
        ...base,
        key: `transfer_send:${r.id}`,
        group: "agency",
        title: `执行地变更：向新执行地发征求意见函（${where}）`,
        status: "open",
        dueBy: `${cstDate(r.requested_at)}T23:59:59+08:00`,
        basis: rule.basis,
        detail: "司法所已提出申请，待机构发函",
      });
    } else if (r.status === "sent" && (agency || !r.internal) && (acting || side === "sending")) {
      // The answer: the answering agency must give it; the sending side watches it.
      items.push({
        ...base,
        key: `transfer_answer:${r.id}`,
        group: "deadline",
        title:
          acting && agency
            ? `执行地变更：${side === "receiving" ? "回复是否同意接收" : "登记新执行地的回复"}（${where}）`
            : `执行地变更：等待新执行地回复（${where}）`,
        status: clockStatus(r.answer_due!, today),
        dueBy: `${r.answer_due}T23:59:59+08:00`,
        basis: rule.basis,
        detail: `${r.sent_on}发函，新执行地${rule.newAgencyAnswersWithinDays}日内（${r.answer_due}前）回复`,
      });
    } else if (r.status === "accepted" && acting) {
      items.push({
        ...base,
        key: `transfer_report:${r.id}`,
        group: "deadline",
        title: `执行地变更：对象到新执行地报到（${where}）`,
        status: clockStatus(r.report_due!, today),
        dueBy: `${r.report_due}T23:59:59+08:00`,
        basis: rule.basis,
        detail: `${r.answered_on}同意接收，对象${rule.reportToNewAgencyWithinDays}日内（${r.report_due}前）报到`,
      });
    }
  }
  const revision = items.map((i) => `${i.key}:${i.status}`).join(",");
  return { items, revision };
}
