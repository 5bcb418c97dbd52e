// Evaluating an already loaded case, as features/rules/case-facts.ts `evaluateSubjects` does: stored
// data are validated like any other input, and a case the engine cannot accept is reported. The
// caller passes the evaluation context of its batch (one per office state build or refresh).
import {
  type CaseInput,
  describeProblem,
  type EvaluationContext,
  evaluateCase,
  type LoadedCalendar,
  parseCaseInput,
} from "../../core/index.ts";
import type { SubjectEvaluation } from "../rules/case-facts.ts";

export function evaluateLoaded(
  input: CaseInput,
  context: EvaluationContext,
  calendar: LoadedCalendar,
): SubjectEvaluation {
  const parsed = parseCaseInput(input);
  return parsed.ok
    ? { ok: true, result: evaluateCase(parsed.value, { context, calendar }) }
    : { ok: false, problem: describeProblem(parsed.problem) };
}
