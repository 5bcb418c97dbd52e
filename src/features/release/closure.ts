// Whether a person's book can still be written. Under correction: open. Released: only the release
// analysis (解矫分析总结, seed 000 §十一), by its author, until the day it is due by the profile's rule
// (one month after release); from the next day the book is closed. Terminated (revocation,
// imprisonment, death, Art. 45): closed on the day the case ended.
import { type CompiledPolicy, dueDay, formatDate, parseDate } from "../../core/index.ts";
import type { SubjectStatus } from "../../db/schema.ts";

export type BookState = "open" | "release_analysis" | "closed";

export interface BookClosure {
  state: BookState;
  /** The day the case ended (release or termination); null while under correction. */
  endDate: string | null;
  /** The last day anything may be written; the book is read-only from the next day. */
  closesOn: string | null;
}

/**
 * The last day the release analysis may be written: its due day by the county's profile (release + 1
 * month). `rules`: the person's county's rules with the loaded calendar (`countyWorkingRules`).
 */
export function releaseAnalysisLastDay(rules: CompiledPolicy, releaseDate: string): string {
  return formatDate(
    dueDay(rules.profile.book.release_analysis.due, parseDate(releaseDate), rules.workingDays),
  );
}

/** The book's state; `rules` (the county's) give the last day of a release recorded without its end row. */
export function bookClosure(
  subject: { status: SubjectStatus; release_date: string | null; term_end: string },
  end: { end_date: string; book_closes_on: string } | null,
  today: string,
  rules: CompiledPolicy,
): BookClosure {
  if (subject.status === "in_correction" && !end) return { state: "open", endDate: null, closesOn: null };
  const endDate = end?.end_date ?? subject.release_date ?? subject.term_end;
  const closesOn =
    end?.book_closes_on ?? (subject.status === "released" ? releaseAnalysisLastDay(rules, endDate) : endDate);
  if (subject.status === "released" && today <= closesOn)
    return { state: "release_analysis", endDate, closesOn };
  return { state: "closed", endDate, closesOn };
}

/** May this section be written by this role in this state? */
export function sectionWritable(state: BookState, sectionId: string): boolean {
  if (state === "open") return true;
  return state === "release_analysis" && sectionId === "release_analysis";
}
