// The monthly risk-analysis meeting (seed 002 二): the persons to discuss, pre-filled from the month's
// records (alerts, violations, hazards, level decisions, major events, and the key persons), and the
// meeting as recorded (attendees, persons with their assessment, decisions with owners and deadlines).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { riskReasonLabel } from "../../glossary.ts";
import { addDaysText } from "../today/today.ts";
import { displayName } from "../violations/service.ts";
import "../hazards/tables.ts";
import "../major-events/tables.ts";
import "./tables.ts";

const pad = (n: number) => String(n).padStart(2, "0");
export function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const start = `${month}-01`;
  const end = addDaysText(`${m === 12 ? y + 1 : y}-${pad(m === 12 ? 1 : m + 1)}-01`, -1);
  return {
    start,
    end,
    from: new Date(`${start}T00:00:00+08:00`),
    to: new Date(`${addDaysText(end, 1)}T00:00:00+08:00`),
  };
}

export interface Candidate {
  subjectId: string;
  name: string;
  officeId: string;
  officeName: string;
  reasons: string[];
  reasonLabels: string[];
}

/** The persons of `offices` the month's records point at, most reasons first. */
export async function candidates(
  db: Kysely<Database>,
  offices: string[],
  month: string,
): Promise<Candidate[]> {
  if (offices.length === 0) return [];
  const b = monthBounds(month);
  const [alerts, violations, hazards, levels, events, keys] = await Promise.all([
    db
      .selectFrom("alert")
      .select("subject_id")
      .distinct()
      .where("office_id", "in", offices)
      .where("subject_id", "is not", null)
      .where("raised_at", ">=", b.from)
      .where("raised_at", "<", b.to)
      .execute(),
    db
      .selectFrom("violation_case")
      .select("subject_id")
      .distinct()
      .where("office_id", "in", offices)
      .where("occurred_at", ">=", b.from)
      .where("occurred_at", "<", b.to)
      .execute(),
    db
      .selectFrom("hazard")
      .select("subject_id")
      .distinct()
      .where("office_id", "in", offices)
      .where("subject_id", "is not", null)
      .where("found_on", "<=", b.end)
      .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", ">=", b.from)]))
      .execute(),
    db
      .selectFrom("level_decision")
      .innerJoin("subject", "subject.id", "level_decision.subject_id")
      .select("level_decision.subject_id")
      .distinct()
      .where("subject.office_id", "in", offices)
      .where("level_decision.from_date", ">=", b.start)
      .where("level_decision.from_date", "<=", b.end)
      .execute(),
    db
      .selectFrom("major_event")
      .select("subject_id")
      .distinct()
      .where("office_id", "in", offices)
      .where("subject_id", "is not", null)
      .where("occurred_at", ">=", b.from)
      .where("occurred_at", "<", b.to)
      .execute(),
    db
      .selectFrom("subject")
      .select("id as subject_id")
      .where("office_id", "in", offices)
      .where("status", "=", "in_correction")
      .where("level", "=", "key")
      .where("intake_date", "<=", b.end)
      .execute(),
  ]);
  const reasons = new Map<string, string[]>();
  const note = (rows: { subject_id: string | null }[], reason: string) => {
    for (const r of rows)
      if (r.subject_id) reasons.set(r.subject_id, [...(reasons.get(r.subject_id) ?? []), reason]);
  };
  note(alerts, "alert");
  note(violations, "violation");
  note(hazards, "hazard");
  note(levels, "level");
  note(events, "major_event");
  note(keys, "key");
  if (reasons.size === 0) return [];
  const people = await db
    .selectFrom("subject")
    .innerJoin("place", "place.id", "subject.office_id")
    .select([
      "subject.id",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.office_id",
      "place.name as office_name",
    ])
    .where("subject.id", "in", [...reasons.keys()])
    .execute();
  return people
    .map((p) => {
      const r = reasons.get(p.id) ?? [];
      return {
        subjectId: p.id,
        name: displayName(p),
        officeId: p.office_id,
        officeName: p.office_name,
        reasons: r,
        reasonLabels: r.map((x) => riskReasonLabel[x] ?? x),
      };
    })
    .sort(
      (a, b) =>
        b.reasons.length - a.reasons.length ||
        a.officeId.localeCompare(b.officeId) ||
        a.subjectId.localeCompare(b.subjectId),
    );
}
