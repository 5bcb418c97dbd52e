// The minutes of a monthly risk-analysis meeting (社区矫正风险研判分析会议记录, seed 002 二) in Word:
// the meeting's facts, the persons discussed with the reasons and the assessment, the decisions with
// their owners and deadlines, and the summary.
import { AlignmentType, type Paragraph, type Table } from "docx";
import { a4Document, gridTable, heading, labelTable, p } from "./book-docx.ts";

export interface MinutesFacts {
  unit: string;
  month: string;
  heldOn: string;
  place: string;
  host: string;
  attendees: string;
  persons: { name: string; office: string; reasons: string; assessment: string }[];
  decisions: { text: string; owner: string; deadline: string }[];
  summary: string;
  recordedBy: string;
}

export function riskMeetingDocx(f: MinutesFacts): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    p("社区矫正风险研判分析会议记录", { bold: true, size: 36, align: AlignmentType.CENTER }),
    p(`${f.unit}　${f.month.replace("-", "年")}月`, { align: AlignmentType.CENTER }),
    labelTable([
      ["会议时间", f.heldOn],
      ["会议地点", f.place],
      ["主持人", f.host],
      ["参会人员", f.attendees],
      ["记录人", f.recordedBy],
    ]),
    heading("一、研判对象", 2),
    f.persons.length
      ? gridTable(
          ["序号", "姓名", "司法所", "研判事由", "研判意见"],
          f.persons.map((x, i) => [String(i + 1), x.name, x.office, x.reasons, x.assessment]),
        )
      : p("本月无研判对象。"),
    heading("二、会议决定事项", 2),
    f.decisions.length
      ? gridTable(
          ["序号", "事项", "责任人", "完成时限"],
          f.decisions.map((d, i) => [String(i + 1), d.text, d.owner, d.deadline]),
        )
      : p("无。"),
    heading("三、会议小结", 2),
    ...f.summary.split(/\r?\n/).map((line) => p(line)),
  ];
  return a4Document("社区矫正风险研判分析会议记录", children);
}
