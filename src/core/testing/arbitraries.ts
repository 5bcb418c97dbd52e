// Test support: fast-check generators of valid cases, for the engine's property tests.
import fc from "fast-check";
import { type DayNumber, formatDate, parseDate } from "../calendar/days.ts";
import type { CaseEvent, CaseInput } from "../input/case-schema.ts";
import { BOOK_SECTIONS, type Level, STAFF_ROLES } from "../policy/schema.ts";
import { subject } from "./case-builder.ts";

const OFFSETS = ["+08:00", "Z", "-05:00", "+09:30"] as const;
const OFFSET_MINUTES: Record<(typeof OFFSETS)[number], number> = {
  "+08:00": 480,
  Z: 0,
  "-05:00": -300,
  "+09:30": 570,
};

/** An instant text for a CST day and minute, written in one of several offsets. */
export function instantText(day: DayNumber, minuteOfDay: number, offset: (typeof OFFSETS)[number]): string {
  const utcMinutes = day * 1440 + minuteOfDay - 480;
  const local = utcMinutes + OFFSET_MINUTES[offset];
  const localDay = Math.floor(local / 1440);
  const m = local - localDay * 1440;
  const hh = String(Math.floor(m / 60)).padStart(2, "0");
  const mm = String(m % 60).padStart(2, "0");
  return `${formatDate(localDay)}T${hh}:${mm}:00${offset}`;
}

const instantNear = (from: DayNumber, to: DayNumber) =>
  fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...OFFSETS))
    .map(([d, m, o]) => instantText(d, m, o));

/** Events of every kind around a correction from `from` to `to`. */
export function eventArbitrary(from: DayNumber, to: DayNumber): fc.Arbitrary<CaseEvent> {
  const at = instantNear(from, to);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constantFrom("phone_report", "in_person_report", "location_report"),
        at,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constantFrom("leave_signin_check", "leave_phone_check"), at }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant("field_visit"), at, byRole: fc.constantFrom(...STAFF_ROLES) }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: 40 }))
        .map(([d, n]) => ({ type: "leave" as const, from: formatDate(d), to: formatDate(d + n) })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("sanction"),
        kind: fc.constantFrom("reprimand", "warning", "public_security_penalty"),
        at,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("violation"),
        kind: fc.constantFrom("disobedience", "other"),
        at,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("book_section"),
        section: fc.constantFrom(...BOOK_SECTIONS),
        at,
      }),
    },
  ) as fc.Arbitrary<CaseEvent>;
}

const LEVEL_CHOICES: Level[] = ["key", "strict", "normal"];

/** A valid case: a term somewhere in 2024–2026, a level history, events around it, an as-of instant. */
export const caseArbitrary: fc.Arbitrary<CaseInput> = fc
  .record({
    intake: fc.integer({ min: parseDate("2024-01-01"), max: parseDate("2026-06-30") }),
    termDays: fc.integer({ min: 30, max: 1500 }),
    releaseAfter: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    levels: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom(...LEVEL_CHOICES)), {
      minLength: 0,
      maxLength: 3,
    }),
    level: fc.constantFrom(...LEVEL_CHOICES),
    asOfOffset: fc.integer({ min: -10, max: 1600 }),
    asOfMinute: fc.integer({ min: 0, max: 1439 }),
    birthYears: fc.integer({ min: 14, max: 70 }),
    flags: fc.record({
      resistsSupervision: fc.boolean(),
      stableIncome: fc.boolean(),
      familyIncomplete: fc.boolean(),
      priorConvictions: fc.integer({ min: 0, max: 4 }),
    }),
  })
  .chain((p) => {
    const termEnd = p.intake + p.termDays;
    const end = p.releaseAfter === null ? termEnd : p.intake + Math.min(p.releaseAfter, p.termDays);
    const asOfDay = Math.min(p.intake + p.asOfOffset, end + 60);
    const history = [...p.levels]
      .sort((a, b) => a[0] - b[0])
      .map(([d, level]) => ({ from: formatDate(p.intake + d), level }));
    const lastLevel = history.length > 0 ? (history[history.length - 1]?.level ?? p.level) : p.level;
    return fc.array(eventArbitrary(p.intake - 20, asOfDay + 5), { maxLength: 60 }).map(
      (events): CaseInput => ({
        asOf: instantText(asOfDay, p.asOfMinute, "+08:00"),
        subject: subject({
          birthDate: formatDate(p.intake - p.birthYears * 365),
          termStart: formatDate(p.intake),
          intakeDate: formatDate(p.intake),
          termEnd: formatDate(termEnd),
          releaseDate: p.releaseAfter === null ? null : formatDate(end),
          level: lastLevel,
          ...(history.length > 0 ? { levelHistory: history } : {}),
          ...p.flags,
        }),
        events,
      }),
    );
  });
