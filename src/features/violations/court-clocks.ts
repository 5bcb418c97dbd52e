// The court's clocks after a revocation or imprisonment request (Arts. 47–49) of the cases of some
// offices, as 今日工作 lists them and the sweep raises them: the engine computes each clock from the
// stored instants; here they are only gathered, labelled and turned into items and alert candidates.
import type { Kysely } from "kysely";
import { type CourtClock, courtClocks, parseSanctionInput } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { courtClockLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";
import { ladderInput } from "./ladder.ts";
import { displayName } from "./service.ts";
import "./tables.ts";

export interface RunningClock {
  caseId: string;
  subject: { id: string; name: string; level: string };
  office: { id: string; name: string };
  countyId: string;
  clock: CourtClock;
}

/** The clocks not yet done of the offices' court requests, as of `now`, by each case's county's rules. */
export async function runningCourtClocks(
  db: Kysely<Database>,
  policies: CountyPolicies,
  officeIds: string[],
  now: Date,
): Promise<RunningClock[]> {
  if (officeIds.length === 0) return [];
  const rows = await db
    .selectFrom("violation_case")
    .innerJoin("subject", "subject.id", "violation_case.subject_id")
    .innerJoin("place", "place.id", "violation_case.office_id")
    .select([
      "violation_case.id",
      "violation_case.kind",
      "violation_case.severity",
      "violation_case.days",
      "violation_case.occurred_at",
      "violation_case.stage",
      "violation_case.proposed_measure",
      "violation_case.approved_at",
      "violation_case.corrected",
      "violation_case.court_requested_at",
      "violation_case.arrest_requested",
      "violation_case.arrest_decided_at",
      "violation_case.detained_at",
      "violation_case.ruled_at",
      "violation_case.county_id",
      "subject.id as subject_id",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.level",
      "subject.correction_type",
      "place.id as office_id",
      "place.name as office_name",
    ])
    .where("violation_case.office_id", "in", officeIds)
    .where("violation_case.court_requested_at", "is not", null)
    .where("violation_case.ruled_at", "is", null)
    .execute();
  const out: RunningClock[] = [];
  for (const row of rows) {
    const policy = (await policies.forCounty(row.county_id)).profile;
    const parsed = parseSanctionInput(
      ladderInput({ id: row.subject_id, correctionType: row.correction_type }, [], now, row),
    );
    if (!parsed.ok) continue; // the service refuses such instants; nothing to time
    for (const clock of courtClocks(policy, parsed.value)) {
      if (clock.doneAt !== null) continue;
      out.push({
        caseId: row.id,
        subject: { id: row.subject_id, name: displayName(row), level: row.level },
        office: { id: row.office_id, name: row.office_name },
        countyId: row.county_id,
        clock,
      });
    }
  }
  return out;
}

/** The running clocks as 今日工作 items: overdue, due today, or due within the horizon. */
export function courtClockItems(
  clocks: RunningClock[],
  now: Date,
  horizonDays: number,
  levelLabel: Record<string, string>,
): TodayItem[] {
  const today = cstDate(now);
  const horizonEnd = cstDate(new Date(now.getTime() + horizonDays * 86_400_000));
  const items: TodayItem[] = [];
  for (const c of clocks) {
    const dueDay = c.clock.dueBy.slice(0, 10);
    const status = c.clock.status === "overdue" ? "overdue" : dueDay === today ? "due_today" : "open";
    if (status === "open" && dueDay > horizonEnd) continue;
    items.push({
      key: `court:${c.caseId}:${c.clock.id}`,
      group: "court",
      title: `${c.subject.name}：${courtClockLabel[c.clock.id] ?? c.clock.id}`,
      status,
      dueBy: c.clock.dueBy,
      required: null,
      done: null,
      period: null,
      basis: c.clock.basis,
      office: c.office,
      subject: { ...c.subject, levelLabel: levelLabel[c.subject.level] ?? c.subject.level },
      mine: false,
      colour: null,
      detail: `提请时间起算，应于 ${c.clock.dueBy.slice(0, 16).replace("T", " ")} 前完成`,
      missing: [],
      action: {
        kind: "violation_case",
        subjectId: c.subject.id,
        alertId: null,
        officeId: c.office.id,
        caseId: c.caseId,
      },
    });
  }
  return items;
}

/** A number that changes whenever a case's step is recorded (Today's cache follows it). */
export async function violationRevision(db: Kysely<Database>, officeIds: string[]): Promise<string> {
  if (officeIds.length === 0) return "0";
  const row = await db
    .selectFrom("violation_step")
    .innerJoin("violation_case", "violation_case.id", "violation_step.case_id")
    .select((eb) => eb.fn.max("violation_step.id").as("max"))
    .where("violation_case.office_id", "in", officeIds)
    .executeTakeFirst();
  return String(row?.max ?? 0);
}

/** The next instant a running clock turns overdue (Today's cached answer expires then). */
export function nextClockChange(clocks: RunningClock[], now: Date): number {
  let next = Number.POSITIVE_INFINITY;
  for (const c of clocks) {
    const due = new Date(c.clock.dueBy).getTime() + 1000;
    if (due > now.getTime()) next = Math.min(next, due);
  }
  return next;
}

/** Overdue clocks as the sweep's alert candidates; the source is unique per case and clock. */
export function overdueCourtAlerts(clocks: RunningClock[]) {
  return clocks
    .filter((c) => c.clock.status === "overdue")
    .map((c) => ({
      subjectId: c.subject.id,
      kind: "overdue_obligation" as const,
      source: `court:${c.caseId}:${c.clock.id}`,
      basis: c.clock.basis,
      summary: `${c.subject.name}：${courtClockLabel[c.clock.id] ?? c.clock.id}应于 ${c.clock.dueBy.slice(0, 16).replace("T", " ")} 前完成，已逾期，请督促并记录人民法院处理情况`,
    }));
}
