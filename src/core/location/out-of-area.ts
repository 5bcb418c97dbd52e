// Rule 3, out of area (越界): an outside report opens a yellow "possible" episode; two consecutive
// acceptable reports of the episode, both outside and 10–60 minutes apart, make it red; the next inside
// report ends it. Rule 2 decides inside / outside / uncertain against the area allowed that day.
import { MS_PER_MINUTE } from "../calendar/instant.ts";
import { type Area, areaContains, distanceOutsideM, type LonLat } from "./geometry.ts";
import type { Episode, LocationTimeline, TimedReport } from "./timeline.ts";

export type Placement = "inside" | "outside" | "uncertain";

/** The execution area plus the destination of every leave whose days include the report's CST day. */
export function allowedAreas(timeline: LocationTimeline, report: TimedReport): Area[] {
  const areas = [timeline.execution];
  for (const leave of timeline.leaves) {
    if (leave.from <= report.day && report.day <= leave.to) areas.push(leave.area);
  }
  return areas;
}

/**
 * Inside when the point lies in an allowed area; outside only when it lies farther from all of them
 * than its accuracy (its whole accuracy circle is outside); otherwise uncertain.
 */
export function placement(areas: readonly Area[], point: LonLat, accuracyM: number): Placement {
  if (areas.some((a) => areaContains(a, point))) return "inside";
  const nearest = Math.min(...areas.map((a) => distanceOutsideM(a, point)));
  return nearest > accuracyM ? "outside" : "uncertain";
}

export function outOfAreaEpisodes(timeline: LocationTimeline): Episode[] {
  const { policy } = timeline;
  const rule = policy.location.outOfArea;
  const minGap = rule.confirmMinMinutes * MS_PER_MINUTE;
  const maxGap = rule.confirmMaxMinutes * MS_PER_MINUTE;
  const episodes: Episode[] = [];
  let episode: Episode | null = null;
  // The previous acceptable report of the running episode, when it was outside: an uncertain report in
  // between breaks the pair, a low-quality one (not acceptable) is not looked at.
  let previousOutsideMs: number | null = null;

  for (const [rank, report] of timeline.acceptable.entries()) {
    const place = placement(allowedAreas(timeline, report), report.point, report.accuracyM);
    if (episode === null) {
      if (place !== "outside") continue;
      episode = {
        kind: "possible_out_of_area",
        color: rule.possibleColour,
        openedAtMs: report.ms,
        open: true,
        reports: [report.index],
        basis: rule.basis,
        rank,
      };
      previousOutsideMs = report.ms;
      continue;
    }
    if (place === "inside") {
      episode.open = false;
      episodes.push(episode);
      episode = null;
      previousOutsideMs = null;
      continue;
    }
    if (place === "outside") {
      episode.reports.push(report.index);
      if (previousOutsideMs !== null) {
        const gap = report.ms - previousOutsideMs;
        if (gap >= minGap && gap <= maxGap) {
          episode.kind = "out_of_area";
          episode.color = policy.alerts.colours.out_of_area;
        }
      }
      previousOutsideMs = report.ms;
    } else {
      previousOutsideMs = null;
    }
  }
  if (episode !== null) episodes.push(episode);
  return episodes;
}
