// A one-page official letter in Word (A4, title in 黑体, body in 宋体 with first-line indent, the
// sender and the date on the right): the shape of the letters to another county or a court.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";

const BODY_FONT = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun" };
const HEADING_FONT = { ascii: "SimHei", hAnsi: "SimHei", eastAsia: "黑体", cs: "SimHei" };
const A4 = { width: 11906, height: 16838 };
const CM = 567;

export interface Letter {
  title: string;
  addressee: string;
  /** Body paragraphs, each indented. */
  body: string[];
  closing: string;
  sender: string;
  /** YYYY-MM-DD */
  date: string;
}

const paragraph = (text: string, align?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Paragraph({
    alignment: align,
    spacing: { after: 120 },
    indent: align ? undefined : { firstLine: 480 },
    children: [new TextRun({ text, font: BODY_FONT })],
  });

/** 2026-11-20 → 2026年11月20日 */
export const chineseDay = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export async function letterDocx(letter: Letter): Promise<Buffer> {
  const doc = new Document({
    creator: "onebook 一人一册",
    title: letter.title,
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
            children: [new TextRun({ text: letter.title, font: HEADING_FONT, bold: true, size: 40 })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: letter.addressee, font: BODY_FONT })],
          }),
          ...letter.body.map((t) => paragraph(t)),
          paragraph(letter.closing),
          paragraph(""),
          paragraph(letter.sender, AlignmentType.RIGHT),
          paragraph(chineseDay(letter.date), AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
