// Request and response shapes of the intake API, with the Chinese messages a worker sees.
import { z } from "zod";
import { crimeCategoryLabel } from "../../glossary.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";

export const correctionTypeField = z.enum(["probation", "parole", "control", "temporary_release"], {
  error: "请选择矫正类别（缓刑、假释、管制或暂予监外执行）",
});

const crimeCodes = Object.keys(crimeCategoryLabel) as [string, ...string[]];
export const crimeCategoriesField = z
  .array(z.enum(crimeCodes, { error: "罪名类别不在规则引擎的类别中" }), { error: "请选择罪名类别" })
  .min(1, "请至少选择一个罪名类别")
  .max(10, "罪名类别最多选择 10 个");

export const handoverBody = z.object({
  decidingOrgan: text("决定机关", 100),
  judgmentNumber: text("判决书（裁定书、决定书）文号", 100),
  judgmentDate: dateField("判决日期").nullish(),
  judgmentEffectiveDate: dateField("判决生效日期"),
  noticeNumber: optionalText("执行通知书文号", 100),
  receivedOn: dateField("收到法律文书日期"),
  correctionType: correctionTypeField,
  termStart: dateField("矫正期限起日"),
  termEnd: dateField("矫正期限止日"),
  sentenceText: optionalText("判决内容", 500),
  crimeText: text("罪名", 200),
  crimeCategories: crimeCategoriesField,
  personName: text("姓名", 50),
  personIdNumber: text("身份证号", 18),
  proposedOfficeId: z.string().max(64).nullish(),
  notes: optionalText("备注", 2000),
});
export type HandoverBody = z.infer<typeof handoverBody>;

export const clockView = z.object({
  reportBy: z.string(),
  alertOn: z.string(),
  status: z.enum(["open", "overdue", "met", "late"]),
  statusLabel: z.string(),
  daysLeft: z.number(),
  basis: z.string(),
});

export const documentView = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

export const handoverView = z.object({
  id: z.string(),
  status: z.enum(["pending", "registered"]),
  statusLabel: z.string(),
  decidingOrgan: z.string(),
  judgmentNumber: z.string(),
  judgmentDate: z.string().nullable(),
  judgmentEffectiveDate: z.string(),
  noticeNumber: z.string().nullable(),
  receivedOn: z.string(),
  correctionType: z.string(),
  correctionTypeLabel: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  sentenceText: z.string().nullable(),
  crimeText: z.string(),
  crimeCategories: z.array(z.object({ code: z.string(), label: z.string() })),
  personName: z.string(),
  personNameMasked: z.boolean(),
  idNumberMasked: z.string(),
  proposedOffice: z.object({ id: z.string(), name: z.string() }).nullable(),
  notes: z.string().nullable(),
  subjectId: z.string().nullable(),
  bookNumber: z.string().nullable(),
  registeredAt: z.string().nullable(),
  createdAt: z.string(),
  clock: clockView,
  documentCount: z.number(),
});

export const handoverDetail = handoverView.extend({ documents: z.array(documentView) });

export const uploadBody = z.object({
  kind: z.enum(["judgment", "indictment", "execution_notice", "decision", "other"], {
    error: "请选择文书种类",
  }),
  fileName: text("文件名", 200),
  contentType: z.string().max(100).optional(),
  contentBase64: z.string({ error: "请选择要上传的文件" }).min(1, "请选择要上传的文件"),
});

export const registerBody = z.object({
  name: text("姓名", 50),
  idNumber: text("身份证号", 18),
  birthDate: dateField("出生日期"),
  gender: z.enum(["male", "female"], { error: "请选择性别" }),
  ethnicity: z.string().trim().max(20, "民族不能超过 20 个字").optional(),
  officeId: text("执行地司法所", 64),
  villageId: z.string().max(64).nullish(),
  intakeDate: dateField("入矫日期"),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "联系电话应为 11 位手机号码")
    .nullish()
    .or(z.literal("")),
  address: optionalText("居住地址", 200),
  // The agency proposes the level; the office head decides it (policy.md Classification).
  level: z.enum(["key", "strict", "normal"], { error: "请选择拟定管理等级" }).default("normal"),
  levelReason: optionalText("拟定等级理由", 500),
});
export type RegisterBody = z.infer<typeof registerBody>;

export const registerResult = z.object({
  subjectId: z.string(),
  bookNumber: z.string(),
  office: z.object({ id: z.string(), name: z.string() }),
  /** The level proposed to the office; its head decides it. */
  proposedLevel: z.enum(["key", "strict", "normal"]),
});
