// Word letters of a change of place of execution (执行地变更): the request for the new county's opinion
// (执行地变更征求意见函) and, once it accepted, the hand-over letter (移交函) that goes with the case
// file when the new county does not use this onebook. A4, body in 宋体, title in 黑体, like leave-docx.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import type { TransferRequest } from "../features/transfer/tables.ts";
import { correctionTypeLabel } from "../glossary.ts";

const BODY_FONT = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun" };
const HEADING_FONT = { ascii: "SimHei", hAnsi: "SimHei", eastAsia: "黑体", cs: "SimHei" };
const A4 = { width: 11906, height: 16838 };
const CM = 567;

export type TransferLetterKind = "request" | "handover";

export interface TransferLetterData {
  request: TransferRequest;
  subject: { name: string; gender: string; correctionType: string; termStart: string; termEnd: string };
  /** The sending agency (县级社区矫正机构) and office. */
  agencyName: string;
  officeName: string;
  answerWithinDays: number;
  reportWithinDays: number;
  today: string;
}

const p = (text: string, align?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Paragraph({
    alignment: align,
    spacing: { after: 120 },
    indent: align ? undefined : { firstLine: 480 },
    children: [new TextRun({ text, font: BODY_FONT })],
  });

const day = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export async function transferDocx(kind: TransferLetterKind, data: TransferLetterData): Promise<Buffer> {
  const { request: r, subject: s } = data;
  const who = `社区矫正对象${s.name}（${s.gender === "female" ? "女" : "男"}，${correctionTypeLabel[s.correctionType as keyof typeof correctionTypeLabel] ?? s.correctionType}，矫正期限自${day(s.termStart)}至${day(s.termEnd)}）`;
  const title = kind === "request" ? "执行地变更征求意见函" : "社区矫正对象移交函";
  const addressee = `${r.new_county_name}社区矫正机构：`;
  const body =
    kind === "request"
      ? [
          `${who}因${r.reason}，申请将执行地变更至${r.new_county_name}${r.new_address}。经${data.officeName}核实，现征求贵机构意见。`,
          `请贵机构自收到本函之日起${data.answerWithinDays}日内核实新居住地情况并函复我机构。`,
        ]
      : [
          `${who}申请将执行地变更至${r.new_county_name}${r.new_address}，贵机构于${day(r.answered_on!)}同意接收。`,
          `现将该对象的社区矫正档案材料（含一人一册工作记录本）随函移交。已告知该对象自${day(r.answered_on!)}起${data.reportWithinDays}日内（${day(r.report_due!)}前）到贵机构报到。请贵机构接收后函复。`,
        ];
  const doc = new Document({
    creator: "onebook 一人一册",
    title,
    styles: {
      default: { document: { run: { font: BODY_FONT, size: 28 }, paragraph: { spacing: { line: 400 } } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: Math.round(3.7 * CM),
              bottom: Math.round(3.5 * CM),
              left: Math.round(2.8 * CM),
              right: Math.round(2.6 * CM),
            },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 400 },
            children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 40 })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: addressee, font: BODY_FONT })],
          }),
          ...body.map((t) => p(t)),
          p("特此函告。"),
          p(""),
          p(data.agencyName, AlignmentType.RIGHT),
          p(day(data.today), AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
