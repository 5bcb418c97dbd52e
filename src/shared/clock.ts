// The product's one clock. Every server-side "now" (routes, sweeps, sessions, the demo's today) reads
// the clock the configuration made, so demos, tests and benchmarks can run the whole product at a
// fixed instant: ONEBOOK_NOW=2026-06-15T09:00:00+08:00 starts the clock at that instant and it runs on
// in real time from the moment the process read it (events recorded a second apart stay a second
// apart). Unset, it is the system clock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` at the moment it is made and runs on in real time. */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The clock ONEBOOK_NOW asks for (an ISO 8601 instant with its offset), or the system clock. */
export function clockFromSetting(value: string | undefined): Clock {
  if (value === undefined || value === "") return systemClock;
  const start = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(start.getTime()) || !sameCivilDate(value, start))
    throw new Error(
      `环境变量 ONEBOOK_NOW 应为带时区的时刻，例如 2026-06-15T09:00:00+08:00，实际为 "${value}"`,
    );
  return clockStartingAt(start);
}

/** JavaScript rolls 2026-02-30 over into March; the written date must be the date it denotes. */
function sameCivilDate(value: string, instant: Date): boolean {
  const offset = value.endsWith("Z")
    ? 0
    : (value.at(-6) === "-" ? -1 : 1) * (Number(value.slice(-5, -3)) * 60 + Number(value.slice(-2)));
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 10);
  return local === value.slice(0, 10);
}
