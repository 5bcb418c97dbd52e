// Chinese words for the audit log's action and record codes. The server may send `actionLabel` itself;
// until then the codes known here are translated and an unknown code is shown in a neutral form, so no
// English ever reaches the screen.
import type { AuditEntry } from "../../api.ts";

const actionLabels: Record<string, string> = {
  login: "登录",
  "auth.login": "登录",
  login_failed: "登录失败",
  "auth.login_failed": "登录失败",
  "auth.login.failed": "登录失败",
  logout: "退出登录",
  "auth.logout": "退出登录",
  unmask: "查看完整身份信息",
  "subject.unmask": "查看完整身份信息",
  "subject.view": "查看档案",
  "subject.unmask_minor": "查看未成年人完整身份信息",
  "database.backup": "备份数据库",
  "database.restore": "恢复数据库",
  "subject.read": "查看档案",
  "subject.create": "新建档案",
  "subject.update": "修改档案",
  "location.read": "查看位置信息",
  "location.view": "查看位置信息",
  "audit.read": "查看审计日志",
  export: "导出",
  create: "新增",
  insert: "新增",
  update: "修改",
  delete: "删除",
  read: "查看",
  view: "查看",
  approve: "审批",
  reject: "退回",
};

const recordTypeLabels: Record<string, string> = {
  subject: "社区矫正对象",
  app_user: "用户",
  user: "用户",
  session: "登录会话",
  place: "单位",
  case_event: "工作记录",
  event: "工作记录",
  book_section: "工作记录本",
  leave: "请假",
  alert: "预警",
  violation: "违规",
  sanction: "处罚/处置",
  evaluation: "评估",
  location: "位置信息",
  location_report: "位置报告",
  document: "文书",
  audit: "审计日志",
};

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
  file: "文件",
  rows: "记录数",
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
