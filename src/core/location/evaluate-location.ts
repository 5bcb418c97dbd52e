// `evaluateLocation`: one person's location alerts as of an instant (location.md "The location rules'
// contract"). Pure: the time is the input's `asOf`, every number is the policy profile's.
import type { AlertColour } from "../alerts/alerts.ts";
import { formatDate } from "../calendar/days.ts";
import { CST_OFFSET_MS, MS_PER_DAY } from "../calendar/instant.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import type { LocationInput } from "./location-schema.ts";
import { lostContactEpisodes } from "./lost-contact.ts";
import { outOfAreaEpisodes } from "./out-of-area.ts";
import { prohibitedPlaceEpisodes } from "./prohibited-place.ts";
import { separationEpisodes } from "./separation.ts";
import { buildTimeline, type Episode, type LocationAlertKind } from "./timeline.ts";

export interface LocationAlert {
  kind: LocationAlertKind;
  color: AlertColour;
  /** ISO 8601 in CST (`+08:00`), like every instant the engine prints. */
  openedAt: string;
  /** The episode is still running at `asOf`. */
  open: boolean;
  /** Indexes into the input `reports` of the reports that raised the alert or were attached to it. */
  reports: number[];
  /** Only for `prohibited_place`. */
  zoneId?: string;
  basis: string;
}

export interface LocationResult {
  subjectId: string;
  alerts: LocationAlert[];
}

export interface EvaluateLocationOptions {
  /** Where `input.policy` is looked up; the shipped profiles by default. */
  registry?: PolicyRegistry;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** An instant as `YYYY-MM-DDTHH:MM:SS+08:00`, with milliseconds only when there are some. */
export function formatCstInstant(ms: number): string {
  const local = ms + CST_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const inDay = local - day * MS_PER_DAY;
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor(inDay / 60_000) % 60;
  const s = Math.floor(inDay / 1000) % 60;
  const fraction = inDay % 1000;
  const millis = fraction === 0 ? "" : `.${String(fraction).padStart(3, "0")}`;
  return `${formatDate(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}${millis}+08:00`;
}

/** Sorted by `openedAt`, then `kind` (the contract); then zone and time order, so ties are stable. */
function compareEpisodes(a: Episode, b: Episode): number {
  if (a.openedAtMs !== b.openedAtMs) return a.openedAtMs - b.openedAtMs;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const za = a.zoneId ?? "";
  const zb = b.zoneId ?? "";
  if (za !== zb) return za < zb ? -1 : 1;
  return a.rank - b.rank;
}

function toAlert(e: Episode): LocationAlert {
  return {
    kind: e.kind,
    color: e.color,
    openedAt: formatCstInstant(e.openedAtMs),
    open: e.open,
    reports: e.reports,
    ...(e.zoneId === undefined ? {} : { zoneId: e.zoneId }),
    basis: e.basis,
  };
}

/**
 * Evaluates input that `parseLocationInput` accepted. Throws `UnknownPolicyError` for a policy id the
 * registry lacks.
 */
export function evaluateLocation(
  input: LocationInput,
  options: EvaluateLocationOptions = {},
): LocationResult {
  const registry = options.registry ?? defaultRegistry;
  const timeline = buildTimeline(input, registry.get(input.policy ?? DEFAULT_POLICY_ID));
  const episodes = [
    ...outOfAreaEpisodes(timeline),
    ...prohibitedPlaceEpisodes(timeline),
    ...lostContactEpisodes(timeline),
    ...separationEpisodes(timeline),
  ];
  return { subjectId: input.subject.id, alerts: episodes.sort(compareEpisodes).map(toAlert) };
}
