// Leave (请销假): the checks an application meets before approval, who approves it, and when the month's
// leave files go to the agency (seed 000 §九.2(2), §九.3(2); Community Correction Law Art. 27 and the
// implementing measures' profile defaults).
import { addMonths, type DayNumber, dayFromCivil, packedCivil } from "../calendar/days.ts";
import type { Level, PolicyProfile } from "../policy/schema.ts";

export interface LeaveApplication {
  level: Level;
  from: DayNumber;
  to: DayNumber;
  appliedOn: DayNumber;
  /** The approver's override of the key-person refusal, with its written reason. */
  override: { reason: string } | null;
}

export interface LeaveProblem {
  code: "key_person_refused" | "too_long" | "applied_late" | "ends_before_start";
  basis: string;
}

export interface LeaveAdvice {
  /** Days away, both ends included. */
  days: number;
  approver: "office" | "agency";
  problems: LeaveProblem[];
}

/** What the rules say of an application; approval itself stays with the approver. */
export function adviseLeave(policy: PolicyProfile, application: LeaveApplication): LeaveAdvice {
  const statutory = policy.statutory.leave;
  const days = application.to - application.from + 1;
  const problems: LeaveProblem[] = [];
  if (days < 1) problems.push({ code: "ends_before_start", basis: statutory.basis });
  if (
    policy.leave.keyPersonRefusedByDefault &&
    application.level === "key" &&
    !application.override?.reason
  ) {
    problems.push({ code: "key_person_refused", basis: policy.leave.basis });
  }
  if (days > statutory.maxDaysPerApproval) problems.push({ code: "too_long", basis: statutory.basis });
  if (application.appliedOn > application.from - statutory.applyDaysAhead) {
    problems.push({ code: "applied_late", basis: statutory.basis });
  }
  return { days, approver: days <= statutory.officeApprovesUpToDays ? "office" : "agency", problems };
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
