// Commissions on 今日工作: an open commission is on its office's Today from the profile's working days
// before its due day (the opinion to write), and on the agency's: to assign it, to return the opinion
// to the court, or — near or past the due day — to watch the office's investigation.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { investigationProcedureLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import { shownPerson } from "../care/person.ts";
import { careScopeOf } from "../care/scope.ts";
import { type CountyPolicies, countyWorkingRules } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";

const status = (due: string, today: string) =>
  today > due ? ("overdue" as const) : today === due ? ("due_today" as const) : ("open" as const);

export async function investigationItems(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const scope = careScopeOf(user);
  if (!scope) return { items: [], revision: "" };
  const today = cstDate(now);
  const rules = await countyWorkingRules(policies, scope.countyId);
  const r = rules.profile.care.investigation;
  // From this day on a commission is near its due day: N working days before the due day is today
  // when the due day is at most N working days after today.
  const nearLimit = formatDate(rules.workingDays.addWorkingDays(parseDate(today), r.nearDueWorkingDays));
  let q = db
    .selectFrom("investigation")
    .leftJoin("place as office", "office.id", "investigation.office_id")
    .innerJoin("place as county", "county.id", "investigation.county_id")
    .selectAll("investigation")
    .select(["office.name as office_name", "county.name as county_name"])
    .where("investigation.county_id", "=", scope.countyId)
    .where("investigation.status", "!=", "returned");
  if (scope.officeId)
    q = q
      .where("investigation.office_id", "=", scope.officeId)
      .where("investigation.status", "=", "assigned");
  const rows = await q.orderBy("investigation.due_on").orderBy("investigation.id").execute();
  const readOnly = user.role === "prosecutor";
  const items: TodayItem[] = [];
  for (const row of rows) {
    const near = row.due_on <= nearLimit;
    const agency = scope.officeId === null;
    // The agency always acts on a new commission and a concluded one; the office's work only near due.
    if (!near && !(agency && row.status !== "assigned")) continue;
    const who = shownPerson({ ...row, name: row.defendant_name }, today).name;
    const step =
      agency && row.status === "received"
        ? { prefix: "investigation_assign", title: `调查评估：分配司法所调查（${who}）` }
        : agency && row.status === "concluded"
          ? { prefix: "investigation_return", title: `调查评估：向委托机关回复评估意见（${who}）` }
          : { prefix: "investigation", title: `调查评估：提出评估意见（${who}）` };
    items.push({
      key: `${step.prefix}:${row.id}`,
      group: agency ? "agency" : "deadline",
      title: step.title,
      status: status(row.due_on, today),
      dueBy: `${row.due_on}T23:59:59+08:00`,
      required: null,
      done: null,
      period: null,
      basis: r.basis,
      basisCode: "care.investigation.withinWorkingDays",
      office: row.office_id
        ? { id: row.office_id, name: row.office_name ?? "" }
        : { id: row.county_id, name: row.county_name },
      subject: null,
      mine: true,
      colour: null,
      detail: `${row.court}委托（${investigationProcedureLabel[row.procedure]}），${row.received_on}收到，${row.due_on}前提交`,
      missing: [],
      action: readOnly
        ? null
        : {
            kind: "investigation",
            subjectId: null,
            alertId: null,
            officeId: row.office_id,
            recordId: row.id,
          },
    });
  }
  return { items, revision: items.map((i) => `${i.key}:${i.status}`).join(",") };
}
