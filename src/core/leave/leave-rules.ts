// Leave (请销假) as decision support for one application (leave-contract.md): who approves it, what
// forbids it (refusals), what needs the approver's written override (warnings), the checks while the
// person is away and when they must be back. Also when a month's leave files go to the agency. The
// rules are those of Community Correction Law Art. 27 (statutory.md), seed 000 §九.2(1)–(2), §九.3(2)
// and policy.md; every figure and basis is the profile's. People decide; the engine advises.
import {
  addMonths,
  type DayNumber,
  dayFromCivil,
  formatDate,
  packedCivil,
  parseDate,
} from "../calendar/days.ts";
import { cstDayOfInstant, formatEndOfDay, instantToMs } from "../calendar/instant.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import type { PolicyProfile } from "../policy/schema.ts";
import type { LeaveInput, LeaveKind, OtherLeave } from "./leave-schema.ts";

export {
  LEAVE_KINDS,
  type LeaveInput,
  type LeaveKind,
  leaveInputSchema,
  makeLeaveInputSchema,
  type OtherLeave,
  parseLeaveInput,
} from "./leave-schema.ts";

export type LeaveApprover = "none" | "office" | "agency";
export const LEAVE_REFUSAL_IDS = [
  "after_term_end",
  "crosses_term_end",
  "no_reason",
  "overlaps",
  "too_long",
] as const;
export type LeaveRefusalId = (typeof LEAVE_REFUSAL_IDS)[number];
export const LEAVE_WARNING_IDS = ["key_person", "proof_missing", "short_notice"] as const;
export type LeaveWarningId = (typeof LEAVE_WARNING_IDS)[number];
export const LEAVE_CHECK_IDS = ["agency_leave_check", "leave_phone_check", "leave_signin_check"] as const;
export type LeaveCheckId = (typeof LEAVE_CHECK_IDS)[number];
export type ReturnStatus = "met" | "late" | "overdue" | "open";

export interface LeaveRefusal {
  id: LeaveRefusalId;
  basis: string;
  /** `overlaps`: the ids of the approvals overlapped, sorted. */
  ids?: string[];
}

export interface LeaveWarning {
  id: LeaveWarningId;
  basis: string;
}

export interface LeaveCheck {
  id: LeaveCheckId;
  by: "office" | "agency";
  perDay: number;
  from: string;
  to: string;
  basis: string;
}

export interface ReturnDue {
  date: string;
  dueBy: string;
  status: ReturnStatus;
  basis: string;
}

export interface LeaveAdvice {
  subjectId: string;
  applicationId: string;
  kind: LeaveKind;
  /** T − F + 1 calendar days; null for move_house. */
  days: number | null;
  approver: { by: LeaveApprover; basis: string };
  refusals: LeaveRefusal[];
  warnings: LeaveWarning[];
  checksWhileAway: LeaveCheck[];
  returnDue: ReturnDue | null;
  overdue: boolean;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A basis text of the profile with its `{name}` placeholders filled. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

interface Period {
  from: DayNumber;
  to: DayNumber;
}

const overlaps = (a: Period, b: Period) => a.from <= b.to && b.from <= a.to;
const inside = (a: Period, b: Period) => b.from <= a.from && a.to <= b.to;
const periodOf = (l: OtherLeave): Period => ({ from: parseDate(l.from), to: parseDate(l.to) });

/** Who approves the application, and why (rule 1, the first that applies). */
function approverOf(
  profile: PolicyProfile,
  input: LeaveInput,
  days: number | null,
  away: Period | null,
): { by: LeaveApprover; basis: string } {
  const { application: a, subject } = input;
  const bases = profile.leave.bases;
  const statutory = profile.statutory.leave;
  if (a.kind !== "move_house" && a.destinationCounty === subject.residenceCounty) {
    return { by: "none", basis: bases.approver_none_same_county };
  }
  if (a.kind === "ordinary" && away) {
    const covering = input.otherLeaves.find(
      (l) =>
        l.kind === "standing" && l.destinationCounty === a.destinationCounty && inside(away, periodOf(l)),
    );
    if (covering) return { by: "none", basis: fill(bases.approver_none_standing, { id: covering.id }) };
  }
  if (a.kind === "move_house") return { by: "agency", basis: bases.approver_agency_move_house };
  if (a.kind === "standing") return { by: "agency", basis: bases.approver_agency_standing };
  const limit = statutory.officeApprovesUpToDays;
  if (days !== null && days > limit) {
    return { by: "agency", basis: fill(bases.approver_agency_long, { days: limit }) };
  }
  return { by: "office", basis: fill(bases.approver_office, { days: limit }) };
}

/** What must change before the application can be approved (rule 2), sorted by id. */
function refusalsOf(
  profile: PolicyProfile,
  input: LeaveInput,
  days: number | null,
  away: Period | null,
): LeaveRefusal[] {
  const { application: a } = input;
  const bases = profile.leave.bases;
  const statutory = profile.statutory.leave;
  const termEnd = parseDate(input.subject.termEnd);
  const from = parseDate(a.from);
  const refusals: LeaveRefusal[] = [];
  if (from > termEnd) refusals.push({ id: "after_term_end", basis: bases.term_end });
  else if (away && away.to > termEnd) refusals.push({ id: "crosses_term_end", basis: bases.term_end });
  if (a.reason.trim() === "") refusals.push({ id: "no_reason", basis: bases.no_reason });
  if (away) {
    // Ordinary leave may not share a day with another ordinary leave, wherever either goes; standing
    // approvals may not share a day with another standing approval to the same county.
    const clashing = input.otherLeaves.filter(
      (l) =>
        l.kind === a.kind &&
        (a.kind === "ordinary" || l.destinationCounty === a.destinationCounty) &&
        overlaps(away, periodOf(l)),
    );
    if (clashing.length > 0) {
      const ids = clashing.map((l) => l.id).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      refusals.push({ id: "overlaps", basis: bases.overlaps, ids });
    }
    if (a.kind === "ordinary" && days !== null && days > statutory.maxDaysPerApproval) {
      refusals.push({
        id: "too_long",
        basis: fill(bases.too_long_ordinary, { maxDays: statutory.maxDaysPerApproval }),
      });
    }
    // Term arithmetic (policy.md): the approval lasts "at most N months" when T + 1 day is on or
    // before F + N months (month-end clamping).
    if (a.kind === "standing" && away.to + 1 > addMonths(away.from, statutory.standingApprovalMaxMonths)) {
      refusals.push({
        id: "too_long",
        basis: fill(bases.too_long_standing, { months: statutory.standingApprovalMaxMonths }),
      });
    }
  }
  return refusals.sort(byId);
}

/** What the approver must override with a written reason (rule 3), sorted by id. */
function warningsOf(profile: PolicyProfile, input: LeaveInput): LeaveWarning[] {
  const { application: a, subject } = input;
  const bases = profile.leave.bases;
  const isLeave = a.kind === "ordinary" || a.kind === "standing";
  const warnings: LeaveWarning[] = [];
  if (isLeave && subject.level === "key" && profile.leave.keyPersonRefusedByDefault) {
    warnings.push({ id: "key_person", basis: bases.key_person });
  }
  if (!a.proofAttached) warnings.push({ id: "proof_missing", basis: bases.proof_missing });
  const daysAhead = profile.statutory.leave.applyDaysAhead;
  if (isLeave && parseDate(a.from) - cstDayOfInstant(a.appliedAt) < daysAhead) {
    warnings.push({ id: "short_notice", basis: fill(bases.short_notice, { daysAhead }) });
  }
  return warnings.sort(byId);
}

/** The checks of each day away (rule 4), sorted by id. */
function checksOf(profile: PolicyProfile, input: LeaveInput, away: Period): LeaveCheck[] {
  const level = input.subject.level;
  const from = formatDate(away.from);
  const to = formatDate(away.to);
  const { leave_signin_check: signin, leave_phone_check: phone } = profile.obligations;
  const agency = profile.leave.agencyCheck;
  const checks: LeaveCheck[] = [
    { id: "agency_leave_check", by: "agency", perDay: agency.perDay, from, to, basis: agency.basis },
  ];
  if (phone.levels.includes(level)) {
    checks.push({
      id: "leave_phone_check",
      by: "office",
      perDay: phone.perDay,
      from,
      to,
      basis: phone.basis,
    });
  }
  if (signin.levels.includes(level)) {
    checks.push({
      id: "leave_signin_check",
      by: "office",
      perDay: signin.perDay,
      from,
      to,
      basis: signin.basis,
    });
  }
  return checks.sort(byId);
}

/** When the person must be back, and whether they are (rule 5). */
function returnDueOf(profile: PolicyProfile, input: LeaveInput, lastDay: DayNumber): ReturnDue {
  const a = input.application;
  const asOfMs = instantToMs(input.asOf);
  // An approval or a return recorded after asOf has not happened yet.
  const happened = (at: string | null | undefined): at is string => at != null && instantToMs(at) <= asOfMs;
  let status: ReturnStatus = "open";
  if (happened(a.returnedAt)) status = cstDayOfInstant(a.returnedAt) <= lastDay ? "met" : "late";
  else if (happened(a.approvedAt) && cstDayOfInstant(input.asOf) > lastDay) status = "overdue";
  return {
    date: formatDate(lastDay),
    dueBy: formatEndOfDay(lastDay),
    status,
    basis: profile.leave.bases.return_due,
  };
}

/** The leave rules' judgement of one application (leave-contract.md "Rules, exactly"). */
export function adviseLeave(input: LeaveInput, options: { registry?: PolicyRegistry } = {}): LeaveAdvice {
  const registry = options.registry ?? defaultRegistry;
  const profile = registry.get(input.policy ?? DEFAULT_POLICY_ID);
  const a = input.application;
  const away: Period | null =
    a.kind === "move_house" || a.to == null ? null : { from: parseDate(a.from), to: parseDate(a.to) };
  const days = away ? away.to - away.from + 1 : null;
  const approver = approverOf(profile, input, days, away);
  const base = { subjectId: input.subject.id, applicationId: a.id, kind: a.kind, days, approver };
  if (approver.by === "none") {
    return { ...base, refusals: [], warnings: [], checksWhileAway: [], returnDue: null, overdue: false };
  }
  const refusals = refusalsOf(profile, input, days, away);
  const warnings = warningsOf(profile, input);
  const daysAway = a.kind === "ordinary" ? away : null;
  const checksWhileAway = daysAway ? checksOf(profile, input, daysAway) : [];
  const returnDue = daysAway ? returnDueOf(profile, input, daysAway.to) : null;
  return {
    ...base,
    refusals,
    warnings,
    checksWhileAway,
    returnDue,
    overdue: returnDue?.status === "overdue",
  };
}

/**
 * The leave files of a month are handed to the agency by the end of the 10th of the next month
 * (次月10日前, read as inclusive). `dayInMonth` is any day of the month the files cover.
 */
export function leaveFilesDueDay(policy: PolicyProfile, dayInMonth: DayNumber): DayNumber {
  const next = packedCivil(addMonths(dayInMonth, 1));
  return dayFromCivil(
    Math.floor(next / 10000),
    Math.floor(next / 100) % 100,
    policy.leave.filesHandedInByDayOfNextMonth,
  );
}
