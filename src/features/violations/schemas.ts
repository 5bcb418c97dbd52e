// Request bodies of violation cases, with the Chinese messages a worker sees for bad input.
import { z } from "zod";
import { LADDER_MEASURES, LADDER_VIOLATION_KINDS } from "../../core/index.ts";
import { instantField } from "../../http/fields.ts";
import { VIOLATION_SOURCES } from "./tables.ts";

const text = (what: string, max = 2000) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
const optionalText = (what: string, max = 2000) =>
  z.string().trim().max(max, `${what}不能超过 ${max} 个字`).optional();

export const openCaseBody = z.object({
  subjectId: z.string().min(1, "请选择社区矫正对象").max(64),
  source: z.enum(VIOLATION_SOURCES, { error: "请选择案件来源：工作中发现、预警或举报" }),
  alertId: z.number({ error: "请选择对应的预警" }).int().positive().optional(),
  kind: z.enum(LADDER_VIOLATION_KINDS, { error: "请选择违规类型" }),
  severity: z.enum(["minor", "serious"], { error: "情节只能是轻微或较重" }).optional(),
  days: z
    .number({ error: "天数须为整数" })
    .int("天数须为整数")
    .min(1, "天数至少为 1 天")
    .max(3650, "天数过大，请核对")
    .optional()
    .describe("脱离监管或逾期报到的天数（只用于这两类）"),
  occurredAt: instantField().describe("违规发生时间（ISO 8601，含时区）"),
  facts: text("违规事实", 8000),
  investigators: z
    .array(z.string().min(1).max(64), { error: "请选择调查人员" })
    .max(10, "调查人员不能超过 10 人")
    .describe("调查人员的用户 id（本司法所或社区矫正机构的工作人员，二名以上）"),
});

export const interviewBody = z.object({
  interviewee: text("被询问人", 100),
  at: instantField().describe("询问时间"),
  place: text("询问地点", 200),
  askedBy: z.string().min(1, "请选择询问人").max(64),
  recordedBy: z.string().min(1, "请选择记录人").max(64),
  content: text("询问内容", 20000),
});

export const evidenceBody = z.object({
  description: text("证据说明", 500),
  fileName: text("文件名", 200),
  contentBase64: z.string().min(1, "请选择要上传的文件"),
  contentType: z.string().max(100).optional(),
});

export const proposalBody = z.object({
  measure: z.enum(LADDER_MEASURES, { error: "请选择处置措施" }),
  reason: optionalText("理由", 4000).describe("与系统建议不同时必填"),
});

export const reviewBody = z.object({
  decision: z.enum(["approve", "return"], { error: "请选择审批意见：同意或退回" }),
  reasons: optionalText("退回理由", 4000),
});

export const correctedBody = z.object({
  corrected: z.boolean({ error: "请选择是否已改正" }),
  note: text("改正情况说明", 2000),
});

export const courtBody = z.object({
  requestedAt: instantField().describe("提请时间"),
  arrestRequested: z.boolean({ error: "请选择是否同时提请逮捕" }),
  arrestDecidedAt: instantField().nullable().optional(),
  detainedAt: instantField().nullable().optional(),
  ruledAt: instantField().nullable().optional(),
});

export const resistsBody = z.object({
  resists: z.boolean({ error: "请选择是否认定" }),
  reason: text("认定理由", 2000),
});

export const caseReviewBody = z.object({
  reviewId: z.string().min(1, "请选择复盘").max(64),
  text: text("复盘内容", 20000),
});
