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
  transferred_out: "已变更执行地",
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
  leave_return: "销假",
  leave_approval: "外出（迁居）审批",
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
  revocation_request: "提请撤销缓刑、假释",
  imprisonment_request: "提请收监执行",
};

export const violationKindLabel: Record<string, string> = {
  disobedience: "不服从监管",
  reporting: "违反报告规定",
  leave: "违反请假规定",
  prohibition_order: "违反禁止令",
  other: "其他违规",
  visitor: "违反会客规定",
  moving: "违反迁居规定",
  education_refusal: "不参加教育学习，经教育仍不改正",
  out_of_supervision: "脱离监管",
  no_report: "未按规定时间报到",
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
  "subject.responsible": "指定个案矫正责任人",
  "calendar.load": "载入节假日安排",
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
  "violation.open": "违规立案调查",
  "violation.interview": "登记询问笔录",
  "violation.evidence": "上传违规证据",
  "violation.propose": "提出处置意见",
  "violation.sign": "司法所负责人签署处置意见",
  "violation.approve": "审批同意处置",
  "violation.return": "退回补充调查",
  "violation.corrected": "记录改正情况",
  "violation.court": "记录人民法院处理情况",
  "violation.document": "下载处置文书",
  "violation.case_review": "填写一案一复盘",
  "violation.evidence_download": "查看违规证据",
  "subject.resists_supervision": "认定抗拒、不服从监管",
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
  "leave.create": "提交请假（外出、迁居）申请",
  "leave.proof_upload": "上传请假证明材料",
  "leave.proof_download": "查看请假证明材料",
  "leave.approve": "批准请假申请",
  "leave.refuse": "不予批准请假申请",
  "leave.return": "退回请假申请补充材料",
  "leave.resubmit": "补充材料后重新提交请假申请",
  "leave.close": "销假",
  "leave.check": "登记请假期间核查",
  "leave.export": "导出请假审批文书",
  "leave.files_handin": "报送每月请假材料",
  "leave.files_review": "审查每月请假材料",
  "leave.revise": "修改退回的请假申请",
  "transfer.request": "提出执行地变更申请",
  "transfer.send": "发送执行地变更征求意见函",
  "transfer.answer": "登记新执行地社区矫正机构回复",
  "transfer.receive": "接收变更执行地的社区矫正对象",
  "transfer.hand_over": "移交社区矫正对象及档案",
  "transfer.report": "登记到新执行地报到",
  "transfer.export": "导出执行地变更文书",
  "transfer.proof_download": "查看执行地变更证明材料",
  "policy.set": "设置本县规则",
  "device_order.create": "登记电子定位装置使用决定",
  "device_order.extend": "延长电子定位装置使用期限",
  "device_order.view": "查看电子定位装置使用决定",
  "device_vendor.register": "登记定位设备服务商",
  "device_vendor.retire": "停用定位设备服务商",
  // Information exchange with partner organisations (features/exchange)
  "exchange_partner.register": "登记信息共享接入单位",
  "exchange_partner.rotate_key": "更换接入单位密钥",
  "exchange_partner.retire": "停用信息共享接入单位",
  "exchange_webhook.subscribe": "接入单位订阅推送",
  "exchange_webhook.unsubscribe": "接入单位取消推送订阅",
  "exchange_delivery.delivered": "推送已送达接入单位",
  "exchange_delivery.dead_letter": "推送多次失败，停止重试",
  "exchange_delivery.retry": "重新发送推送",
  "exchange_delivery.push": "立即推送接入单位的待发送事件",
  "exchange.call": "接入单位调用接口",
  "exchange.persons": "接入单位查询其移交人员",
  "statistics.persons": "查看统计指标对应人员",
  "statistics.export": "导出统计报表",
  "statistics.funding": "登记年度矫正经费",
  "major_event.report": "报告重大事项",
  "major_event.update": "续报重大事项",
  "major_event.close": "办结重大事项",
  "risk_meeting.record": "登记风险研判分析会议",
  "risk_meeting.minutes": "导出风险研判会议纪要",
  "risk_meeting.decision_done": "办结风险研判会议决定事项",
  "screening.open": "开启季度安全隐患排查",
  "screening.record": "登记安全隐患排查谈话",
  "screening.report": "导出季度安全隐患排查报告",
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
  "app.code_issue": "开通手机端（生成激活码）",
  "app.code_reset": "重置手机端（重新生成激活码）",
  "app.activate": "手机端激活",
  "app.activate_failed": "手机端激活失败",
  "app.view": "查看手机端情况",
  "app.notice_send": "发送通知",
  "app.notice_read": "阅读通知",
  "location.view": "查看位置信息",
  "location.photo_upload": "上传位置签到照片",
  "location.photo_view": "查看位置签到照片",
  "location.residence_set": "登记居住地坐标",
  "zone.create": "新增区域（执行地、禁止区域）",
  "zone.applies_to": "设置禁止区域适用范围",
  "zone.retire": "停用区域",
  "alert.upgrade": "预警升级为越界（红色）",
  // Investigation, resettlement, after-care (issue 15).
  "investigation.receive": "登记调查评估委托",
  "investigation.assign": "分配调查评估委托",
  "investigation.note": "登记调查评估调查情况",
  "investigation.conclude": "提出调查评估意见",
  "investigation.return": "调查评估意见回复委托机关",
  "investigation.export": "下载调查评估意见书",
  "resettlement.receive": "登记刑满释放人员预释放通知",
  "resettlement.step": "登记安置帮教衔接事项",
  "resettlement.followup": "登记刑释人员回访",
  "resettlement.export": "导出安置帮教台账",
  "aftercare.receive": "登记后续照管对象",
  "aftercare.contact": "登记后续照管回访",
  "aftercare.success": "确立成功戒毒典型",
  "aftercare.export": "导出后续照管台账",
  "resettlement.assign": "分配刑释人员的帮教司法所",
  "aftercare.assign": "分配后续照管对象的司法所",
  "location.retention_delete": "删除到期位置数据",
  "division.load": "载入行政区划边界",
  "division.retire": "停用行政区划边界",
  "leave.destination_area": "设置请假目的地圆形区域",
};

/** Kinds of record named in the audit log (`audit_log.record_type`). */
export const recordTypeLabel: Record<string, string> = {
  calendar_notice: "节假日安排",
  subject: "社区矫正对象",
  user: "用户",
  place: "单位",
  case_event: "工作记录",
  book_section: "工作记录本",
  location_report: "位置报告",
  handover: "交付材料",
  handover_document: "法律文书",
  level_decision: "管理等级决定",
  leave_application: "请假申请",
  leave_proof: "请假证明材料",
  leave_file_handin: "每月请假材料",
  violation_case: "违规处置案件",
  violation_evidence: "违规证据",
  case_review: "一案一复盘",
  case_end: "解除或终止矫正",
  case_end_document: "解矫（终止）文书",
  book_review_sample: "年度评查抽查名单",
  book_review: "工作记录本评查",
  excellent_case: "优秀案例",
  app_notice: "通知",
  location_photo: "位置签到照片",
  location_zone: "区域（执行地、禁止区域）",
  device_order: "电子定位装置使用决定",
  division_boundary: "行政区划边界",
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
  leave_overdue: "逾期未归",
  possible_out_of_area: "可能越界",
  suspected_separation: "疑似人机分离",
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

/** Where a year's holidays come from (the engine's working days; features/calendar). */
export const calendarSourceLabel: Record<"notice" | "package" | "derived", string> = {
  notice: "已载入国务院通知",
  package: "随软件提供",
  derived: "按法定节假日推算（暂定）",
};

/** The engine's `provisional_calendar` warning, as a worker reads it. */
export function calendarWarningText(year: number): string {
  return `${year}年节假日安排尚未载入：${year}年的工作日按法定节假日推算（不含调休），相关期限为暂定`;
}

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
        .replace(/implementing measures( on change of place of execution)?/g, (_, change?: string) =>
          change ? "《社区矫正法实施办法》关于变更执行地的规定" : "《社区矫正法实施办法》",
        )
        // Profiles stored before the basis was written in Chinese.
        .replace(/\s*four-colour warning/g, "四色预警")
        .replace(/\s*\(?profile default\)?/g, "（本县默认设置）")
        .replace(/\bphase (\d)/g, (_, n: string) => `第${phaseNumeral[Number(n) - 1] ?? n}阶段`)
        .replace(/\bArt\.\s*(\d+)/g, "第$1条")
        // Whatever English is left (an explanation, a county's own note) never reaches a screen or a
        // document: a remark in brackets goes whole, other words one by one.
        .replace(/\s*\([^()]*[A-Za-z]{2,}[^()]*\)/g, "")
        .replace(/\s*[A-Za-z][A-Za-z\s,'’-]*[A-Za-z]/g, "")
        .trim()
        .replace(/^\((.*)\)$/, "$1"),
    )
    .filter((part) => part !== "");
  // Only developer notes: the profile's own setting, which the county may change.
  return parts.length ? parts.join("；") : "本县默认设置";
}

/** Periods of the policy profile's obligations (本县规则). */
export const periodLabel: Record<string, string> = {
  day: "每日",
  week: "每周",
  half_month: "每半月",
  month: "每月",
  quarter: "每季度",
};

/** The groups of the county's rules page (本县规则), in the order shown. */
export const policyGroupLabel: Record<string, string> = {
  levels: "分级管理与重点人员认定",
  reports: "报告",
  visits: "实地查访",
  checks: "信息化核查与抽查",
  deadlines: "工作记录本期限",
  alerts: "预警",
  location: "位置监管",
  leave: "请假",
  team: "矫正小组与人员配备",
  indicators: "统计指标",
  care: "调查评估、安置帮教与后续照管",
  statutory: "法定期限",
  rollout: "实施范围",
  screening: "隐患排查与风险研判",
  calendar: "工作日",
};

// Leave and movement (features/leave; leave-contract.md).

export const leaveKindLabel: Record<string, string> = {
  ordinary: "请假外出",
  standing: "经常性跨市县活动",
  move_house: "迁居",
};

export const leaveStatusLabel: Record<string, string> = {
  pending: "待审批",
  returned: "退回补充材料",
  approved: "已批准",
  refused: "不予批准",
  closed: "已销假",
};

/** Who approves an application (the leave rules' `approver.by`). */
export const leaveApproverLabel: Record<string, string> = {
  none: "无需审批（未离开居住的县（市、区））",
  office: "司法所负责人审批",
  agency: "社区矫正机构审批",
};

/** What forbids an approval until the application is changed (硬性条件). */
export const leaveRefusalLabel: Record<string, string> = {
  after_term_end: "外出开始日期在矫正期满之后",
  crosses_term_end: "外出期间超过矫正期满日，请缩短",
  no_reason: "未填写请假事由",
  overlaps: "与已批准的请假时间重叠",
  too_long: "超过单次批准的最长期限，请分段申请",
};

/** What the approver must override with a written reason. */
export const leaveWarningLabel: Record<string, string> = {
  key_person: "重点人员请假原则上不予批准，批准须说明理由",
  proof_missing: "未提交证明材料",
  short_notice: "未按规定提前申请",
};

/** The checks while away (the leave rules' `checksWhileAway`). */
export const leaveCheckLabel: Record<string, string> = {
  leave_signin_check: "请假期间在线签到核查",
  leave_phone_check: "请假期间电话核查及轨迹分析",
  agency_leave_check: "机构每日抽查请假外出人员",
};

export const leaveReturnStatusLabel: Record<string, string> = {
  open: "未到销假期限",
  met: "按时销假",
  late: "逾期销假",
  overdue: "逾期未归",
};

/** A leave on the calendar of who is away (请销假 page), as of today and day by day. */
export const leaveCalendarStateLabel: Record<"planned" | "away" | "back" | "overdue", string> = {
  planned: "尚未外出",
  away: "外出中",
  back: "已返回",
  overdue: "逾期未归",
};

export const returnMethodLabel: Record<string, string> = {
  in_person: "到所当面销假",
  phone: "电话销假",
  app: "手机应用销假",
};

export const leaveCheckMethodLabel: Record<string, string> = {
  online_signin: "在线签到",
  phone: "电话核查",
  location: "定位（轨迹）核查",
  video: "视频核查",
};

export const leaveDecisionLabel: Record<string, string> = {
  approve: "批准",
  refuse: "不予批准",
  return: "退回补充材料",
};

// Violations, sanctions and the court (违规处置, issue 10).
export const violationSourceLabel: Record<string, string> = {
  finding: "工作中发现",
  alert: "预警",
  report: "举报",
};
export const severityLabel: Record<string, string> = { minor: "情节轻微", serious: "情节较重" };
export const violationStageLabel: Record<string, string> = {
  investigating: "调查中",
  proposed: "已提出处置意见",
  signed: "司法所负责人已签署",
  returned: "已退回补充调查",
  approved: "已审批",
};
export const ladderStepLabel: Record<string, string> = {
  none: "暂无处置建议",
  reprimand: "训诫",
  warning: "警告",
  public_security_penalty: "提请治安管理处罚",
  revocation_request: "提请撤销缓刑、假释",
  imprisonment_request: "提请收监执行",
};
/** Each rung of the ladder as the implementing measures word it (the engine's ground codes). */
export const ladderGroundLabel: Record<string, string> = {
  rules_minor: "违反报告、会客、外出、迁居等规定，情节轻微",
  rules_serious: "违反报告、会客、外出、迁居等规定，情节较重",
  prohibition_minor: "违反人民法院禁止令，情节轻微",
  prohibition_serious: "违反人民法院禁止令，情节严重",
  education_refusal: "不按规定参加教育学习等活动，经教育仍不改正",
  absence_short: "脱离监管或未按规定时间报到，未超过十日",
  absence_long: "脱离监管或未按规定时间报到，超过十日",
  absence_over_month: "未按规定报到或脱离监管，超过一个月",
  two_reprimands: "受到训诫后仍不改正（两次训诫）",
  two_warnings: "受到两次警告仍不改正",
  penalty_uncorrected: "受到治安管理处罚后仍不改正",
};
export const courtClockLabel: Record<string, string> = {
  ruling: "人民法院裁定（决定）期限（30日）",
  arrest_decision: "人民法院决定是否逮捕（48小时）",
  detention: "逮捕后羁押期限（30日）",
};
export const courtClockStatusLabel: Record<string, string> = {
  met: "按时完成",
  late: "逾期完成",
  overdue: "已逾期",
  open: "进行中",
};
export const violationStepLabel: Record<string, string> = {
  opened: "立案调查",
  proposed: "提出处置意见",
  signed: "司法所负责人签署",
  approved: "社区矫正机构审批同意",
  returned: "社区矫正机构退回补充调查",
  corrected: "记录改正情况",
  court: "记录人民法院处理情况",
};
export const caseReviewTriggerLabel: Record<string, string> = {
  out_of_supervision: "脱离监管",
  court_request: "提请撤销缓刑、假释或提请收监执行",
};

// The end of a case (features/release).

export const endKindLabel: Record<string, string> = {
  release: "期满解除矫正",
  pardon: "赦免解除矫正",
  revocation: "撤销缓刑（假释）终止矫正",
  imprisonment: "收监执行终止矫正",
  death: "死亡终止矫正",
  transferred_out: "执行地变更移出",
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

/** 执行地变更 (features/transfer): the request's steps. */
export const transferStatusLabel: Record<string, string> = {
  requested: "待机构发函",
  sent: "待新执行地回复",
  accepted: "待对象报到",
  refused: "新执行地不同意接收",
  reported: "已报到，移交完毕",
};

/**
 * The source documents' own sentences, by the paragraph a basis cites ("000 §九.2(4)"): shown on
 * hover or expansion next to the rule (今日工作). Quoted from shared/seeds as written.
 */
export const seedQuotes: Record<string, string> = {
  "000 §二(五)":
    "司法所应根据矫正对象的监管等级，指定工作人员担任个案矫正责任人，并负责开展个案矫正日常工作。",
  "000 §六":
    "矫正小组成员应按照各自分工职责对社区矫正对象开展监督、教育、帮扶等工作，对可能发生脱漏管、重新违法犯罪等风险隐患应及时上报，每月填报“矫正对象情况信息反馈表”，将收集掌握的信息流转至司法所。",
  "000 §九.1":
    "司法所应根据入矫分析、现实表现、再犯罪风险评估等情况，针对矫正对象日常表现不佳、主观恶性较大、再犯风险较高的纳入重点人员管理，其他人员按照严管等级、普管等级进行日常管理。",
  "000 §九.2(1)":
    "司法所应落实司法协理员每日上下午各开展1次信息化核查，当日重点人员核查覆盖率100%，一般人员不少于10人次；每日非工作时间核查人数不少于在册人数的10%。社区矫正机构落实专人每日对司法所的核查情况进行监督抽查，对重点人员、外出请假人员通过电话抽查、轨迹分析进行核查，对外出请假人员抽查全覆盖，对重点人员抽查比率不少于10%；对一般人员抽查人数不少于10人次。",
  "000 §九.2(2)":
    "外出期间，司法所应至少一日三次核查外出矫正对象的线上签到情况，重点人员外出期间，司法所每日还需落实至少一次电话核查和轨迹分析，并及时记录在册。",
  "000 §九.2(3)":
    "对重点人员、严管等级的，司法所负责人每月至少一次实地查访，社区矫正机构按照在册总数的20%比例进行抽查走访。普管等级的，司法所每三个月至少实地查访一次，社区矫正机构按照总数的3%比例进行抽查走访。",
  "000 §九.2(4)":
    "对重点人员、严管等级的，要求每周通过电话或者社交软件等方式报告一次、每半月当面报告一次；普管等级的，每半月通过电话或者社交软件等方式报告一次、每月当面报告一次。重点人员每日通过“浙里社区矫正”至少进行三次位置报告，并由矫正小组负责人对其位置进行轨迹分析。",
  "000 §九.3(1)":
    "社区矫正机构、司法所工作人员每日应开展信息化核查工作，社区矫正机构落实专人对司法所的核查情况进行监督抽查。司法协理员应严格落实信息化核查制度，发现异常信息应在24小时内及时处置，发现越界、失联、脱管等重要情况应及时核实调查，并逐级上报情况，不得迟报、瞒报。",
  "000 §九.3(2)":
    "司法所于次月10日前将上个月的请销假材料集中报送至社区矫正机构，社区矫正机构工作人员及时对请销假情况进行复核。",
  "000 §九.3(4)":
    "针对重点人员管理，司法所负责人应作为个案矫正责任人，全面掌握矫正对象的相关情况，除执行严格管理等级相关监管措施外，应强化日常监督和思想教育、法制教育，因地制宜、因人施策开展教育帮扶，消除不利于其矫正的消极因素，防止发生再犯罪或者极端事件。",
  "000 §十":
    "在入矫初期阶段三个月期满后，司法所负责人应结合管理等级调整，对前期个案矫正工作进行评估，对矫正方案不精准的、不适宜的，及时调整矫正方案。在矫正中期阶段，司法所负责人应每三个月开展季度矫正方案评价，分析存在的问题，对实施成效进行评估，动态调整矫正方案。在矫正期满一年后，司法所负责人应对矫正方案进行年度评估，梳理总结个案矫正的不足之处，提出改进提升措施，形成发现问题、分析问题、解决问题的工作闭环。",
  "000 §十一":
    "社区矫正对象解矫后，司法所负责人应在解矫后一个月内完成解矫分析总结，对阅卷分析是否到位、矫正方案是否精准、工作措施是否有效、工作目标是否实现、问题短板是否存在等情况进行梳理复盘，并开展举一反三和整改提升工作。",
};

/** Whether a person still needs an information check today (登记核查, features/today/check-queue.ts). */
export const checkNeedLabel: Record<"key_unchecked" | "unchecked" | "checked", string> = {
  key_unchecked: "重点人员，今日未核查",
  unchecked: "今日未核查",
  checked: "今日已核查",
};

// The subject's phone app (features/app, web/app).

/** The state of a person's app account, as the case page's 手机端 card shows it. */
export const appAccessStateLabel: Record<string, string> = {
  none: "未开通",
  code_issued: "已生成激活码，待激活",
  code_expired: "激活码已过期，请重新生成",
  active: "已激活",
};

/** The app's check-ins as the person sees them (queued on the phone, then sent). */
export const checkInStateLabel: Record<string, string> = {
  queued: "待发送",
  sending: "发送中",
  sent: "已发送",
  rejected: "未被接收",
};

// Location (features/location): reports, zones, device orders (Art. 29), ingest refusals.

export const reportSourceLabel: Record<string, string> = {
  app: "手机端签到",
  device: "电子定位装置",
  staff: "工作人员核查",
};

export const zoneKindLabel: Record<string, string> = {
  execution: "执行地",
  prohibited: "禁止区域",
};

/** The five situations of Art. 29 (features/location/tables.ts DEVICE_ORDER_REASONS). */
export const deviceOrderReasonLabel: Record<string, string> = {
  prohibition_order_breach: "违反人民法院禁止令",
  left_area_unapproved: "无正当理由，未经批准离开所居住的市、县",
  refused_report_after_warning: "拒不按照规定报告自己的活动情况，被给予警告",
  public_security_penalty: "违反监督管理规定，被给予治安管理处罚",
  revocation_pending: "拟提请撤销缓刑、假释或者暂予监外执行收监执行",
};

/** Why a location report was not accepted (`results[].error.code`). */
export const reportRejectionLabel: Record<string, string> = {
  out_of_range: "数值超出范围",
  invalid_input: "格式不正确",
  in_future: "定位时间晚于当前时间",
  too_old: "定位时间早于 30 天前",
  unknown_subject: "对象不存在",
  unknown_photo: "照片不存在",
  no_device_order: "没有生效的电子定位装置使用决定",
};

// Statistics and indicators (features/statistics; seeds 001, 003, 004). `{…}` are the profile's numbers.

export const statFigureLabel: Record<string, string> = {
  intakes: "入矫人数",
  releases: "解矫人数",
  terminations: "终止矫正人数",
  transfers_out: "执行地变更移出人数",
  individual_correction: "个案矫正率",
  electronic_location: "电子定位率",
  key_electronic_location: "重点人员电子定位率",
  assistance: "救助帮扶率",
  education_hours: "每月学习时长达标率",
  public_service_hours: "每月公益活动时长达标率",
  training: "适龄无业人员培训率",
  social_worker_ratio: "社工配比",
  funding_per_subject: "人均矫正经费",
  lost_contact: "脱管率",
  reoffending: "重新犯罪率",
};

export const statFigureDefinition: Record<string, string> = {
  intakes: "统计期内入矫登记（入矫日期在统计期内）的人数。",
  releases: "统计期内期满解除矫正或被特赦的人数（以解矫日期计）。",
  terminations: "统计期内因撤销缓刑（假释）、收监执行或死亡而终止矫正的人数。",
  transfers_out: "统计期内变更执行地至外县、在本县结案的人数。",
  individual_correction:
    "统计日在册人员中，工作记录本“个性化矫正方案”已于统计日或之前完成的人数 ÷ 统计日在册人数。",
  electronic_location:
    "统计日在册人员中，统计日前{withinDays}日内（含统计日）有手机或电子设备位置报告的人数 ÷ 统计日在册人数。",
  key_electronic_location:
    "统计日按重点人员管理的在册人员中，统计日前{withinDays}日内有位置报告的人数 ÷ 统计日重点人员数；目标{keyTargetPercent}%。",
  assistance:
    "统计期内在册（至少一日）的人员中，期内有帮扶记录（就业、培训、低保、临时救助、就学等）的人数 ÷ 期内在册人数。",
  education_hours:
    "统计期内已结束的每个整月、当月每日均在册的人员逐月计一人次：当月教育学习累计达到{education}小时的人次 ÷ 全部人次。",
  public_service_hours:
    "统计期内已结束的每个整月、当月每日均在册的人员逐月计一人次：当月公益活动累计达到{publicService}小时的人次 ÷ 全部人次。",
  training:
    "统计日在册、年满{workingAgeFrom}周岁未满{workingAgeToNext}周岁、职业登记为无业的人员中，入矫后有就业培训或技能培训帮扶记录的人数 ÷ 该类人数；目标{targetPercent}%。",
  social_worker_ratio:
    "统计日在册人数 ÷ 本辖区在职社会工作者账号数（人/社工）；标准为每名社工不超过{subjectsPerSocialWorker}人（1:{subjectsPerSocialWorker}）。",
  funding_per_subject:
    "机构录入的统计日所在年度社区矫正经费 ÷ 该年度1月1日至统计日期间在册（至少一日）的人数；标准为每人每年不少于{perSubjectPerYearYuan}元；仅全县统计。",
  lost_contact: "统计期内在册人员中，期内发生失联预警或脱离监管违规的人数 ÷ 期内在册人数。",
  reoffending: "统计期内在册人员中，期内重大事项报告为“重新犯罪”的人数 ÷ 期内在册人数。",
};

export const statBreakdownLabel: Record<string, string> = {
  byType: "按矫正类别",
  byLevel: "按管理等级",
  byOffice: "按司法所",
  byCrime: "按罪名",
  bySex: "按性别",
  byAge: "按年龄段",
};

export const ageBandLabel: Record<string, string> = {
  minor: "未成年人（不满18周岁）",
  "18_25": "18至25周岁",
  "26_35": "26至35周岁",
  "36_45": "36至45周岁",
  "46_59": "46至59周岁",
  "60_plus": "60周岁以上",
};

export const statPeriodLabel: Record<string, string> = {
  month: "月度",
  quarter: "季度",
  year: "年度",
  range: "自定义期间",
};

export const majorEventKindLabel: Record<string, string> = {
  escape: "脱逃",
  new_crime: "重新犯罪",
  death: "死亡",
  mass_incident: "群体性事件",
  other: "其他重大事项",
};

// The hazard register (features/hazards; seed 002).

export const hazardKindLabel: Record<string, string> = {
  family_dispute: "家庭纠纷",
  neighbour_dispute: "邻里纠纷",
  emotional_dispute: "情感纠葛",
  conflict: "与他人有较深矛盾",
  debt: "债务纠纷",
  mental_illness: "患有精神疾病",
  unauthorized_absence: "未经批准外出或逾期未归",
  drug_use: "吸毒",
  gambling: "参与赌博",
  reoffending_tendency: "有再犯罪倾向",
  organised_crime: "涉黑涉恶、涉枪涉爆、涉恐涉邪教",
  supervision_lapse: "监管措施落实不到位",
  other: "其他",
};

export const hazardLevelLabel: Record<string, string> = {
  major: "重大",
  serious: "较大",
  general: "一般",
};

/** Who wrote an audit row: a staff role, or the system itself (the sweep, scheduled backups). */
export function actorRoleLabel(role: string): string {
  if (role === "system") return "系统";
  return roleLabel[role as Role] ?? role;
}

/** Why a person is pre-filled for the month's risk-analysis meeting (features/risk-meetings). */
export const riskReasonLabel: Record<string, string> = {
  alert: "本月有预警",
  violation: "本月有违规",
  hazard: "有未销号的安全隐患",
  level: "本月调整管理等级",
  key: "重点人员",
  major_event: "本月有重大事项报告",
};

// ---------------------------------------------------------------------------------------------------
// Issue 14 (rest): the quarterly screening campaign (五清, seed 002), points-based levels (seed 004),
// risk-meeting decisions on Today (features/screening, core/points, features/risk-meetings).

/** The five clears of seed 002 四.1: what a screening talk must make clear about a person. */
export const fiveClearLabel: Record<string, string> = {
  crime_facts: "犯罪事实清",
  conduct: "现实表现清",
  responsibility: "监管责任清",
  thinking: "思想动态清",
  whereabouts: "行为去向清",
};

/** The checklist of a person's screening (seed 002 附件二.2–3): what is checked about the supervision. */
export const screeningCheckLabel: Record<string, string> = {
  reporting: "按规定报告",
  leave: "外出请销假，无未经批准外出或逾期未归",
  residence: "居住地变更按规定审批",
  prohibition_order: "遵守禁止令",
  team: "矫正小组履职",
  location: "电子定位监管正常、定期核查",
  gambling_drugs: "无参与赌博、吸毒",
  reoffending: "无再犯罪倾向",
  key_measures: "重点对象针对性监管措施落实",
  records: "档案记录完整、文书齐备",
};

/** The talk outline (谈话提纲, seed 002 附件三.2): what the office asks about in the talk. */
export const screeningTalkLabel: Record<string, string> = {
  thinking: "思想动态",
  family: "家庭情况",
  work: "工作和收入",
  disputes: "矛盾纠纷",
  health: "身心健康",
};

/** How the talk was held (seed 002 附件三.2: 入户走访、社区走访、当面谈话). */
export const screeningMethodLabel: Record<string, string> = {
  home_visit: "入户走访",
  community_visit: "社区走访",
  face_to_face: "当面谈话",
};

export const screeningCheckResultLabel: Record<string, string> = {
  ok: "正常",
  issue: "存在问题",
};

export const screeningCampaignStatusLabel: Record<string, string> = {
  open: "进行中",
  overdue: "已逾期",
  done: "已完成",
};

/** The items of the points table (积分考核, seed 004). */
export const pointsItemLabel: Record<string, string> = {
  phone_report: "电话（思想）汇报",
  in_person_report: "当面报告（见面会谈）",
  education_hour: "学习（每小时）",
  public_service_hour: "公益活动（每小时）",
  violation: "违反监督管理规定",
  reprimand: "训诫",
  warning: "警告",
  public_security_penalty: "治安管理处罚",
};

// ---- rules13: the initial level is proposed at registration and decided by the office (issue 13) ----
export const levelProposalText = {
  /** Today's row for the office head. */
  todayTitle: (level: string) => `决定管理等级（入矫登记拟定${level}）`,
  todayDetail: "入矫登记时由社区矫正机构拟定，待司法所负责人决定；一键同意拟定等级，另定须写明理由",
  /** The reason stored when the head agrees in one click. */
  agreeReason: "同意入矫登记拟定的管理等级",
  /** The case page while the level is not yet decided. */
  pending: (level: string) => `拟定${level}，待司法所决定`,
  reasonRequired: (level: string) => `入矫登记拟定为${level}；决定为其他等级须写明理由（至少4个字）`,
};

// Investigation (调查评估), resettlement (安置帮教) and after-care (后续照管), issue 15: the words of the
// three features' screens, documents and ledgers.

export const investigationProcedureLabel: Record<string, string> = {
  normal: "普通程序",
  expedited: "速裁程序",
};

export const investigationStatusLabel: Record<string, string> = {
  received: "待分配",
  assigned: "调查中",
  concluded: "待回复",
  returned: "已回复",
};

export const investigationOpinionLabel: Record<string, string> = {
  suitable: "适宜社区矫正",
  unsuitable: "不适宜社区矫正",
};

export const investigationNoteKindLabel: Record<string, string> = {
  visit: "走访",
  interview: "谈话",
  document: "查阅材料",
};

/** The steps of the hand-over of a released prisoner (seed 003 二). */
export const resettlementStepLabel: Record<string, string> = {
  verify: "基本信息核查",
  receipt: "发送衔接回执",
  pickup: "释放接送",
  risk: "危险性评估",
  help_plan: "帮教小组、帮教计划和帮教协议",
  placement: "安置",
  employment_service: "就业服务",
  reoffence: "重新犯罪",
  followup: "回访",
};

export const resettlementRiskLabel: Record<string, string> = { low: "低", medium: "中", high: "高" };

export const resettlementPlacementLabel: Record<string, string> = {
  employed: "就业",
  self_employed: "自主创业",
  family: "家庭接纳",
  base: "过渡性安置基地",
  assistance: "纳入社会救助",
};

export const aftercareContactKindLabel: Record<string, string> = {
  phone: "电话回访",
  visit: "见面回访",
};

/** The indicators of resettlement and after-care (seed 003), as the seed names them. */
export const careIndicatorLabel: Record<string, string> = {
  verification: "基本信息核查率",
  receipt: "衔接回执发送率",
  key_pickup: "重点帮教对象接送率",
  other_pickup: "一般帮教对象接送率",
  agreement: "重点对象协议签订率",
  placement: "当年内安置率",
  employment_service: "当年内就业服务率",
  reoffending_year: "当年内重新犯罪率",
  reoffending_five_years: "五年内重新犯罪率",
  care: "后续照管率",
  abstinence: "操守保持率",
};

// ---- Information exchange with partner organisations (features/exchange, issue 15) ----

export const partnerKindLabel: Record<string, string> = {
  court: "人民法院",
  procuratorate: "人民检察院",
  police: "公安派出所",
  prison: "监狱",
  rehab: "戒毒所",
};

export const exchangeScopeLabel: Record<string, string> = {
  handover: "交付接收",
  court_notice: "法院通知",
  status: "人员状态查询",
  webhook: "事件推送",
  investigation: "调查评估委托",
  release_notice: "预释放人员通知",
  rehab_notice: "解戒人员通知",
};

export const webhookEventLabel: Record<string, string> = {
  registration: "已接收入矫",
  lost_contact: "脱离监管（失去联系）",
  revocation_request: "提请撤销或收监",
  release: "解除矫正或终止",
  death: "死亡",
};

export const deliveryStatusLabel: Record<string, string> = {
  pending: "待发送",
  delivered: "已送达",
  dead: "发送失败",
};

/** Where else the county knows a notice's person (安置帮教 and 后续照管 records, by ID number). */
export const knownPersonLabel = {
  /** Before the subject's book number and state: now or once under correction. */
  subjectNow: "现为社区矫正对象",
  subjectOnce: "曾为社区矫正对象",
  resettlement: "另有安置帮教记录",
  aftercare: "另有后续照管记录",
  released: "释放",
  rehabEnded: "解除强制隔离戒毒",
  bookNumber: "编号",
  noBookNumber: "未编号",
  notYours: "非本所对象，无权查看",
  title: "本县曾登记过此人（按身份证号）",
} as const;
