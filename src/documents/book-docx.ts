// Word export of the book (一人一册工作记录本): the whole book in the paper book's order, or one
// document alone. A4, body in 宋体 (SimSun), headings in 黑体 (SimHei), tables with borders, a header
// with the book number on every page and the special reminder at the top.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { type DailyRecord, lateText } from "../features/book/daily-records.ts";
import type { Book } from "../features/book/service.ts";
import { basisText, teamMemberKindLabel } from "../glossary.ts";

export const BODY_FONT = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun" };
export const HEADING_FONT = { ascii: "SimHei", hAnsi: "SimHei", eastAsia: "黑体", cs: "SimHei" };
/** A4 in twentieths of a point. */
export const A4 = { width: 11906, height: 16838 };
export const CM = 567;

type Section = Book["sections"][number];

export interface ExportOptions {
  /** A section id, "registration" or "classification" for one document; absent for the whole book. */
  only?: string;
  /** The name to print (a minor's is masked unless revealed for a stated purpose). */
  displayName: string;
  /** The birth date to print (a minor's is masked where the name is). */
  birthDate: string;
  county: string;
  /** The daily records of 个案矫正工作记录, from the events (`features/book/daily-records.ts`). */
  dailyRecords?: DailyRecord[];
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

/**
 * The office's standard Word document: A4, the book's margins, 宋体 body and 黑体 headings. Every
 * export but the book itself (which adds a running header) and the official letters is made by it.
 */
export function a4Document(title: string, children: Array<Paragraph | Table>): Promise<Buffer> {
  const doc = new Document({
    creator: "onebook 一人一册",
    title,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 24 }, paragraph: { spacing: { line: 360 } } },
        heading1: { run: { font: HEADING_FONT, size: 32, bold: true } },
        heading2: { run: { font: HEADING_FONT, size: 28, bold: true } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: Math.round(2.54 * CM),
              bottom: Math.round(2.54 * CM),
              left: Math.round(3.17 * CM),
              right: Math.round(3.17 * CM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function p(
  text: string,
  options: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) {
  return new Paragraph({
    alignment: options.align,
    spacing: { after: 60 },
    children: [new TextRun({ text, bold: options.bold, size: options.size, font: BODY_FONT })],
  });
}

function multiline(text: string): Paragraph[] {
  const lines = text.split(/\r?\n/);
  return lines.map((line) => p(line));
}

export function heading(text: string, level: 1 | 2 = 1) {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: level === 1 ? 32 : 28 })],
  });
}

function cell(text: string, opts: { label?: boolean; width?: number; span?: number } = {}) {
  return new TableCell({
    borders,
    columnSpan: opts.span,
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.label ? { fill: "F2F2F2" } : undefined,
    children: text ? multiline(text).map((para) => para) : [p("")],
  });
}

export function labelTable(rows: Array<[string, string]>) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2600, 6400],
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [cell(label, { label: true, width: 2600 }), cell(value || "—", { width: 6400 })],
        }),
    ),
  });
}

export function gridTable(head: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, { label: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v || "—")) })),
    ],
  });
}

function valueText(value: unknown, field: { kind: string; options?: Record<string, string> }): string {
  if (value === undefined || value === null || value === "") return "";
  if (field.kind === "boolean") return value ? "是" : "否";
  if (field.kind === "select") return field.options?.[String(value)] ?? String(value);
  return String(value);
}

function statusLine(section: Section): string {
  const parts: string[] = [];
  if (section.statusLabel) parts.push(`状态：${section.statusLabel}`);
  const open =
    section.deadlines.find((d) => d.status === "open" || d.status === "overdue") ?? section.deadlines.at(-1);
  if (open) parts.push(`期限：${open.dueDate}`, `依据：${basisText(open.basis)}`);
  parts.push(`填写人：${section.authors.map((a) => a.label).join("或")}`);
  return parts.join("　");
}

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The daily records generated from the events, one row each, late entries marked 补录. */
function dailyRecordBlocks(records: readonly DailyRecord[]): Array<Paragraph | Table> {
  return [
    p("日常监管和教育帮扶记录（由系统中登记的报告、核查、查访、教育帮扶、请销假和预警处置生成）", {
      bold: true,
    }),
    records.length
      ? gridTable(
          ["日期", "类别", "人员", "内容", "补录"],
          records.map((r) => [minute(r.at), r.kindLabel, r.who, r.content, lateText(r)]),
        )
      : p("（暂无）"),
  ];
}

/** Every evaluation of a recurring section, one row each with the period it covers. */
function evaluationRows(section: Section): Table {
  return gridTable(
    ["评估期", "到期日", "完成日期", "状态"],
    section.deadlines.map((d) => [
      d.period ?? "",
      d.dueDate,
      d.doneAt ? d.doneAt.slice(0, 10) : "",
      d.statusLabel,
    ]),
  );
}

function sectionBlocks(section: Section, dailyRecords?: readonly DailyRecord[]): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [
    heading(`${section.label}（${section.paragraph}）`),
    p(statusLine(section), { size: 18 }),
  ];
  if (section.shape === "recurring" && section.deadlines.length > 0) out.push(evaluationRows(section));
  if (dailyRecords) out.push(...dailyRecordBlocks(dailyRecords));
  if (section.entries.length === 0) {
    if (dailyRecords || (section.shape === "recurring" && section.deadlines.length > 0)) return out;
    out.push(
      p(
        section.doneEvents.length > 0
          ? `已于 ${section.doneEvents[0]!.slice(0, 10)} 完成（系统中无正文记录）`
          : "（尚未填写）",
      ),
    );
    return out;
  }
  for (const entry of section.entries) {
    // A recurring evaluation's entry is named by its due day: print it with the period it covers.
    const period = section.deadlines.find((d) => d.dueDate === entry.entry)?.period;
    if (section.shape !== "one_off")
      out.push(
        heading(
          entry.entry === "main"
            ? section.label
            : `${section.label}　${period ?? (section.id === "work_record" ? String(entry.content.date ?? entry.entry) : entry.entry)}`,
          2,
        ),
      );
    out.push(labelTable(section.fields.map((f) => [f.label, valueText(entry.content[f.name], f)])));
    if (section.id === "team_formed") {
      const members = (entry.content.members as Array<Record<string, unknown>> | undefined) ?? [];
      out.push(p("矫正小组成员", { bold: true }));
      out.push(
        gridTable(
          ["类别", "姓名", "性别", "单位", "联系电话", "熟悉未成年人"],
          members.map((m) => [
            teamMemberKindLabel[String(m.kind)] ?? String(m.kind),
            String(m.name ?? ""),
            m.gender === "female" ? "女" : "男",
            String(m.organization ?? ""),
            String(m.phone ?? ""),
            m.familiarWithMinors ? "是" : "",
          ]),
        ),
      );
    }
    out.push(
      p(
        `第 ${entry.version} 版　${entry.complete ? "已完成" : "草稿"}　最后修改：${entry.updatedBy}，${entry.updatedAt.slice(0, 16).replace("T", " ")}`,
        { size: 18 },
      ),
    );
  }
  return out;
}

function registrationBlocks(book: Book, name: string, birthDate: string): Array<Paragraph | Table> {
  const r = book.registration;
  const s = book.subject;
  return [
    heading("入矫登记及统一编号（§一（一））"),
    labelTable([
      ["工作记录本编号", r.bookNumber ?? ""],
      ["姓名", name],
      ["性别", s.genderLabel],
      ["出生日期", birthDate],
      ["身份证号", s.idNumberMasked],
      ["矫正类别", s.correctionTypeLabel],
      ["罪名", s.crimeText],
      ["决定机关", r.decidingOrgan ?? ""],
      ["判决书文号", r.judgmentNumber ?? ""],
      ["判决生效日期", r.judgmentEffectiveDate ?? ""],
      ["执行通知书文号", r.noticeNumber ?? ""],
      ["判决内容", r.sentenceText ?? ""],
      ["矫正期限", `${s.termStart} 至 ${s.termEnd}`],
      ["入矫日期", r.intakeDate],
      ["执行地司法所", s.office.name],
      [
        "报到期限",
        r.clock ? `${r.clock.reportBy}（${r.clock.statusLabel}，${basisText(r.clock.basis)}）` : "",
      ],
      ["随档移交的法律文书", r.documents.map((d) => `${d.kindLabel}：${d.fileName}`).join("\n")],
    ]),
  ];
}

function classificationBlocks(book: Book): Array<Paragraph | Table> {
  const c = book.classification;
  return [
    heading("分类管理（§三（九））"),
    p(
      `规则引擎建议：${c.proposedKey ? "列为重点人员" : "不列为重点人员"}；现管理等级：${c.decidedLevelLabel}`,
    ),
    ...(c.criteria.length
      ? [
          gridTable(
            ["标准", "依据", "事实"],
            c.criteria.map((k) => [`${k.id} ${k.label}`, basisText(k.basis), k.evidence]),
          ),
        ]
      : []),
    ...(c.keyOverride ? [p(`与建议不一致的决定理由：${c.keyOverride.reason}`)] : []),
    p("等级决定记录", { bold: true }),
    gridTable(
      ["生效日期", "管理等级", "理由", "决定人"],
      c.decisions.map((d) => [d.fromDate, d.levelLabel, d.reason ?? "", d.decidedBy ?? ""]),
    ),
  ];
}

function feedbackBlocks(book: Book): Array<Paragraph | Table> {
  return [
    heading("矫正对象情况信息反馈表（§二（六））"),
    book.feedbackForms.length
      ? gridTable(
          ["月份", "填报人", "填报时间", "情况"],
          book.feedbackForms.map((f) => [f.month ?? "", f.by ?? "", f.at.slice(0, 10), f.summary]),
        )
      : p("（暂无）"),
  ];
}

export async function bookDocx(book: Book, options: ExportOptions): Promise<Buffer> {
  const title = "社区矫正对象“一人一册”工作记录本";
  const children: Array<Paragraph | Table> = [];
  const only = options.only;
  if (!only) {
    children.push(
      new Paragraph({ spacing: { before: 2400 }, children: [] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 600 },
        children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 44 })],
      }),
      p(`编号：${book.registration.bookNumber ?? "（未编号）"}`, { align: AlignmentType.CENTER, size: 30 }),
      p(`姓名：${options.displayName}`, { align: AlignmentType.CENTER, size: 30 }),
      p(`司法所：${book.subject.office.name}`, { align: AlignmentType.CENTER, size: 30 }),
      p(`${options.county}`, { align: AlignmentType.CENTER, size: 30 }),
      p(`导出时间：${book.asOf.slice(0, 16).replace("T", " ")}`, { align: AlignmentType.CENTER, size: 24 }),
      ...(book.closure.state === "open"
        ? []
        : [
            p(
              book.closure.state === "closed"
                ? `${book.closure.endKindLabel ?? "已解除矫正"}（${book.closure.endDate}）　已封存，封存日期：${book.closure.closesOn}`
                : `已于 ${book.closure.endDate} 解除矫正　解矫分析总结截止：${book.closure.closesOn}`,
              { align: AlignmentType.CENTER, size: 24 },
            ),
          ]),
      new Paragraph({ pageBreakBefore: true, children: [] }),
    );
  } else {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: title, font: HEADING_FONT, bold: true, size: 32 })],
      }),
      p(
        `编号：${book.registration.bookNumber ?? ""}　姓名：${options.displayName}　司法所：${book.subject.office.name}`,
      ),
    );
  }
  if (book.specialReminder) {
    children.push(
      new Paragraph({
        spacing: { after: 120 },
        border: { top: border, bottom: border, left: border, right: border },
        children: [
          new TextRun({ text: "特别提醒：", font: HEADING_FONT, bold: true, color: "C00000" }),
          new TextRun({ text: book.specialReminder, font: BODY_FONT, color: "C00000" }),
        ],
      }),
    );
  }
  const want = (id: string) => !only || only === id;
  if (want("registration"))
    children.push(...registrationBlocks(book, options.displayName, options.birthDate));
  for (const section of book.sections) {
    if (want(section.id))
      children.push(
        ...sectionBlocks(section, section.id === "work_record" ? (options.dailyRecords ?? []) : undefined),
      );
    if (section.id === "correction_plan" && want("classification"))
      children.push(...classificationBlocks(book));
    if (section.id === "work_record" && want("feedback_forms")) children.push(...feedbackBlocks(book));
  }
  const doc = new Document({
    creator: "onebook 一人一册",
    title: `${title} ${book.registration.bookNumber ?? ""}`,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 24 }, paragraph: { spacing: { line: 360 } } },
        heading1: { run: { font: HEADING_FONT, size: 32, bold: true } },
        heading2: { run: { font: HEADING_FONT, size: 28, bold: true } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: Math.round(2.54 * CM),
              bottom: Math.round(2.54 * CM),
              left: Math.round(3.17 * CM),
              right: Math.round(3.17 * CM),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    text: `一人一册工作记录本　编号 ${book.registration.bookNumber ?? ""}　${options.displayName}`,
                    font: BODY_FONT,
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["第 ", PageNumber.CURRENT, " 页，共 ", PageNumber.TOTAL_PAGES, " 页"],
                    font: BODY_FONT,
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Ids accepted for a single-document export. */
export const SINGLE_DOCUMENTS = ["registration", "classification", "feedback_forms"] as const;
