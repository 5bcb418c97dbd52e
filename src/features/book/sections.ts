// The sections of the book (一人一册工作记录本, seed 000 §一–§十一) in the paper book's order. Each is
// one unit: its id (the rules contract's section id where the engine has a deadline for it), its
// author roles (only they may write it; everyone else in scope reads), the fields of its content
// with their Chinese labels, which fields must be filled before it counts as done, and which facts
// of the subject it keeps up to date for the rules engine (risk, stability, emotions ...).
import { z } from "zod";
import type { Role } from "../../db/schema.ts";
import { optionalDateField } from "../../http/fields.ts";

export type FieldKind = "text" | "longtext" | "date" | "boolean" | "number" | "select";

export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  options?: Record<string, string>;
  /** Shown only for a juvenile subject (the juvenile variant of the plan). */
  juvenileOnly?: boolean;
}

export type SectionShape = "one_off" | "recurring" | "entries";

export interface SectionDef {
  id: string;
  label: string;
  /** Where it is in the paper book (seed 000). */
  paragraph: string;
  authors: readonly Role[];
  shape: SectionShape;
  fields: readonly FieldDef[];
  /** Fields that must be filled to mark the section done. */
  required: readonly string[];
  /** Has a deadline in the rules engine (BOOK_SECTIONS of the rules contract). */
  engine: boolean;
}

const riskOptions = { low: "低", medium: "中", elevated: "较高", high: "高" };
const officeRoles = ["office_head", "office_assistant"] as const satisfies readonly Role[];

export const TEAM_MEMBER_KINDS = [
  "office",
  "village_rep",
  "family",
  "grid_worker",
  "police",
  "volunteer",
  "social_worker",
  "school_or_employer",
] as const;

const evaluationFields: FieldDef[] = [
  { name: "periodText", label: "评估期间", kind: "text" },
  { name: "implementation", label: "矫正方案执行情况", kind: "longtext" },
  { name: "effect", label: "矫正成效评估", kind: "longtext" },
  { name: "problems", label: "存在的问题和不足", kind: "longtext" },
  { name: "planAdjustment", label: "矫正方案调整意见", kind: "longtext" },
  {
    name: "levelOpinion",
    label: "管理等级意见",
    kind: "select",
    options: { keep: "维持现管理等级", key: "调整为重点人员", strict: "调整为严管", normal: "调整为普管" },
  },
  { name: "conclusion", label: "评估结论", kind: "longtext" },
];

export const SECTIONS: readonly SectionDef[] = [
  {
    id: "basic_info",
    label: "基本信息",
    paragraph: "§一（一）",
    authors: ["office_assistant"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "phone", label: "联系电话", kind: "text" },
      { name: "address", label: "居住地址", kind: "text" },
      { name: "education", label: "文化程度", kind: "text" },
      { name: "occupation", label: "职业", kind: "text" },
      { name: "employer", label: "工作单位或就读学校", kind: "text" },
      { name: "maritalStatus", label: "婚姻状况", kind: "text" },
      { name: "health", label: "健康状况", kind: "text" },
      { name: "familyMembers", label: "家庭成员及主要社会关系", kind: "longtext" },
      { name: "guardian", label: "监护人", kind: "text", juvenileOnly: true },
      { name: "stableResidence", label: "有稳定住所", kind: "boolean" },
      { name: "stableIncome", label: "有稳定收入", kind: "boolean" },
      { name: "remarks", label: "备注", kind: "longtext" },
    ],
    required: ["phone", "address", "familyMembers"],
  },
  {
    id: "intake_evaluation",
    label: "入矫接收评价",
    paragraph: "§一（二）",
    authors: ["agency_staff"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "familySituation", label: "家庭情况", kind: "longtext" },
      { name: "lifeAndWork", label: "生活、工作情况", kind: "longtext" },
      { name: "crimeCause", label: "犯罪原因初步分析", kind: "longtext" },
      { name: "attitude", label: "矫正态度", kind: "longtext" },
      { name: "needs", label: "矫正需求", kind: "longtext" },
      { name: "riskLevel", label: "再犯罪风险评估", kind: "select", options: riskOptions },
      { name: "priorConvictions", label: "前科次数", kind: "number" },
      { name: "priorBadRecords", label: "劣迹次数（行政拘留、强制隔离戒毒等）", kind: "number" },
      { name: "familyIncomplete", label: "家庭不健全", kind: "boolean" },
      { name: "conclusion", label: "评价意见", kind: "longtext" },
    ],
    required: ["crimeCause", "attitude", "riskLevel", "conclusion"],
  },
  {
    id: "psych_evaluation",
    label: "心理评价",
    paragraph: "§一（三）",
    authors: ["psychologist"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "method", label: "筛查和测评方式", kind: "text" },
      { name: "physical", label: "生理状况", kind: "longtext" },
      { name: "personality", label: "性格特点", kind: "longtext" },
      { name: "mentalHealth", label: "心理健康状况", kind: "longtext" },
      { name: "emotionalInstability", label: "情绪反复无常或行为异常", kind: "boolean" },
      { name: "rebellious", label: "叛逆不服管教", kind: "boolean", juvenileOnly: true },
      { name: "conclusion", label: "心理评价", kind: "longtext" },
      { name: "specialReminder", label: "特别提醒", kind: "longtext" },
    ],
    required: ["mentalHealth", "conclusion"],
  },
  {
    id: "file_review_summary",
    label: "阅卷小结",
    paragraph: "§一（四）",
    authors: ["office_head"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "crimeCause", label: "犯罪成因", kind: "longtext" },
      { name: "accomplices", label: "同案犯关系", kind: "longtext" },
      { name: "victimAttitude", label: "被害人态度", kind: "longtext" },
      { name: "civilCompensation", label: "刑事附带民事执行情况", kind: "longtext" },
      { name: "supervisionRisks", label: "可能存在的监管风险", kind: "longtext" },
      { name: "reoffendingFactors", label: "再犯罪因素", kind: "longtext" },
      { name: "reintegrationObstacles", label: "回归社会障碍", kind: "longtext" },
      { name: "summary", label: "阅卷小结", kind: "longtext" },
    ],
    required: ["crimeCause", "supervisionRisks", "summary"],
  },
  {
    id: "intake_summary",
    label: "入矫小结",
    paragraph: "§一（四）",
    authors: ["office_head"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "dailyPerformance", label: "日常表现", kind: "longtext" },
      { name: "socialRelations", label: "社会关系", kind: "longtext" },
      { name: "economicSituation", label: "经济状况", kind: "longtext" },
      { name: "needs", label: "矫正需求", kind: "longtext" },
      { name: "disputes", label: "矛盾纠纷", kind: "longtext" },
      { name: "summary", label: "入矫小结", kind: "longtext" },
    ],
    required: ["dailyPerformance", "summary"],
  },
  {
    id: "team_formed",
    label: "矫正小组及矫正责任书",
    paragraph: "§二（六）",
    authors: officeRoles,
    shape: "one_off",
    engine: true,
    fields: [
      { name: "announcementOn", label: "入矫宣告日期", kind: "date" },
      { name: "leader", label: "矫正小组负责人", kind: "text" },
      { name: "letterSignedOn", label: "矫正责任书签订日期", kind: "date" },
    ],
    required: ["leader", "letterSignedOn"],
  },
  {
    id: "team_notified",
    label: "告知矫正小组职责",
    paragraph: "§二（六）",
    authors: officeRoles,
    shape: "one_off",
    engine: true,
    fields: [
      { name: "notifiedOn", label: "告知日期", kind: "date" },
      { name: "method", label: "告知方式", kind: "text" },
      { name: "duties", label: "告知的矫正对象信息、工作职责和任务", kind: "longtext" },
    ],
    required: ["notifiedOn", "duties"],
  },
  {
    id: "correction_plan",
    label: "矫正方案",
    paragraph: "§三（八）",
    authors: ["office_head"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "basicSituation", label: "矫正对象基本情况", kind: "longtext" },
      { name: "comprehensiveAssessment", label: "综合评估结果", kind: "longtext" },
      { name: "psychologicalAnalysis", label: "心理状态和其他特殊情况分析", kind: "longtext" },
      { name: "supervisionMeasures", label: "监督管理措施", kind: "longtext" },
      { name: "educationMeasures", label: "教育帮扶措施", kind: "longtext" },
      { name: "guardianship", label: "家庭监护条件及监护措施", kind: "longtext", juvenileOnly: true },
      { name: "growthNeeds", label: "心理特点、成长需要和过往经历", kind: "longtext", juvenileOnly: true },
      { name: "schooling", label: "就学、就业及融入社会措施", kind: "longtext", juvenileOnly: true },
      { name: "revisionReason", label: "本次修订原因", kind: "longtext" },
    ],
    required: [
      "basicSituation",
      "comprehensiveAssessment",
      "psychologicalAnalysis",
      "supervisionMeasures",
      "educationMeasures",
    ],
  },
  {
    id: "work_record",
    label: "个案矫正工作记录",
    paragraph: "§二（六）",
    authors: officeRoles,
    shape: "entries",
    engine: false,
    fields: [
      { name: "date", label: "日期", kind: "date" },
      { name: "participants", label: "参加人员", kind: "text" },
      { name: "content", label: "工作内容及矫正小组成员履职情况", kind: "longtext" },
    ],
    required: ["date", "content"],
  },
  {
    id: "initial_evaluation",
    label: "初期评估",
    paragraph: "§四（十）",
    authors: ["office_head"],
    shape: "recurring",
    engine: true,
    fields: evaluationFields,
    required: ["implementation", "effect", "conclusion"],
  },
  {
    id: "quarterly_evaluation",
    label: "季度矫正方案评价",
    paragraph: "§四（十）",
    authors: ["office_head"],
    shape: "recurring",
    engine: true,
    fields: evaluationFields,
    required: ["implementation", "effect", "conclusion"],
  },
  {
    id: "annual_evaluation",
    label: "年度评估",
    paragraph: "§四（十）",
    authors: ["office_head"],
    shape: "recurring",
    engine: true,
    fields: evaluationFields,
    required: ["implementation", "effect", "conclusion"],
  },
  {
    id: "release_analysis",
    label: "解矫分析总结",
    paragraph: "§四（十一）",
    authors: ["office_head"],
    shape: "one_off",
    engine: true,
    fields: [
      { name: "reviewAnalysis", label: "阅卷分析是否到位", kind: "longtext" },
      { name: "planAccuracy", label: "矫正方案是否精准", kind: "longtext" },
      { name: "measuresEffect", label: "工作措施是否有效", kind: "longtext" },
      { name: "goals", label: "工作目标是否实现", kind: "longtext" },
      { name: "shortcomings", label: "问题短板及整改措施", kind: "longtext" },
      { name: "summary", label: "解矫分析总结", kind: "longtext" },
    ],
    required: ["summary"],
  },
];

export const sectionById = new Map(SECTIONS.map((s) => [s.id, s]));
export const SECTION_IDS = SECTIONS.map((s) => s.id) as [string, ...string[]];

/** One member of the correction team ("3+X", seed 001 §八). */
export const teamMemberSchema = z.object({
  kind: z.enum(TEAM_MEMBER_KINDS, { error: "请选择成员类别" }),
  name: z.string().trim().min(1, "请填写成员姓名").max(50, "姓名不能超过 50 个字"),
  gender: z.enum(["male", "female"], { error: "请选择成员性别" }),
  phone: z.string().trim().max(20, "电话不能超过 20 个字").optional(),
  organization: z.string().trim().max(100, "单位不能超过 100 个字").optional(),
  familiarWithMinors: z.boolean().optional(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

function fieldSchema(field: FieldDef, path: string) {
  switch (field.kind) {
    case "text":
      return z.string().trim().max(200, `${field.label}不能超过 200 个字`).optional();
    case "longtext":
      return z.string().trim().max(5000, `${field.label}不能超过 5000 个字`).optional();
    case "date":
      return optionalDateField(field.label);
    case "boolean":
      return z.boolean({ error: `${field.label}应为“是”或“否”` }).optional();
    case "number":
      return z
        .number({ error: `${field.label}应为数字` })
        .int(`${field.label}应为整数`)
        .min(0, `${field.label}不能小于 0`)
        .max(99, `${field.label}不能大于 99`)
        .optional();
    case "select":
      return z
        .enum(Object.keys(field.options ?? {}) as [string, ...string[]], {
          error: `请选择${field.label}`,
        })
        .optional()
        .or(z.literal("").transform(() => undefined));
  }
  throw new Error(`unknown field kind at ${path}`);
}

/** The zod schema of a section's content: its fields (unknown ones refused), plus the team's members. */
export function contentSchema(section: SectionDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of section.fields) shape[field.name] = fieldSchema(field, `${section.id}.${field.name}`);
  if (section.id === "team_formed")
    shape.members = z.array(teamMemberSchema).max(30, "矫正小组成员不能超过 30 人").optional();
  return z.strictObject(shape, { error: "内容中有本部分没有的栏目" });
}

/** Is a value filled in (for the required fields)? */
export const isFilled = (value: unknown) =>
  value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
