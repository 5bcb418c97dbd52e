// `evaluateCase`: one subject's judgement as of an instant (rules-contract.md) — the function the
// command line, the server and the sweeps all call. Pure: the time is the input's `asOf`, the rules
// are the policy profile's data.

import { formatDate } from "./calendar/days.ts";
import { cstDayOfMs, instantToMs } from "./calendar/instant.ts";
import { type CalendarWarning, provisionalCalendarWarning } from "./calendar/working-days.ts";
import { classify } from "./classification/classify.ts";
import type { CriterionResult } from "./classification/criteria.ts";
import { bookDeadlines, type Deadline } from "./deadlines/deadlines.ts";
import { EvaluationContext } from "./evaluation-context.ts";
import { EventIndex } from "./events/event-index.ts";
import type { CaseInput } from "./input/case-schema.ts";
import {
  countingRangeStart,
  firstCountedDays,
  type Obligation,
  personObligations,
} from "./obligations/obligations.ts";
import { compilePolicy, type LoadedCalendar } from "./policy/compiled.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "./policy/registry.ts";
import type { Level } from "./policy/schema.ts";
import { bookApplicability } from "./rollout/rollout.ts";
import { personDays } from "./subject/person.ts";

export type { CriterionResult } from "./classification/criteria.ts";
export type { Deadline, DeadlineStatus } from "./deadlines/deadlines.ts";
export type { CaseEvent, CaseInput, CaseSubject } from "./input/case-schema.ts";
export { caseInputSchema, makeCaseInputSchema, parseCaseInput } from "./input/case-schema.ts";
export type { Obligation, ObligationStatus } from "./obligations/obligations.ts";

export interface CaseResult {
  asOf: string;
  policy: string;
  subjectId: string;
  book: { applies: boolean; since: string | null; basis: string };
  classification: {
    proposedKey: boolean;
    criteria: CriterionResult[];
    decidedLevel: Level;
    mismatch: boolean;
  };
  obligations: Obligation[];
  deadlines: Deadline[];
  /**
   * Beyond rules-contract.md: `provisional_calendar` for each year (ascending) whose holidays a shown
   * deadline was counted through without a State Council notice (derived from the national rules).
   */
  warnings: CalendarWarning[];
}

export interface EvaluateOptions {
  /** Where `input.policy` is looked up; the shipped profiles by default. */
  registry?: PolicyRegistry;
  /**
   * Tables and buffers shared by the evaluations of one batch (see `EvaluationContext`): create one
   * per batch and pass it to each call. Without one, the call makes its own, which gives the same
   * result but redoes the tables every time.
   */
  context?: EvaluationContext;
  /** The State Council notices loaded by the county (none by default: shipped lists, then the rules). */
  calendar?: LoadedCalendar;
}

/**
 * Evaluates a case that `parseCaseInput` (or `caseInputSchema`) accepted. Throws
 * `UnknownPolicyError` for a policy id the registry lacks.
 */
export function evaluateCase(input: CaseInput, options: EvaluateOptions = {}): CaseResult {
  const registry = options.registry ?? defaultRegistry;
  const context = options.context ?? new EvaluationContext();
  const policy = compilePolicy(registry.get(input.policy ?? DEFAULT_POLICY_ID), options.calendar);
  const tables = context.tables(policy);
  const asOfMs = instantToMs(input.asOf);
  const asOfDay = cstDayOfMs(asOfMs);
  const person = personDays(input.subject);
  const events = EventIndex.build(
    context.dayCounts,
    input.events,
    asOfMs,
    countingRangeStart(policy, asOfDay),
    asOfDay,
    firstCountedDays(policy, tables.periodicKinds, asOfDay),
  );

  const classification = classify({ policy, subject: input.subject, person, events, asOfDay });
  const book = bookApplicability(policy, tables.rolloutTexts, person, asOfDay);
  const provisionalYears = new Set<number>();
  const deadlines = bookDeadlines(
    policy,
    tables.dueDays,
    person,
    book,
    events.bookSections,
    asOfDay,
    provisionalYears,
  );
  return {
    asOf: input.asOf,
    policy: policy.profile.id,
    subjectId: input.subject.id,
    book: {
      applies: book.applies,
      since: book.since === null ? null : formatDate(book.since),
      basis: book.basis,
    },
    classification,
    obligations: personObligations({
      policy,
      kinds: tables.periodicKinds,
      windows: context.windows,
      collector: context.collector,
      person,
      events,
      asOfDay,
    }),
    deadlines,
    warnings: calendarWarnings(provisionalYears),
  };
}

/** The warnings for a set of provisional years, ascending. */
export function calendarWarnings(years: ReadonlySet<number>): CalendarWarning[] {
  if (years.size === 0) return [];
  return [...years].sort((a, b) => a - b).map(provisionalCalendarWarning);
}
