// The county's rules as a worker reads them (本县规则): every number of the profile in a Chinese
// sentence, grouped as the work is (levels, reports, visits, checks, deadlines, alerts...), each with
// its basis. For a derived profile each rule says whether the county changed it from its base. Which
// profile paths a row shows is listed with it, so a test can prove that every number is shown.
import { ALERT_KINDS, LEVELS, PERIODIC_OBLIGATIONS, type PolicyProfile } from "../../core/index.ts";
import {
  alertColourLabel,
  alertKindLabel,
  basisText,
  bookSectionLabel,
  crimeCategoryLabel,
  criterionLabel,
  ladderStepLabel,
  levelLabel,
  obligationKindLabel,
  periodLabel,
  pointsItemLabel,
  policyGroupLabel,
  riskLevelLabel,
  roleLabel,
  sanctionKindLabel,
  teamMemberKindLabel,
  violationKindLabel,
} from "../../glossary.ts";

export interface RuleRow {
  /** The profile path of the rule (its first path). */
  key: string;
  label: string;
  value: string;
  basis: string;
  /** A derived profile's rule that differs from its base profile. */
  changed: boolean;
  /** Its number is the county's own choice where the sources name the duty but no number (本县设定). */
  countyChoice: boolean;
  /** Every profile path the row shows. */
  paths: string[];
}

export interface RuleGroup {
  id: string;
  title: string;
  rules: RuleRow[];
}

const list = (items: readonly string[], labels: Record<string, string>) =>
  items.length ? items.map((i) => labels[i] ?? i).join("、") : "无";
const yesNo = (b: boolean) => (b ? "是" : "否");
const dueText = (due: { unit: string; count: number }) =>
  due.unit === "working_days"
    ? `${due.count}个工作日`
    : due.unit === "months"
      ? `${due.count}个月`
      : `${due.count}日`;
const authorText = (author: string) =>
  author === "office" ? "司法所" : (roleLabel[author as keyof typeof roleLabel] ?? author);

/**
 * The basis of a number the county chose: 本县设定 first, so nobody takes it for the law, then the
 * source of the duty it times (without its "profile default" remark, which this replaces).
 */
function countyChoiceBasis(chosen: string, basis: string): string {
  const source = basisText(basis)
    .split("；")
    .filter((part) => !part.includes("本县默认设置"))
    .join("；");
  return source ? `本县设定（${chosen}，所依文件未规定）；相关规定：${source}` : `本县设定（${chosen}）`;
}

function at(profile: unknown, path: string): unknown {
  let value: unknown = profile;
  for (const part of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/** The rule groups of a profile; `base` (the profile it was derived from) marks what changed. */
export function rulesView(profile: PolicyProfile, base: PolicyProfile | null = null): RuleGroup[] {
  const p = profile;
  const groups = new Map<string, RuleRow[]>();
  /** `chosen`: what of the row the county chose itself (its sources leave it open), e.g. "天数". */
  const add = (
    group: string,
    label: string,
    value: string,
    basis: string,
    paths: string[],
    chosen?: string,
  ) => {
    const changed =
      base !== null && paths.some((path) => JSON.stringify(at(p, path)) !== JSON.stringify(at(base, path)));
    const rows = groups.get(group) ?? [];
    rows.push({
      key: paths[0]!,
      label,
      value,
      basis: chosen ? countyChoiceBasis(chosen, basis) : basisText(basis),
      changed,
      countyChoice: chosen !== undefined,
      paths,
    });
    groups.set(group, rows);
  };

  // Levels and the key-person criteria (seed 000 §九.1).
  const c = p.classification;
  add("levels", "启用宽管等级", yesNo(p.levels.lenientEnabled), p.levels.basis, ["levels.lenientEnabled"]);
  add(
    "levels",
    "等级评估",
    `入矫后${c.reviewAfterIntakeMonths}个月首次评估，此后每${c.reviewEveryMonths}个月评估一次`,
    c.basis,
    ["classification.reviewAfterIntakeMonths", "classification.reviewEveryMonths"],
  );
  add(
    "levels",
    `K1 ${criterionLabel.K1}`,
    `近${c.K1.lookbackMonths}个月内有${list(c.K1.violationKinds, violationKindLabel)}记录`,
    c.K1.basis,
    ["classification.K1.lookbackMonths", "classification.K1.violationKinds"],
  );
  add(
    "levels",
    `K2 ${criterionLabel.K2}`,
    `前科劣迹合计${c.K2.minPriorRecords}次以上，或风险等级为${list(c.K2.riskLevels, riskLevelLabel)}`,
    c.K2.basis,
    ["classification.K2.minPriorRecords", "classification.K2.riskLevels"],
  );
  add(
    "levels",
    `K3 ${criterionLabel.K3}`,
    c.K3.requireBothLacking ? "住所和收入均不稳定，或情绪、行为异常" : "住所或收入不稳定，或情绪、行为异常",
    c.K3.basis,
    ["classification.K3.requireBothLacking"],
  );
  add("levels", `K4 ${criterionLabel.K4}`, list(c.K4.sanctionKinds, sanctionKindLabel), c.K4.basis, [
    "classification.K4.sanctionKinds",
  ]);
  add(
    "levels",
    `K5 ${criterionLabel.K5}`,
    `罪名：${list(c.K5.crimeCategories, crimeCategoryLabel)}；风险等级：${list(c.K5.riskLevels, riskLevelLabel)}`,
    c.K5.basis,
    ["classification.K5.crimeCategories", "classification.K5.riskLevels"],
  );
  add("levels", `K6 ${criterionLabel.K6}`, "入矫时未满18周岁且家庭不健全、叛逆不服管", c.K6.basis, [
    "classification.K6",
  ]);
  add("levels", "成年年龄", `${p.age.adultAge}周岁（满周岁的次日起算）`, p.age.basis, ["age.adultAge"]);

  // Reports and visits by level (seed 000 §九.2).
  for (const kind of PERIODIC_OBLIGATIONS) {
    const rule = p.obligations[kind];
    const group = kind === "field_visit" ? "visits" : "reports";
    for (const level of LEVELS) {
      const byLevel = rule.byLevel[level];
      if (!byLevel) continue;
      const who = byLevel.countedRoles ? `（由${list(byLevel.countedRoles, roleLabel)}完成）` : "";
      add(
        group,
        `${levelLabel[level]}：${obligationKindLabel[kind]}`,
        `${periodLabel[byLevel.period] ?? byLevel.period}${byLevel.required}次${who}`,
        rule.basis,
        [`obligations.${kind}.byLevel.${level}`],
      );
    }
    add(group, `${obligationKindLabel[kind]}：请假期间免除`, yesNo(rule.waivedByLeave), rule.basis, [
      `obligations.${kind}.waivedByLeave`,
    ]);
  }
  add(
    "visits",
    "失联后实地查访",
    `预警后${p.obligations.lostContactVisit.withinHours}小时内，司法所与机构共同查访`,
    p.obligations.lostContactVisit.basis,
    ["obligations.lostContactVisit.withinHours"],
  );
  add(
    "reports",
    "监管要求统计范围",
    `当日之前${p.obligations.windowDaysBack}日内的各期`,
    p.obligations.basis,
    ["obligations.windowDaysBack"],
  );

  // The office's daily checks and the agency's spot checks and sampling (seed 000 §九.2(1), (3)).
  const o = p.office;
  add("checks", "上午核查时段", `${o.morningRoundEnds}前`, o.basis, ["office.morningRoundEnds"]);
  add("checks", "下午核查时段", `${o.afternoonRoundStarts}至${o.afternoonRoundEnds}`, o.basis, [
    "office.afternoonRoundStarts",
    "office.afternoonRoundEnds",
  ]);
  add("checks", "重点人员每日核查覆盖", `${o.keyCoveragePercent}%`, o.basis, ["office.keyCoveragePercent"]);
  add("checks", "其他人员每日核查", `不少于${o.otherChecksMin}人次`, o.basis, ["office.otherChecksMin"]);
  add("checks", "非工作时间核查", `不少于在册人员的${o.offHoursPercent}%`, o.basis, [
    "office.offHoursPercent",
  ]);
  add("checks", "工作时间", `${o.workingHoursStart}至${o.workingHoursEnd}`, o.basis, [
    "office.workingHoursStart",
    "office.workingHoursEnd",
  ]);
  const a = p.agency;
  add("checks", "机构抽查：请假外出人员", `${a.leaveCoveragePercent}%`, a.checksBasis, [
    "agency.leaveCoveragePercent",
  ]);
  add("checks", "机构抽查：重点人员", `每日${a.keySamplePercent}%`, a.checksBasis, [
    "agency.keySamplePercent",
  ]);
  add("checks", "机构抽查：其他人员", `每日不少于${a.otherChecksMin}人次`, a.checksBasis, [
    "agency.otherChecksMin",
  ]);
  add(
    "checks",
    "机构抽查走访：重点及严管人员",
    `每月${a.visitSampleKeyOrStrictPercentPerMonth}%`,
    a.visitsBasis,
    ["agency.visitSampleKeyOrStrictPercentPerMonth"],
  );
  add("checks", "机构抽查走访：普管人员", `每季度${a.visitSampleNormalPercentPerQuarter}%`, a.visitsBasis, [
    "agency.visitSampleNormalPercentPerQuarter",
  ]);

  // Late entries (补录): when a record counts as entered late, and whether a late check makes its round.
  const late = p.records;
  add(
    "checks",
    "补录",
    `发生后超过${late.lateEntryAfterHours}小时登记的记录标记为补录，须说明原因`,
    late.basis,
    ["records.lateEntryAfterHours"],
  );
  add(
    "checks",
    "补录的核查是否计入当轮核查",
    late.lateCheckCountsForRound ? "计入" : "不计入（该轮时段结束后才登记的核查不算完成该轮）",
    late.basis,
    ["records.lateCheckCountsForRound"],
  );

  // The book's deadlines (seed 000 §一–§十一).
  const b = p.book;
  for (const [section, rule] of Object.entries(b.oneOff)) {
    add(
      "deadlines",
      bookSectionLabel[section] ?? section,
      `入矫后${dueText(rule.due)}内，由${authorText(rule.author)}填写`,
      rule.basis,
      [`book.oneOff.${section}`],
    );
  }
  add(
    "deadlines",
    bookSectionLabel.initial_evaluation ?? "",
    `入矫满${b.initial_evaluation.afterIntakeMonths}个月后${dueText(b.initial_evaluation.due)}内`,
    b.initial_evaluation.basis,
    ["book.initial_evaluation"],
  );
  add(
    "deadlines",
    bookSectionLabel.quarterly_evaluation ?? "",
    `每季度结束后${dueText(b.quarterly_evaluation.due)}内`,
    b.quarterly_evaluation.basis,
    ["book.quarterly_evaluation"],
  );
  add(
    "deadlines",
    bookSectionLabel.annual_evaluation ?? "",
    `每满${b.annual_evaluation.everyYears}年后${dueText(b.annual_evaluation.due)}内`,
    b.annual_evaluation.basis,
    ["book.annual_evaluation"],
  );
  add(
    "deadlines",
    bookSectionLabel.release_analysis ?? "",
    `解矫后${dueText(b.release_analysis.due)}内`,
    b.release_analysis.basis,
    ["book.release_analysis"],
  );
  add("deadlines", "案卷评查", `解矫后${dueText(b.caseReview.due)}内`, b.caseReview.basis, [
    "book.caseReview",
  ]);
  add(
    "deadlines",
    "定期评估记录的计入时段",
    `应完成日前${b.recurringWindowOpensMonthsBeforeDue}个月起`,
    b.basis,
    ["book.recurringWindowOpensMonthsBeforeDue"],
  );
  add("deadlines", "期限提前显示", `${b.lookaheadDays}日`, b.basis, ["book.lookaheadDays"]);

  // Alerts (seed 003 four colours; seed 000 §九.3(1)).
  const al = p.alerts;
  for (const kind of ALERT_KINDS)
    add(
      "alerts",
      alertKindLabel[kind] ?? kind,
      alertColourLabel[al.colours[kind]] ?? al.colours[kind],
      al.basis,
      [`alerts.colours.${kind}`],
    );
  add("alerts", "处置时限", `发出后${al.handleWithinHours}小时内`, al.basis, ["alerts.handleWithinHours"]);
  for (const [colour, hours] of Object.entries(al.escalateAfterHours))
    add(
      "alerts",
      `${alertColourLabel[colour] ?? colour}上报机构`,
      hours === 0 ? "立即" : `${hours}小时未处置`,
      al.basis,
      [`alerts.escalateAfterHours.${colour}`],
    );
  add("alerts", "失联认定", `${al.lostContactAfterHoursWithoutLocation}小时无位置报告`, al.basis, [
    "alerts.lostContactAfterHoursWithoutLocation",
  ]);

  // Location rules.
  const l = p.location;
  add("location", "须报告位置的等级", list(l.reportingLevels, levelLabel), l.basis, [
    "location.reportingLevels",
  ]);
  add("location", "定位精度合格", `不超过${l.acceptableAccuracyM}米`, l.basis, [
    "location.acceptableAccuracyM",
  ]);
  add(
    "location",
    "越界确认",
    `相隔${l.outOfArea.confirmMinMinutes}至${l.outOfArea.confirmMaxMinutes}分钟的两次区域外报告；单次为${alertColourLabel[l.outOfArea.possibleColour]}`,
    l.outOfArea.basis,
    ["location.outOfArea"],
  );
  add(
    "location",
    "疑似人机分离",
    `${l.separation.minSpanHours}小时以上位置在${l.separation.withinM}米内不动且离住所${l.separation.awayFromResidenceM}米以上：${alertColourLabel[l.separation.colour]}`,
    l.separation.basis,
    ["location.separation"],
  );
  add(
    "location",
    "位置数据保存期限",
    `解除或终止矫正后${l.retention.monthsAfterEnd}个月，期满删除`,
    l.retention.basis,
    ["location.retention"],
  );

  // Leave.
  for (const kind of ["leave_signin_check", "leave_phone_check"] as const) {
    const rule = p.obligations[kind];
    add(
      "leave",
      obligationKindLabel[kind] ?? kind,
      `${list(rule.levels, levelLabel)}：每日${rule.perDay}次`,
      rule.basis,
      [`obligations.${kind}`],
    );
  }
  add(
    "leave",
    "机构抽查请假外出人员",
    `外出期间每日${p.leave.agencyCheck.perDay}次`,
    p.leave.agencyCheck.basis,
    ["leave.agencyCheck.perDay"],
  );
  add("leave", "重点人员请假默认不批准", yesNo(p.leave.keyPersonRefusedByDefault), p.leave.basis, [
    "leave.keyPersonRefusedByDefault",
  ]);
  add("leave", "请假材料归档", `次月${p.leave.filesHandedInByDayOfNextMonth}日前`, p.leave.filesBasis, [
    "leave.filesHandedInByDayOfNextMonth",
  ]);
  const sl = p.statutory.leave;
  add("leave", "司法所审批", `${sl.officeApprovesUpToDays}日以内`, sl.basis, [
    "statutory.leave.officeApprovesUpToDays",
  ]);
  add("leave", "每次批准最长", `${sl.maxDaysPerApproval}日`, sl.basis, [
    "statutory.leave.maxDaysPerApproval",
  ]);
  add("leave", "提前申请", `${sl.applyDaysAhead}日`, sl.basis, ["statutory.leave.applyDaysAhead"]);
  add("leave", "经常性外出批准最长", `${sl.standingApprovalMaxMonths}个月`, sl.basis, [
    "statutory.leave.standingApprovalMaxMonths",
  ]);

  // The team and staffing.
  const t = p.team;
  add("team", "固定成员（3+X）", list(t.fixedMembers.kinds, teamMemberKindLabel), t.fixedMembers.basis, [
    "team.fixedMembers.kinds",
  ]);
  add(
    "team",
    "女性对象的小组须有女性成员",
    yesNo(t.womanForFemaleSubject.required),
    t.womanForFemaleSubject.basis,
    ["team.womanForFemaleSubject.required"],
  );
  add(
    "team",
    "未成年对象的小组须有熟悉未成年人的成员",
    yesNo(t.minorsExpertForJuvenile.required),
    t.minorsExpertForJuvenile.basis,
    ["team.minorsExpertForJuvenile.required"],
  );
  add("team", "小组成员情况反馈表", `每人每月${t.feedbackFormsPerMemberPerMonth}份`, t.basis, [
    "team.feedbackFormsPerMemberPerMonth",
  ]);
  add("team", "社工配比", `每名社工负责${p.staffing.subjectsPerSocialWorker}人`, p.staffing.basis, [
    "staffing.subjectsPerSocialWorker",
  ]);

  // The county's indicators (统计).
  const ind = p.indicators;
  add(
    "indicators",
    "电子定位率：计入期间",
    `统计日前${ind.location.withinDays}日内有位置报告`,
    ind.location.basis,
    ["indicators.location.withinDays"],
  );
  add("indicators", "重点人员电子定位率目标", `${ind.location.keyTargetPercent}%`, ind.location.basis, [
    "indicators.location.keyTargetPercent",
  ]);
  add(
    "indicators",
    "每月学习和公益活动时长",
    `学习${ind.monthlyHours.education}小时、公益活动${ind.monthlyHours.publicService}小时`,
    ind.monthlyHours.basis,
    ["indicators.monthlyHours.education", "indicators.monthlyHours.publicService"],
  );
  add(
    "indicators",
    "适龄无业人员培训率目标",
    `${ind.training.workingAgeFrom}至${ind.training.workingAgeTo}周岁无业人员培训率${ind.training.targetPercent}%`,
    ind.training.basis,
    [
      "indicators.training.workingAgeFrom",
      "indicators.training.workingAgeTo",
      "indicators.training.targetPercent",
    ],
  );
  add(
    "indicators",
    "矫正经费标准",
    `每人每年不少于${ind.funding.perSubjectPerYearYuan}元`,
    ind.funding.basis,
    ["indicators.funding.perSubjectPerYearYuan"],
  );

  // Investigation, resettlement and after-care (issue 15).
  const inv = p.care.investigation;
  add(
    "care",
    "调查评估期限",
    `收到委托后${inv.withinWorkingDays}个工作日内提交调查评估意见；适用速裁程序的${inv.expeditedWithinWorkingDays}个工作日内`,
    inv.basis,
    ["care.investigation.withinWorkingDays", "care.investigation.expeditedWithinWorkingDays"],
  );
  // When it comes onto Today is the county's own choice: Art. 13 sets only the deadline.
  add(
    "care",
    "调查评估到期提醒",
    `到期前${inv.nearDueWorkingDays}个工作日列入今日工作`,
    inv.basis,
    ["care.investigation.nearDueWorkingDays"],
    "提前天数",
  );
  const rs = p.care.resettlement;
  add(
    "care",
    "安置帮教衔接期限",
    `收到预释放通知后${rs.verifyWithinDays}日内核查信息并发送衔接回执；释放后${rs.riskAssessmentWithinDays}日内危险性评估、${rs.helpPlanWithinDays}日内成立帮教小组、制定帮教计划并签订协议`,
    rs.basis,
    [
      "care.resettlement.verifyWithinDays",
      "care.resettlement.riskAssessmentWithinDays",
      "care.resettlement.helpPlanWithinDays",
    ],
    "天数",
  );
  add(
    "care",
    "安置帮教指标目标",
    `基本信息核查率${rs.verificationTargetPercent}%，衔接回执发送率${rs.receiptTargetPercent}%，重点帮教对象接送率${rs.keyPickupTargetPercent}%，一般帮教对象接送率${rs.otherPickupTargetPercent}%以上，重点对象协议签订率${rs.agreementTargetPercent}%`,
    rs.targetsBasis,
    [
      "care.resettlement.verificationTargetPercent",
      "care.resettlement.receiptTargetPercent",
      "care.resettlement.keyPickupTargetPercent",
      "care.resettlement.otherPickupTargetPercent",
      "care.resettlement.agreementTargetPercent",
    ],
  );
  add("care", "刑释人员跟踪年限", `释放后${rs.followUpYears}年内回访，跟踪重新犯罪情况`, rs.followUpBasis, [
    "care.resettlement.followUpYears",
  ]);
  add(
    "care",
    "刑释人员回访间隔",
    `每${rs.followUpEveryMonths}个月回访一次`,
    rs.followUpBasis,
    ["care.resettlement.followUpEveryMonths"],
    "回访间隔",
  );
  add(
    "care",
    "安置帮教社工配比",
    `每${rs.releasedPerSocialWorker}名刑释人员配备1名社会工作者`,
    rs.staffingBasis,
    ["care.resettlement.releasedPerSocialWorker"],
  );
  const ac = p.care.aftercare;
  add(
    "care",
    "后续照管回访",
    `每${ac.phoneEveryMonths}个月电话回访一次，每${ac.visitEveryMonths}个月见面回访一次`,
    ac.basis,
    ["care.aftercare.phoneEveryMonths", "care.aftercare.visitEveryMonths"],
  );
  add(
    "care",
    "后续照管指标目标",
    `后续照管率${ac.careTargetPercent}%以上，操守保持率${ac.abstinenceTargetPercent}%以上`,
    ac.targetsBasis,
    ["care.aftercare.careTargetPercent", "care.aftercare.abstinenceTargetPercent"],
  );

  // National rules (statutory.md).
  const s = p.statutory;
  const h = s.handover;
  add("statutory", "通知社区矫正机构", `判决生效后${h.notifyAgencyWithinDays}日内`, h.basis, [
    "statutory.handover.notifyAgencyWithinDays",
  ]);
  add("statutory", "送达法律文书", `判决生效后${h.deliverDocumentsWithinDays}日内`, h.basis, [
    "statutory.handover.deliverDocumentsWithinDays",
  ]);
  add("statutory", "报到", `判决生效后${h.reportWithinDays}日内`, h.basis, [
    "statutory.handover.reportWithinDays",
  ]);
  add("statutory", "暂予监外执行交付", `${h.temporaryReleaseHandoverWithinDays}日内`, h.basis, [
    "statutory.handover.temporaryReleaseHandoverWithinDays",
  ]);
  add("statutory", "未报到预警", `期限届满后第${h.alertDayAfterMissedDeadline}日`, h.basis, [
    "statutory.handover.alertDayAfterMissedDeadline",
  ]);
  add(
    "statutory",
    "变更执行地",
    `新执行地${s.transfer.newAgencyAnswersWithinDays}日内回复；对象${s.transfer.reportToNewAgencyWithinDays}日内报到`,
    s.transfer.basis,
    ["statutory.transfer.newAgencyAnswersWithinDays", "statutory.transfer.reportToNewAgencyWithinDays"],
  );
  add(
    "statutory",
    "电子定位",
    `每次不超过${s.electronicLocation.maxMonthsPerUse}个月，每次延长不超过${s.electronicLocation.maxExtensionMonths}个月`,
    s.electronicLocation.basis,
    ["statutory.electronicLocation.maxMonthsPerUse", "statutory.electronicLocation.maxExtensionMonths"],
  );
  const ladder = s.sanctionLadder;
  add(
    "statutory",
    "脱离监管的处罚",
    `脱离监管或未按时报到${ladder.reprimandOutOfSupervisionUpToDays}日以内训诫，超过${ladder.reprimandOutOfSupervisionUpToDays}日警告；超过${ladder.topOutOfSupervisionMoreThanDays}日提请撤销缓刑、假释或收监执行`,
    ladder.basis,
    [
      "statutory.sanctionLadder.reprimandOutOfSupervisionUpToDays",
      "statutory.sanctionLadder.topOutOfSupervisionMoreThanDays",
    ],
  );
  add(
    "statutory",
    "处罚累进",
    `训诫${ladder.reprimandsBeforeWarning}次仍不改正的警告；警告${ladder.warningsBeforeTop}次仍不改正、治安管理处罚${ladder.penaltiesBeforeTop}次仍不改正的提请撤销缓刑、假释或收监执行`,
    ladder.basis,
    [
      "statutory.sanctionLadder.reprimandsBeforeWarning",
      "statutory.sanctionLadder.warningsBeforeTop",
      "statutory.sanctionLadder.penaltiesBeforeTop",
    ],
  );
  // The order of the measures: the ladder proposes the heaviest step any ground reaches (equal ranks
  // are equally heavy).
  const ranked = Object.entries(ladder.ranks).sort(([, a], [, b]) => a - b);
  const byRank = new Map<number, string[]>();
  for (const [step, rank] of ranked)
    byRank.set(rank, [...(byRank.get(rank) ?? []), ladderStepLabel[step] ?? step]);
  add(
    "statutory",
    "处罚轻重次序",
    [...byRank.values()].map((steps) => steps.join("、")).join(" < "),
    ladder.basis,
    ranked.map(([step]) => `statutory.sanctionLadder.ranks.${step}`),
  );
  add(
    "statutory",
    "撤销与收监",
    `法院${s.court.revocationRulingWithinDays}日内裁定；${s.court.arrestDecisionWithinHours}小时内决定逮捕；羁押不超过${s.court.detentionMaxDays}日`,
    s.court.basis,
    [
      "statutory.court.revocationRulingWithinDays",
      "statutory.court.arrestDecisionWithinHours",
      "statutory.court.detentionMaxDays",
    ],
  );
  add("statutory", "未成年人特别规定", `未满${s.minors.adultAge}周岁`, s.minors.basis, [
    "statutory.minors.adultAge",
  ]);

  // Points-based levels (seed 004), off unless the county turns them on.
  const pt = p.points;
  add("levels", "积分考核定级", pt.enabled ? "启用" : "不启用", pt.basis, ["points.enabled"]);
  add(
    "levels",
    "积分计算",
    `每月基础分${pt.base}分，最高${pt.max}分；${Object.entries(pt.items)
      .map(([item, n]) => `${pointsItemLabel[item] ?? item}${n >= 0 ? "加" : "减"}${Math.abs(n)}分`)
      .join("，")}`,
    pt.basis,
    ["points.base", "points.max", "points.items"],
  );
  add(
    "levels",
    "积分对应等级",
    `低于${pt.strictBelow}分建议严管；严管人员达到${pt.normalAtLeast}分建议普管；普管人员达到${pt.lenientAtLeast}分建议宽管（须启用宽管等级）；宽管人员低于${pt.normalAtLeast}分建议普管`,
    pt.basis,
    ["points.strictBelow", "points.normalAtLeast", "points.lenientAtLeast"],
  );

  // The quarterly screening campaign and the monthly risk meeting's decisions (seed 002).
  add(
    "screening",
    "季度安全隐患排查",
    `每季度一次；开启后${p.screening.talksWithinDays}日内（不超过季度末）逐人完成谈话排查，到期前${p.screening.dueSoonDays}日列入今日工作`,
    p.screening.basis,
    ["screening.talksWithinDays", "screening.dueSoonDays"],
  );
  add(
    "screening",
    "风险研判会议决定事项",
    `按决定的完成时限办结，到期前${p.riskMeetings.decisionDueSoonDays}日列入责任人所在单位的今日工作`,
    p.riskMeetings.basis,
    ["riskMeetings.decisionDueSoonDays"],
  );

  // Rollout (seed 000 §十三).
  const r = p.rollout;
  add("rollout", "不建册", `刑期不满${r.excludedTermShorterThanMonths}个月`, r.basis, [
    "rollout.excludedTermShorterThanMonths",
  ]);
  r.phases.forEach((phase, i) => {
    const whom = phase.everyone
      ? "全部在册人员"
      : `${phase.intakeOnOrAfter ?? ""}以后入矫${phase.remainingTermYearsOrLess !== null ? `、剩余刑期${phase.remainingTermYearsOrLess}年以内` : ""}的人员`;
    add(
      "rollout",
      `第${i + 1}阶段`,
      `${phase.from}${phase.to ? `至${phase.to}` : "起"}：${whom}`,
      phase.basis,
      [`rollout.phases.${i}`],
    );
  });

  // The working-day calendar.
  add(
    "calendar",
    "法定节假日与调休",
    `节假日${p.calendar.holidays.length}天，调休上班${p.calendar.adjustedWorkdays.length}天`,
    "国务院办公厅部署节假日安排的通知",
    ["calendar.holidays", "calendar.adjustedWorkdays"],
  );

  return Object.keys(policyGroupLabel)
    .filter((id) => groups.has(id))
    .map((id) => ({ id, title: policyGroupLabel[id]!, rules: groups.get(id)! }));
}
