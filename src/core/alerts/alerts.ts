// Alerts (预警, policy.md "Alerts"; seed 003 four colours, seed 000 §九.3(1)): the colour of each kind,
// when lost contact is raised, by when an alert must be handled and when an unhandled one escalates.
// Instants are epoch milliseconds; the caller supplies them (no clock here).
import { MS_PER_HOUR } from "../calendar/instant.ts";
import type { ALERT_COLOURS, ALERT_KINDS, PolicyProfile } from "../policy/schema.ts";

export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertColour = (typeof ALERT_COLOURS)[number];

export function alertColour(policy: PolicyProfile, kind: AlertKind): AlertColour {
  return policy.alerts.colours[kind];
}

/**
 * A person who must report location and has sent none is lost from contact this long after the last
 * report (profile default 24 h); also raised at once when the person cannot be reached by phone.
 */
export function lostContactRaisedAt(policy: PolicyProfile, lastLocationReportMs: number): number {
  return lastLocationReportMs + policy.alerts.lostContactAfterHoursWithoutLocation * MS_PER_HOUR;
}

/** Every alert is handled (verified, recorded, closed) within 24 h of being raised. */
export function alertHandleBy(policy: PolicyProfile, raisedAtMs: number): number {
  return raisedAtMs + policy.alerts.handleWithinHours * MS_PER_HOUR;
}

/** An unhandled red alert escalates to the agency at once, the others after 24 h. */
export function alertEscalatesAt(policy: PolicyProfile, kind: AlertKind, raisedAtMs: number): number {
  return raisedAtMs + policy.alerts.escalateAfterHours[alertColour(policy, kind)] * MS_PER_HOUR;
}

export type AlertState = "handled" | "handled_late" | "open" | "overdue";

/** Where an alert stands at `asOfMs`: handled in time or late, or still open / overdue. */
export function alertState(
  policy: PolicyProfile,
  raisedAtMs: number,
  handledAtMs: number | null,
  asOfMs: number,
): AlertState {
  const due = alertHandleBy(policy, raisedAtMs);
  if (handledAtMs !== null && handledAtMs <= asOfMs) return handledAtMs <= due ? "handled" : "handled_late";
  return asOfMs > due ? "overdue" : "open";
}

/** The field visit after lost contact is due within 24 h of the alert (立即, read as 24 h). */
export function lostContactVisitDueBy(policy: PolicyProfile, alertRaisedAtMs: number): number {
  return alertRaisedAtMs + policy.obligations.lostContactVisit.withinHours * MS_PER_HOUR;
}
