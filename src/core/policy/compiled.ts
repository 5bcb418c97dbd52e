// The runtime form of a profile: day numbers, minutes and lookup sets computed once per profile (the
// engine evaluates thousands of subjects against the same profile).

import type { CalendarNotice } from "../calendar/calendar-notice.ts";
import { parseDate } from "../calendar/days.ts";
import { parseTimeOfDay } from "../calendar/instant.ts";
import { WorkingDayCalendar } from "../calendar/working-days.ts";
import type { PolicyProfile } from "./schema.ts";

export interface CompiledRolloutPhase {
  name: string;
  basis: string;
  from: number;
  to: number | null;
  everyone: boolean;
  intakeOnOrAfter: number | null;
  remainingTermYearsOrLess: number | null;
}

export interface CompiledPolicy {
  profile: PolicyProfile;
  workingDays: WorkingDayCalendar;
  rolloutPhases: CompiledRolloutPhase[];
  k5Crimes: ReadonlySet<string>;
  /** Times of day as minutes after CST midnight. */
  office: {
    morningRoundEnds: number;
    afternoonRoundStarts: number;
    afternoonRoundEnds: number;
    workingHoursStart: number;
    workingHoursEnd: number;
  };
}

/**
 * The State Council notices a county has loaded (newest version per year), handed to the engine by
 * whoever stores them (the server); they override the profile's lists year by year. One object per
 * set of notices: a new load makes a new object, and so a new compiled policy.
 */
export interface LoadedCalendar {
  notices: readonly CalendarNotice[];
}

const NO_NOTICES: LoadedCalendar = Object.freeze({ notices: [] });
const cache = new WeakMap<PolicyProfile, WeakMap<LoadedCalendar, CompiledPolicy>>();

/** The compiled profile, with its working days from `calendar`'s notices, the profile's lists and the national rules. */
export function compilePolicy(profile: PolicyProfile, calendar: LoadedCalendar = NO_NOTICES): CompiledPolicy {
  let byCalendar = cache.get(profile);
  if (!byCalendar) {
    byCalendar = new WeakMap();
    cache.set(profile, byCalendar);
  }
  let compiled = byCalendar.get(calendar);
  if (!compiled) {
    compiled = {
      profile,
      workingDays: new WorkingDayCalendar(
        profile.calendar.holidays,
        profile.calendar.adjustedWorkdays,
        calendar.notices,
        profile.calendar.source,
      ),
      rolloutPhases: profile.rollout.phases
        .map((p) => ({
          name: p.name,
          basis: p.basis,
          from: parseDate(p.from),
          to: p.to === null ? null : parseDate(p.to),
          everyone: p.everyone,
          intakeOnOrAfter: p.intakeOnOrAfter === null ? null : parseDate(p.intakeOnOrAfter),
          remainingTermYearsOrLess: p.remainingTermYearsOrLess,
        }))
        .sort((a, b) => a.from - b.from),
      k5Crimes: new Set(profile.classification.K5.crimeCategories),
      office: {
        morningRoundEnds: parseTimeOfDay(profile.office.morningRoundEnds),
        afternoonRoundStarts: parseTimeOfDay(profile.office.afternoonRoundStarts),
        afternoonRoundEnds: parseTimeOfDay(profile.office.afternoonRoundEnds),
        workingHoursStart: parseTimeOfDay(profile.office.workingHoursStart),
        workingHoursEnd: parseTimeOfDay(profile.office.workingHoursEnd),
      },
    };
    byCalendar.set(calendar, compiled);
  }
  return compiled;
}
