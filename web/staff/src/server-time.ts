// "Now" and "today" on the console are the server's (the product clock: ONEBOOK_NOW in demos and
// tests, the system clock otherwise), in CST, not the browser's: a default date in a form, the latest
// day a picker offers and the month of a feedback form must agree with the server that judges them.
// The session answer carries the server's time; the difference to the browser's clock is kept here
// (one number, set on every session answer) and applied to the browser's running clock.
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

let serverMinusBrowserMs = 0;

/** Called with the server's time from the session answer. */
export function noteServerTime(serverNow: string): void {
  const ms = Date.parse(serverNow);
  if (!Number.isNaN(ms)) serverMinusBrowserMs = ms - Date.now();
}

/** The server's current instant, in CST (UTC+8). */
export function serverNow(): Dayjs {
  return dayjs(Date.now() + serverMinusBrowserMs).utcOffset(8 * 60);
}
