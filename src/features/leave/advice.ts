// From the database to the leave rules (src/core/leave): the engine's input for one application as
// stored (or as drafted on the form), and its advice. The server decides nothing the engine did not
// say: who approves, what forbids approval, what needs an override, the checks and the return.
import type { Kysely } from "kysely";
import { adviseLeave, type LeaveAdvice, type LeaveInput, parseLeaveInput } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { badInput } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CountyPolicy } from "../policy/county-policy.ts";
import "./tables.ts";
import type { LeaveKind } from "./tables.ts";

export interface LeaveDraft {
  id: string;
  kind: LeaveKind;
  from: string;
  to: string | null;
  destinationCounty: string;
  reason: string;
  proofAttached: boolean;
  appliedAt: Date;
  approvedAt: Date | null;
  returnedAt: Date | null;
}

export interface SubjectFacts {
  id: string;
  level: string;
  correctionType: string;
  termEnd: string;
  releaseDate: string | null;
  countyId: string;
}

/** The last day a leave really covered: the day before an early return, else its last day. */
export function effectiveLastDay(to: string, returnedAt: Date | null): string {
  if (!returnedAt) return to;
  const back = cstDate(returnedAt);
  if (back > to) return to;
  const d = new Date(`${back}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The person's approvals already given (ordinary leave and standing approvals), as the engine's
 * `otherLeaves`: approved applications other than this one, and approved leaves recorded before the
 * leave feature (plain `leave` events).
 */
export async function otherLeaves(
  db: Kysely<Database>,
  subjectId: string,
  exceptId: string | null,
): Promise<LeaveInput["otherLeaves"]> {
  const [applications, events] = await Promise.all([
    db
      .selectFrom("leave_application")
      .select(["id", "kind", "from_date", "to_date", "destination_county", "returned_at", "leave_event_id"])
      .where("subject_id", "=", subjectId)
      .where("status", "in", ["approved", "closed"])
      .where("kind", "in", ["ordinary", "standing"])
      .execute(),
    db
      .selectFrom("case_event")
      .select(["id", "at", "end_date"])
      .where("subject_id", "=", subjectId)
      .where("type", "=", "leave")
      .execute(),
  ]);
  const linked = new Set(applications.map((a) => a.leave_event_id).filter((id) => id !== null));
  const out: LeaveInput["otherLeaves"] = [];
  for (const a of applications) {
    if (a.id === exceptId || a.to_date === null) continue;
    const to = a.kind === "ordinary" ? effectiveLastDay(a.to_date, a.returned_at) : a.to_date;
    if (to < a.from_date) continue; // back before it began: no day was away
    out.push({
      id: a.id,
      kind: a.kind as "ordinary" | "standing",
      from: a.from_date,
      to,
      destinationCounty: a.destination_county,
    });
  }
  for (const e of events) {
    if (linked.has(e.id) || !e.end_date) continue;
    const from = cstDate(e.at);
    if (e.end_date < from) continue;
    // An older leave's destination is not a division code: it is counted as leave elsewhere.
    out.push({ id: `event-${e.id}`, kind: "ordinary", from, to: e.end_date, destinationCounty: "000000" });
  }
  return out;
}

/** The engine's input for an application of this subject as of `now`. */
export async function leaveInput(
  db: Kysely<Database>,
  subject: SubjectFacts,
  draft: LeaveDraft,
  now: Date,
): Promise<LeaveInput> {
  const level = subject.level === "lenient" ? "normal" : subject.level;
  return {
    asOf: cstIso(now),
    subject: {
      id: subject.id,
      level: level as LeaveInput["subject"]["level"],
      correctionType: subject.correctionType as LeaveInput["subject"]["correctionType"],
      termEnd:
        subject.releaseDate && subject.releaseDate < subject.termEnd ? subject.releaseDate : subject.termEnd,
      residenceCounty: subject.countyId,
    },
    application: {
      id: draft.id,
      kind: draft.kind,
      from: draft.from,
      to: draft.kind === "move_house" ? null : draft.to,
      destinationCounty: draft.destinationCounty,
      reason: draft.reason,
      proofAttached: draft.proofAttached,
      // Filed "now" on the form: never after asOf.
      appliedAt: cstIso(draft.appliedAt.getTime() > now.getTime() ? now : draft.appliedAt),
      approvedAt: draft.approvedAt ? cstIso(draft.approvedAt) : null,
      returnedAt: draft.returnedAt ? cstIso(draft.returnedAt) : null,
    },
    otherLeaves: await otherLeaves(db, subject.id, draft.id),
  };
}

/** Map of the engine's JSON paths to the form's field names, for a 400 that names the field. */
const FORM_FIELD: Record<string, string> = {
  "application.from": "from",
  "application.to": "to",
  "application.destinationCounty": "destinationCounty",
  "application.reason": "reason",
  "application.kind": "kind",
};

/** The engine's advice; input the engine refuses is the user's bad input, naming the form's field. */
export function advise(input: LeaveInput, policy: CountyPolicy): LeaveAdvice {
  const parsed = parseLeaveInput(input);
  if (!parsed.ok) {
    const field = FORM_FIELD[parsed.problem.path] ?? parsed.problem.path;
    const message =
      field === "to"
        ? "结束日期不能早于开始日期"
        : field === "destinationCounty"
          ? "请选择目的地所在的县（市、区）"
          : `申请内容有误（${parsed.problem.path}），请检查`;
    throw badInput(field, message);
  }
  return adviseLeave({ ...parsed.value, policy: policy.profile.id }, { registry: policy.registry });
}
