// The one glossary: English names in code, Simplified Chinese on screen. Server, documents and the
// web console all take their labels from here, so a term is translated once.
import type {
  CorrectionType,
  Gender,
  Level,
  PlaceKind,
  RiskLevel,
  Role,
  SubjectStatus,
} from "./db/schema.ts";

export const roleLabel: Record<Role, string> = {
  agency_head: "社区矫正机构负责人",
  agency_staff: "社区矫正机构工作人员",
  office_head: "司法所负责人",
  office_assistant: "司法协理员",
  psychologist: "驻点心理咨询师",
  team_member: "矫正小组成员",
  social_worker: "社区矫正社会工作者",
  prosecutor: "检察监督",
  subject: "社区矫正对象",
};

export const correctionTypeLabel: Record<CorrectionType, string> = {
  probation: "缓刑",
  parole: "假释",
  control: "管制",
  temporary_release: "暂予监外执行",
};

export const levelLabel: Record<Level, string> = {
  key: "重点人员",
  strict: "严管",
  normal: "普管",
  lenient: "宽管",
};

export const riskLevelLabel: Record<RiskLevel, string> = {
  low: "低",
  medium: "中",
  elevated: "较高",
  high: "高",
};

export const genderLabel: Record<Gender, string> = { male: "男", female: "女" };

export const subjectStatusLabel: Record<SubjectStatus, string> = {
  in_correction: "在矫",
  released: "已解矫",
  terminated: "已终止",
};

export const placeKindLabel: Record<PlaceKind, string> = {
  province: "省",
  city: "市",
  county: "社区矫正机构",
  office: "司法所",
  village: "村（社区）",
};

/** Crime categories the rules engine knows (K5 reads some of them); `other` for the rest. */
export const crimeCategoryLabel: Record<string, string> = {
  dangerous_driving: "危险驾驶",
  theft: "盗窃",
  fraud: "诈骗",
  aiding_cybercrime: "帮助信息网络犯罪活动",
  traffic_accident: "交通肇事",
  casino: "开设赌场",
  gambling: "赌博",
  intentional_injury: "故意伤害",
  provoking_trouble: "寻衅滋事",
  drug_trafficking: "贩卖毒品",
  embezzlement: "职务侵占",
  bribery: "受贿",
  other: "其他",
};

export const eventTypeLabel: Record<string, string> = {
  phone_report: "电话（通讯软件）报告",
  in_person_report: "当面报告",
  location_report: "位置报告",
  field_visit: "实地查访",
  information_check: "信息化核查",
  leave: "请假",
  leave_signin_check: "请假期间在线签到核查",
  leave_phone_check: "请假期间电话核查及轨迹分析",
  sanction: "处罚/处置",
  violation: "违规",
  book_section: "工作记录本",
  education: "教育学习",
  public_service: "公益活动",
  counselling: "心理辅导",
  assistance: "帮扶",
  alert: "预警",
  release: "解除矫正",
  intake: "入矫登记",
  transfer: "移交司法所",
};

export const sanctionKindLabel: Record<string, string> = {
  reprimand: "训诫",
  warning: "警告",
  public_security_penalty: "治安管理处罚",
  administrative_detention: "行政拘留",
  judicial_detention: "司法拘留",
};

export const violationKindLabel: Record<string, string> = {
  disobedience: "不服从监管",
  reporting: "违反报告规定",
  leave: "违反请假规定",
  prohibition_order: "违反禁止令",
  other: "其他违规",
};

export const bookSectionLabel: Record<string, string> = {
  basic_info: "基本信息",
  intake_evaluation: "入矫接收评价",
  psych_evaluation: "心理评价",
  file_review_summary: "阅卷小结",
  team_formed: "矫正小组成立及责任书签订",
  team_notified: "告知矫正小组职责",
  intake_summary: "入矫小结",
  correction_plan: "矫正方案",
  initial_evaluation: "初期评估",
  quarterly_evaluation: "季度评估",
  annual_evaluation: "年度评估",
  release_analysis: "解矫分析总结",
};

/** Audit-log actions (`audit_log.action`) as the log shows them. */
export const auditActionLabel: Record<string, string> = {
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.account_locked": "账户锁定",
  "auth.login_throttled": "登录受限（须等待）",
  "auth.login_unlock": "解除登录限制",
  "auth.logout": "退出登录",
  "subject.view": "查看档案",
  "subject.search": "搜索社区矫正对象",
  "subject.unmask": "查看完整身份信息",
  "subject.unmask_minor": "查看未成年人完整身份信息",
  "audit.read": "查看审计日志",
  "database.backup": "备份数据库",
  "database.restore": "恢复数据库",
  "handover.create": "登记交付材料",
  "handover.view": "查看交付材料",
  "document.upload": "上传法律文书",
  "document.download": "查看法律文书",
  "intake.register": "入矫登记并统一编号",
  "book.view": "查看工作记录本",
  "book.section_save": "保存工作记录本章节",
  "book.level_decision": "决定管理等级",
  "book.export": "导出工作记录本",
  "book.export_minor": "导出未成年人工作记录本（完整信息）",
  "supervision.phone_report": "登记电话（通讯软件）报告",
  "supervision.in_person_report": "登记当面报告",
  "supervision.field_visit": "登记实地查访",
  "supervision.information_check": "登记信息化核查",
  "supervision.education": "登记教育学习",
  "supervision.public_service": "登记公益活动",
  "supervision.counselling": "登记心理辅导",
  "supervision.assistance": "登记帮扶",
  "supervision.feedback_form": "提交情况信息反馈表",
  "supervision.timeline_view": "查看工作记录",
  "supervision.photo_view": "查看查访照片",
  "alert.raise": "发起预警",
  "alert.handle": "处置预警",
  "alert.escalate": "预警升级上报",
  "sampling.draw": "随机抽取名单",
  "dashboard.export": "导出统计表",
  "sweep.run": "定时巡检",
  "release.record": "解除矫正（宣告、证明书、通知书）",
  "release.terminate": "终止矫正",
  "release.document_download": "下载解矫（终止）文书",
  "release.notice_sent": "登记通知书送达",
  "review.sample_draw": "抽取年度评查名单",
  "review.record": "登记工作记录本评查结果",
  "review.excellent": "评选优秀案例",
  "review.report": "导出年度评查报告",
  "review.booklet": "导出优秀案例汇编",
  "review.booklet_minor": "导出优秀案例汇编（含未成年人完整信息）",
};

/** Kinds of record named in the audit log (`audit_log.record_type`). */
export const recordTypeLabel: Record<string, string> = {
  subject: "社区矫正对象",
  user: "用户",
  place: "单位",
  case_event: "工作记录",
  book_section: "工作记录本",
  location_report: "位置报告",
  handover: "交付材料",
  handover_document: "法律文书",
  level_decision: "管理等级决定",
  case_end: "解除或终止矫正",
  case_end_document: "解矫（终止）文书",
  book_review_sample: "年度评查抽查名单",
  book_review: "工作记录本评查",
  excellent_case: "优秀案例",
};

// Intake and the book (features/intake, features/book).

export const handoverStatusLabel: Record<string, string> = { pending: "待登记", registered: "已登记" };

export const documentKindLabel: Record<string, string> = {
  judgment: "判决书（裁定书、决定书）",
  indictment: "起诉书",
  execution_notice: "执行通知书",
  decision: "暂予监外执行决定书",
  other: "其他材料",
};

/** Statutory clock of a handover (report within N days of the judgment taking effect). */
export const handoverClockStatusLabel: Record<string, string> = {
  open: "等待报到",
  overdue: "逾期未登记（漏管风险）",
  met: "按时登记",
  late: "逾期登记",
};

/** A book section's status, from the rules engine's deadline (plus the states before and without one). */
export const sectionStatusLabel: Record<string, string> = {
  met: "按期完成",
  open: "待完成",
  overdue: "已逾期",
  late: "逾期完成",
  done: "已完成",
  not_due: "未到期",
  not_applicable: "不适用",
};

/** Members of the correction team ("3+X", seed 001 §八). */
export const teamMemberKindLabel: Record<string, string> = {
  office: "司法所工作人员",
  village_rep: "村（居）民委员会代表",
  family: "家庭成员或监护人",
  grid_worker: "网格员",
  police: "社区民警",
  volunteer: "志愿者",
  social_worker: "社会工作者",
  school_or_employer: "所在单位或学校人员",
};

/** The key-person criteria of seed 000 §九.1. */
export const criterionLabel: Record<string, string> = {
  K1: "抵触、抗拒或者不服从监管",
  K2: "有多次前科劣迹、风险评估高风险等级",
  K3: "无稳定住所和收入、个人情绪反复无常或行为异常",
  K4: "被处以警告以上处罚以及被行政拘留、司法拘留",
  K5: "涉赌博、开设赌场、诈骗、盗窃、危险驾驶等罪名且再犯罪风险较高",
  K6: "家庭不健全、叛逆不服管的未成年人",
};

export const bookEntryLabel: Record<string, string> = {
  registration: "入矫登记及统一编号",
  work_record: "个案矫正工作记录",
  feedback_form: "矫正对象情况信息反馈表",
  classification: "分类管理",
};

// Daily supervision, alerts, today and the dashboards (features/supervision, alerts, today, dashboards).

/** How an information check (信息化核查) was made. */
export const checkMethodLabel: Record<string, string> = {
  phone: "电话核查",
  location: "定位（轨迹）核查",
  video: "视频核查",
};

export const checkResultLabel: Record<string, string> = { normal: "正常", abnormal: "异常" };

/** Kinds of help (教育帮扶) recorded as `assistance` events. */
export const assistanceKindLabel: Record<string, string> = {
  employment_training: "就业培训",
  subsistence_allowance: "最低生活保障",
  temporary_relief: "临时救助",
  schooling: "就学",
  employment: "就业推荐",
  skills_training: "技能培训",
  housing: "住所安置",
};

export const alertKindLabel: Record<string, string> = {
  lost_contact: "失联",
  out_of_area: "越界",
  prohibited_place: "进入禁止区域",
  missed_location_reports: "未按要求位置报告",
  missed_report: "未按时报告",
  overdue_obligation: "事项逾期",
  abnormal_information: "核查异常",
};

export const alertColourLabel: Record<string, string> = {
  red: "红色预警",
  orange: "橙色预警",
  yellow: "黄色预警",
  blue: "蓝色预警",
};

/** Per-person obligations of the rules engine (policy.md §九.2). */
export const obligationKindLabel: Record<string, string> = {
  phone_report: "电话（通讯软件）报告",
  in_person_report: "当面报告",
  location_report: "位置报告",
  field_visit: "实地查访",
  leave_signin_check: "请假期间在线签到核查",
  leave_phone_check: "请假期间电话核查及轨迹分析",
};

/** The office and agency standards of a day (office-contract.md). */
export const officeItemLabel: Record<string, string> = {
  office_morning_round: "上午信息化核查",
  office_afternoon_round: "下午信息化核查",
  office_key_coverage: "重点人员当日核查全覆盖",
  office_other_checks: "其他人员核查（人次）",
  office_off_hours: "非工作时间核查（人数）",
  agency_leave_coverage: "机构抽查：请假外出人员全覆盖",
  agency_key_sample: "机构抽查：重点人员",
  agency_other_checks: "机构抽查：其他人员（人次）",
  agency_visit_sample_month: "机构抽查走访：重点及严管人员（本月）",
  agency_visit_sample_quarter: "机构抽查走访：普管人员（本季度）",
};

export const sampleKindLabel: Record<string, string> = {
  spot_check_key: "重点人员抽查",
  spot_check_other: "其他人员抽查",
  visit_month: "重点及严管人员抽查走访（月）",
  visit_quarter: "普管人员抽查走访（季度）",
};

/** Status of an obligation, a deadline or an office standard. */
export const dueStatusLabel: Record<string, string> = {
  met: "已完成",
  open: "待完成",
  overdue: "已逾期",
  waived: "请假免除",
};

/** The source documents (shared/seeds/README.md), by the titles a worker knows them. */
const sourceDocument: Record<string, string> = {
  "000": "《一人一册实施方案》",
  "001": "《关于进一步加强社区矫正工作的意见》",
  "002": "《社区矫正安全隐患排查整治通知》",
  "003": "《江阴市特殊人群监管工作要点》",
  "004": "《区社区矫正工作调研报告》",
};

const phaseNumeral = ["一", "二", "三"];

/**
 * The engine's `basis` (e.g. "seed 000 §九.2(4)", "Community Correction Law Arts. 20–21") as a worker
 * reads it on screen and in documents: the document's title, the paragraph, no English. Notes meant
 * for developers (references to the specification files, explanations after a colon) are left out;
 * the engine's own text stays available in the API.
 */
export function basisText(basis: string): string {
  const parts = basis
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part && !/\.md\b/.test(part))
    .map((part) =>
      part
        .replace(/:\s.*$/, "")
        .replace(/\bseed (\d{3})\b\s*/g, (_, id: string) => sourceDocument[id] ?? `文件${id}`)
        .replace(/Community Correction Law Arts?\.\s*([\d–-]+)/g, "《社区矫正法》第$1条")
        .replace(/implementing measures/g, "《社区矫正法实施办法》")
        .replace(/\s*\(?profile default\)?/g, "（本县默认设置）")
        .replace(/\bphase (\d)/g, (_, n: string) => `第${phaseNumeral[Number(n) - 1] ?? n}阶段`)
        .replace(/\bArt\.\s*(\d+)/g, "第$1条")
        .trim(),
    );
  return parts.length ? parts.join("；") : basis;
}

// The end of a case (features/release).

export const endKindLabel: Record<string, string> = {
  release: "期满解除矫正",
  pardon: "赦免解除矫正",
  revocation: "撤销缓刑（假释）终止矫正",
  imprisonment: "收监执行终止矫正",
  death: "死亡终止矫正",
};

export const endDocumentKindLabel: Record<string, string> = {
  certificate: "解除社区矫正证明书",
  notice_court: "通知书（决定机关）",
  notice_procuratorate: "通知书（人民检察院）",
  notice_police: "通知书（公安机关）",
};

export const sendMethodLabel: Record<string, string> = {
  in_person: "直接送达",
  post: "邮寄",
  fax: "传真",
  online: "信息平台推送",
};

export const bookStateLabel: Record<string, string> = {
  open: "在矫，可填写",
  release_analysis: "已解矫，仅可填写解矫分析总结",
  closed: "已封存（只读）",
};

// The yearly review of the books (features/review).

export const reviewMethodLabel: Record<string, string> = {
  mutual: "互查互评",
  central: "集中评查",
  random: "随机抽查",
};
