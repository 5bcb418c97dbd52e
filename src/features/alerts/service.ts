// Alerts (预警, policy.md "Alerts"): raised by an abnormal check, by the sweep for what the rules engine
// finds overdue, or by a worker; each must be handled within 24 h and escalates as the profile says.
// Colours and times come from the policy profile through src/core; nothing here is a policy number.
import type { Kysely } from "kysely";
import "./tables.ts";
import { type Actor, writeAudits } from "../../audit/audit.ts";
import {
  ALERT_KINDS,
  type AlertColour,
  type AlertKind,
  alertColour,
  alertEscalatesAt,
  alertHandleBy,
  MS_PER_HOUR,
  type PolicyProfile,
} from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";

export const alertKinds = ALERT_KINDS;
/** Kinds raised only by the location rules, whose colour the rules give (`NewAlert.colour`). */
export type LocationOnlyKind = "possible_out_of_area" | "suspected_separation";

export interface NewAlert {
  countyId: string;
  officeId: string;
  subjectId: string | null;
  kind: AlertKind | LocationOnlyKind;
  /**
   * The colour, when the rules that raised it decide it (the location rules: a possible out-of-area
   * and a suspected separation take their colour from the profile's location section).
   */
  colour?: AlertColour;
  /** What raised it, unique: raising the same source twice changes nothing. */
  source: string;
  basis: string;
  summary: string;
  raisedAt: Date;
  raisedBy: string | null;
  caseEventId?: number | null;
}

/**
 * Raises an alert unless one with the same source exists; returns its id when it was new. Colour and
 * times come from `policy`, the profile of the alert's county.
 */
export async function raiseAlert(
  trx: Kysely<Database>,
  actor: Actor,
  alert: NewAlert,
  policy: PolicyProfile,
): Promise<number | null> {
  return (await raiseAlerts(trx, actor, [{ alert, policy }])).get(alert.source) ?? null;
}

/**
 * Raises several alerts in one statement (and their audit rows in another), each unless one with its
 * source exists; returns the ids of those that were new, by source.
 */
export async function raiseAlerts(
  trx: Kysely<Database>,
  actor: Actor,
  alerts: readonly { alert: NewAlert; policy: PolicyProfile }[],
): Promise<Map<string, number>> {
  if (alerts.length === 0) return new Map();
  const rows = await trx
    .insertInto("alert")
    .values(alerts.map(({ alert, policy }) => alertRow(alert, policy)))
    .onConflict((oc) => oc.column("source").doNothing())
    .returning(["id", "source"])
    .execute();
  const raised = new Map(rows.map((r) => [r.source, r.id]));
  await writeAudits(
    trx,
    actor,
    alerts.flatMap(({ alert }) => {
      const id = raised.get(alert.source);
      return id === undefined
        ? []
        : [
            {
              action: "alert.raise",
              recordType: "alert",
              recordId: String(id),
              subjectId: alert.subjectId ?? undefined,
              placeId: alert.officeId,
              details: { kind: alert.kind, source: alert.source },
            },
          ];
    }),
  );
  return raised;
}

function alertRow(alert: NewAlert, policy: PolicyProfile) {
  const raisedMs = alert.raisedAt.getTime();
  const colour = alert.colour ?? alertColour(policy, alert.kind as AlertKind);
  return {
    county_id: alert.countyId,
    office_id: alert.officeId,
    subject_id: alert.subjectId,
    kind: alert.kind,
    colour,
    source: alert.source,
    basis: alert.basis,
    summary: alert.summary,
    raised_at: alert.raisedAt,
    due_by: new Date(alertHandleBy(policy, raisedMs)),
    escalates_at: new Date(
      alert.colour === undefined
        ? alertEscalatesAt(policy, alert.kind as AlertKind, raisedMs)
        : raisedMs + policy.alerts.escalateAfterHours[alert.colour] * MS_PER_HOUR,
    ),
    raised_by: alert.raisedBy,
    case_event_id: alert.caseEventId ?? null,
  };
}
