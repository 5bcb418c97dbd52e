// Rule 6, suspected separation (人机分离): for a person who must report location, a run of consecutive
// acceptable reports each within 30 m of the run's first report — a phone left lying somewhere — whose
// first report is more than 200 m from the registered residence, opens an episode at the first report
// that makes the run span 12 h or more. The run's reports are attached; the first acceptable report
// beyond 30 m ends the run (and the episode) and starts the next run.
import { MS_PER_HOUR } from "../calendar/instant.ts";
import { distanceM } from "./geometry.ts";
import type { Episode, LocationTimeline, TimedReport } from "./timeline.ts";

interface Run {
  first: TimedReport;
  rank: number;
  /** The first report is far enough from the residence for the run to count. */
  awayFromResidence: boolean;
  reports: number[];
  openedAtMs: number | null;
}

export function separationEpisodes(timeline: LocationTimeline): Episode[] {
  const { policy } = timeline;
  if (!timeline.mustReport) return [];
  const rule = policy.location.separation;
  const minSpanMs = rule.minSpanHours * MS_PER_HOUR;
  const episodes: Episode[] = [];
  const close = (run: Run | null, open: boolean) => {
    if (run === null || run.openedAtMs === null) return;
    episodes.push({
      kind: "suspected_separation",
      color: rule.colour,
      openedAtMs: run.openedAtMs,
      open,
      reports: run.reports,
      basis: rule.basis,
      rank: run.rank,
    });
  };

  let run: Run | null = null;
  for (const [rank, report] of timeline.acceptable.entries()) {
    if (run !== null && distanceM(run.first.point, report.point) <= rule.withinM) {
      run.reports.push(report.index);
      if (run.awayFromResidence && run.openedAtMs === null && report.ms - run.first.ms >= minSpanMs) {
        run.openedAtMs = report.ms;
      }
      continue;
    }
    close(run, false);
    run = {
      first: report,
      rank,
      awayFromResidence: distanceM(timeline.residence, report.point) > rule.awayFromResidenceM,
      reports: [report.index],
      openedAtMs: null,
    };
  }
  close(run, true);
  return episodes;
}
