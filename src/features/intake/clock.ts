// The statutory clock of a handover (Community Correction Law Arts. 20–21): the person reports within
// the profile's number of days of the judgment taking effect (temporary release: is handed over). The
// numbers and the basis come from the policy profile through the rules engine's `handoverClocks`.
import { formatDate, handoverClocks, type PolicyProfile, parseDate } from "../../core/index.ts";
import type { CorrectionType } from "../../db/schema.ts";
import { basisText, handoverClockStatusLabel } from "../../glossary.ts";

export type ClockStatus = "open" | "overdue" | "met" | "late";

export interface HandoverClock {
  reportBy: string;
  alertOn: string;
  status: ClockStatus;
  statusLabel: string;
  /** Days from today to the deadline (negative once passed). */
  daysLeft: number;
  basis: string;
}

export function handoverClock(
  effectiveDate: string,
  correctionType: CorrectionType,
  registeredOn: string | null,
  today: string,
  /** The profile of the county that receives the person. */
  policy: PolicyProfile,
): HandoverClock {
  const clocks = handoverClocks(policy, parseDate(effectiveDate), correctionType);
  const done = registeredOn === null ? null : parseDate(registeredOn);
  const now = parseDate(today);
  const status: ClockStatus =
    done !== null ? (done <= clocks.reportBy ? "met" : "late") : now > clocks.reportBy ? "overdue" : "open";
  return {
    reportBy: formatDate(clocks.reportBy),
    alertOn: formatDate(clocks.alertOn),
    status,
    statusLabel: handoverClockStatusLabel[status] ?? status,
    daysLeft: clocks.reportBy - now,
    basis: basisText(clocks.basis),
  };
}
