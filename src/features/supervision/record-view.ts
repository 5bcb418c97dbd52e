// How a record (a `case_event`) reads on the timeline and in the book: the label of its kind and a
// one-line summary of what was entered, from the glossary.
import {
  alertKindLabel,
  assistanceKindLabel,
  bookSectionLabel,
  checkMethodLabel,
  leaveCheckMethodLabel,
  sanctionKindLabel,
  violationKindLabel,
} from "../../glossary.ts";

export const kindLabels: Record<string, Record<string, string>> = {
  information_check: checkMethodLabel,
  assistance: assistanceKindLabel,
  sanction: sanctionKindLabel,
  violation: violationKindLabel,
  book_section: bookSectionLabel,
  alert: alertKindLabel,
  leave_signin_check: leaveCheckMethodLabel,
  leave_phone_check: leaveCheckMethodLabel,
};

export function summaryOf(type: string, kind: string | null, data: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === "string" && value.trim()) parts.push(value.trim());
  };
  if (data.result === "normal" || data.result === "abnormal") {
    parts.push(data.result === "abnormal" ? "结果异常" : "结果正常");
    if (data.by === "agency") parts.push("机构抽查");
  }
  add(data.summary);
  add(data.content);
  add(data.findings);
  add(data.topic);
  add(data.activity);
  add(data.situation);
  add(data.note);
  add(data.reason && typeof data.reason === "string" && data.reason.length > 12 ? data.reason : undefined);
  if (typeof data.notPresentReason === "string") parts.push(`代为登记：${data.notPresentReason}`);
  if (typeof data.hours === "number") parts.push(`${data.hours} 小时`);
  if (typeof data.minutes === "number") parts.push(`${data.minutes} 分钟`);
  if (type === "feedback_form" && kind) parts.unshift(`${kind} 月`);
  return parts.join("；");
}
