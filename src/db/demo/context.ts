// What the history generators share: the staff who record events, the window of history, the level
// on a day, and the sink that collects events and stamps when they were recorded.
import type { Role } from "../schema.ts";
import { addDays, addSeconds, daysBetween, isWorkday, maxDate, minDate } from "./calendar.ts";
import type { Person } from "./people.ts";
import type { Rng } from "./random.ts";

export interface StaffRef {
  id: string;
  role: Role;
}

/** The people of one office who record events; offices without a role fall back to the assistant. */
export interface Crew {
  head: StaffRef;
  assistant: StaffRef;
  psych: StaffRef;
  social: StaffRef;
  team: StaffRef[];
}

/** County agency staff; null for the small other county, whose agency the demo leaves unstaffed. */
export interface AgencyCrew {
  head: StaffRef;
  staff: StaffRef[];
}

export interface DemoEvent {
  subjectId: string;
  officeId: string;
  type: string;
  at: string;
  endDate: string | null;
  kind: string | null;
  byRole: string | null;
  data: Record<string, unknown>;
  recordedBy: string | null;
  recordedAt: string;
}

export interface HistoryContext {
  today: string;
  /** The instant the history stops: today 08:00 CST. */
  end: string;
  crews: Map<string, Crew>;
  agencies: Map<string, AgencyCrew | null>;
}

export const HISTORY_DAYS = 365;

/** The first day with routine history for a person: the day after intake, at most a year back. */
export function historyStart(person: Person, today: string): string {
  return maxDate(addDays(person.intakeDate, 1), addDays(today, -HISTORY_DAYS));
}

/** The last day under correction that has history: release or term end, at most today. */
export function historyEnd(person: Person, today: string): string {
  return minDate(person.releaseDate ?? person.termEnd, today);
}

export function lastDay(person: Person): string {
  return person.releaseDate ?? person.termEnd;
}

/** The level decided for a day: the last decision on or before it (the first before intake). */
export function levelOn(person: Person, day: string): string {
  let level = person.levels[0]?.level ?? person.level;
  for (const step of person.levels) if (step.from <= day) level = step.level;
  return level;
}

export function underCorrection(person: Person, day: string): boolean {
  return person.intakeDate < day && day <= lastDay(person);
}

/** Collects events, stamping `recorded_at` a little after the event and never after the history's end. */
export class EventSink {
  readonly events: DemoEvent[] = [];
  constructor(
    private readonly ctx: HistoryContext,
    private readonly rng: Rng,
  ) {}

  add(
    person: Person,
    type: string,
    instant: string,
    fields: {
      kind?: string | null;
      byRole?: string | null;
      endDate?: string | null;
      data?: Record<string, unknown>;
      by?: StaffRef | null;
    } = {},
  ): void {
    if (instant > this.ctx.end) return;
    let recordedAt = addSeconds(instant, this.rng.int(20, 900));
    if (recordedAt > this.ctx.end) recordedAt = instant;
    this.events.push({
      subjectId: person.id,
      officeId: person.office.id,
      type,
      at: instant,
      endDate: fields.endDate ?? null,
      kind: fields.kind ?? null,
      byRole: fields.byRole ?? null,
      data: fields.data ?? {},
      recordedBy: fields.by?.id ?? null,
      recordedAt,
    });
  }
}

const WORK_MORNING: [number, number] = [8 * 60 + 40, 11 * 60 + 40];
const WORK_AFTERNOON: [number, number] = [14 * 60 + 10, 17 * 60 + 20];

export function workingMinute(rng: Rng): number {
  const [from, to] = rng.chance(0.55) ? WORK_MORNING : WORK_AFTERNOON;
  return rng.int(from, to);
}

/** A working day in [from, to] avoiding `avoid`, or null when there is none. */
export function pickWorkday(rng: Rng, from: string, to: string, avoid?: Set<string>): string | null {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d) && !avoid?.has(d)) days.push(d);
  return days.length > 0 ? rng.pick(days) : null;
}

export function pickDay(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}
