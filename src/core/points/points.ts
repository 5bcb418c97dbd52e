// Points-based levels (积分考核, seed 004): a person's monthly score from what was recorded in the
// month — reports made, study and public-service hours, violations and sanctions — by the profile's
// points table, and the level the score proposes (strict / normal / lenient). Pure: the caller reads
// the events; the office head decides the level as any other level decision.
import type { Level, PolicyProfile } from "../policy/schema.ts";

export type PointsRule = PolicyProfile["points"];
export type PointsItem = keyof PointsRule["items"];

/** A recorded event as the score reads it: its type, its kind (sanctions), its hours (study, service). */
export interface PointsEvent {
  type: string;
  kind?: string | null;
  hours?: number | null;
  /** The CST date of the event. */
  date: string;
}

export interface PointsLine {
  item: PointsItem;
  /** How many (reports, violations, sanctions) or how many hours (study, service). */
  count: number;
  points: number;
  subtotal: number;
}

export interface MonthlyScore {
  month: string;
  base: number;
  lines: PointsLine[];
  /** Base plus the lines, kept between 0 and the profile's maximum. */
  score: number;
}

/** The item an event counts for, and how much of it (1, or its hours). */
function itemOf(e: PointsEvent): { item: PointsItem; amount: number } | null {
  switch (e.type) {
    case "phone_report":
    case "in_person_report":
    case "violation":
      return { item: e.type, amount: 1 };
    case "education":
      return { item: "education_hour", amount: Math.max(0, e.hours ?? 0) };
    case "public_service":
      return { item: "public_service_hour", amount: Math.max(0, e.hours ?? 0) };
    case "sanction":
      return e.kind === "reprimand" || e.kind === "warning" || e.kind === "public_security_penalty"
        ? { item: e.kind, amount: 1 }
        : null;
    default:
      return null;
  }
}

/** The score of `month` (YYYY-MM) from the events of that month (others are ignored). */
export function monthlyScore(events: readonly PointsEvent[], month: string, rule: PointsRule): MonthlyScore {
  const counts = new Map<PointsItem, number>();
  for (const e of events) {
    if (e.date.slice(0, 7) !== month) continue;
    const hit = itemOf(e);
    if (hit) counts.set(hit.item, (counts.get(hit.item) ?? 0) + hit.amount);
  }
  const lines = (Object.keys(rule.items) as PointsItem[])
    .filter((item) => counts.has(item))
    .map((item) => {
      const count = counts.get(item)!;
      return { item, count, points: rule.items[item], subtotal: count * rule.items[item] };
    });
  const raw = rule.base + lines.reduce((sum, l) => sum + l.subtotal, 0);
  return { month, base: rule.base, lines, score: Math.min(rule.max, Math.max(0, raw)) };
}

/**
 * The level a score proposes for a person at `current`, or null when it proposes no change. Key
 * persons are kept by the key-person criteria, never by points; lenient only where the profile
 * enables it. Below `strictBelow` → strict; a strict person at `normalAtLeast` or more → normal; a
 * normal person at `lenientAtLeast` or more → lenient; a lenient person below `normalAtLeast` → normal.
 */
export function levelFromScore(
  current: Level,
  score: number,
  rule: PointsRule,
  lenientEnabled: boolean,
): Level | null {
  if (current === "key") return null;
  if (score < rule.strictBelow) return current === "strict" ? null : "strict";
  if (current === "strict") return score >= rule.normalAtLeast ? "normal" : null;
  if (current === "normal") return lenientEnabled && score >= rule.lenientAtLeast ? "lenient" : null;
  // lenient
  return score < rule.normalAtLeast ? "normal" : null;
}
