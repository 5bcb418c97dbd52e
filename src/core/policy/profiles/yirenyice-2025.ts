// The default profile: the county plan "一人一册" (seed 000) as made exact in policy.md, with the
// national rules of statutory.md. Every number the engine uses lives here, next to its basis.
import { CARE_RULES_DEFAULT } from "../care-rules.ts";
import type { PolicyProfile } from "../schema.ts";
import {
  LOCATION_RETENTION_DEFAULT,
  POINTS_DEFAULT,
  RISK_MEETINGS_DEFAULT,
  SCREENING_DEFAULT,
} from "../schema.ts";
import { STATE_COUNCIL_ADJUSTED_WORKDAYS, STATE_COUNCIL_HOLIDAYS } from "../state-council-calendar.ts";

const S92_4 = "seed 000 §九.2(4)";

export const YIRENYICE_2025: PolicyProfile = {
  id: "yirenyice-2025",
  name: "社区矫正“一人一册”精准矫正实施方案（试行）",
  basis: "seed 000",
  calendar: {
    basis: "policy.md Conventions: working days Monday–Friday with the State Council holidays and 调休",
    source: "chinese-days",
    holidays: [...STATE_COUNCIL_HOLIDAYS],
    adjustedWorkdays: [...STATE_COUNCIL_ADJUSTED_WORKDAYS],
  },
  levels: {
    basis: "seed 000 §九.1",
    lenientEnabled: false,
    lenientBasis: "seed 004 (宽管, not adopted by seed 000)",
  },
  riskScale: {
    basis: "policy.md Classification: 较高 (elevated) differs from 高风险等级 (high)",
    steps: ["low", "medium", "elevated", "high"],
  },
  age: {
    basis: "法释〔2006〕1号 Art. 2: N years of age reached the day after the N-th birthday",
    adultAge: 18,
    juvenileBasis: "Community Correction Law Art. 58: a juvenile at intake stays one after turning 18",
  },
  classification: {
    basis: "seed 000 §九.1",
    reviewAfterIntakeMonths: 3,
    reviewEveryMonths: 3,
    K1: { basis: "seed 000 §九.1(1)", violationKinds: ["disobedience"], lookbackMonths: 3 },
    K2: { basis: "seed 000 §九.1(2)", minPriorRecords: 3, riskLevels: ["high"] },
    K3: { basis: "seed 000 §九.1(3)", requireBothLacking: true },
    K4: {
      basis: "seed 000 §九.1(4)",
      sanctionKinds: ["warning", "public_security_penalty", "administrative_detention", "judicial_detention"],
    },
    K5: {
      basis: "seed 000 §九.1(5)",
      crimeCategories: ["gambling", "casino", "fraud", "theft", "dangerous_driving"],
      riskLevels: ["elevated", "high"],
    },
    K6: { basis: "seed 000 §九.1(6)" },
  },
  obligations: {
    basis: "seed 000 §九.2; rules-contract.md: obligations reported from 90 days before the as-of day",
    windowDaysBack: 90,
    phone_report: {
      basis: S92_4,
      waivedByLeave: false,
      byLevel: {
        key: { period: "week", required: 1, countedRoles: null, who: "subject, recorded by office" },
        strict: { period: "week", required: 1, countedRoles: null, who: "subject, recorded by office" },
        normal: { period: "half_month", required: 1, countedRoles: null, who: "subject, recorded by office" },
      },
    },
    in_person_report: {
      basis: S92_4,
      waivedByLeave: true,
      byLevel: {
        key: { period: "half_month", required: 1, countedRoles: null, who: "subject, at the office" },
        strict: { period: "half_month", required: 1, countedRoles: null, who: "subject, at the office" },
        normal: { period: "month", required: 1, countedRoles: null, who: "subject, at the office" },
      },
    },
    location_report: {
      basis: S92_4,
      waivedByLeave: false,
      byLevel: {
        key: { period: "day", required: 3, countedRoles: null, who: "subject, in the app" },
      },
    },
    field_visit: {
      basis: "seed 000 §九.2(3)",
      waivedByLeave: true,
      byLevel: {
        key: { period: "month", required: 1, countedRoles: ["office_head"], who: "office head" },
        strict: { period: "month", required: 1, countedRoles: ["office_head"], who: "office head" },
        // The office's own visit (rules-contract.md): the agency's sampling visits do not count for it.
        normal: {
          period: "quarter",
          required: 1,
          countedRoles: ["office_head", "office_assistant"],
          who: "office staff",
        },
      },
    },
    leave_signin_check: {
      basis: "seed 000 §九.2(2)",
      perDay: 3,
      levels: ["key", "strict", "normal", "lenient"],
    },
    leave_phone_check: { basis: "seed 000 §九.2(2)", perDay: 1, levels: ["key"] },
    lostContactVisit: { basis: "seed 000 §九.2(3), §九.3(1)", withinHours: 24 },
  },
  leave: {
    basis: "seed 000 §九.2(2)",
    keyPersonRefusedByDefault: true,
    filesHandedInByDayOfNextMonth: 10,
    filesBasis: "seed 000 §九.3(2)",
    agencyCheck: { basis: "seed 000 §九.2(1)", perDay: 1 },
    bases: {
      approver_none_same_county:
        "Community Correction Law Art. 27: only leaving the city or county of residence needs approval",
      approver_none_standing:
        "Community Correction Law Art. 27: regular cross-county travel approved once for a period (standing approval {id})",
      approver_office:
        "Community Correction Law Art. 27; profile default: leave of up to {days} days is approved by the judicial office by delegation",
      approver_agency_long:
        "Community Correction Law Art. 27; profile default: leave of more than {days} days is approved by the county agency",
      approver_agency_standing:
        "Community Correction Law Art. 27; profile default: regular cross-county travel (standing approval) is approved by the county agency",
      approver_agency_move_house:
        "Community Correction Law Art. 27; profile default: moving house is approved by the county agency",
      term_end:
        "Community Correction Law Art. 27 governs the term of correction; profile default: no approval reaches past termEnd",
      no_reason: "Community Correction Law Art. 27: approved for a proper reason",
      overlaps: "profile default: one approval for any day away (per destination for standing approvals)",
      too_long_ordinary:
        "Community Correction Law Art. 27; profile default: one approval covers at most {maxDays} days (split it)",
      too_long_standing:
        "Community Correction Law Art. 27; profile default: a standing approval lasts at most {months} months",
      key_person:
        "seed 000 §九.2(2): leave of a key person is refused by default; approving it needs an override with reason",
      proof_missing: "seed 000 §九.2(2): completeness of proof",
      short_notice:
        "Community Correction Law Art. 27; profile default: an application is made {daysAhead} days ahead",
      return_due:
        "seed 000 §九.2(2) 请销假; profile default: back and reported by the end of the last day of leave",
    },
  },
  location: {
    basis: "location.md Rules and contract (profile yirenyice-2025 defaults, which a county may change)",
    reportingLevels: ["key"],
    acceptableAccuracyM: 1000,
    outOfArea: {
      basis: "seed 000 §九.3(1) 越界; location.md out of area",
      possibleColour: "yellow",
      confirmMinMinutes: 10,
      confirmMaxMinutes: 60,
    },
    prohibitedPlace: {
      basis: "prohibition order (禁止令) and the plan's specific places; location.md prohibited place",
    },
    lostContact: {
      basis: "seed 000 §九.3(1) 失联, §九.2(4) key persons report location; location.md lost contact",
    },
    separation: {
      basis: "seed 004 人机分离; location.md suspected separation",
      colour: "yellow",
      withinM: 30,
      awayFromResidenceM: 200,
      minSpanHours: 12,
    },
    retention: LOCATION_RETENTION_DEFAULT,
  },
  office: {
    basis: "seed 000 §九.2(1)",
    morningRoundEnds: "12:00",
    afternoonRoundStarts: "12:00",
    afternoonRoundEnds: "18:00",
    keyCoveragePercent: 100,
    otherChecksMin: 10,
    offHoursPercent: 10,
    workingHoursStart: "08:30",
    workingHoursEnd: "17:30",
  },
  agency: {
    basis: "seed 000 §九.2(1), §九.2(3)",
    checksBasis: "seed 000 §九.2(1)",
    leaveCoveragePercent: 100,
    keySamplePercent: 10,
    otherChecksMin: 10,
    visitsBasis: "seed 000 §九.2(3)",
    visitSampleKeyOrStrictPercentPerMonth: 20,
    visitSampleNormalPercentPerQuarter: 3,
  },
  team: {
    basis: "seed 000 §六",
    feedbackFormsPerMemberPerMonth: 1,
    fixedMembers: { basis: "seed 001 (八) “3+X”矫正小组", kinds: ["office", "village_rep", "family"] },
    womanForFemaleSubject: { basis: "Community Correction Law Art. 25", required: true },
    minorsExpertForJuvenile: { basis: "Community Correction Law Art. 52", required: true },
  },
  records: {
    // "及时记录在册": a record is entered when the work is done; later it is a late entry (补录).
    basis: "seed 000 §九.2(2); profile default",
    lateEntryAfterHours: 2,
    lateCheckCountsForRound: false,
  },
  // Seed 002's quarterly screening and monthly risk meetings; seed 004's points-based levels (off here).
  screening: SCREENING_DEFAULT,
  riskMeetings: RISK_MEETINGS_DEFAULT,
  points: POINTS_DEFAULT,
  care: CARE_RULES_DEFAULT,
  staffing: { basis: "seed 001 (七): social workers to subjects 1:20", subjectsPerSocialWorker: 20 },
  indicators: {
    location: {
      basis:
        "seed 002 四.2: key persons under electronic location; seed 003 一.4: 电子定位率; profile default: the window of days",
      withinDays: 7,
      keyTargetPercent: 100,
    },
    monthlyHours: { basis: "seed 004: 每月8小时学习、8小时公益劳动", education: 8, publicService: 8 },
    training: {
      basis: "seed 001 (十三): 适龄无业社区矫正对象培训率达100%; profile default: working age 16–59",
      workingAgeFrom: 16,
      workingAgeTo: 59,
      targetPercent: 100,
    },
    funding: { basis: "seed 001 (十四): 每人每年不少于2000元", perSubjectPerYearYuan: 2000 },
  },
  alerts: {
    basis: "seed 003 四色预警; seed 000 §九.3(1)",
    colours: {
      lost_contact: "red",
      out_of_area: "red",
      prohibited_place: "orange",
      missed_location_reports: "yellow",
      missed_report: "yellow",
      overdue_obligation: "blue",
      // An abnormal result of an information check (seed 000 §九.3(1)) that is none of the kinds above.
      abnormal_information: "yellow",
      // Not back and reported by the end of the last day of leave (seed 002; policy.md "Alerts").
      leave_overdue: "orange",
    },
    lostContactAfterHoursWithoutLocation: 24,
    handleWithinHours: 24,
    escalateAfterHours: { red: 0, orange: 24, yellow: 24, blue: 24 },
  },
  book: {
    basis: "seed 000 §一–§十一; rules-contract.md: deadlines reported up to 30 days after the as-of day",
    lookaheadDays: 30,
    registration: { basis: "seed 000 §一", due: "on_registration" },
    oneOff: {
      basic_info: {
        basis: "seed 000 §一",
        author: "office_assistant",
        due: { unit: "working_days", count: 3 },
        profileDefault: true,
      },
      intake_evaluation: {
        basis: "seed 000 §二",
        author: "agency_staff",
        due: { unit: "working_days", count: 3 },
        profileDefault: true,
      },
      psych_evaluation: {
        basis: "seed 000 §三",
        author: "psychologist",
        due: { unit: "working_days", count: 10 },
        profileDefault: true,
      },
      file_review_summary: {
        basis: "seed 000 §四",
        author: "office_head",
        due: { unit: "working_days", count: 3 },
        profileDefault: true,
      },
      team_formed: {
        basis: "seed 000 §六",
        author: "office",
        due: { unit: "days", count: 10 },
        profileDefault: true,
      },
      team_notified: {
        basis: "seed 000 §六",
        author: "office",
        due: { unit: "days", count: 10 },
        profileDefault: false,
      },
      intake_summary: {
        basis: "seed 000 §四",
        author: "office_head",
        due: { unit: "months", count: 1 },
        profileDefault: false,
      },
      correction_plan: {
        basis: "seed 000 §八",
        author: "office_head",
        due: { unit: "months", count: 1 },
        profileDefault: true,
      },
    },
    initial_evaluation: {
      basis: "seed 000 §十",
      afterIntakeMonths: 3,
      due: { unit: "days", count: 10 },
      profileDefault: true,
    },
    quarterly_evaluation: { basis: "seed 000 §十", due: { unit: "days", count: 10 }, profileDefault: true },
    annual_evaluation: {
      basis: "seed 000 §十",
      everyYears: 1,
      due: { unit: "days", count: 10 },
      profileDefault: true,
    },
    release_analysis: { basis: "seed 000 §十一", due: { unit: "months", count: 1 } },
    recurringWindowOpensMonthsBeforeDue: 1,
    caseReview: { basis: "seed 000 §十一", due: { unit: "months", count: 1 }, profileDefault: true },
  },
  rollout: {
    basis: "seed 000 §十三",
    excludedTermShorterThanMonths: 6,
    phases: [
      {
        name: "phase 1",
        basis: "seed 000 §十三 phase 1",
        from: "2025-04-01",
        to: "2025-06-30",
        everyone: false,
        intakeOnOrAfter: "2025-04-01",
        remainingTermYearsOrLess: 1,
      },
      {
        name: "phase 2",
        basis: "seed 000 §十三 phase 2",
        from: "2025-07-01",
        to: "2025-09-30",
        everyone: false,
        intakeOnOrAfter: "2025-07-01",
        remainingTermYearsOrLess: 2,
      },
      {
        name: "phase 3",
        basis: "seed 000 §十三 phase 3",
        from: "2025-10-01",
        to: null,
        everyone: true,
        intakeOnOrAfter: null,
        remainingTermYearsOrLess: null,
      },
    ],
  },
  statutory: {
    handover: {
      basis: "Community Correction Law Arts. 20–21",
      notifyAgencyWithinDays: 5,
      deliverDocumentsWithinDays: 10,
      reportWithinDays: 10,
      temporaryReleaseHandoverWithinDays: 10,
      alertDayAfterMissedDeadline: 1,
    },
    leave: {
      basis: "Community Correction Law Art. 27; implementing measures (profile default)",
      officeApprovesUpToDays: 7,
      maxDaysPerApproval: 30,
      applyDaysAhead: 3,
      standingApprovalMaxMonths: 6,
      profileDefault: true,
    },
    transfer: {
      basis: "implementing measures on change of place of execution (profile default)",
      newAgencyAnswersWithinDays: 5,
      reportToNewAgencyWithinDays: 7,
      profileDefault: true,
    },
    electronicLocation: {
      basis: "Community Correction Law Art. 29",
      maxMonthsPerUse: 3,
      maxExtensionMonths: 3,
    },
    sanctionLadder: {
      basis: "Community Correction Law Art. 28; implementing measures",
      ranks: {
        reprimand: 1,
        warning: 2,
        public_security_penalty: 3,
        revocation_request: 4,
        imprisonment_request: 4,
      },
      topStep: {
        probation: "revocation_request",
        parole: "revocation_request",
        control: "public_security_penalty", // Criminal Law Arts. 38–39: control cannot be revoked
        temporary_release: "imprisonment_request",
      },
      reprimandOutOfSupervisionUpToDays: 10,
      topOutOfSupervisionMoreThanDays: 30, // "more than one month", sanctions-contract.md
      reprimandsBeforeWarning: 2,
      warningsBeforeTop: 2,
      penaltiesBeforeTop: 1,
      grounds: {
        rules_minor: {
          step: "reprimand",
          rung: "a minor breach of the reporting, visitor, leave or moving rules",
        },
        rules_serious: {
          step: "warning",
          rung: "a serious breach of the reporting, visitor, leave or moving rules",
        },
        prohibition_minor: { step: "warning", rung: "a minor breach of a prohibition order" },
        prohibition_serious: { step: "top", rung: "a serious breach of a prohibition order" },
        education_refusal: { step: "reprimand", rung: "refusing education after being told" },
        absence_short: {
          step: "reprimand",
          rung: "out of supervision (脱管), or late for the intake report, up to 10 days",
        },
        absence_long: {
          step: "warning",
          rung: "out of supervision, or late for the intake report, more than 10 days",
        },
        absence_over_month: {
          step: "top",
          rung: "no report, or out of supervision, for more than one month",
        },
        two_reprimands: { step: "warning", rung: "two reprimands without correction" },
        two_warnings: { step: "top", rung: "two warnings without correction" },
        penalty_uncorrected: { step: "top", rung: "no correction after a public-security penalty" },
      },
    },
    court: {
      basis: "Community Correction Law Arts. 47–49",
      revocationRulingWithinDays: 30,
      rulingBasis: "Community Correction Law Arts. 48–49 (ruling or decision within 30 days)",
      arrestDecisionWithinHours: 48,
      arrestBasis: "Community Correction Law Art. 47 (decision on arrest within 48 hours)",
      detentionMaxDays: 30,
      detentionBasis: "Community Correction Law Art. 47 (detention at most 30 days)",
    },
    minors: { basis: "Community Correction Law Arts. 52–58", adultAge: 18 },
    correctionTypes: {
      basis: "Community Correction Law Art. 2",
      types: ["probation", "parole", "control", "temporary_release"],
    },
  },
};
