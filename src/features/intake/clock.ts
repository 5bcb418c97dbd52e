// The statutory clock of a handover (Community Correction Law Arts. 20–21): the person reports within
// the profile's number of days of the judgment taking effect (temporary release: is handed over). The
// numbers and the basis come from the policy profile through the rules engine's `handoverClocks`.
import { formatDate, getPolicy, handoverClocks, parseDate } from "../../core/index.ts";
import type { CorrectionType } from "../../db/schema.ts";
import { handoverClockStatusLabel } from "../../glossary.ts";

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
): HandoverClock {
  const clocks = handoverClocks(getPolicy(), parseDate(effectiveDate), correctionType);
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

/** The basis of a rule as a worker reads it: the source documents' Chinese names. */
export function basisText(basis: string): string {
  return basis
    .replace(/Community Correction Law Arts?\.\s*([\d–-]+)/g, "《社区矫正法》第$1条")
    .replace(/seed 000\s*/g, "《一人一册实施方案》")
    .replace(/seed 001\s*/g, "《关于进一步加强社区矫正工作的意见》")
    .replace(/implementing measures/g, "《社区矫正法实施办法》")
    .replace(/phase (\d)(?::.*)?$/, (_, n: string) => `第${"一二三"[Number(n) - 1] ?? n}阶段`)
    .replace(/\(profile default\)/g, "（本县默认设置）")
    .replace(/profile default/g, "本县默认设置");
}
