// The one instant the integration tests, the end-to-end tests and the benchmarks run the product at
// (ONEBOOK_NOW), so that their results do not drift with the calendar. A Friday that is a working day
// (no holiday near it), the day the test demo county's history ends (DEMO_TODAY), two hours after the
// demo's last record (08:00).
export const FIXED_NOW = "2026-11-20T10:00:00+08:00";
export const FIXED_TODAY = FIXED_NOW.slice(0, 10);

/** The CST date `days` days after the fixed day (negative: before). */
export function fixedDay(days: number): string {
  return new Date(Date.parse(`${FIXED_TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
