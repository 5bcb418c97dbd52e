// The report of a quarterly safety-hazard screening (社区矫正安全隐患排查工作报告, seed 002 附件三.3):
// the campaign's dates, the completion per office, the five clears not made clear, the issues of the
// checklist and the hazards recorded from the talks.
import { AlignmentType, type Paragraph, type Table } from "docx";
import { a4Document, gridTable, heading, labelTable, p } from "./book-docx.ts";

export interface ScreeningReportFacts {
  county: string;
  quarter: string;
  openedOn: string;
  dueOn: string;
  offices: { name: string; done: number; total: number }[];
  /** Persons screened with something found: an issue of the checklist, a clear not made, a risk. */
  findings: {
    name: string;
    office: string;
    talkedOn: string;
    issues: string;
    risks: string;
    hazard: string;
  }[];
  /** Persons still to screen. */
  remaining: { name: string; office: string }[];
}

export function screeningReportDocx(f: ScreeningReportFacts): Promise<Buffer> {
  const done = f.offices.reduce((n, o) => n + o.done, 0);
  const total = f.offices.reduce((n, o) => n + o.total, 0);
  const children: Array<Paragraph | Table> = [
    p("社区矫正安全隐患排查工作报告", { bold: true, size: 36, align: AlignmentType.CENTER }),
    p(`${f.county}　${f.quarter}`, { align: AlignmentType.CENTER }),
    labelTable([
      ["开启日期", f.openedOn],
      ["完成时限", f.dueOn],
      ["完成情况", `已排查 ${done} 人，在册 ${total} 人`],
    ]),
    heading("一、各司法所完成情况", 2),
    gridTable(
      ["司法所", "已排查", "在册人数", "完成率"],
      f.offices.map((o) => [
        o.name,
        String(o.done),
        String(o.total),
        o.total ? `${Math.round((o.done * 1000) / o.total) / 10}%` : "—",
      ]),
    ),
    heading("二、排查发现的问题和隐患", 2),
    f.findings.length
      ? gridTable(
          ["序号", "姓名", "司法所", "谈话日期", "存在问题", "发现的风险", "登记隐患"],
          f.findings.map((x, i) => [
            String(i + 1),
            x.name,
            x.office,
            x.talkedOn,
            x.issues,
            x.risks,
            x.hazard,
          ]),
        )
      : p("未发现问题和隐患。"),
    heading("三、尚未排查人员", 2),
    f.remaining.length
      ? gridTable(
          ["序号", "姓名", "司法所"],
          f.remaining.map((x, i) => [String(i + 1), x.name, x.office]),
        )
      : p("无。"),
  ];
  return a4Document("社区矫正安全隐患排查工作报告", children);
}
