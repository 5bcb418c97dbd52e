// The office and agency standards of one day (office-contract.md), judged by the rules engine's
// `evaluateOffice` from an office's loaded state: who was registered that day at which level and
// whether on leave, the checks of that day and the agency's visits of the month and quarter.
import {
  type CaseInput,
  formatDate,
  type OfficeResult,
  parseDate,
  periodEnd,
  periodStart,
} from "../../core/index.ts";
import { evaluateCountyOffice } from "../policy/county-policy.ts";
import { checksOn, kept, type OfficeState } from "./office-state.ts";

/** The level decided for a day: the last decision on or before it, the first one before any. */
export function levelOnDay(subject: CaseInput["subject"], day: string): string {
  const history = subject.levelHistory;
  if (!history || history.length === 0) return subject.level;
  let level = history[0]!.level;
  for (const step of history) if (step.from <= day) level = step.level;
  return level;
}

/**
 * Whether the person is on leave on `day`. A case's events are a year of history: the answer is kept
 * with the state per loaded case (a write reads the person's case anew, so only the written person is
 * looked at again).
 */
export function onLeave(state: OfficeState, input: CaseInput, day: string): boolean {
  let days = state.derived.leaveDays.get(input);
  if (!days) {
    days = new Map();
    state.derived.leaveDays.set(input, days);
  }
  let away = days.get(day);
  if (away === undefined) {
    away = input.events.some((e) => e.type === "leave" && e.from <= day && day <= e.to);
    days.set(day, away);
  }
  return away;
}

function registered(state: OfficeState, id: string, day: string): boolean {
  const s = state.subjects.get(id);
  return !!s && s.intakeDate <= day && day <= s.lastDay;
}

/**
 * Whom the agency's field-visit samples of `day`'s month and quarter are taken of (seed 000 §九.2(3)):
 * the key and strict persons registered on the month's first day, the normal ones on the quarter's.
 */
export interface SamplePopulations {
  month: { period: string; ids: string[] };
  quarter: { period: string; ids: string[] };
}
export function samplePopulations(state: OfficeState, day: string): SamplePopulations {
  const dayNumber = parseDate(day);
  const monthStart = formatDate(periodStart("month", dayNumber));
  const quarterStart = formatDate(periodStart("quarter", dayNumber));
  const keyOrStrict: string[] = [];
  const normal: string[] = [];
  for (const [id, input] of state.cases) {
    if (registered(state, id, monthStart)) {
      const level = levelOnDay(input.subject, monthStart);
      if (level === "key" || level === "strict") keyOrStrict.push(id);
    }
    if (registered(state, id, quarterStart) && levelOnDay(input.subject, quarterStart) === "normal")
      normal.push(id);
  }
  return {
    month: { period: `${monthStart}/${formatDate(periodEnd("month", dayNumber))}`, ids: keyOrStrict.sort() },
    quarter: { period: `${quarterStart}/${formatDate(periodEnd("quarter", dayNumber))}`, ids: normal.sort() },
  };
}

/**
 * The ten items of `day`, judged at `asOf` (the end of the day for a past day) by the county's rules;
 * judged once per state revision and instant (Today's items and its standards both ask for them).
 */
export function officeDay(state: OfficeState, day: string, asOf: Date): OfficeResult {
  return kept(state, `officeDay|${day}|${asOf.getTime()}`, () => judgeOfficeDay(state, day, asOf));
}

function judgeOfficeDay(state: OfficeState, day: string, asOf: Date): OfficeResult {
  const subjects: { id: string; level: "key" | "strict" | "normal"; onLeave: boolean }[] = [];
  const quarterStart = formatDate(periodStart("quarter", parseDate(day)));
  for (const [id, input] of state.cases)
    if (registered(state, id, day))
      subjects.push({
        id,
        level: levelOnDay(input.subject, day) as "key",
        onLeave: onLeave(state, input, day),
      });
  const populations = samplePopulations(state, day);
  const ids = new Set(subjects.map((s) => s.id));
  const asOfIso = `${new Date(asOf.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return evaluateCountyOffice(
    state.policy,
    {
      asOf: asOfIso,
      date: day,
      subjects,
      checks: checksOn(state, day)
        .filter((c) => ids.has(c.subjectId))
        .map((c) => ({ subjectId: c.subjectId, at: c.at, by: c.by, recordedAt: c.recordedAt })),
      visits: state.visits
        .filter((v) => v.by === "agency" && v.at >= `${quarterStart}T00:00:00+08:00`)
        .map((v) => ({ subjectId: v.subjectId, at: v.at, by: v.by, recordedAt: v.recordedAt })),
      registeredAtPeriodStart: {
        month: { keyOrStrict: populations.month.ids.length },
        quarter: { normal: populations.quarter.ids.length },
      },
    },
    { calendar: state.calendar },
  );
}
