// Hazard measures on 今日工作 and in the sweep: an open measure of an open hazard is on the Today of its
// office (from three days before its deadline; the owner's own are marked mine) and, once past its
// deadline, on the agency's too; the sweep raises one alert per overdue measure (`hazard:<measure id>`).
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { hazardKindLabel, hazardLevelLabel, levelLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import type { TodayItem } from "../today/today.ts";
import { addDaysText } from "../today/today.ts";
import { displayName } from "../violations/service.ts";
import { measureStatus } from "./service.ts";
import "./tables.ts";

export const HAZARD_BASIS = "seed 002 四.1: 落实整改措施、整改责任人和整改时限";
const SOON_DAYS = 3;

function openMeasures(db: Kysely<Database>, offices: string[], until: string) {
  return db
    .selectFrom("hazard_measure")
    .innerJoin("hazard", "hazard.id", "hazard_measure.hazard_id")
    .innerJoin("place", "place.id", "hazard.office_id")
    .innerJoin("app_user as owner", "owner.id", "hazard_measure.owner_id")
    .leftJoin("subject", "subject.id", "hazard.subject_id")
    .select([
      "hazard_measure.id",
      "hazard_measure.measure",
      "hazard_measure.deadline",
      "hazard_measure.owner_id",
      "owner.display_name as owner_name",
      "hazard.id as hazard_id",
      "hazard.office_id",
      "hazard.kind",
      "hazard.level as hazard_level",
      "hazard.place_text",
      "hazard.subject_id",
      "place.name as office_name",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.level",
    ])
    .where("hazard.office_id", "in", offices.length ? offices : ["-"])
    .where("hazard.closed_at", "is", null)
    .where("hazard_measure.done_at", "is", null)
    .where("hazard_measure.deadline", "<=", until)
    .orderBy("hazard_measure.deadline")
    .orderBy("hazard_measure.id")
    .execute();
}

const whoOf = (r: {
  subject_id: string | null;
  name: string | null;
  birth_date: string | null;
  intake_date: string | null;
  place_text: string | null;
}) =>
  r.subject_id
    ? displayName({ name: r.name!, birth_date: r.birth_date!, intake_date: r.intake_date! })
    : (r.place_text ?? "");

/** The Today items of hazard measures for this user's offices, and a revision that changes with them. */
export async function hazardItems(
  db: Kysely<Database>,
  user: CurrentUser,
  offices: string[],
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const officeRole = user.role === "office_head" || user.role === "office_assistant";
  const agencyRole =
    user.role === "agency_head" || user.role === "agency_staff" || user.role === "prosecutor";
  if (!officeRole && !agencyRole) return { items: [], revision: "" };
  const today = cstDate(now);
  const rows = await openMeasures(
    db,
    offices,
    agencyRole ? addDaysText(today, -1) : addDaysText(today, SOON_DAYS),
  );
  const items: TodayItem[] = rows.map((r) => ({
    key: `hazard:${r.id}`,
    group: agencyRole ? "agency" : "office",
    title: `安全隐患整改：${r.measure}`,
    status: measureStatus(r.deadline, today),
    dueBy: `${r.deadline}T23:59:59+08:00`,
    required: null,
    done: null,
    period: null,
    basis: HAZARD_BASIS,
    office: { id: r.office_id, name: r.office_name },
    subject: r.subject_id
      ? {
          id: r.subject_id,
          name: whoOf(r),
          level: r.level ?? "",
          levelLabel: levelLabel[r.level as keyof typeof levelLabel] ?? "",
        }
      : null,
    mine: r.owner_id === user.id || agencyRole,
    colour: null,
    detail: `${whoOf(r)}：${hazardKindLabel[r.kind] ?? r.kind}（${hazardLevelLabel[r.hazard_level] ?? ""}隐患），整改责任人${r.owner_name}，时限 ${r.deadline}`,
    missing: [],
    action:
      user.role === "prosecutor"
        ? null
        : { kind: "hazard", subjectId: r.subject_id, alertId: null, officeId: r.office_id },
  }));
  return { items, revision: rows.map((r) => r.id).join(".") };
}

/** Alert candidates of the sweep: every open measure of an open hazard past its deadline, once. */
export async function overdueHazardAlerts(db: Kysely<Database>, officeId: string, now: Date) {
  const rows = await openMeasures(db, [officeId], addDaysText(cstDate(now), -1));
  return rows.map((r) => ({
    subjectId: r.subject_id,
    kind: "overdue_obligation" as const,
    source: `hazard:${r.id}`,
    basis: HAZARD_BASIS,
    summary: `${whoOf(r)}：安全隐患（${hazardKindLabel[r.kind] ?? r.kind}）整改措施“${r.measure}”应于 ${r.deadline} 前完成，已逾期（责任人${r.owner_name}）`,
  }));
}
