// The case review (一案一复盘, seed 000 §十一): within one month (profile default) of an escape from
// supervision, a revocation or imprisonment request, or a new crime. Not part of `evaluateCase`'s
// contract; the feature recording those events calls it.
import type { DayNumber } from "../calendar/days.ts";
import { dueDay } from "../calendar/due.ts";
import type { CompiledPolicy } from "../policy/compiled.ts";

export function caseReviewDueDay(policy: CompiledPolicy, eventDay: DayNumber): DayNumber {
  return dueDay(policy.profile.book.caseReview.due, eventDay, policy.workingDays);
}
