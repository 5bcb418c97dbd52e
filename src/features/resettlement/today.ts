// Released prisoners' due steps on 今日工作 (the office's, and the agency's for the county): the
// verification and the receipt within the profile's days of the notice, the pick-up of a key person
// (必接必送) on the release day, the risk assessment and the help plan within their days after the
// release, and the follow-up once due. Each item opens the person's row on the 安置帮教 page. A notice
// from the exchange that no office could be found for is the agency's to assign (one click opens the
// assignment) within the verification's days.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { resettlementStepLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import { shownPerson } from "../care/person.ts";
import { careScopeOf } from "../care/scope.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";
import { nextFollowupDue, resettlementRows } from "./service.ts";

const plus = (day: string, n: number) => formatDate(parseDate(day) + n);

export async function resettlementItems(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const scope = careScopeOf(user);
  if (!scope) return { items: [], revision: "" };
  const today = cstDate(now);
  const rules = (await policies.forCounty(scope.countyId)).profile.care.resettlement;
  const rows = (await resettlementRows(db, user)).filter((r) => r.reoffended_on === null);
  const last = new Map<string, string>();
  if (rows.length)
    for (const f of await db
      .selectFrom("resettlement_followup")
      .select(["resettlement_id", (eb) => eb.fn.max("on_date").as("last")])
      .where(
        "resettlement_id",
        "in",
        rows.map((r) => r.id),
      )
      .groupBy("resettlement_id")
      .execute())
      last.set(f.resettlement_id, String(f.last));
  const items: TodayItem[] = [];
  const readOnly = user.role === "prosecutor";
  for (const r of rows) {
    const who = `${shownPerson(r, today).name}${r.key_person ? "（重点帮教对象）" : ""}`;
    const due: { step: string; on: string; code: string }[] = [];
    const verifyBy = plus(r.notice_on, rules.verifyWithinDays);
    const office = r.office_id
      ? { id: r.office_id, name: r.office_name ?? "" }
      : { id: r.county_id, name: r.county_name };
    if (!r.office_id && !scope.officeId)
      items.push({
        key: `resettlement_assign:${r.id}`,
        group: "agency",
        title: `安置帮教：分配司法所（${who}）`,
        status: today > verifyBy ? "overdue" : today === verifyBy ? "due_today" : "open",
        dueBy: `${verifyBy}T23:59:59+08:00`,
        required: null,
        done: null,
        period: null,
        basis: rules.basis,
        basisCode: "care.resettlement.verifyWithinDays",
        office,
        subject: null,
        mine: true,
        colour: null,
        detail: `${r.prison}的预释放通知，户籍地${r.address}（区划代码${r.division_code ?? "未提供"}）未对应本县司法所，${r.release_on}释放`,
        missing: [],
        action: readOnly
          ? null
          : { kind: "resettlement_assign", subjectId: null, alertId: null, officeId: null, recordId: r.id },
      });
    if (!r.verified_on)
      due.push({ step: "verify", on: verifyBy, code: "care.resettlement.verifyWithinDays" });
    if (!r.receipt_sent_on)
      due.push({ step: "receipt", on: verifyBy, code: "care.resettlement.verifyWithinDays" });
    if (r.key_person && !r.picked_up_on)
      due.push({ step: "pickup", on: r.release_on, code: "care.resettlement.keyPickupTargetPercent" });
    if (r.release_on <= today) {
      if (!r.risk_assessed_on)
        due.push({
          step: "risk",
          on: plus(r.release_on, rules.riskAssessmentWithinDays),
          code: "care.resettlement.riskAssessmentWithinDays",
        });
      if (!r.agreement_on)
        due.push({
          step: "help_plan",
          on: plus(r.release_on, rules.helpPlanWithinDays),
          code: "care.resettlement.helpPlanWithinDays",
        });
      const next = nextFollowupDue(r, last.get(r.id) ?? null, rules);
      // A follow-up is on Today from the first day of the month it falls due in.
      if (next && next.slice(0, 7) <= today.slice(0, 7))
        due.push({ step: "followup", on: next, code: "care.resettlement.followUpEveryMonths" });
    }
    for (const d of due)
      items.push({
        key: `resettlement_${d.step}:${r.id}`,
        group: scope.officeId ? "deadline" : "agency",
        title: `安置帮教：${resettlementStepLabel[d.step]}（${who}）`,
        status: today > d.on ? "overdue" : today === d.on ? "due_today" : "open",
        dueBy: `${d.on}T23:59:59+08:00`,
        required: null,
        done: null,
        period: null,
        basis: d.step === "pickup" ? rules.targetsBasis : rules.basis,
        basisCode: d.code,
        office,
        subject: null,
        mine: true,
        colour: null,
        detail: `${r.prison}，${r.release_on}释放`,
        missing: [],
        action: readOnly
          ? null
          : { kind: "resettlement", subjectId: null, alertId: null, officeId: r.office_id, recordId: r.id },
      });
  }
  return { items, revision: items.map((i) => `${i.key}:${i.status}`).join(",") };
}
