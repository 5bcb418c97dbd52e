// Rule 4, prohibited place (进入禁止区域): per zone, an acceptable report whose point lies in the zone
// opens an episode, later ones in the zone are attached, the next acceptable report outside ends it.
// The point alone decides (not its accuracy circle): the zone is small and the breach serious, so a
// worker checks every acceptable report that falls in it.
import { areaContains } from "./geometry.ts";
import type { Episode, LocationTimeline } from "./timeline.ts";

export function prohibitedPlaceEpisodes(timeline: LocationTimeline): Episode[] {
  const { policy } = timeline;
  const episodes: Episode[] = [];
  for (const zone of timeline.prohibited) {
    let episode: Episode | null = null;
    for (const [rank, report] of timeline.acceptable.entries()) {
      if (areaContains(zone.area, report.point)) {
        if (episode === null) {
          episode = {
            kind: "prohibited_place",
            color: policy.alerts.colours.prohibited_place,
            openedAtMs: report.ms,
            open: true,
            reports: [],
            zoneId: zone.id,
            basis: policy.location.prohibitedPlace.basis,
            rank,
          };
        }
        episode.reports.push(report.index);
      } else if (episode !== null) {
        episode.open = false;
        episodes.push(episode);
        episode = null;
      }
    }
    if (episode !== null) episodes.push(episode);
  }
  return episodes;
}
