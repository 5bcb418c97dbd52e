// Word documents of the end of a case (Community Correction Law Arts. 44–45): the release certificate
// (解除社区矫正证明书) and the notices of release or termination to the deciding court, the
// procuratorate and the police. A4, 宋体 body and 黑体 titles like the book export; each document is
// made once, when the end is recorded, and stored as made.
import { AlignmentType, Paragraph, TextRun } from "docx";
import { a4Document, HEADING_FONT, labelTable, p } from "./book-docx.ts";

export interface EndDocumentFacts {
  /** Full name: these are documents to the person and to judicial organs (a lawful, judicial use). */
  name: string;
  genderLabel: string;
  birthDate: string;
  idNumber: string;
  correctionTypeLabel: string;
  crimeText: string;
  decidingOrgan: string;
  judgmentNumber: string;
  sentenceText: string;
  termStart: string;
  termEnd: string;
  intakeDate: string;
  bookNumber: string;
  officeName: string;
  countyName: string;
  /** 解除矫正 / 终止矫正 and why (期满 / 赦免 / 撤销缓刑 …). */
  endKindLabel: string;
  endDate: string;
  documentText: string | null;
  certificateNo: string | null;
  announcedOn: string | null;
  place: string | null;
  presentText: string | null;
  madeOn: string;
}

function title(text: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 360 },
    children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: 40 })],
  });
}

function signature(org: string, day: string) {
  return [
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    p(org, { align: AlignmentType.RIGHT }),
    p(`${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`, {
      align: AlignmentType.RIGHT,
    }),
    p("（印章）", { align: AlignmentType.RIGHT }),
  ];
}

function personTable(f: EndDocumentFacts) {
  return labelTable([
    ["姓名", f.name],
    ["性别", f.genderLabel],
    ["出生日期", f.birthDate],
    ["身份证号", f.idNumber],
    ["矫正类别", f.correctionTypeLabel],
    ["罪名", f.crimeText],
    ["原判决（裁定、决定）机关", f.decidingOrgan],
    ["判决书文号", f.judgmentNumber],
    ["判决内容", f.sentenceText],
    ["矫正期限", `${f.termStart} 至 ${f.termEnd}`],
    ["入矫日期", f.intakeDate],
    ["工作记录本编号", f.bookNumber],
    ["执行地司法所", f.officeName],
  ]);
}

export function releaseCertificateDocx(f: EndDocumentFacts): Promise<Buffer> {
  const agency = `${f.countyName}社区矫正机构`;
  return a4Document("解除社区矫正证明书", [
    title("解除社区矫正证明书"),
    p(f.certificateNo ?? "", { align: AlignmentType.RIGHT }),
    p(
      `社区矫正对象${f.name}，因犯${f.crimeText}，经${f.decidingOrgan}判处${f.sentenceText}，` +
        `于${f.termStart}起在${f.officeName}接受社区矫正，矫正期限自${f.termStart}至${f.termEnd}。` +
        `现${f.endKindLabel}，依照《中华人民共和国社区矫正法》第四十四条的规定，自${f.endDate}起解除社区矫正。`,
    ),
    p("特此证明。"),
    personTable(f),
    ...(f.documentText ? [p(`依据文书：${f.documentText}`)] : []),
    ...(f.announcedOn
      ? [p(`解除矫正宣告：${f.announcedOn}，地点：${f.place ?? ""}；到场人员：${f.presentText ?? ""}`)]
      : []),
    ...signature(agency, f.madeOn),
  ]);
}

export type NoticeRecipient = "court" | "procuratorate" | "police";

export function endNoticeDocx(
  f: EndDocumentFacts,
  recipient: NoticeRecipient,
  recipientName: string,
  released: boolean,
): Promise<Buffer> {
  const agency = `${f.countyName}社区矫正机构`;
  const what = released ? "解除社区矫正" : "终止社区矫正";
  const basis = released ? "第四十四条" : "第四十五条";
  return a4Document(`${what}通知书`, [
    title(`${what}通知书`),
    p(`${recipientName}：`),
    p(
      `社区矫正对象${f.name}（身份证号${f.idNumber}），因犯${f.crimeText}，经${f.decidingOrgan}判处${f.sentenceText}，` +
        `矫正期限自${f.termStart}至${f.termEnd}，在${f.officeName}接受社区矫正。` +
        `该对象${f.endKindLabel}，依照《中华人民共和国社区矫正法》${basis}的规定，自${f.endDate}起${what}。`,
    ),
    ...(f.certificateNo ? [p(`已发给解除社区矫正证明书（${f.certificateNo}）。`)] : []),
    ...(f.documentText ? [p(`依据文书：${f.documentText}`)] : []),
    p("特此通知。"),
    personTable(f),
    ...signature(agency, f.madeOn),
    p(recipient === "court" ? "抄送：同级人民检察院、公安机关" : "", { size: 18 }),
  ]);
}
