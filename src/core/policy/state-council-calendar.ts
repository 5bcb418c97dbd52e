// The State Council's public holidays and adjusted working days (调休), as published in the
// `chinese-days` package (years 2004–2026 in the installed version). The default profile ships them;
// a year missing here comes from a notice the county loads, or is derived from the national rules
// (calendar/working-days.ts).
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };

export const STATE_COUNCIL_HOLIDAYS: readonly string[] = Object.keys(data.holidays).sort();
export const STATE_COUNCIL_ADJUSTED_WORKDAYS: readonly string[] = Object.keys(data.workdays).sort();
