// Typed Excel cells for every workbook the API exports (exceljs): numbers as numbers, dates and times
// as Excel dates with a display format, shares as numbers with a percent format — never text that
// only looks like one, so that a county's clerk can sum, sort and filter the sheet.
import type { Row } from "exceljs";

/** A day ("2026-11-20") as an Excel date; exceljs writes a Date by its UTC fields. */
export function excelDay(day: string | null | undefined): Date | null {
  return day ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : null;
}

/** An instant as an Excel date-time on the CST wall clock (Excel dates carry no zone). */
export function excelCstTime(instant: Date | string | null | undefined): Date | null {
  if (instant === null || instant === undefined) return null;
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(ms + 8 * 3_600_000);
}

/** A share in percent (12.5) as the number 0.125 shown as "12.5%"; null (nothing due) stays empty. */
export function excelShare(percent: number | null): ExcelShare | null {
  return percent === null ? null : { share: percent / 100 };
}
export interface ExcelShare {
  share: number;
}

export const DAY_FORMAT = "yyyy-mm-dd";
export const TIME_FORMAT = "yyyy-mm-dd hh:mm";
export const SHARE_FORMAT = "0.0%";

export type ExcelValue = string | number | Date | ExcelShare | null;

/**
 * Adds a row of typed values: a Date shows as a day when it falls on midnight, else with the time;
 * a share as a percent.
 */
export function addTypedRow(ws: { addRow(values: unknown[]): Row }, values: ExcelValue[]): Row {
  const row = ws.addRow(
    values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? v.share : v)),
  );
  values.forEach((v, i) => {
    if (v instanceof Date)
      row.getCell(i + 1).numFmt = v.getTime() % 86_400_000 === 0 ? DAY_FORMAT : TIME_FORMAT;
    else if (v !== null && typeof v === "object") row.getCell(i + 1).numFmt = SHARE_FORMAT;
  });
  return row;
}
