// Chinese words for the audit log's action and record codes, from the glossary (src/glossary.ts); an
// unknown code is shown in a neutral form, so no English ever reaches the screen.
import { auditActionLabel, recordTypeLabel } from "../../../../../src/glossary.ts";
import type { AuditEntry } from "../../api.ts";

const actionLabels: Record<string, string> = {
  ...auditActionLabel,
  create: "新增",
  update: "修改",
  delete: "删除",
  view: "查看",
  export: "导出",
};

const recordTypeLabels: Record<string, string> = recordTypeLabel;

const hasLatin = /[A-Za-z]/;

export function actionText(entry: AuditEntry): string {
  if (entry.actionLabel) return entry.actionLabel;
  const known = actionLabels[entry.action];
  if (known) return known;
  // "thing.verb": translate the parts we know.
  const [thing, verb] = entry.action.split(".", 2);
  if (thing && verb) {
    const t = recordTypeLabels[thing];
    const v = actionLabels[verb];
    if (t && v) return `${v}${t}`;
  }
  return hasLatin.test(entry.action) ? "其他操作" : entry.action;
}

export function recordTypeText(recordType: string | null): string | null {
  if (!recordType) return null;
  return recordTypeLabels[recordType] ?? (hasLatin.test(recordType) ? "其他记录" : recordType);
}

const detailKeyLabels: Record<string, string> = {
  purpose: "查看目的",
  reason: "原因",
  username: "用户名",
  count: "数量",
  page: "页码",
  failures: "连续失败次数",
  delaySeconds: "下次须等待（秒）",
  retryAfterSeconds: "尚须等待（秒）",
  cleared: "清除的限制数",
  file: "文件",
  rows: "记录数",
  year: "年度",
  version: "版本",
  source: "通知",
  fileName: "文件",
  holidays: "放假天数",
  workdays: "调休上班天数",
};

const reasonLabels: Record<string, string> = {
  unknown_user: "用户不存在",
  wrong_password: "密码错误",
  locked: "账户已锁定",
  invalid: "用户名或密码错误",
};

/** The parts of `details` a reader can use: known fields with Chinese names and values. */
export function detailsText(details: unknown): string | null {
  if (typeof details === "string") return details;
  if (!details || typeof details !== "object") return null;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    const label = detailKeyLabels[key];
    if (!label) continue;
    if (key === "reason" && typeof value === "string") {
      parts.push(`${label}：${reasonLabels[value] ?? (hasLatin.test(value) ? "其他" : value)}`);
    } else if (typeof value === "string" || typeof value === "number") {
      parts.push(`${label}：${value}`);
    }
  }
  return parts.length ? parts.join("；") : null;
}
