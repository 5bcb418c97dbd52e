// Dates on screen: YYYY-MM-DD, times as YYYY-MM-DD HH:mm in China Standard Time (UTC+8, no daylight
// saving), whatever the zone of the machine the browser runs on: a deadline is "23:59 on the day" for
// the county, not for a laptop set to UTC. A bare 'YYYY-MM-DD' from the server is a calendar date and
// is shown as is.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
const CST_MINUTES = 8 * 60;
const inCst = (value: string) => dayjs(value).utcOffset(CST_MINUTES);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  if (DATE_ONLY.test(value)) return value;
  const d = inCst(value);
  return d.isValid() ? d.format("YYYY-MM-DD") : value;
}

export function formatDateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return "—";
  if (DATE_ONLY.test(value)) return value;
  const d = inCst(value);
  return d.isValid() ? d.format(seconds ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm") : value;
}

export function formatTerm(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatDate(start)} ~ ${formatDate(end)}`;
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return "未填写";
  return value ? "是" : "否";
}

export function orDash(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return String(value);
}
