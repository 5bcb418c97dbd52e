// The decisions of the monthly risk-analysis meetings (seed 002 二) as work: each has an owner and a
// deadline; an open one is on the Today of the owner's unit (the owner's office, or the agency) from
// `decisionDueSoonDays` before its deadline, and the unit marks it done with a note, once.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { measureStatus } from "../hazards/service.ts";
import type { TodayItem } from "../today/today.ts";
import { addDaysText } from "../today/today.ts";
import type { Decision } from "./tables.ts";

export const DECISION_BASIS = "seed 002 二: 每月要组织一次风险研判分析会; 决定事项的责任人和完成时限";

/** The unit a staff account works for: its office (a village's office), or "agency" at the county. */
export async function unitsOf(db: Kysely<Database>, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .select(["app_user.id", "place.id as place_id", "place.kind", "place.parent_id"])
    .where("app_user.id", "in", userIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      r.kind === "office" ? r.place_id : r.kind === "village" ? (r.parent_id ?? "") : "agency",
    ]),
  );
}

/** The user's own unit in the same terms. */
export const unitOfUser = (user: CurrentUser) =>
  user.role === "agency_head" || user.role === "agency_staff" ? "agency" : (user.officeId ?? "");

export interface OpenDecision {
  meetingId: number;
  index: number;
  month: string;
  officeId: string | null;
  unitName: string;
  decision: Decision;
  ownerUnit: string;
}

/** Every decision of the county's meetings not yet marked done, with its owner's unit. */
export async function openDecisions(db: Kysely<Database>, countyId: string): Promise<OpenDecision[]> {
  const meetings = await db
    .selectFrom("risk_meeting")
    .leftJoin("place", "place.id", "risk_meeting.office_id")
    .select(["risk_meeting.id", "risk_meeting.month", "risk_meeting.office_id", "risk_meeting.decisions"])
    .select("place.name as office_name")
    .where("risk_meeting.county_id", "=", countyId)
    .where(({ fn, lit, eb }) => eb(fn("jsonb_array_length", ["risk_meeting.decisions"]), ">", lit(0)))
    .orderBy("risk_meeting.id")
    .execute();
  if (meetings.length === 0) return [];
  const done = new Set(
    (
      await db
        .selectFrom("risk_decision_done")
        .select(["meeting_id", "decision_index"])
        .where(
          "meeting_id",
          "in",
          meetings.map((m) => m.id),
        )
        .execute()
    ).map((d) => `${d.meeting_id}:${d.decision_index}`),
  );
  const all = meetings.flatMap((m) =>
    (m.decisions as unknown as Decision[]).map((decision, index) => ({ m, decision, index })),
  );
  const units = await unitsOf(db, [...new Set(all.map((x) => x.decision.ownerId))]);
  return all
    .filter((x) => !done.has(`${x.m.id}:${x.index}`))
    .map((x) => ({
      meetingId: x.m.id,
      index: x.index,
      month: x.m.month,
      officeId: x.m.office_id,
      unitName: x.m.office_name ?? "社区矫正机构",
      decision: x.decision,
      ownerUnit: units.get(x.decision.ownerId) ?? "",
    }));
}

/** The Today items of open decisions for the user's unit, due within the profile's days. */
export async function riskDecisionItems(
  db: Kysely<Database>,
  user: CurrentUser,
  rule: PolicyProfile["riskMeetings"],
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const unit = unitOfUser(user);
  const staff = ["office_head", "office_assistant", "agency_head", "agency_staff"].includes(user.role);
  if (!staff || !unit) return { items: [], revision: "" };
  const today = cstDate(now);
  const until = addDaysText(today, rule.decisionDueSoonDays);
  const open = (await openDecisions(db, user.county.id)).filter(
    (d) => d.ownerUnit === unit && d.decision.deadline <= until,
  );
  const items: TodayItem[] = open.map((d) => ({
    key: `risk_decision:${d.meetingId}:${d.index}`,
    group: unit === "agency" ? "agency" : "office",
    title: `风险研判会议决定事项：${d.decision.text}`,
    status: measureStatus(d.decision.deadline, today),
    dueBy: `${d.decision.deadline}T23:59:59+08:00`,
    required: null,
    done: null,
    period: d.month,
    basis: DECISION_BASIS,
    basisCode: "riskMeetings.decisionDueSoonDays",
    office: { id: unit === "agency" ? user.county.id : unit, name: d.unitName },
    subject: null,
    mine: d.decision.ownerId === user.id,
    colour: null,
    detail: `${d.unitName}${d.month.replace("-", "年")}月风险研判分析会议决定，责任人${d.decision.ownerName}，完成时限 ${d.decision.deadline}`,
    missing: [],
    action: {
      kind: "risk_decision",
      subjectId: null,
      alertId: null,
      officeId: unit === "agency" ? null : unit,
      decision: { meetingId: d.meetingId, index: d.index },
    },
  }));
  return { items, revision: open.map((d) => `${d.meetingId}.${d.index}`).join(",") };
}

/** When each decision of a meeting was marked done, by whom, with what note. */
export async function doneOf(db: Kysely<Database>, meetingIds: number[]) {
  if (meetingIds.length === 0) return new Map<string, { note: string; by: string; at: string }>();
  const rows = await db
    .selectFrom("risk_decision_done")
    .innerJoin("app_user", "app_user.id", "risk_decision_done.done_by")
    .select([
      "risk_decision_done.meeting_id",
      "risk_decision_done.decision_index",
      "risk_decision_done.note",
      "risk_decision_done.done_at",
      "app_user.display_name",
    ])
    .where("risk_decision_done.meeting_id", "in", meetingIds)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.meeting_id}:${r.decision_index}`,
      { note: r.note, by: r.display_name, at: cstIso(new Date(r.done_at)) },
    ]),
  );
}
