// Word documents of a violation case (违规处置文书): the measure's decision or request — 训诫决定书,
// 警告决定书, 提请治安管理处罚建议书, 提请撤销缓刑（假释）建议书, 提请收监执行建议书 — and the notice to the
// person (处置告知书). Each holds the person, the facts, the investigation, the basis and the places for
// signatures. A4, body in 宋体, headings in 黑体, as the book's export.
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { CaseFile } from "../features/violations/view.ts";
import { genderLabel } from "../glossary.ts";
import { MASKED_BIRTH_DATE } from "../shared/id-number.ts";
import { a4Document, BODY_FONT, HEADING_FONT } from "./book-docx.ts";

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

export const CASE_DOCUMENTS = ["decision", "notice", "case_review"] as const;
export type CaseDocument = (typeof CASE_DOCUMENTS)[number];

/** The person as the documents name them (a minor's name arrives masked). */
export interface DocumentPerson {
  name: string;
  gender: "male" | "female";
  birthDate: string;
  idNumber: string;
  address: string | null;
  decidingOrgan: string | null;
  judgmentNumber: string | null;
  sentenceText: string | null;
  termStart: string;
  termEnd: string;
}

/** The title of the measure's document, by measure and correction type. */
export function decisionTitle(measure: string, correctionType: string): string {
  switch (measure) {
    case "reprimand":
      return "训诫决定书";
    case "warning":
      return "警告决定书";
    case "public_security_penalty":
      return "提请治安管理处罚建议书";
    case "revocation_request":
      return correctionType === "parole" ? "提请撤销假释建议书" : "提请撤销缓刑建议书";
    default:
      return "提请收监执行建议书";
  }
}

/** What the office decides or asks, in the document's words. */
function decisionSentence(measure: string, correctionType: string, county: string): string {
  const law = "《中华人民共和国社区矫正法》第二十八条及《中华人民共和国社区矫正法实施办法》的有关规定";
  switch (measure) {
    case "reprimand":
      return `根据${law}，决定给予训诫。`;
    case "warning":
      return `根据${law}，决定给予警告。`;
    case "public_security_penalty":
      return `根据${law}及《中华人民共和国治安管理处罚法》，建议公安机关依法给予治安管理处罚。`;
    case "revocation_request":
      return `根据${law}及《中华人民共和国刑法》的有关规定，建议人民法院依法撤销${correctionType === "parole" ? "假释" : "缓刑"}。`;
    default:
      return `根据${law}及《中华人民共和国刑事诉讼法》的有关规定，建议${county}有关决定机关依法对其收监执行。`;
  }
}

function p(
  text: string,
  options: { bold?: boolean; size?: number; align?: "center" | "right"; indent?: boolean } = {},
) {
  return new Paragraph({
    alignment:
      options.align === "center"
        ? AlignmentType.CENTER
        : options.align === "right"
          ? AlignmentType.RIGHT
          : undefined,
    indent: options.indent ? { firstLine: 480 } : undefined,
    spacing: { after: 80 },
    children: [new TextRun({ text, bold: options.bold, size: options.size, font: BODY_FONT })],
  });
}

function heading(text: string) {
  return new Paragraph({
    spacing: { before: 200, after: 100 },
    children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: 28 })],
  });
}

function paragraphs(text: string): Paragraph[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => p(line, { indent: true }));
}

function cell(text: string, opts: { label?: boolean; height?: boolean } = {}) {
  return new TableCell({
    borders,
    shading: opts.label ? { fill: "F2F2F2" } : undefined,
    children: [p(text), ...(opts.height ? [p(""), p("")] : [])],
  });
}

function signatureTable(rows: Array<[string, string]>) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3000, 6000],
    rows: rows.map(
      ([label, value]) =>
        new TableRow({ children: [cell(label, { label: true }), cell(value, { height: true })] }),
    ),
  });
}

const dateText = (iso: string | null) =>
  iso === MASKED_BIRTH_DATE
    ? "****年**月**日"
    : iso
      ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`
      : "　　年　　月　　日";

function personBlock(person: DocumentPerson, file: CaseFile): Paragraph[] {
  return [
    p(
      `社区矫正对象${person.name}，${genderLabel[person.gender]}，${dateText(person.birthDate)}出生，身份证号码${person.idNumber}，住${person.address ?? "（未登记）"}。`,
      { indent: true },
    ),
    p(
      `${person.decidingOrgan ?? "（决定机关）"}${person.judgmentNumber ? `以${person.judgmentNumber}` : ""}${person.sentenceText ? `，${person.sentenceText}` : ""}；矫正类别：${file.subject.correctionTypeLabel}；社区矫正期限自${dateText(person.termStart)}起至${dateText(person.termEnd)}止，由${file.office.name}负责日常监督管理。`,
      { indent: true },
    ),
  ];
}

function factsBlock(file: CaseFile): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [heading("一、违规事实")];
  const detail = [
    `违规类型：${file.kindLabel}`,
    file.severityLabel ? `情节：${file.severityLabel}` : null,
    file.days ? `天数：${file.days}日` : null,
    `发生时间：${file.occurredAt.slice(0, 16).replace("T", " ")}`,
    `案件来源：${file.sourceLabel}`,
  ]
    .filter(Boolean)
    .join("；");
  blocks.push(p(`${detail}。`, { indent: true }), ...paragraphs(file.facts));
  blocks.push(heading("二、调查情况"));
  blocks.push(
    p(`调查人员：${file.investigators.map((i) => `${i.name}（${i.roleLabel}）`).join("、")}。`, {
      indent: true,
    }),
  );
  for (const interview of file.interviews)
    blocks.push(
      p(
        `${interview.at.slice(0, 16).replace("T", " ")}在${interview.place}询问${interview.interviewee}，询问人${interview.askedBy?.name ?? ""}，记录人${interview.recordedBy?.name ?? ""}。`,
        { indent: true },
      ),
    );
  if (file.evidence.length)
    blocks.push(p(`证据材料：${file.evidence.map((e) => e.description).join("；")}。`, { indent: true }));
  return blocks;
}

function basisBlock(file: CaseFile, county: string): Paragraph[] {
  const measure = file.decision.measure ?? "";
  const blocks = [heading("三、处置依据和意见")];
  // The grounds and basis the ladder gave when the office proposed (the measure has spent them since).
  const followsLadder = file.decision.engineStep === measure;
  const grounds = file.decision.engineGrounds.map((g) => g.label);
  if (followsLadder && grounds.length)
    blocks.push(p(`经调查核实，该社区矫正对象${grounds.join("；")}。`, { indent: true }));
  if (file.decision.reason) blocks.push(p(`处置意见的理由：${file.decision.reason}`, { indent: true }));
  if (followsLadder && file.decision.engineBasisText)
    blocks.push(p(`依据：${file.decision.engineBasisText}。`, { indent: true }));
  blocks.push(p(decisionSentence(measure, file.subject.correctionType, county), { indent: true }));
  return blocks;
}

/** The measure's document: decision (训诫、警告) or request (提请…建议书). */
export function decisionDocx(file: CaseFile, person: DocumentPerson, county: string): Promise<Buffer> {
  const measure = file.decision.measure ?? "";
  const title = decisionTitle(measure, file.subject.correctionType);
  const isRequest = !["reprimand", "warning"].includes(measure);
  const addressee =
    measure === "public_security_penalty"
      ? "公安机关："
      : measure === "revocation_request"
        ? `${person.decidingOrgan ?? "人民法院"}：`
        : measure === "imprisonment_request"
          ? "决定（批准）暂予监外执行的机关："
          : null;
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: county, font: HEADING_FONT, bold: true, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 40 })],
    }),
    p("〔　　〕　　字第　　号", { align: "right" }),
    ...(addressee ? [p(addressee)] : []),
    ...personBlock(person, file),
    ...factsBlock(file),
    ...basisBlock(file, county),
    heading("四、签署"),
    signatureTable([
      ["调查人员（签名）", file.investigators.map((i) => i.name).join("、")],
      [
        "司法所负责人意见（签名）",
        file.decision.signedBy ? `${file.decision.signedBy.name}　${dateText(file.decision.signedAt)}` : "",
      ],
      [
        "社区矫正机构审批意见（签名、盖章）",
        file.decision.approvedBy
          ? `同意。${file.decision.approvedBy.name}　${dateText(file.decision.approvedAt)}`
          : "",
      ],
      ...(isRequest ? [] : ([["社区矫正对象签收（签名、日期）", ""]] as Array<[string, string]>)),
    ]),
    p(""),
    p(`${county}（印章）`, { align: "right" }),
    p(dateText(file.decision.approvedAt), { align: "right" }),
  ];
  if (isRequest) children.push(p("抄送：人民检察院", { indent: false }));
  return a4Document(title, children);
}

/** The notice to the person of the measure, with the right to state and defend (陈述、申辩). */
export function noticeDocx(file: CaseFile, person: DocumentPerson, county: string): Promise<Buffer> {
  const measure = file.decision.measure ?? "";
  const title = "社区矫正处置告知书";
  const measureName = decisionTitle(measure, file.subject.correctionType).replace(/决定书|建议书/, "");
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 40 })],
    }),
    p(`${person.name}：`),
    p(
      `你于${dateText(file.occurredAt)}${file.kindLabel}。经调查核实，${file.office.name}依法${["reprimand", "warning"].includes(measure) ? "对你作出" : "对你"}${measureName}${["reprimand", "warning"].includes(measure) ? "的处置" : "的处置意见"}。`,
      { indent: true },
    ),
    ...paragraphs(file.facts),
    p("你有权对上述事实进行陈述和申辩。请你认真遵守社区矫正监督管理规定，服从监督管理，改正违规行为。", {
      indent: true,
    }),
    heading("签收"),
    signatureTable([
      ["告知人（签名）", file.investigators.map((i) => i.name).join("、")],
      ["社区矫正对象签收（签名、日期）", ""],
      ["陈述、申辩意见", ""],
    ]),
    p(""),
    p(`${county}${file.office.name}`, { align: "right" }),
    p(dateText(file.decision.approvedAt), { align: "right" }),
  ];
  return a4Document(title, children);
}

/** 一案一复盘: each review of the case with the office's and the agency's parts and their signatures. */
export function caseReviewDocx(file: CaseFile, county: string): Promise<Buffer> {
  const title = "一案一复盘";
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 40 })],
    }),
    p(`社区矫正对象：${file.subject.name}　司法所：${file.office.name}　${county}`),
    p(`违规情况：${file.kindLabel}，${dateText(file.occurredAt)}`),
    ...paragraphs(file.facts),
  ];
  for (const review of file.reviews) {
    children.push(
      heading(
        `复盘事由：${review.triggerLabel}（${dateText(review.eventAt)}，应于${dateText(review.dueDate)}前完成）`,
      ),
      p(`依据：${review.basisText}`),
      heading("司法所复盘意见"),
      ...(review.officeText ? paragraphs(review.officeText) : [p("（未填写）")]),
      heading("社区矫正机构复盘意见"),
      ...(review.agencyText ? paragraphs(review.agencyText) : [p("（未填写）")]),
      signatureTable([
        [
          "司法所负责人（签名）",
          review.officeBy ? `${review.officeBy.name}　${dateText(review.officeAt)}` : "",
        ],
        [
          "社区矫正机构负责人（签名、盖章）",
          review.agencyBy ? `${review.agencyBy.name}　${dateText(review.agencyAt)}` : "",
        ],
      ]),
    );
  }
  if (file.reviews.length === 0) children.push(p("本案无须复盘。"));
  return a4Document(title, children);
}
