// Word letters of a change of place of execution (执行地变更): the request for the new county's opinion
// (执行地变更征求意见函) and, once it accepted, the hand-over letter (移交函) that goes with the case
// file when the new county does not use this onebook. A4, body in 宋体, title in 黑体, like leave-docx.
import type { TransferRequest } from "../features/transfer/tables.ts";
import { correctionTypeLabel } from "../glossary.ts";
import { chineseDay as day, letterDocx } from "./letter-docx.ts";

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
  return letterDocx({
    title,
    addressee,
    body,
    closing: "特此函告。",
    sender: data.agencyName,
    date: data.today,
  });
}
