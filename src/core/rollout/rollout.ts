// Phased rollout of the book (seed 000 §十三, policy.md "Phased rollout"): whether the book applies to
// a person as of a day, and from which day (`since`). Inclusion is judged day by day within each
// phase on the days the person is under correction, never beyond the as-of day (nothing is
// predicted); once included a person stays included, also after release.
import { addMonths, addYears, type DayNumber, formatDate } from "../calendar/days.ts";
import type { CompiledPolicy, CompiledRolloutPhase } from "../policy/compiled.ts";
import type { PersonDays } from "../subject/person.ts";

export interface BookApplicability {
  applies: boolean;
  /** First day the book applies, or null. */
  since: DayNumber | null;
  basis: string;
}

/** "Term less than N months" (少于, exclusive): termEnd + 1 day is earlier than termStart + N months. */
export function termShorterThanMonths(termStart: DayNumber, termEnd: DayNumber, months: number): boolean {
  return termEnd + 1 < addMonths(termStart, months);
}

/** "Remaining term on day X is N years or less" (以下, inclusive): termEnd + 1 day <= X + N years. */
export function remainingTermAtMostYears(termEnd: DayNumber, day: DayNumber, years: number): boolean {
  return termEnd + 1 <= addYears(day, years);
}

/** The first day from which the remaining term is N years or less (addYears is monotone in the day). */
export function firstDayRemainingAtMostYears(termEnd: DayNumber, years: number): DayNumber {
  let d = addYears(termEnd + 1, -years);
  while (!remainingTermAtMostYears(termEnd, d, years)) d++;
  while (remainingTermAtMostYears(termEnd, d - 1, years)) d--;
  return d;
}

const YEAR_WORDS = ["zero", "one", "two", "three", "four", "five"];

function yearsText(n: number): string {
  return `${YEAR_WORDS[n] ?? n} year${n === 1 ? "" : "s"}`;
}

interface Inclusion {
  day: DayNumber;
  reason: string;
}

const REASON_CODES = { everyone: 0, intake: 1, remaining: 2 } as const;
type Reason = keyof typeof REASON_CODES;

/**
 * The rollout's basis texts, made on first use for one compiled policy (the evaluation context keeps
 * one per policy): they repeat across thousands of subjects (same phase, same day).
 */
export class RolloutTexts {
  private readonly byPhase = new Map<CompiledRolloutPhase, Map<number, string>>();

  basis(phase: CompiledRolloutPhase, reason: Reason, day: DayNumber): string {
    let texts = this.byPhase.get(phase);
    if (!texts) {
      texts = new Map();
      this.byPhase.set(phase, texts);
    }
    // Only the remaining-term text names the day.
    const key = reason === "remaining" ? day * 4 + REASON_CODES.remaining : REASON_CODES[reason] - 4;
    let text = texts.get(key);
    if (text === undefined) {
      const words =
        reason === "everyone"
          ? `everyone from ${formatDate(phase.from)}`
          : reason === "intake"
            ? `intake on or after ${formatDate(phase.intakeOnOrAfter ?? day)}`
            : `remaining term ${yearsText(phase.remainingTermYearsOrLess ?? 0)} or less on ${formatDate(day)}`;
      text = `${phase.basis}: ${words}`;
      if (texts.size > 10_000) texts.clear();
      texts.set(key, text);
    }
    return text;
  }
}

/** The first day within [lo, hi] on which the phase includes the person, with the basis text. */
function firstIncludedDay(
  texts: RolloutTexts,
  phase: CompiledRolloutPhase,
  person: PersonDays,
  lo: DayNumber,
  hi: DayNumber,
): Inclusion | null {
  if (lo > hi) return null;
  if (phase.everyone) return { day: lo, reason: texts.basis(phase, "everyone", lo) };
  if (phase.intakeOnOrAfter !== null && person.intake >= phase.intakeOnOrAfter) {
    return { day: lo, reason: texts.basis(phase, "intake", lo) };
  }
  if (phase.remainingTermYearsOrLess !== null) {
    const day = Math.max(lo, firstDayRemainingAtMostYears(person.termEnd, phase.remainingTermYearsOrLess));
    if (day <= hi) {
      return { day, reason: texts.basis(phase, "remaining", day) };
    }
  }
  return null;
}

export function bookApplicability(
  policy: CompiledPolicy,
  texts: RolloutTexts,
  person: PersonDays,
  asOfDay: DayNumber,
): BookApplicability {
  const rollout = policy.profile.rollout;
  if (termShorterThanMonths(person.termStart, person.termEnd, rollout.excludedTermShorterThanMonths)) {
    return {
      applies: false,
      since: null,
      basis: `${rollout.basis}: term less than ${rollout.excludedTermShorterThanMonths} months is excluded`,
    };
  }
  const lastJudged = Math.min(person.end, asOfDay);
  for (const phase of policy.rolloutPhases) {
    const lo = Math.max(phase.from, person.intake);
    const hi = phase.to === null ? lastJudged : Math.min(phase.to, lastJudged);
    const inclusion = firstIncludedDay(texts, phase, person, lo, hi);
    if (inclusion) return { applies: true, since: inclusion.day, basis: inclusion.reason };
  }
  return {
    applies: false,
    since: null,
    basis: `${rollout.basis}: not included as of ${formatDate(asOfDay)}`,
  };
}
