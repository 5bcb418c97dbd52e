// Late entries (补录): a record keeps when it happened (`at`) and when it was entered (`recorded_at`,
// the product's clock). Entered more than the profile's `records.lateEntryAfterHours` after the event,
// it is a late entry: it needs a reason, and the timeline, the book and its Word export mark it 补录.
import type { PolicyProfile } from "../../core/index.ts";
import { badInput } from "../../http/errors.ts";
import { optionalText } from "../../http/fields.ts";
import { cstIso } from "../../shared/time.ts";

/** The body field of every recording form (reports, visits, checks, education and help). */
export const lateReasonField = optionalText("补录原因", 500).describe(
  "补录原因：发生时间早于登记时间超过本县规则的补录时限（默认 2 小时）时必填",
);

/**
 * The records a worker enters after doing the work (the recording routes of `supervision/` and the
 * checks while on leave). Others (a leave approval dated from the leave's first day, an intake, a
 * book section) are made by the act of entering them and are never late.
 */
export const LATE_ENTRY_TYPES: ReadonlySet<string> = new Set([
  "phone_report",
  "in_person_report",
  "field_visit",
  "information_check",
  "leave_signin_check",
  "leave_phone_check",
  "education",
  "public_service",
  "counselling",
  "assistance",
]);

export function isLateEntry(records: PolicyProfile["records"], at: Date, recordedAt: Date): boolean {
  return recordedAt.getTime() - at.getTime() > records.lateEntryAfterHours * 3_600_000;
}

/**
 * The reason stored with a record entered at `now` for an event at `at`: required (400 naming
 * `lateReason`) for a late entry, dropped for one entered in time (nothing was late).
 */
export function lateReasonFor(
  records: PolicyProfile["records"],
  at: Date,
  now: Date,
  reason: string | null | undefined,
): string | null {
  if (!isLateEntry(records, at, now)) return null;
  if (!reason)
    throw badInput(
      "lateReason",
      `发生时间（${cstIso(at).slice(0, 16).replace("T", " ")}）距登记已超过${records.lateEntryAfterHours}小时，属于补录，请填写补录原因`,
    );
  return reason;
}

/** What the timeline, the book and the exports show of a record's entry. */
export function entryView(
  records: PolicyProfile["records"],
  row: { type: string; at: Date; recorded_at: Date; late_reason: string | null },
) {
  return {
    recordedAt: cstIso(row.recorded_at),
    late:
      row.late_reason !== null ||
      (LATE_ENTRY_TYPES.has(row.type) && isLateEntry(records, row.at, row.recorded_at)),
    lateReason: row.late_reason,
  };
}
