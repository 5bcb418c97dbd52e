// Word documents of a leave application: the approval form (请假审批表) with the engine's advice and
// every decision, and the approval notice to the person (请假批准通知书) with the checks while away and
// the return. A4, body in 宋体, headings in 黑体, like the book's export.
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { LeaveAdvice } from "../core/index.ts";
import type { LeaveApplication } from "../features/leave/tables.ts";
import {
  basisText,
  correctionTypeLabel,
  leaveApproverLabel,
  leaveCheckLabel,
  leaveDecisionLabel,
  leaveKindLabel,
  leaveRefusalLabel,
  leaveStatusLabel,
  leaveWarningLabel,
  levelLabel,
  returnMethodLabel,
  roleLabel,
} from "../glossary.ts";
import { cstIso } from "../shared/time.ts";
import { a4Document, BODY_FONT, HEADING_FONT } from "./book-docx.ts";

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

export interface LeaveDocumentData {
  application: LeaveApplication;
  subject: { name: string; level: string; correctionType: string; termEnd: string };
  advice: LeaveAdvice;
  decisions: Array<{
    decision: string;
    comment: string;
    override_reason: string | null;
    decided_role: string;
    decided_at: Date;
    display_name: string;
  }>;
  now: Date;
}

const p = (
  text: string,
  opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: opts.align,
    spacing: { after: 80 },
    children: [new TextRun({ text, bold: opts.bold, font: BODY_FONT })],
  });

const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 300 },
    children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: 36 })],
  });

const cell = (text: string, label = false) =>
  new TableCell({
    borders,
    shading: label ? { fill: "F2F2F2" } : undefined,
    children: (text || " ").split("\n").map((line) => p(line)),
  });

const table = (rows: Array<[string, string]>) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2600, 6400],
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
  });

const dateText = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const instantText = (d: Date) => cstIso(d).slice(0, 16).replace("T", " ");

function period(a: LeaveApplication, days: number | null): string {
  if (a.kind === "move_house") return `迁居日期：${dateText(a.from_date)}`;
  return `${dateText(a.from_date)}至${dateText(a.to_date ?? a.from_date)}${days ? `，共${days}日` : ""}`;
}

function approvalForm(data: LeaveDocumentData): Array<Paragraph | Table> {
  const { application: a, subject, advice } = data;
  const rows: Array<[string, string]> = [
    ["姓名", subject.name],
    ["矫正类别", correctionTypeLabel[subject.correctionType as "probation"] ?? subject.correctionType],
    ["管理等级", levelLabel[subject.level as "key"] ?? subject.level],
    ["矫正期满日", dateText(subject.termEnd)],
    ["申请类别", leaveKindLabel[a.kind] ?? a.kind],
    ["外出（迁居）期间", period(a, advice.days)],
    ["目的地", `${a.destination_name}${a.destination_address ? ` ${a.destination_address}` : ""}`],
    ["事由", a.reason],
    ["申请时间", instantText(a.applied_at)],
    [
      "审批层级",
      `${leaveApproverLabel[advice.approver.by] ?? advice.approver.by}（依据：${basisText(advice.approver.basis)}）`,
    ],
    [
      "不予批准的情形",
      advice.refusals.length
        ? advice.refusals
            .map((r) => `${leaveRefusalLabel[r.id] ?? r.id}（依据：${basisText(r.basis)}）`)
            .join("\n")
        : "无",
    ],
    [
      "须说明理由的情形",
      advice.warnings.length
        ? advice.warnings
            .map((w) => `${leaveWarningLabel[w.id] ?? w.id}（依据：${basisText(w.basis)}）`)
            .join("\n")
        : "无",
    ],
  ];
  for (const d of data.decisions) {
    rows.push([
      `${roleLabel[d.decided_role as "office_head"] ?? d.decided_role}意见`,
      `${leaveDecisionLabel[d.decision] ?? d.decision}。${d.comment}${
        d.override_reason ? `\n批准理由：${d.override_reason}` : ""
      }\n${d.display_name}　${instantText(d.decided_at)}`,
    ]);
  }
  rows.push(["状态", leaveStatusLabel[a.status] ?? a.status]);
  if (a.returned_at)
    rows.push(["销假", `${instantText(a.returned_at)}　${returnMethodLabel[a.return_method ?? ""] ?? ""}`]);
  return [title(a.kind === "move_house" ? "社区矫正对象迁居审批表" : "社区矫正对象请假审批表"), table(rows)];
}

function notice(data: LeaveDocumentData): Array<Paragraph | Table> {
  const { application: a, subject, advice } = data;
  const approval = data.decisions.find((d) => d.decision === "approve");
  const out: Array<Paragraph | Table> = [
    title(a.kind === "move_house" ? "迁居批准通知书" : "请假批准通知书"),
    p(`${subject.name}：`),
    p(
      `　　你于${instantText(a.applied_at).slice(0, 10)}提出的${leaveKindLabel[a.kind] ?? a.kind}申请（${period(
        a,
        advice.days,
      )}，目的地：${a.destination_name}，事由：${a.reason}），经审核，予以批准。`,
    ),
  ];
  if (advice.checksWhileAway.length) {
    out.push(p("　　外出期间须遵守以下规定："));
    for (const c of advice.checksWhileAway) {
      if (c.by === "agency") continue;
      out.push(p(`　　· ${leaveCheckLabel[c.id] ?? c.id}：每日${c.perDay}次，请保持通讯畅通、按时签到。`));
    }
  }
  if (advice.returnDue) {
    out.push(
      p(
        `　　请于${dateText(advice.returnDue.date)}当日结束前返回，并当面、电话或通过手机应用向司法所报告销假。逾期未归的，将依法处理。`,
      ),
    );
  }
  out.push(
    p(""),
    p(approval ? `批准人：${approval.display_name}　${instantText(approval.decided_at).slice(0, 10)}` : "", {
      align: AlignmentType.RIGHT,
    }),
  );
  return out;
}

export async function leaveDocx(kind: "approval_form" | "notice", data: LeaveDocumentData): Promise<Buffer> {
  const children = kind === "notice" ? notice(data) : approvalForm(data);
  return a4Document(kind === "notice" ? "请假批准通知书" : "请假审批表", children);
}
