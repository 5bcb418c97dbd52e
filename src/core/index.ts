// The rules engine's public surface: what the server, the sweeps, the web pages and the command line
// import. Pure: no I/O, no clock.

export * from "./alerts/alerts.ts";
export * from "./calendar/index.ts";
export { caseReviewDueDay } from "./deadlines/case-review.ts";
export type { CaseResult, EvaluateOptions } from "./evaluate.ts";
export {
  type CaseEvent,
  type CaseInput,
  type CaseSubject,
  type CriterionResult,
  caseInputSchema,
  type Deadline,
  type DeadlineStatus,
  evaluateCase,
  makeCaseInputSchema,
  type Obligation,
  type ObligationStatus,
  parseCaseInput,
} from "./evaluate.ts";
export { EvaluationContext } from "./evaluation-context.ts";
export {
  describeProblem,
  firstProblem,
  formatJsonPath,
  type InputProblem,
  type Parsed,
} from "./input/errors.ts";
export * from "./leave/leave-rules.ts";
export * from "./location/index.ts";
export { type CountySamplePopulations, countyVisitSampleRequired } from "./office/county-samples.ts";
export {
  evaluateOffice,
  makeOfficeInputSchema,
  OFFICE_ITEM_IDS,
  type OfficeInput,
  type OfficeItem,
  type OfficeItemId,
  type OfficeItemStatus,
  type OfficeResult,
  officeInputSchema,
  parseOfficeInput,
} from "./office/evaluate-office.ts";
export * from "./points/points.ts";
export * from "./policy/index.ts";
export * from "./sanctions/sanction-ladder.ts";
export * from "./sanctions/sanction-schema.ts";
export * from "./statutory/statutory.ts";
export { ageOn, isJuvenileAtIntake } from "./subject/person.ts";
