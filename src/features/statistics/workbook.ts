// The statistics workbook (Excel, exceljs): the county's table sent upward (社区矫正工作统计表, one row
// per office and the total), the indicators with their definitions, and the register's make-up. Every
// number is a typed number cell; rates are numbers with a percent display.
import ExcelJS from "exceljs";
import { statPeriodLabel } from "../../glossary.ts";
import { type FigureWindow, figure, levelOn, registerCounts } from "./figures.ts";
import { buildReport, type loadContext, officeRecords } from "./service.ts";

type Context = Awaited<ReturnType<typeof loadContext>>;

/** One row of the upward table: the register at the start and the end of the period and the flows. */
function upwardRow(ctx: Context, records: Context["records"], w: FigureWindow): (number | null)[] {
  const before = registerCounts(records, previousDay(w.start));
  const end = registerCounts(records, w.asOf);
  const n = (id: Parameters<typeof figure>[0]) => figure(id, records, w, ctx.profile).numerator;
  const onDay = records.persons.filter(
    (p) => p.intakeDate <= w.asOf && (p.endDate === null || p.endDate > w.asOf),
  );
  return [
    before.total,
    n("intakes"),
    n("releases"),
    n("terminations"),
    n("transfers_out"),
    end.total,
    end.byType.probation ?? 0,
    end.byType.parole ?? 0,
    end.byType.control ?? 0,
    end.byType.temporary_release ?? 0,
    end.bySex.female ?? 0,
    end.byAge.minor ?? 0,
    onDay.filter((p) => levelOn(p, w.asOf) === "key").length,
    n("lost_contact"),
    n("reoffending"),
  ];
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const UPWARD_HEADER = [
  "单位",
  "期初在册",
  "本期入矫",
  "本期解矫",
  "本期终止",
  "本期移出",
  "期末在册",
  "其中：缓刑",
  "假释",
  "管制",
  "暂予监外执行",
  "女性",
  "未成年人",
  "重点人员",
  "脱管人数",
  "重新犯罪人数",
];

export async function statisticsWorkbook(
  ctx: Context,
  countyName: string,
  asOfInstant: Date,
): Promise<Buffer> {
  const report = buildReport(ctx);
  const book = new ExcelJS.Workbook();
  book.creator = "onebook 一人一册";
  book.created = asOfInstant;
  const w = ctx.window;
  const unit = countyName.replace(/社区矫正机构$/, "");
  const title = `${unit}社区矫正工作统计表（${statPeriodLabel[ctx.period.kind]}：${w.start} 至 ${w.end}）`;

  const upward = book.addWorksheet("统计表");
  upward.mergeCells(1, 1, 1, UPWARD_HEADER.length);
  upward.getCell(1, 1).value = title;
  upward.getCell(1, 1).font = { bold: true, size: 14 };
  upward.getCell(1, 1).alignment = { horizontal: "center" };
  upward.addRow([`统计截止日：${w.asOf}　单位：人`]);
  const head = upward.addRow(UPWARD_HEADER);
  head.font = { bold: true };
  for (const office of ctx.records.offices)
    upward.addRow([office.name, ...upwardRow(ctx, officeRecords(ctx.records, office.id), w)]);
  const total = upward.addRow(["合计", ...upwardRow(ctx, ctx.records, w)]);
  total.font = { bold: true };
  upward.columns.forEach((c, i) => {
    c.width = i === 0 ? 18 : 11;
  });
  upward.views = [{ state: "frozen", ySplit: 3, xSplit: 1 }];

  const ind = book.addWorksheet("工作指标");
  ind.addRow([
    `统计期间：${w.start} 至 ${w.end}　统计截止日：${w.asOf}　上期：${ctx.previous.start} 至 ${ctx.previous.end}`,
  ]);
  const ih = ind.addRow(["指标", "本期数值", "分子", "分母", "上期数值", "标准", "是否达标", "定义", "依据"]);
  ih.font = { bold: true };
  for (const f of [...report.indicators, ...report.flows]) {
    const row = ind.addRow([
      f.label,
      f.value,
      f.numerator,
      f.denominator,
      f.previous.value,
      f.target,
      f.met === null ? "" : f.met ? "达标" : "未达标",
      f.definition,
      f.basis,
    ]);
    const fmt =
      f.unit === "percent"
        ? '0.0"%"'
        : f.unit === "yuan_per_person"
          ? '#,##0"元/人"'
          : f.unit === "persons_per_worker"
            ? '0.0"人/社工"'
            : "0";
    for (const col of [2, 5]) row.getCell(col).numFmt = fmt;
    if (f.unit === "percent" && f.target !== null) row.getCell(6).numFmt = '0"%"';
  }
  ind.columns.forEach((c, i) => {
    c.width = i === 7 ? 70 : i === 8 ? 36 : i === 0 ? 22 : 11;
  });

  const reg = book.addWorksheet("在册构成");
  reg.addRow([
    `在册人数：${report.register.total}（${w.asOf}）　上期：${report.register.previous}（${ctx.previousWindow.asOf}）`,
  ]);
  const rh = reg.addRow(["分类", "项目", "本期", "上期"]);
  rh.font = { bold: true };
  for (const b of report.register.breakdowns)
    for (const r of b.rows) reg.addRow([b.label, r.label, r.count, r.previous]);
  reg.columns.forEach((c, i) => {
    c.width = i < 2 ? 24 : 10;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
