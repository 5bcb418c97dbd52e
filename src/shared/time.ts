// China Standard Time helpers for the server side (the rules engine has its own calendar in core/).
// China has no daylight saving time: CST is always UTC+8.
import { ageOn as coreAgeOn, parseDate } from "../core/index.ts";

const CST_OFFSET_MS = 8 * 3_600_000;

/** The CST calendar date ('YYYY-MM-DD') of an instant. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the +08:00 offset, as the API and documents show it. */
export function cstIso(instant: Date): string {
  return `${new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Completed years of age (周岁) on `onDate`, counted as the rules engine counts it. */
export function ageOn(birthDate: string, onDate: string): number {
  return coreAgeOn(parseDate(birthDate), parseDate(onDate));
}
