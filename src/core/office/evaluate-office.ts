// The office-level and agency-level standards of seed 000 §九.2(1) and §九.2(3), judged for one
// judicial office on one day (office-contract.md). Ten items, always in the same order.
import { type DayNumber, formatDate, packedCivil, parseDate } from "../calendar/days.ts";
import {
  cstDayOfMs,
  cstStartOfDayMs,
  cstTimeOfDayMs,
  instantToMs,
  MS_PER_MINUTE,
} from "../calendar/instant.ts";
import { periodEnd, periodStart } from "../calendar/periods.ts";
import { type CalendarWarning, provisionalCalendarWarning } from "../calendar/working-days.ts";
import { compilePolicy, type LoadedCalendar } from "../policy/compiled.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import type { OfficeInput } from "./office-schema.ts";

export type { OfficeInput } from "./office-schema.ts";
export { makeOfficeInputSchema, officeInputSchema, parseOfficeInput } from "./office-schema.ts";

export const OFFICE_ITEM_IDS = [
  "office_morning_round",
  "office_afternoon_round",
  "office_key_coverage",
  "office_other_checks",
  "office_off_hours",
  "agency_leave_coverage",
  "agency_key_sample",
  "agency_other_checks",
  "agency_visit_sample_month",
  "agency_visit_sample_quarter",
] as const;
export type OfficeItemId = (typeof OFFICE_ITEM_IDS)[number];

export type OfficeItemStatus = "met" | "open" | "overdue";

export interface OfficeItem {
  id: OfficeItemId;
  required: number;
  done: number;
  status: OfficeItemStatus;
  basis: string;
  /** Coverage items: ids of the persons not yet checked, sorted. */
  missing?: string[];
  /** Sampling items: the calendar month or quarter, `start/end`. */
  period?: string;
}

export interface OfficeResult {
  asOf: string;
  policy: string;
  date: string;
  items: OfficeItem[];
  /**
   * Beyond office-contract.md: `provisional_calendar` when the day's year has no State Council notice
   * (whether it is a working day, for the off-hours checks, was derived from the national rules).
   */
  warnings: CalendarWarning[];
}

/** ⌈percent% × n⌉ in integers (0.1 × 30 in floating point would round up to 4). */
export function percentRoundedUp(n: number, percent: number): number {
  return Math.floor((n * percent + 99) / 100);
}

function sortedIds(ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function evaluateOffice(
  input: OfficeInput,
  options: { registry?: PolicyRegistry; calendar?: LoadedCalendar } = {},
): OfficeResult {
  const registry = options.registry ?? defaultRegistry;
  const policy = compilePolicy(registry.get(input.policy ?? DEFAULT_POLICY_ID), options.calendar);
  const { office, agency } = policy.profile;
  const times = policy.office;
  const asOfMs = instantToMs(input.asOf);
  const day: DayNumber = input.date === undefined ? cstDayOfMs(asOfMs) : parseDate(input.date);
  const dayStartMs = cstStartOfDayMs(day);
  const endOfDayMs = cstStartOfDayMs(day + 1);
  const workingDay = policy.workingDays.isWorkingDay(day);
  const year = Math.floor(packedCivil(day) / 10000);
  const warnings = policy.workingDays.isProvisional(year) ? [provisionalCalendarWarning(year)] : [];

  const key = new Set<string>();
  const others = new Set<string>();
  const onLeave = new Set<string>();
  for (const s of input.subjects) {
    (s.level === "key" ? key : others).add(s.id);
    if (s.onLeave) onLeave.add(s.id);
  }

  // A record counts once it is entered (`recordedAt`, default its event time); one entered after the
  // end of an item's window (补录) counts for that item only when the profile says so.
  const lateCounts = policy.profile.records.lateCheckCountsForRound;
  const enteredBy = (recordedMs: number, windowEndMs: number) => lateCounts || recordedMs <= windowEndMs;
  const morningEndMs = dayStartMs + times.morningRoundEnds * MS_PER_MINUTE;
  const afternoonEndMs = dayStartMs + times.afternoonRoundEnds * MS_PER_MINUTE;

  let morning = 0;
  let afternoon = 0;
  let officeOtherChecks = 0;
  let agencyOtherChecks = 0;
  const officeChecked = new Set<string>();
  const offHours = new Set<string>();
  const agencyChecked = new Set<string>();
  for (const check of input.checks) {
    const ms = instantToMs(check.at);
    if (ms > asOfMs || cstDayOfMs(ms) !== day) continue;
    const recordedMs = check.recordedAt === undefined ? ms : instantToMs(check.recordedAt);
    if (recordedMs > asOfMs) continue;
    const minute = Math.floor(cstTimeOfDayMs(ms) / MS_PER_MINUTE);
    if (check.by === "office") {
      if (minute < times.morningRoundEnds && enteredBy(recordedMs, morningEndMs)) morning++;
      const afternoonRound = minute >= times.afternoonRoundStarts && minute < times.afternoonRoundEnds;
      if (afternoonRound && enteredBy(recordedMs, afternoonEndMs)) afternoon++;
    }
    // Entered after its day: it makes none of the day's other items.
    if (!enteredBy(recordedMs, endOfDayMs)) continue;
    if (check.by === "office") {
      officeChecked.add(check.subjectId);
      if (others.has(check.subjectId)) officeOtherChecks++;
      // Both ends belong to working hours (office-contract.md): 08:30 and 17:30 (17:30:59 included)
      // are inside them, 08:29 and 17:31 outside.
      if (!workingDay || minute < times.workingHoursStart || minute > times.workingHoursEnd)
        offHours.add(check.subjectId);
    } else {
      agencyChecked.add(check.subjectId);
      if (others.has(check.subjectId)) agencyOtherChecks++;
    }
  }

  const monthStart = periodStart("month", day);
  const monthEnd = periodEnd("month", day);
  const quarterStart = periodStart("quarter", day);
  const quarterEnd = periodEnd("quarter", day);
  const visitedInMonth = new Set<string>();
  const visitedInQuarter = new Set<string>();
  for (const visit of input.visits) {
    if (visit.by !== "agency") continue;
    const ms = instantToMs(visit.at);
    if (ms > asOfMs) continue;
    const recordedMs = visit.recordedAt === undefined ? ms : instantToMs(visit.recordedAt);
    if (recordedMs > asOfMs) continue;
    const d = cstDayOfMs(ms);
    if (d >= monthStart && d <= monthEnd && enteredBy(recordedMs, cstStartOfDayMs(monthEnd + 1)))
      visitedInMonth.add(visit.subjectId);
    if (d >= quarterStart && d <= quarterEnd && enteredBy(recordedMs, cstStartOfDayMs(quarterEnd + 1)))
      visitedInQuarter.add(visit.subjectId);
  }

  const item = (
    id: OfficeItemId,
    required: number,
    done: number,
    windowEndMs: number,
    basis: string,
    extra: Pick<OfficeItem, "missing" | "period"> = {},
  ): OfficeItem => ({
    id,
    required,
    done,
    status: done >= required ? "met" : asOfMs >= windowEndMs ? "overdue" : "open",
    basis,
    ...extra,
  });
  const missingOf = (group: Set<string>, checked: Set<string>) =>
    sortedIds([...group].filter((id) => !checked.has(id)));
  const doneOf = (group: Set<string>, checked: Set<string>) => {
    let n = 0;
    for (const id of group) if (checked.has(id)) n++;
    return n;
  };
  const minuteMs = (minutes: number) => dayStartMs + minutes * MS_PER_MINUTE;
  const registered = input.registeredAtPeriodStart;

  return {
    asOf: input.asOf,
    policy: policy.profile.id,
    date: formatDate(day),
    items: [
      item("office_morning_round", 1, morning, minuteMs(times.morningRoundEnds), office.basis),
      item("office_afternoon_round", 1, afternoon, minuteMs(times.afternoonRoundEnds), office.basis),
      item(
        "office_key_coverage",
        percentRoundedUp(key.size, office.keyCoveragePercent),
        doneOf(key, officeChecked),
        endOfDayMs,
        office.basis,
        { missing: missingOf(key, officeChecked) },
      ),
      item(
        "office_other_checks",
        Math.min(office.otherChecksMin, others.size),
        officeOtherChecks,
        endOfDayMs,
        office.basis,
      ),
      item(
        "office_off_hours",
        percentRoundedUp(key.size + others.size, office.offHoursPercent),
        offHours.size,
        endOfDayMs,
        office.basis,
      ),
      item(
        "agency_leave_coverage",
        percentRoundedUp(onLeave.size, agency.leaveCoveragePercent),
        doneOf(onLeave, agencyChecked),
        endOfDayMs,
        agency.checksBasis,
        { missing: missingOf(onLeave, agencyChecked) },
      ),
      item(
        "agency_key_sample",
        percentRoundedUp(key.size, agency.keySamplePercent),
        doneOf(key, agencyChecked),
        endOfDayMs,
        agency.checksBasis,
      ),
      item(
        "agency_other_checks",
        Math.min(agency.otherChecksMin, others.size),
        agencyOtherChecks,
        endOfDayMs,
        agency.checksBasis,
      ),
      item(
        "agency_visit_sample_month",
        percentRoundedUp(registered.month.keyOrStrict, agency.visitSampleKeyOrStrictPercentPerMonth),
        visitedInMonth.size,
        cstStartOfDayMs(monthEnd + 1),
        agency.visitsBasis,
        { period: `${formatDate(monthStart)}/${formatDate(monthEnd)}` },
      ),
      item(
        "agency_visit_sample_quarter",
        percentRoundedUp(registered.quarter.normal, agency.visitSampleNormalPercentPerQuarter),
        visitedInQuarter.size,
        cstStartOfDayMs(quarterEnd + 1),
        agency.visitsBasis,
        { period: `${formatDate(quarterStart)}/${formatDate(quarterEnd)}` },
      ),
    ],
    warnings,
  };
}
