// National rules of the Community Correction Law and its implementing measures (statutory.md) that
// are dates and thresholds: handover clocks after a judgment, and the sanction ladder for time out of
// supervision. The numbers are the profile's.
import type { DayNumber } from "../calendar/days.ts";
import type { PolicyProfile } from "../policy/schema.ts";

export interface HandoverClocks {
  /** The deciding organ notifies the agency (Art. 20). */
  notifyAgencyBy: DayNumber;
  /** The documents reach the agency (Art. 20). */
  documentsBy: DayNumber;
  /** The subject reports, or is handed over for temporary release (Art. 21). */
  reportBy: DayNumber;
  /** The day a missed report raises the 漏管 alert: the day after the deadline. */
  alertOn: DayNumber;
  basis: string;
}

export function handoverClocks(
  policy: PolicyProfile,
  judgmentEffective: DayNumber,
  correctionType: "probation" | "parole" | "control" | "temporary_release",
): HandoverClocks {
  const h = policy.statutory.handover;
  const reportDays =
    correctionType === "temporary_release" ? h.temporaryReleaseHandoverWithinDays : h.reportWithinDays;
  const reportBy = judgmentEffective + reportDays;
  return {
    notifyAgencyBy: judgmentEffective + h.notifyAgencyWithinDays,
    documentsBy: judgmentEffective + h.deliverDocumentsWithinDays,
    reportBy,
    alertOn: reportBy + h.alertDayAfterMissedDeadline,
    basis: h.basis,
  };
}

export type ProposedMeasure = "reprimand" | "warning" | "revocation_request";

/**
 * The measure the ladder proposes for a time out of supervision (脱管) from `from` to `to` (days,
 * inclusive): up to 10 days a reprimand, more than 10 days a warning, more than one month a
 * revocation request. The office decides.
 */
export function measureForOutOfSupervision(
  policy: PolicyProfile,
  from: DayNumber,
  to: DayNumber,
): ProposedMeasure {
  const ladder = policy.statutory.sanctionLadder;
  const days = to - from + 1;
  // "More than one month" is more than 30 days, whatever the month (sanctions-contract.md).
  if (days > ladder.topOutOfSupervisionMoreThanDays) return "revocation_request";
  if (days > ladder.reprimandOutOfSupervisionUpToDays) return "warning";
  return "reprimand";
}
