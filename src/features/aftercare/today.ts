// After-care follow-ups on 今日工作: a person under care not yet followed up in this month (phone,
// 每月一次电话回访) or not yet seen face to face in this quarter (每季见面回访) is an item of the
// office (and of the agency for the county), due on the period's last day, with the one-click action
// that records that follow-up. A person the exchange brought without an office is the agency's to assign
// (one click opens the assignment) before the month's follow-up falls due.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { aftercareContactKindLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import { shownPerson } from "../care/person.ts";
import { careScopeOf } from "../care/scope.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";
import { inPeriod, periodOf } from "./periods.ts";
import { aftercareRows } from "./service.ts";

export async function aftercareItems(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const scope = careScopeOf(user);
  if (!scope) return { items: [], revision: "" };
  const today = cstDate(now);
  const rules = (await policies.forCounty(scope.countyId)).profile.care.aftercare;
  const { persons, contacts } = await aftercareRows(db, user);
  const readOnly = user.role === "prosecutor";
  const items: TodayItem[] = [];
  const kinds = [
    // A face-to-face visit is also the month's follow-up; a phone call is not the quarter's visit.
    {
      kind: "phone" as const,
      every: rules.phoneEveryMonths,
      counts: ["phone", "visit"],
      code: "phoneEveryMonths",
    },
    { kind: "visit" as const, every: rules.visitEveryMonths, counts: ["visit"], code: "visitEveryMonths" },
  ];
  for (const p of persons) {
    const who = shownPerson(p, today).name;
    const office = p.office_id
      ? { id: p.office_id, name: p.office_name ?? "" }
      : { id: p.county_id, name: p.county_name };
    if (!p.office_id && !scope.officeId) {
      const period = periodOf(today, rules.phoneEveryMonths);
      items.push({
        key: `aftercare_assign:${p.id}`,
        group: "agency",
        title: `后续照管：分配司法所（${who}）`,
        status: today === period.end ? "due_today" : "open",
        dueBy: `${period.end}T23:59:59+08:00`,
        required: null,
        done: null,
        period: null,
        basis: rules.basis,
        basisCode: "care.aftercare.phoneEveryMonths",
        office,
        subject: null,
        mine: true,
        colour: null,
        detail: `${p.rehab_centre}的解戒通知，户籍地${p.address}（区划代码${p.division_code ?? "未提供"}）未对应本县司法所，${p.released_on}解除强制隔离戒毒`,
        missing: [],
        action: readOnly
          ? null
          : { kind: "aftercare_assign", subjectId: null, alertId: null, officeId: null, recordId: p.id },
      });
    }
    if (p.released_on > today) continue;
    for (const k of kinds) {
      const period = periodOf(today, k.every);
      const done = contacts.some(
        (c) => c.aftercare_id === p.id && k.counts.includes(c.kind) && inPeriod(c.on_date, period),
      );
      if (done) continue;
      items.push({
        key: `aftercare_${k.kind}:${p.id}:${period.start}`,
        group: scope.officeId ? "obligation" : "agency",
        title: `后续照管：${aftercareContactKindLabel[k.kind]}（${who}）`,
        status: today === period.end ? "due_today" : "open",
        dueBy: `${period.end}T23:59:59+08:00`,
        required: null,
        done: null,
        period: period.start,
        basis: rules.basis,
        basisCode: `care.aftercare.${k.code}`,
        office,
        subject: null,
        mine: true,
        colour: null,
        detail: `${p.rehab_centre}，${p.released_on}解除强制隔离戒毒`,
        missing: [],
        action: readOnly
          ? null
          : {
              kind: k.kind === "phone" ? "aftercare_phone" : "aftercare_visit",
              subjectId: null,
              alertId: null,
              officeId: p.office_id,
              recordId: p.id,
            },
      });
    }
  }
  return { items, revision: items.map((i) => i.key).join(",") };
}
