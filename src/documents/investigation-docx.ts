// The assessment opinion (调查评估意见书) the agency returns to the commissioning court: the person,
// the commission, what was investigated and the opinion (suitable / not suitable for community
// correction) with its reasons. A one-page letter (letter-docx).
import type { Investigation, InvestigationNote } from "../features/investigation/tables.ts";
import {
  correctionTypeLabel,
  investigationNoteKindLabel,
  investigationOpinionLabel,
  investigationProcedureLabel,
} from "../glossary.ts";
import { chineseDay, letterDocx } from "./letter-docx.ts";

export interface OpinionData {
  commission: Investigation;
  notes: Pick<InvestigationNote, "kind" | "on_date" | "persons" | "findings">[];
  agencyName: string;
  officeName: string;
  today: string;
}

export function investigationDocx(data: OpinionData): Promise<Buffer> {
  const c = data.commission;
  const type = correctionTypeLabel[c.proposed_type as keyof typeof correctionTypeLabel] ?? c.proposed_type;
  const body = [
    `贵院${chineseDay(c.received_on)}委托（${c.commission_no}，${investigationProcedureLabel[c.procedure]}）对被告人${c.defendant_name}（${c.gender === "female" ? "女" : "男"}，${chineseDay(c.birth_date)}出生，住${c.address}，涉嫌${c.charge}）适用${type}进行调查评估。我机构组织${data.officeName}进行了调查，情况如下：`,
    ...data.notes.map(
      (n, i) =>
        `${i + 1}. ${chineseDay(n.on_date)}${investigationNoteKindLabel[n.kind]}${n.persons ? `（${n.persons}）` : ""}：${n.findings}`,
    ),
    `评估意见：${investigationOpinionLabel[c.opinion!]}。理由：${c.reasons}`,
  ];
  return letterDocx({
    title: "调查评估意见书",
    addressee: `${c.court}：`,
    body,
    closing: "特此函复。",
    sender: data.agencyName,
    date: data.today,
  });
}
