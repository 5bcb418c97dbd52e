// The rules of the work beside the case (issue 15): pre-sentence investigation (调查评估), resettlement
// of released prisoners (安置帮教) and after-care of people leaving drug rehabilitation (后续照管). Their
// schema and the default numbers live here together, because the profile schema gives the defaults to
// county profiles stored before these rules existed (as `records` does) and the shipped profile uses
// the very same object: one copy of every number.
import { z } from "zod";

const basis = z.string().min(1);
const positive = z.number().int().min(1);
const percent = z.number().int().min(0).max(100);

const FOLLOW_UP_BASIS = "seed 003 二(五)4: 重点评价刑释人员五年内重新犯罪率";

export const careRulesSchema = z.strictObject({
  /** 调查评估: the commission's deadline in working days, from the day the agency receives it. */
  investigation: z.strictObject({
    basis,
    withinWorkingDays: positive,
    expeditedWithinWorkingDays: positive,
    /** On Today from this many working days before the due day. */
    nearDueWorkingDays: positive,
    profileDefault: z.boolean(),
  }),
  /** 安置帮教 (seed 003 二): the steps' days and the four indicators' targets. */
  resettlement: z.strictObject({
    basis,
    /** Verification of the notice and the receipt sent back, within this many days of the notice. */
    verifyWithinDays: positive,
    /** The risk assessment after the release (在衔接刑释人员后,及时开展危险性评估). */
    riskAssessmentWithinDays: positive,
    /** The 帮教 team, the help plan and the agreement after the release. */
    helpPlanWithinDays: positive,
    targetsBasis: basis,
    verificationTargetPercent: percent,
    receiptTargetPercent: percent,
    keyPickupTargetPercent: percent,
    otherPickupTargetPercent: percent,
    agreementTargetPercent: percent,
    /** Follow-ups every this many months, for this many years after the release (五年内重新犯罪率). */
    followUpEveryMonths: positive,
    followUpYears: positive,
    /**
     * Where the years come from; the months between follow-ups are the county's own choice (本县设定).
     * Profiles stored before it get the default.
     */
    followUpBasis: basis.default(FOLLOW_UP_BASIS),
    staffingBasis: basis,
    releasedPerSocialWorker: positive,
  }),
  /** 后续照管 (seed 003 三): the phone and face-to-face follow-ups and the two target rates. */
  aftercare: z.strictObject({
    basis,
    phoneEveryMonths: positive,
    visitEveryMonths: positive,
    targetsBasis: basis,
    careTargetPercent: percent,
    abstinenceTargetPercent: percent,
  }),
});
export type CareRules = z.infer<typeof careRulesSchema>;

export const CARE_RULES_DEFAULT: CareRules = {
  investigation: {
    basis:
      "implementing measures Art. 13: 调查评估意见十个工作日内提交，适用速裁程序的五个工作日内; seed 004: 落实调查评估程序，严把入矫进口关",
    withinWorkingDays: 10,
    expeditedWithinWorkingDays: 5,
    nearDueWorkingDays: 2,
    profileDefault: true,
  },
  resettlement: {
    basis:
      "seed 003 二(一)1–3: 释前信息核查、衔接回执、必接必送、危险性评估、帮教小组和帮教计划; profile default: the days",
    verifyWithinDays: 7,
    riskAssessmentWithinDays: 7,
    helpPlanWithinDays: 30,
    targetsBasis:
      "seed 003 二(一)1–2、二(三)2: 基本信息核查率100%，衔接回执发送率100%，重点帮教对象100%接送、一般帮教对象接送率70%以上，重点对象协议签订率100%",
    verificationTargetPercent: 100,
    receiptTargetPercent: 100,
    keyPickupTargetPercent: 100,
    otherPickupTargetPercent: 70,
    agreementTargetPercent: 100,
    followUpEveryMonths: 3,
    followUpYears: 5,
    followUpBasis: FOLLOW_UP_BASIS,
    staffingBasis: "seed 003 二(五)2: 每50名刑释人员配备1名社会工作者",
    releasedPerSocialWorker: 50,
  },
  aftercare: {
    basis: "seed 003 三(三)3: 每月一次电话回访、每季见面回访",
    phoneEveryMonths: 1,
    visitEveryMonths: 3,
    targetsBasis: "seed 003 三(三)5: 后续照管率在90%以上，操守保持率在50%以上",
    careTargetPercent: 90,
    abstinenceTargetPercent: 50,
  },
};
