// The stored records the figures are derived from, read once per report for the user's scope (the
// county, or the user's office): the persons with their dates and level history, and the events,
// alerts, violations, major events, location reports, social workers and funding of the window.
// Nothing here decides a figure; figures.ts does, from these rows alone, so that a past date gives
// the figures the records of that date give.
import { sql } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Db } from "../../db/connect.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { officesOf } from "../today/routes.ts";
import { addDaysText } from "../today/today.ts";
import "../major-events/tables.ts";
import "./tables.ts";

export type EndKind = "release" | "pardon" | "revocation" | "imprisonment" | "death" | "transferred_out";

export interface StatPerson {
  id: string;
  /** Masked for a minor, as everywhere. */
  name: string;
  officeId: string;
  correctionType: string;
  gender: string;
  birthDate: string;
  crimeCategories: string[];
  occupation: string | null;
  intakeDate: string;
  /** The day the case ended (released, terminated or moved out), null while it runs. */
  endDate: string | null;
  endKind: EndKind | null;
  /** Level decisions in date order; `level` when there are none. */
  levels: { from: string; level: string }[];
  level: string;
}

export interface SupportRow {
  subjectId: string;
  date: string;
  type: "education" | "public_service" | "assistance";
  kind: string | null;
  hours: number;
}

export interface DatedRow {
  subjectId: string;
  date: string;
  source: string;
}

export interface StatRecords {
  countyId: string;
  /** True when the scope is the whole county (agency, procuratorate). */
  wholeCounty: boolean;
  offices: { id: string; name: string }[];
  persons: StatPerson[];
  /** The CST day each person's correction plan (book section) was first completed. */
  planDone: Map<string, string>;
  support: SupportRow[];
  lostContact: DatedRow[];
  newCrimes: DatedRow[];
  /** For each as-of day asked for: the persons with a location report in the window ending that day. */
  located: Map<string, Set<string>>;
  socialWorkers: { id: string; name: string; officeId: string; since: string }[];
  /** The latest funding entry of each year (county-wide). */
  funding: Map<number, { amount: number; note: string | null; enteredAt: string }>;
}

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const dayAfter = (d: string) => dayStart(addDaysText(d, 1));

export async function loadRecords(
  db: Db,
  user: CurrentUser,
  officeId: string | undefined,
  window: { start: string; end: string },
  locatedOn: { days: string[]; withinDays: number },
): Promise<StatRecords> {
  const k = db.kysely;
  const officeIds = await officesOf(db, user, officeId);
  const countyId = user.county.id;
  const wholeCounty =
    officeId === undefined &&
    (user.role === "agency_head" || user.role === "agency_staff" || user.role === "prosecutor");
  if (officeIds.length === 0)
    return {
      countyId,
      wholeCounty: false,
      offices: [],
      persons: [],
      planDone: new Map(),
      support: [],
      lostContact: [],
      newCrimes: [],
      located: new Map(locatedOn.days.map((d) => [d, new Set<string>()])),
      socialWorkers: [],
      funding: new Map(),
    };
  const from = dayStart(window.start);
  const to = dayAfter(window.end);

  const [offices, subjects, levels, plans, support, alerts, violations, crimes, workers, funding] =
    await Promise.all([
      k.selectFrom("place").select(["id", "name"]).where("id", "in", officeIds).orderBy("id").execute(),
      k
        .selectFrom("subject")
        .leftJoin("case_end", "case_end.subject_id", "subject.id")
        .select([
          "subject.id",
          "subject.name",
          "subject.office_id",
          "subject.correction_type",
          "subject.gender",
          "subject.birth_date",
          "subject.crime_categories",
          "subject.occupation",
          "subject.intake_date",
          "subject.release_date",
          "subject.status",
          "subject.level",
          "case_end.kind as end_kind",
          "case_end.end_date",
        ])
        .where("subject.county_id", "=", countyId)
        .where("subject.office_id", "in", officeIds)
        .where("subject.intake_date", "<=", window.end)
        .orderBy("subject.id")
        .execute(),
      k
        .selectFrom("level_decision")
        .innerJoin("subject", "subject.id", "level_decision.subject_id")
        .select(["level_decision.subject_id", "level_decision.from_date", "level_decision.level"])
        .where("subject.county_id", "=", countyId)
        .where("subject.office_id", "in", officeIds)
        .orderBy("level_decision.subject_id")
        .orderBy("level_decision.from_date")
        .orderBy("level_decision.id")
        .execute(),
      k
        .selectFrom("case_event")
        .select(["subject_id", (eb) => eb.fn.min("at").as("at")])
        .where("office_id", "in", officeIds)
        .where("type", "=", "book_section")
        .where("kind", "=", "correction_plan")
        .groupBy("subject_id")
        .execute(),
      k
        .selectFrom("case_event")
        .select([
          "subject_id",
          "at",
          "type",
          sql<string | null>`coalesce(kind, data->>'kind')`.as("kind"),
          sql<string | null>`data->>'hours'`.as("hours"),
        ])
        .where("office_id", "in", officeIds)
        .where("at", "<", to)
        // The period's study, service and assistance; training (counted since each intake) at any time.
        .where((eb) =>
          eb.or([
            eb.and([eb("type", "in", ["education", "public_service", "assistance"]), eb("at", ">=", from)]),
            eb.and([
              eb("type", "=", "assistance"),
              eb(sql`coalesce(kind, data->>'kind')`, "in", ["employment_training", "skills_training"]),
            ]),
          ]),
        )
        .execute(),
      k
        .selectFrom("alert")
        .select(["subject_id", "raised_at", "id"])
        .where("office_id", "in", officeIds)
        .where("kind", "=", "lost_contact")
        .where("subject_id", "is not", null)
        .where("raised_at", ">=", from)
        .where("raised_at", "<", to)
        .execute(),
      k
        .selectFrom("violation_case")
        .select(["subject_id", "occurred_at", "id"])
        .where("office_id", "in", officeIds)
        .where("kind", "=", "out_of_supervision")
        .where("occurred_at", ">=", from)
        .where("occurred_at", "<", to)
        .execute(),
      k
        .selectFrom("major_event")
        .select(["subject_id", "occurred_at", "id"])
        .where("office_id", "in", officeIds)
        .where("kind", "=", "new_crime")
        .where("subject_id", "is not", null)
        .where("occurred_at", ">=", from)
        .where("occurred_at", "<", to)
        .execute(),
      k
        .selectFrom("app_user")
        .innerJoin("place", "place.id", "app_user.place_id")
        .select([
          "app_user.id",
          "app_user.display_name",
          "app_user.place_id",
          "place.parent_id",
          "app_user.created_at",
        ])
        .where("app_user.role", "=", "social_worker")
        .where("app_user.active", "=", true)
        .where((eb) =>
          eb.or([eb("app_user.place_id", "in", officeIds), eb("place.parent_id", "in", officeIds)]),
        )
        .orderBy("app_user.id")
        .execute(),
      k
        .selectFrom("county_funding")
        .select(["year", "amount_yuan", "note", "entered_at"])
        .where("county_id", "=", countyId)
        .orderBy("id")
        .execute(),
    ]);

  const located = new Map<string, Set<string>>();
  for (const day of locatedOn.days) {
    const rows = await k
      .selectFrom("location_report")
      .innerJoin("subject", "subject.id", "location_report.subject_id")
      .select("location_report.subject_id")
      .distinct()
      .where("subject.county_id", "=", countyId)
      .where("subject.office_id", "in", officeIds)
      .where("location_report.measured_at", ">=", dayStart(addDaysText(day, 1 - locatedOn.withinDays)))
      .where("location_report.measured_at", "<", dayAfter(day))
      .execute();
    located.set(day, new Set(rows.map((r) => r.subject_id)));
  }

  const levelsOf = new Map<string, { from: string; level: string }[]>();
  for (const l of levels) {
    const list = levelsOf.get(l.subject_id) ?? [];
    list.push({ from: l.from_date, level: l.level });
    levelsOf.set(l.subject_id, list);
  }
  const persons: StatPerson[] = subjects.map((s) => {
    const ended = s.end_date ?? (s.status !== "in_correction" ? s.release_date : null);
    const endKind: EndKind | null = s.end_kind
      ? (s.end_kind as EndKind)
      : ended === null
        ? null
        : s.status === "transferred_out"
          ? "transferred_out"
          : s.status === "terminated"
            ? "revocation"
            : "release";
    return {
      id: s.id,
      name: isMinorSubject(s) ? maskName(s.name) : s.name,
      officeId: s.office_id,
      correctionType: s.correction_type,
      gender: s.gender,
      birthDate: s.birth_date,
      crimeCategories: Array.isArray(s.crime_categories) ? (s.crime_categories as string[]) : [],
      occupation: s.occupation,
      intakeDate: s.intake_date,
      endDate: ended,
      endKind,
      levels: levelsOf.get(s.id) ?? [],
      level: s.level,
    };
  });

  const latestFunding = new Map<number, { amount: number; note: string | null; enteredAt: string }>();
  for (const f of funding)
    latestFunding.set(f.year, {
      amount: f.amount_yuan,
      note: f.note,
      enteredAt: cstDate(new Date(f.entered_at)),
    });

  return {
    countyId,
    wholeCounty,
    offices,
    persons,
    planDone: new Map(plans.map((p) => [p.subject_id, cstDate(new Date(p.at as unknown as string))])),
    support: support.map((e) => ({
      subjectId: e.subject_id,
      date: cstDate(new Date(e.at)),
      type: e.type as SupportRow["type"],
      kind: e.kind,
      hours: Number(e.hours ?? 0) || 0,
    })),
    lostContact: [
      ...alerts.map((a) => ({
        subjectId: a.subject_id!,
        date: cstDate(new Date(a.raised_at)),
        source: `alert:${a.id}`,
      })),
      ...violations.map((v) => ({
        subjectId: v.subject_id,
        date: cstDate(new Date(v.occurred_at)),
        source: `violation:${v.id}`,
      })),
    ],
    newCrimes: crimes.map((c) => ({
      subjectId: c.subject_id!,
      date: cstDate(new Date(c.occurred_at)),
      source: `major_event:${c.id}`,
    })),
    located,
    socialWorkers: workers.map((w) => ({
      id: w.id,
      name: w.display_name,
      officeId: officeIds.includes(w.place_id) ? w.place_id : (w.parent_id ?? ""),
      since: cstDate(new Date(w.created_at)),
    })),
    funding: latestFunding,
  };
}
