// A subject's dates as day numbers and the decided level on any day, computed once per evaluation.
import { addYears, type DayNumber, parseDate } from "../calendar/days.ts";
import type { CaseSubject } from "../input/case-schema.ts";
import type { Level } from "../policy/schema.ts";

export interface PersonDays {
  birth: DayNumber;
  termStart: DayNumber;
  termEnd: DayNumber;
  intake: DayNumber;
  /** Last day under correction: the release date, or the term's end when there is none. */
  end: DayNumber;
  levels: LevelTimeline;
}

/**
 * The office's level decisions. The level on day d is that of the last decision dated on or before d;
 * before the first decision, the first decision's level (rules-contract.md `levelHistory`).
 */
export class LevelTimeline {
  private readonly from: DayNumber[];
  private readonly level: Level[];

  constructor(current: Level, history: readonly { from: string; level: Level }[] | undefined) {
    if (!history || history.length === 0) {
      this.from = [Number.NEGATIVE_INFINITY];
      this.level = [current];
    } else {
      this.from = history.map((h) => parseDate(h.from));
      this.level = history.map((h) => h.level);
    }
  }

  /** The level of every day when there is one decision (most persons), else null. */
  get single(): Level | null {
    return this.level.length === 1 ? (this.level[0] as Level) : null;
  }

  /** Whether the level on some day of [from, to] satisfies `test` (checks each level held once). */
  anyDuring(from: DayNumber, to: DayNumber, test: (level: Level) => boolean): boolean {
    for (let i = 0; i < this.from.length; i++) {
      const next = this.from[i + 1];
      // Entry i holds from its date (the first one also before it) until the next entry's date.
      const holdsUntil = next === undefined ? Number.POSITIVE_INFINITY : next - 1;
      const holdsFrom = i === 0 ? Number.NEGATIVE_INFINITY : (this.from[i] as number);
      if (holdsUntil >= from && holdsFrom <= to && test(this.level[i] as Level)) return true;
    }
    return false;
  }

  at(day: DayNumber): Level {
    let i = this.from.length - 1;
    while (i > 0 && (this.from[i] ?? 0) > day) i--;
    return this.level[i] ?? "normal";
  }
}

export function personDays(subject: CaseSubject): PersonDays {
  const termEnd = parseDate(subject.termEnd);
  return {
    birth: parseDate(subject.birthDate),
    termStart: parseDate(subject.termStart),
    termEnd,
    intake: parseDate(subject.intakeDate),
    end: subject.releaseDate ? parseDate(subject.releaseDate) : termEnd,
    levels: new LevelTimeline(subject.level, subject.levelHistory),
  };
}

/**
 * Whether a person is a juvenile subject: under N (18) on the intake day. A person reaches N years of
 * age on the day after the N-th birthday (法释〔2006〕1号 Art. 2), so one whose 18th birthday is the
 * intake day is still a juvenile. The status is fixed at intake (Community Correction Law Art. 58).
 * A 29 February birthday falls on 28 February in other years (policy.md "Term arithmetic").
 */
export function isJuvenileAtIntake(birth: DayNumber, intake: DayNumber, adultAge: number): boolean {
  return intake <= addYears(birth, adultAge);
}

/** Age in completed years (周岁) on a day, counted the same way. */
export function ageOn(birth: DayNumber, day: DayNumber): number {
  let years = 0;
  while (addYears(birth, years + 1) < day) years++;
  return years;
}
