// Request bodies of the supervision records, with the Chinese messages a worker sees for bad input.
import { z } from "zod";
import { instantField, monthField, optionalText, text } from "../../http/fields.ts";
import { lateReasonField as lateReason } from "./late-entry.ts";

const at = instantField().optional().describe("发生时间（ISO 8601，含时区）；不填为当前时间");

export const reportBody = z.object({
  type: z.enum(["phone_report", "in_person_report"], { error: "请选择报告方式：电话（通讯软件）或当面" }),
  at,
  channel: z
    .enum(["phone", "wechat", "video", "office"], { error: "请选择报告渠道" })
    .optional()
    .describe("电话报告：phone 电话 / wechat 微信等通讯软件 / video 视频；当面报告：office 到所"),
  content: text("报告内容（近期思想、工作、生活情况）", 2000),
  lateReason,
});
export type ReportBody = z.infer<typeof reportBody>;

export const photo = z
  .string()
  .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/, "照片须为 JPEG、PNG 或 WebP 图片")
  .max(400_000, "每张照片不能超过约 300 KB，请压缩后上传");

export const fieldVisitBody = z.object({
  at,
  workers: z
    .array(z.string().min(1, "请选择同行的工作人员"), { error: "请选择同行的工作人员" })
    .min(2, "实地查访须由二名以上工作人员同行，请至少选择两名工作人员")
    .max(10, "同行工作人员不能超过 10 人")
    .describe("同行工作人员的用户 id；第一位为带队人员（其角色即查访的角色）"),
  place: text("查访地点", 200),
  peopleMet: text("走访对象（见到的人）", 500),
  findings: text("查访情况", 4000),
  reason: z.enum(["routine", "lost_contact", "emergency", "sampling"]).default("routine"),
  photos: z.array(photo).max(3, "每次最多上传 3 张照片").default([]),
  lateReason,
  notPresentReason: optionalText("登记人未参加查访的原因", 500).describe(
    "登记人不在同行工作人员之中时必填：由谁查访、为何由本人代为登记",
  ),
});
export type FieldVisitBody = z.infer<typeof fieldVisitBody>;

export const abnormalKinds = [
  "lost_contact",
  "out_of_area",
  "prohibited_place",
  "abnormal_information",
] as const;

export const informationCheckBody = z.object({
  at,
  method: z.enum(["phone", "location", "video"], { error: "请选择核查方式：电话、定位或视频" }),
  result: z.enum(["normal", "abnormal"], { error: "请选择核查结果：正常或异常" }),
  abnormalKind: z
    .enum(abnormalKinds, { error: "请选择异常情况的类别" })
    .optional()
    .describe(
      "结果异常时：lost_contact 失联 / out_of_area 越界 / prohibited_place 进入禁止区域 / abnormal_information 其他异常",
    ),
  note: optionalText("核查情况说明", 1000),
  lateReason,
});
export type InformationCheckBody = z.infer<typeof informationCheckBody>;

const hours = z
  .number({ error: "请填写时长（小时）" })
  .positive("时长须大于 0")
  .max(24, "一次活动的时长不能超过 24 小时");

export const supportBody = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("education"), at, hours, topic: text("学习内容", 200), lateReason }),
    z.object({
      type: z.literal("public_service"),
      at,
      hours,
      activity: text("公益活动内容", 200),
      lateReason,
    }),
    z.object({
      type: z.literal("counselling"),
      at,
      method: z.enum(["individual", "group"], { error: "请选择辅导形式：个体或团体" }),
      minutes: z.number({ error: "请填写辅导时长（分钟）" }).int().positive().max(600),
      summary: text("辅导情况", 2000),
      lateReason,
    }),
    z.object({
      type: z.literal("assistance"),
      at,
      kind: z.enum(["employment_training", "subsistence_allowance", "temporary_relief", "schooling"], {
        error: "请选择帮扶类别：就业培训、最低生活保障、临时救助或就学",
      }),
      note: text("帮扶情况", 1000),
      lateReason,
    }),
  ],
  { error: "请选择教育帮扶类别：教育学习、公益活动、心理辅导或帮扶" },
);
export type SupportBody = z.infer<typeof supportBody>;

export const feedbackFormBody = z.object({
  month: monthField("反馈月份"),
  memberId: z.string().min(1).optional().describe("代为登记纸质反馈表时：矫正小组成员的用户 id"),
  situation: text("矫正对象本月表现情况", 2000),
  risks: optionalText("发现的风险或异常", 1000),
  suggestions: optionalText("意见建议", 1000),
});
export type FeedbackFormBody = z.infer<typeof feedbackFormBody>;
