// The statutory public holidays of a year, derived from the national rules (全国年节及纪念日放假办法)
// for a year whose State Council notice is not known. The lunar dates and the 清明 solar term come from
// `tyme4ts`, never by hand. A derived year has the statutory days only: the State Council's notice adds
// bridging days and working weekends (调休) that no rule predicts, so a derived year is provisional —
// weekends stay weekends and nothing is swapped.
import { LunarDay, SolarTerm } from "tyme4ts";
import { type DayNumber, dayFromCivil, formatDate } from "./days.ts";

export type StatutoryHoliday =
  | "new_year"
  | "spring_festival"
  | "qingming"
  | "labour_day"
  | "dragon_boat"
  | "mid_autumn"
  | "national_day";

type HolidayRule =
  | { holiday: StatutoryHoliday; kind: "solar"; month: number; day: number; days: number }
  /** `from` days before (negative) or after the lunar date; 春节 starts on 除夕, the eve of 正月初一. */
  | { holiday: StatutoryHoliday; kind: "lunar"; month: number; day: number; from: number; days: number }
  | { holiday: StatutoryHoliday; kind: "solar_term"; term: string; days: number };

/** The rules in force: the 2024 revision, applied to every derived year. */
export const STATUTORY_HOLIDAY_RULES: { basis: string; rules: readonly HolidayRule[] } = {
  basis: "全国年节及纪念日放假办法（国务院令第795号，2025年1月1日起施行）第二条",
  rules: [
    { holiday: "new_year", kind: "solar", month: 1, day: 1, days: 1 },
    { holiday: "spring_festival", kind: "lunar", month: 1, day: 1, from: -1, days: 4 },
    { holiday: "qingming", kind: "solar_term", term: "清明", days: 1 },
    { holiday: "labour_day", kind: "solar", month: 5, day: 1, days: 2 },
    { holiday: "dragon_boat", kind: "lunar", month: 5, day: 5, from: 0, days: 1 },
    { holiday: "mid_autumn", kind: "lunar", month: 8, day: 15, from: 0, days: 1 },
    { holiday: "national_day", kind: "solar", month: 10, day: 1, days: 3 },
  ],
};

export interface DerivedHoliday {
  date: string;
  holiday: StatutoryHoliday;
}

function firstDay(rule: HolidayRule, year: number): DayNumber {
  switch (rule.kind) {
    case "solar":
      return dayFromCivil(year, rule.month, rule.day);
    case "lunar": {
      const solar = LunarDay.fromYmd(year, rule.month, rule.day).getSolarDay();
      return dayFromCivil(solar.getYear(), solar.getMonth(), solar.getDay()) + rule.from;
    }
    case "solar_term": {
      // The term's day in Beijing time (tyme4ts reckons solar terms at UTC+8).
      const solar = SolarTerm.fromName(year, rule.term).getJulianDay().getSolarDay();
      return dayFromCivil(solar.getYear(), solar.getMonth(), solar.getDay());
    }
  }
}

/** The statutory holidays of `year`, in date order. */
export function deriveStatutoryHolidays(year: number): DerivedHoliday[] {
  const out: DerivedHoliday[] = [];
  for (const rule of STATUTORY_HOLIDAY_RULES.rules) {
    const start = firstDay(rule, year);
    for (let i = 0; i < rule.days; i++) out.push({ date: formatDate(start + i), holiday: rule.holiday });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
