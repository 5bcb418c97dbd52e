// The person's day in the app, from the rules engine — the same evaluation as 今日工作
// (rules/case-facts.ts → evaluateCase by the county's profile): today's location reports required and
// done, the next in-person and phone report with the day they are due, and the leave in force.
// Codes only; the app shows them in Chinese through the glossary.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { evaluateSubjects } from "../rules/case-facts.ts";

export interface PersonDay {
  date: string;
  /** null when the person's level requires no location reports. */
  locationReports: { required: number; done: number; status: string; dueBy: string } | null;
  /** App check-ins made today (whatever the level). */
  checkInsToday: number;
  nextReports: Array<{
    kind: string;
    periodStart: string;
    periodEnd: string;
    dueBy: string;
    required: number;
    done: number;
    status: string;
  }>;
  leave: { id: string; from: string; to: string | null; destinationName: string } | null;
  /** The engine could not judge the stored case (shown as "ask your office"). */
  problem: string | null;
}

const REPORT_KINDS = new Set(["in_person_report", "phone_report"]);

export async function personDay(
  db: Kysely<Database>,
  subjectId: string,
  now: Date,
  policies: CountyPolicies,
): Promise<PersonDay> {
  const date = cstDate(now);
  const [evaluation, leave, checkIns] = await Promise.all([
    evaluateSubjects(db, [subjectId], now, policies).then((m) => m.get(subjectId)),
    db
      .selectFrom("leave_application")
      .select(["id", "from_date", "to_date", "destination_name"])
      .where("subject_id", "=", subjectId)
      .where("kind", "=", "ordinary")
      .where("status", "=", "approved")
      .where("from_date", "<=", date)
      .where("to_date", ">=", date)
      .executeTakeFirst(),
    db
      .selectFrom("location_report")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("subject_id", "=", subjectId)
      .where("source", "=", "app")
      .where("measured_at", ">=", new Date(`${date}T00:00:00+08:00`))
      .where("measured_at", "<=", now)
      .executeTakeFirstOrThrow(),
  ]);
  const day: PersonDay = {
    date,
    locationReports: null,
    checkInsToday: Number(checkIns.n),
    nextReports: [],
    leave: leave
      ? { id: leave.id, from: leave.from_date, to: leave.to_date, destinationName: leave.destination_name }
      : null,
    problem: null,
  };
  if (!evaluation) return day;
  if (!evaluation.ok) return { ...day, problem: evaluation.problem };
  const obligations = evaluation.result.obligations;
  const location = obligations.find(
    (o) => o.kind === "location_report" && o.periodStart <= date && date <= o.periodEnd,
  );
  if (location)
    day.locationReports = {
      required: location.required,
      done: location.done,
      status: location.status,
      dueBy: location.dueBy,
    };
  for (const kind of REPORT_KINDS) {
    // The period running today (done or not), else the next one the engine shows.
    const next = obligations
      .filter((o) => o.kind === kind && o.periodEnd >= date)
      .sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1))[0];
    if (next)
      day.nextReports.push({
        kind,
        periodStart: next.periodStart,
        periodEnd: next.periodEnd,
        dueBy: next.dueBy,
        required: next.required,
        done: next.done,
        status: next.status,
      });
  }
  return day;
}

export const instant = (d: Date | null) => (d ? cstIso(d) : null);
