// Not back by the end of the last day of leave: the `leave_overdue` alert (逾期未归, orange, policy.md
// "Alerts") for the sweep. The rules engine judges each approved, unclosed leave whose last day has
// passed; the alert's source is the application, so however often the sweep runs it is raised once.
import type { Kysely } from "kysely";
import { type AlertKind, adviseLeave, parseLeaveInput } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { OfficeState } from "../today/office-state.ts";
import "./tables.ts";

export interface LeaveAlertCandidate {
  subjectId: string;
  kind: AlertKind;
  source: string;
  basis: string;
  summary: string;
}

export async function leaveOverdueCandidates(
  db: Kysely<Database>,
  state: OfficeState,
  now: Date,
): Promise<LeaveAlertCandidate[]> {
  const rows = await db
    .selectFrom("leave_application")
    .innerJoin("subject", "subject.id", "leave_application.subject_id")
    .selectAll("leave_application")
    .select(["subject.level", "subject.correction_type", "subject.term_end", "subject.name"])
    .where("leave_application.office_id", "=", state.office.id)
    .where("leave_application.kind", "=", "ordinary")
    .where("leave_application.status", "=", "approved")
    .where("leave_application.to_date", "<", cstDate(now))
    .execute();
  const out: LeaveAlertCandidate[] = [];
  for (const r of rows) {
    if (!r.to_date || !r.approved_at) continue;
    const parsed = parseLeaveInput({
      asOf: cstIso(now),
      subject: {
        id: r.subject_id,
        level: r.level === "lenient" ? "normal" : r.level,
        correctionType: r.correction_type,
        termEnd: r.term_end,
        residenceCounty: r.county_id,
      },
      application: {
        id: r.id,
        kind: "ordinary",
        from: r.from_date,
        to: r.to_date,
        destinationCounty: r.destination_county,
        reason: r.reason,
        proofAttached: true,
        appliedAt: cstIso(r.applied_at),
        approvedAt: cstIso(r.approved_at),
        returnedAt: null,
      },
      otherLeaves: [],
    });
    if (!parsed.ok) continue;
    const advice = adviseLeave(parsed.value);
    if (!advice.overdue || !advice.returnDue) continue;
    const name = state.subjects.get(r.subject_id)?.name ?? r.name;
    out.push({
      subjectId: r.subject_id,
      kind: "leave_overdue",
      source: `leave_overdue:${r.id}`,
      basis: advice.returnDue.basis,
      summary: `${name}：请假外出（${r.destination_name}）至 ${r.to_date}，期满未归、未销假`,
    });
  }
  return out;
}
