// The shape of a policy profile: every number and period of policy.md as data, each rule group with
// the `basis` a worker is shown. Profiles are validated with this schema when they are registered,
// so a mistyped county profile fails at load, not in the middle of a sweep.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { PERIOD_KINDS } from "../calendar/periods.ts";

export const LEVELS = ["key", "strict", "normal", "lenient"] as const;
export type Level = (typeof LEVELS)[number];

export const RISK_LEVELS = ["low", "medium", "elevated", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

import { CARE_RULES_DEFAULT, careRulesSchema } from "./care-rules.ts";
import { STAFF_ROLES } from "./staff-roles.ts";

export { STAFF_ROLES, type StaffRole } from "./staff-roles.ts";

export const SANCTION_KINDS = [
  "reprimand",
  "warning",
  "public_security_penalty",
  "administrative_detention",
  "judicial_detention",
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const CORRECTION_TYPES = ["probation", "parole", "control", "temporary_release"] as const;
export type CorrectionType = (typeof CORRECTION_TYPES)[number];

/** The measures of the sanction ladder (sanctions-contract.md), lightest first. */
export const LADDER_MEASURES = [
  "reprimand",
  "warning",
  "public_security_penalty",
  "revocation_request",
  "imprisonment_request",
] as const;
export type LadderMeasure = (typeof LADDER_MEASURES)[number];
/** A ground's step: a measure, or `top` — the heaviest for the correction type. */
export const LADDER_STEPS = ["reprimand", "warning", "public_security_penalty", "top"] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
/** The grounds of the ladder: one per rung of statutory.md. */
export const LADDER_GROUNDS = [
  "rules_minor",
  "rules_serious",
  "prohibition_minor",
  "prohibition_serious",
  "education_refusal",
  "absence_short",
  "absence_long",
  "absence_over_month",
  "two_reprimands",
  "two_warnings",
  "penalty_uncorrected",
] as const;
export type LadderGround = (typeof LADDER_GROUNDS)[number];

export const VIOLATION_KINDS = ["disobedience", "reporting", "leave", "prohibition_order", "other"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export const BOOK_SECTIONS = [
  "basic_info",
  "intake_evaluation",
  "psych_evaluation",
  "file_review_summary",
  "team_formed",
  "team_notified",
  "intake_summary",
  "correction_plan",
  "initial_evaluation",
  "quarterly_evaluation",
  "annual_evaluation",
  "release_analysis",
] as const;
export type BookSection = (typeof BOOK_SECTIONS)[number];

/** Book sections due once, counted from intake (or from `since` for a person included later). */
export const ONE_OFF_SECTIONS = [
  "basic_info",
  "intake_evaluation",
  "psych_evaluation",
  "file_review_summary",
  "team_formed",
  "team_notified",
  "intake_summary",
  "correction_plan",
] as const satisfies readonly BookSection[];
export type OneOffSection = (typeof ONE_OFF_SECTIONS)[number];

export const PERIODIC_OBLIGATIONS = [
  "phone_report",
  "in_person_report",
  "location_report",
  "field_visit",
] as const;
export type PeriodicObligationKind = (typeof PERIODIC_OBLIGATIONS)[number];
export const LEAVE_OBLIGATIONS = ["leave_signin_check", "leave_phone_check"] as const;
export type LeaveObligationKind = (typeof LEAVE_OBLIGATIONS)[number];
export type ObligationKind = PeriodicObligationKind | LeaveObligationKind;

export const ALERT_KINDS = [
  "lost_contact",
  "out_of_area",
  "prohibited_place",
  "missed_location_reports",
  "missed_report",
  "overdue_obligation",
  "abnormal_information",
  "leave_overdue",
] as const;
export const ALERT_COLOURS = ["red", "orange", "yellow", "blue"] as const;

const basis = z.string().min(1);
const date = z.string().refine((s) => tryParseDate(s) !== null, "expected a real date YYYY-MM-DD");
const timeOfDay = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, "expected HH:MM");
const count = z.number().int().min(0);
const positive = z.number().int().min(1);
const ladderMeasure = z.enum(LADDER_MEASURES);
const ladderGround = z.strictObject({ step: z.enum(LADDER_STEPS), rung: basis });
const percent = z.number().int().min(0).max(100);
/** Points of one item of the points table (negative for a deduction). */
const points = z.number().int().min(-100).max(100);
/** The quarterly screening's talks (seed 002 二; its campaign gave the talks a month: 3月11日—4月10日). */
export const SCREENING_DEFAULT = {
  basis: "seed 002 二: 每季度组织一次安全隐患排查; seed 002 附件三.2: 谈话排查一个月; profile default",
  talksWithinDays: 30,
  dueSoonDays: 7,
};
/** The risk meetings' decisions, shown ahead of their deadline. */
export const RISK_MEETINGS_DEFAULT = {
  basis: "seed 002 二: 每月要组织一次风险研判分析会; seed 002 四.1: 整改责任人和整改时限; profile default",
  decisionDueSoonDays: 3,
};
/**
 * How long a person's location reports (and check-in photos) are kept after their correction ended
 * (location.md "Retention"); the sweep deletes them after that, audited. Defaults so that profiles
 * stored before this setting keep passing the schema.
 */
export const LOCATION_RETENTION_DEFAULT = {
  basis:
    "Community Correction Law Art. 29 (location data are kept confidential); location.md Retention; profile default: kept until one year after release",
  monthsAfterEnd: 12,
};
/** The points table shipped (off): seed 004's monthly duties and sanctions, the numbers a profile default. */
export const POINTS_DEFAULT = {
  basis:
    "seed 004: 实施积分量化矫正，以积分评估，将社区矫正人员定为严管、普管和宽管三种级别; seed 004: 每月8小时学习、8小时公益劳动，每月思想汇报、见面会谈; seed 001 (九): 信用矫正; profile default: the points",
  enabled: false,
  base: 60,
  max: 100,
  items: {
    phone_report: 2,
    in_person_report: 4,
    education_hour: 1,
    public_service_hour: 1,
    violation: -10,
    reprimand: -15,
    warning: -25,
    public_security_penalty: -40,
  },
  lenientAtLeast: 90,
  normalAtLeast: 75,
  strictBelow: 60,
};
const metres = z.number().positive();
const level = z.enum(LEVELS);
const riskLevel = z.enum(RISK_LEVELS);

const dueRule = z.discriminatedUnion("unit", [
  z.strictObject({ unit: z.literal("days"), count }),
  z.strictObject({ unit: z.literal("working_days"), count }),
  z.strictObject({ unit: z.literal("months"), count }),
]);

const levelRule = z.strictObject({
  period: z.enum(PERIOD_KINDS),
  required: positive,
  /** Only events made by one of these roles count; null: any. */
  countedRoles: z.array(z.enum(STAFF_ROLES)).nullable(),
  who: z.string().min(1),
});

const periodicObligation = z.strictObject({
  basis,
  /** An obligation whose every day falls inside approved leave is waived (policy.md "Leave"). */
  waivedByLeave: z.boolean(),
  byLevel: z.partialRecord(level, levelRule),
});

const leaveObligation = z.strictObject({
  basis,
  perDay: positive,
  levels: z.array(level).min(1),
});

const oneOffSection = z.strictObject({
  basis,
  author: z.string().min(1),
  due: dueRule,
  /** True where the seed leaves the time open and this is the profile's choice. */
  profileDefault: z.boolean(),
});

const rolloutPhase = z
  .strictObject({
    name: z.string().min(1),
    basis,
    from: date,
    to: date.nullable(),
    everyone: z.boolean(),
    intakeOnOrAfter: date.nullable(),
    remainingTermYearsOrLess: positive.nullable(),
  })
  .refine((p) => p.to === null || p.to >= p.from, { message: "phase ends before it starts", path: ["to"] });

export const policyProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  basis,
  calendar: z.strictObject({
    basis,
    source: z.string().min(1),
    holidays: z.array(date),
    adjustedWorkdays: z.array(date),
  }),
  levels: z.strictObject({
    basis,
    lenientEnabled: z.boolean(),
    lenientBasis: basis,
  }),
  riskScale: z.strictObject({ basis, steps: z.array(riskLevel).length(4) }),
  age: z.strictObject({
    basis,
    adultAge: positive,
    juvenileBasis: basis,
  }),
  classification: z.strictObject({
    basis,
    reviewAfterIntakeMonths: positive,
    reviewEveryMonths: positive,
    K1: z.strictObject({
      basis,
      violationKinds: z.array(z.enum(VIOLATION_KINDS)),
      lookbackMonths: count,
    }),
    K2: z.strictObject({ basis, minPriorRecords: positive, riskLevels: z.array(riskLevel) }),
    K3: z.strictObject({ basis, requireBothLacking: z.boolean() }),
    K4: z.strictObject({ basis, sanctionKinds: z.array(z.enum(SANCTION_KINDS)) }),
    K5: z.strictObject({
      basis,
      crimeCategories: z.array(z.string().min(1)).min(1),
      riskLevels: z.array(riskLevel),
    }),
    K6: z.strictObject({ basis }),
  }),
  obligations: z.strictObject({
    basis,
    /** Obligations reported reach back this many days before the as-of day. */
    windowDaysBack: count,
    phone_report: periodicObligation,
    in_person_report: periodicObligation,
    location_report: periodicObligation,
    field_visit: periodicObligation,
    leave_signin_check: leaveObligation,
    leave_phone_check: leaveObligation,
    lostContactVisit: z.strictObject({ basis, withinHours: positive }),
  }),
  leave: z.strictObject({
    basis,
    /** Leave of a key person is refused unless the approver overrides with a reason. */
    keyPersonRefusedByDefault: z.boolean(),
    filesHandedInByDayOfNextMonth: z.number().int().min(1).max(28),
    filesBasis: basis,
    /** The agency checks every person on leave each day (seed 000 §九.2(1)): checks per day. */
    agencyCheck: z.strictObject({ basis, perDay: positive }),
    /**
     * The basis of each judgement of the leave rules (leave-contract.md), by the id it is given. The
     * numbers are in `statutory.leave`; `{days}`, `{maxDays}`, `{daysAhead}`, `{months}` and `{id}`
     * stand for them (and for the standing approval's id) so the text follows the profile.
     */
    bases: z.strictObject({
      approver_none_same_county: basis,
      approver_none_standing: basis,
      approver_office: basis,
      approver_agency_long: basis,
      approver_agency_standing: basis,
      approver_agency_move_house: basis,
      term_end: basis,
      no_reason: basis,
      overlaps: basis,
      too_long_ordinary: basis,
      too_long_standing: basis,
      key_person: basis,
      proof_missing: basis,
      short_notice: basis,
      return_due: basis,
    }),
  }),
  /** The location rules (location.md "The location rules' contract"); colours of kinds in `alerts`. */
  location: z
    .strictObject({
      basis,
      /** Levels that must report location (a device order adds anyone): lost contact and separation. */
      reportingLevels: z.array(level).min(1),
      /** A report is of acceptable quality when its accuracy is at most this (metres). */
      acceptableAccuracyM: metres,
      outOfArea: z.strictObject({
        basis,
        /** One outside report alone: a possible out-of-area episode for a worker to check. */
        possibleColour: z.enum(ALERT_COLOURS),
        /** Two consecutive outside reports this far apart (inclusive) confirm it. */
        confirmMinMinutes: count,
        confirmMaxMinutes: positive,
      }),
      prohibitedPlace: z.strictObject({ basis }),
      /** The hours without a report are `alerts.lostContactAfterHoursWithoutLocation`. */
      lostContact: z.strictObject({ basis }),
      separation: z.strictObject({
        basis,
        colour: z.enum(ALERT_COLOURS),
        /** Reports within this distance of the run's first report (metres, inclusive). */
        withinM: metres,
        /** The run's first report is farther than this from the residence (metres). */
        awayFromResidenceM: metres,
        /** The run spans at least this long. */
        minSpanHours: positive,
      }),
      /** Reports kept this many months after the correction ended, then deleted by the sweep. */
      retention: z.strictObject({ basis, monthsAfterEnd: positive }).default(LOCATION_RETENTION_DEFAULT),
    })
    .refine((l) => l.outOfArea.confirmMinMinutes <= l.outOfArea.confirmMaxMinutes, {
      message: "confirmMinMinutes is above confirmMaxMinutes",
      path: ["outOfArea", "confirmMinMinutes"],
    }),
  office: z.strictObject({
    basis,
    morningRoundEnds: timeOfDay,
    afternoonRoundStarts: timeOfDay,
    afternoonRoundEnds: timeOfDay,
    keyCoveragePercent: percent,
    otherChecksMin: count,
    offHoursPercent: percent,
    workingHoursStart: timeOfDay,
    workingHoursEnd: timeOfDay,
  }),
  agency: z.strictObject({
    basis,
    checksBasis: basis,
    leaveCoveragePercent: percent,
    keySamplePercent: percent,
    otherChecksMin: count,
    visitsBasis: basis,
    visitSampleKeyOrStrictPercentPerMonth: percent,
    visitSampleNormalPercentPerQuarter: percent,
  }),
  team: z.strictObject({
    basis,
    feedbackFormsPerMemberPerMonth: positive,
    /** The fixed members every team has ("3+X": the X are added as needed). */
    fixedMembers: z.strictObject({ basis, kinds: z.array(z.string().min(1)).min(1) }),
    /** A female subject's team includes a woman. */
    womanForFemaleSubject: z.strictObject({ basis, required: z.boolean() }),
    /** A juvenile's team includes someone familiar with minors. */
    minorsExpertForJuvenile: z.strictObject({ basis, required: z.boolean() }),
  }),
  /** Staffing ratios (seed 001): subjects per contracted social worker. */
  staffing: z.strictObject({ basis, subjectsPerSocialWorker: positive }),
  /** The county's indicators (统计, features/statistics): their windows and targets, each with its basis. */
  indicators: z.strictObject({
    /** 电子定位率: a person counts as located with a location report in the last N days up to the day. */
    location: z.strictObject({ basis, withinDays: positive, keyTargetPercent: percent }),
    /** Monthly study and public-service hours per person (seed 004). */
    monthlyHours: z.strictObject({ basis, education: positive, publicService: positive }),
    /** Training of working-age unemployed persons (seed 001 (十三)): the age band and the target. */
    training: z.strictObject({
      basis,
      workingAgeFrom: positive,
      workingAgeTo: positive,
      targetPercent: percent,
    }),
    /** Funding per person per year (seed 001 (十四)), in yuan. */
    funding: z.strictObject({ basis, perSubjectPerYearYuan: positive }),
  }),
  alerts: z.strictObject({
    basis,
    colours: z.record(z.enum(ALERT_KINDS), z.enum(ALERT_COLOURS)),
    lostContactAfterHoursWithoutLocation: positive,
    handleWithinHours: positive,
    escalateAfterHours: z.record(z.enum(ALERT_COLOURS), count),
  }),
  /**
   * Late entries (补录): a record entered more than `lateEntryAfterHours` after its event is marked
   * and needs a reason; `lateCheckCountsForRound` says whether a check entered after its round's window
   * still makes the round met. A default so that profiles stored before this setting (migration 051)
   * keep passing the schema: they run the national default.
   */
  records: z
    .strictObject({ basis, lateEntryAfterHours: positive, lateCheckCountsForRound: z.boolean() })
    .default({
      basis: "seed 000 §九.2(2); profile default",
      lateEntryAfterHours: 2,
      lateCheckCountsForRound: false,
    }),
  /**
   * The quarterly safety-hazard screening (安全隐患排查, seed 002 二 and 附件三): a campaign per quarter
   * for the county, each person talked to and the five clears (五清) marked within `talksWithinDays`
   * of the campaign's opening (never past the quarter's end). Defaults so that profiles stored before
   * this setting (migration 090) keep passing the schema.
   */
  screening: z
    .strictObject({ basis, talksWithinDays: positive, dueSoonDays: count })
    .default(SCREENING_DEFAULT),
  /** The decisions of a monthly risk-analysis meeting (seed 002 二): shown ahead of their deadline. */
  riskMeetings: z.strictObject({ basis, decisionDueSoonDays: count }).default(RISK_MEETINGS_DEFAULT),
  /**
   * Points-based levels (积分考核, seed 004; seed 001 (九) 信用矫正): a monthly score from recorded
   * events proposes strict / normal / lenient. Off unless a county turns it on.
   */
  points: z
    .strictObject({
      basis,
      enabled: z.boolean(),
      base: count,
      max: positive,
      items: z.strictObject({
        phone_report: points,
        in_person_report: points,
        education_hour: points,
        public_service_hour: points,
        violation: points,
        reprimand: points,
        warning: points,
        public_security_penalty: points,
      }),
      lenientAtLeast: count,
      normalAtLeast: count,
      strictBelow: count,
    })
    .default(POINTS_DEFAULT),
  /** Investigation, resettlement and after-care (issue 15); profiles stored before get the defaults. */
  care: careRulesSchema.default(CARE_RULES_DEFAULT),
  book: z.strictObject({
    basis,
    /** Deadlines reported reach this many days past the as-of day. */
    lookaheadDays: count,
    registration: z.strictObject({ basis, due: z.literal("on_registration") }),
    oneOff: z.record(z.enum(ONE_OFF_SECTIONS), oneOffSection),
    initial_evaluation: z.strictObject({
      basis,
      afterIntakeMonths: positive,
      due: dueRule,
      profileDefault: z.boolean(),
    }),
    quarterly_evaluation: z.strictObject({ basis, due: dueRule, profileDefault: z.boolean() }),
    annual_evaluation: z.strictObject({
      basis,
      everyYears: positive,
      due: dueRule,
      profileDefault: z.boolean(),
    }),
    release_analysis: z.strictObject({ basis, due: dueRule }),
    /** A recurring evaluation's book entry counts from this many months before it is due. */
    recurringWindowOpensMonthsBeforeDue: count,
    caseReview: z.strictObject({ basis, due: dueRule, profileDefault: z.boolean() }),
  }),
  rollout: z.strictObject({
    basis,
    /** The book never applies when the whole term is less than this many months (少于6个月). */
    excludedTermShorterThanMonths: count,
    phases: z.array(rolloutPhase).min(1),
  }),
  statutory: z.strictObject({
    handover: z.strictObject({
      basis,
      notifyAgencyWithinDays: positive,
      deliverDocumentsWithinDays: positive,
      reportWithinDays: positive,
      temporaryReleaseHandoverWithinDays: positive,
      alertDayAfterMissedDeadline: count,
    }),
    leave: z.strictObject({
      basis,
      officeApprovesUpToDays: positive,
      maxDaysPerApproval: positive,
      applyDaysAhead: count,
      standingApprovalMaxMonths: positive,
      profileDefault: z.boolean(),
    }),
    transfer: z.strictObject({
      basis,
      newAgencyAnswersWithinDays: positive,
      reportToNewAgencyWithinDays: positive,
      profileDefault: z.boolean(),
    }),
    electronicLocation: z.strictObject({
      basis,
      maxMonthsPerUse: positive,
      maxExtensionMonths: positive,
    }),
    sanctionLadder: z.strictObject({
      basis,
      /** Rank of each measure: a ground is spent by a measure of its step's rank or more. */
      ranks: z.strictObject({
        reprimand: positive,
        warning: positive,
        public_security_penalty: positive,
        revocation_request: positive,
        imprisonment_request: positive,
      }),
      /** The heaviest step by correction type (control cannot be revoked). */
      topStep: z.strictObject({
        probation: ladderMeasure,
        parole: ladderMeasure,
        control: ladderMeasure,
        temporary_release: ladderMeasure,
      }),
      /** 脱管 or late 报到: up to this many days a reprimand … */
      reprimandOutOfSupervisionUpToDays: positive,
      /** … more than this many days the top step ("more than one month"); warning between. */
      topOutOfSupervisionMoreThanDays: positive,
      reprimandsBeforeWarning: positive,
      warningsBeforeTop: positive,
      penaltiesBeforeTop: positive,
      /** Each ground's step and its rung as statutory.md words it (the proposal's basis). */
      grounds: z.strictObject({
        rules_minor: ladderGround,
        rules_serious: ladderGround,
        prohibition_minor: ladderGround,
        prohibition_serious: ladderGround,
        education_refusal: ladderGround,
        absence_short: ladderGround,
        absence_long: ladderGround,
        absence_over_month: ladderGround,
        two_reprimands: ladderGround,
        two_warnings: ladderGround,
        penalty_uncorrected: ladderGround,
      }) satisfies z.ZodType<Record<LadderGround, unknown>>,
    }),
    court: z.strictObject({
      basis,
      revocationRulingWithinDays: positive,
      rulingBasis: basis,
      arrestDecisionWithinHours: positive,
      arrestBasis: basis,
      detentionMaxDays: positive,
      detentionBasis: basis,
    }),
    minors: z.strictObject({ basis, adultAge: positive }),
    correctionTypes: z.strictObject({
      basis,
      types: z.array(z.enum(CORRECTION_TYPES)).min(1),
    }),
  }),
});

export type PolicyProfile = z.infer<typeof policyProfileSchema>;
export type PeriodicObligationRule = z.infer<typeof periodicObligation>;
export type LevelRule = z.infer<typeof levelRule>;
export type RolloutPhase = z.infer<typeof rolloutPhase>;
