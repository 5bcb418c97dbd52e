// Dates on screen: YYYY-MM-DD, times as YYYY-MM-DD HH:mm in the browser's time zone (China Standard Time
// on the agency's machines). A bare 'YYYY-MM-DD' from the server is a calendar date and is shown as is.
import dayjs from "dayjs";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  if (DATE_ONLY.test(value)) return value;
  const d = dayjs(value);
  return d.isValid() ? d.format("YYYY-MM-DD") : value;
}

export function formatDateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return "—";
  if (DATE_ONLY.test(value)) return value;
  const d = dayjs(value);
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
