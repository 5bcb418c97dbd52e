// The care features' ledgers in Excel (exceljs): a ledger sheet (one row per person; dates are date
// cells, counts numbers) and the indicators sheet (the seed's names, numerator, denominator, the rate
// as a number with a percent display, the target). Shared by resettlement and after-care.
import ExcelJS from "exceljs";
import { careIndicatorLabel } from "../../glossary.ts";
import type { Indicator } from "./rate.ts";

export type Cell = string | number | boolean | Date | null;

/** A date text YYYY-MM-DD as a date cell (midnight UTC, shown as the day); empty stays empty. */
export const dateCell = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

export async function careWorkbook(options: {
  ledgerName: string;
  header: string[];
  /** Which columns hold dates (formatted as yyyy-mm-dd). */
  dateColumns: number[];
  rows: Cell[][];
  indicators: Indicator[];
  /** Lines under the indicators (period, definitions). */
  notes: string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "onebook 一人一册";
  const ledger = wb.addWorksheet(options.ledgerName);
  ledger.addRow(options.header).font = { bold: true };
  for (const row of options.rows)
    ledger.addRow(row.map((c) => (typeof c === "boolean" ? (c ? "是" : "否") : c)));
  for (const col of options.dateColumns) ledger.getColumn(col).numFmt = "yyyy-mm-dd";
  ledger.columns.forEach((c) => {
    c.width = 14;
  });
  const sheet = wb.addWorksheet("指标");
  sheet.addRow(["指标", "达标人数", "应计人数", "比率", "目标"]).font = { bold: true };
  for (const i of options.indicators)
    sheet.addRow([
      careIndicatorLabel[i.id] ?? i.id,
      i.numerator,
      i.denominator,
      i.rate === null ? null : i.rate / 100,
      i.target === null ? null : i.target / 100,
    ]);
  sheet.getColumn(4).numFmt = "0.0%";
  sheet.getColumn(5).numFmt = "0%";
  sheet.getColumn(1).width = 24;
  sheet.addRow([]);
  for (const note of options.notes) sheet.addRow([note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
