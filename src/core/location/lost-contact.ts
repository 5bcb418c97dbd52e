// Rule 5, lost contact (失联): for a person who must report location, 24 h (profile) without any report
// since `monitoringFrom` or the last report opens an episode at that moment; for anyone, an
// `unreachable` record opens one at its instant. One episode at a time; the next report of any quality
// ends it. A lost-contact alert cites no report: what raised it is the absence of reports.
import { MS_PER_HOUR } from "../calendar/instant.ts";
import type { Episode, LocationTimeline } from "./timeline.ts";

type Contact = { kind: "report"; ms: number } | { kind: "unreachable"; ms: number };

/**
 * Reports and unreachable records in time order; at one instant reports come first, so an unreachable
 * record is ended only by a report made after it.
 */
function contacts(timeline: LocationTimeline): Contact[] {
  const all: Contact[] = [
    ...timeline.reports.map((r): Contact => ({ kind: "report", ms: r.ms })),
    ...timeline.unreachableMs.map((ms): Contact => ({ kind: "unreachable", ms })),
  ];
  return all.sort((a, b) => a.ms - b.ms || (a.kind === b.kind ? 0 : a.kind === "report" ? -1 : 1));
}

export function lostContactEpisodes(timeline: LocationTimeline): Episode[] {
  const { policy, mustReport } = timeline;
  const silenceMs = policy.alerts.lostContactAfterHoursWithoutLocation * MS_PER_HOUR;
  const episodes: Episode[] = [];
  let running: Episode | null = null;
  let lastReportMs = timeline.monitoringFromMs;

  const opened = (atMs: number): Episode => ({
    kind: "lost_contact",
    color: policy.alerts.colours.lost_contact,
    openedAtMs: atMs,
    open: true,
    reports: [],
    basis: policy.location.lostContact.basis,
    // Lost-contact episodes never share an opening instant: each ends at a report after it opened.
    rank: 0,
  });

  for (const contact of contacts(timeline)) {
    // The silence fires once the full period has passed with no report; a report exactly at its end
    // arrived in time.
    if (mustReport && running === null && lastReportMs + silenceMs < contact.ms) {
      running = opened(lastReportMs + silenceMs);
    }
    if (contact.kind === "unreachable") {
      if (running === null) running = opened(contact.ms);
      continue;
    }
    if (running !== null) {
      running.open = false;
      episodes.push(running);
      running = null;
    }
    lastReportMs = contact.ms;
  }
  // At `asOf` itself the period counts as passed: nothing more can arrive in it.
  if (mustReport && running === null && lastReportMs + silenceMs <= timeline.asOfMs) {
    running = opened(lastReportMs + silenceMs);
  }
  if (running !== null) episodes.push(running);
  return episodes;
}
