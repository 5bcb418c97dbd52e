// The time a check-in is stamped with is the server's clock as the phone last learned it (the answer
// of /api/app/me carries it), run on by the phone's own clock: a phone set to the wrong day would
// otherwise have its reports refused as made in the future or too long ago. Kept in localStorage so
// that a check-in made offline, before the app could ask the server, still uses it.
const KEY = "onebook.serverMinusPhoneMs";

export function noteServerTime(serverNow: string): void {
  const ms = Date.parse(serverNow);
  if (!Number.isNaN(ms)) localStorage.setItem(KEY, String(ms - Date.now()));
}

/** Now, on the server's clock, as an instant with the China Standard Time offset. */
export function nowCst(): string {
  const shift = Number(localStorage.getItem(KEY) ?? "0") || 0;
  const cst = new Date(Date.now() + shift + 8 * 3_600_000);
  return `${cst.toISOString().slice(0, 19)}+08:00`;
}

/** "2026-11-20T09:30:00+08:00" → "11月20日 09:30". */
export function shortTime(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}` : iso;
}

/** "2026-11-20" → "11月20日". */
export function shortDate(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(day);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : day;
}
