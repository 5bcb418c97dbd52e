// Test support: a valid case to start from, changed field by field in each test.
import type { CaseEvent, CaseInput, CaseSubject } from "../input/case-schema.ts";

export function subject(overrides: Partial<CaseSubject> = {}): CaseSubject {
  return {
    id: "S1",
    birthDate: "1990-05-01",
    correctionType: "probation",
    crimeCategories: ["other"],
    termStart: "2025-04-10",
    termEnd: "2026-04-09",
    intakeDate: "2025-04-10",
    releaseDate: null,
    priorConvictions: 0,
    priorBadRecords: 0,
    riskLevel: "medium",
    stableResidence: true,
    stableIncome: true,
    emotionalInstability: false,
    familyIncomplete: false,
    rebellious: false,
    resistsSupervision: false,
    level: "normal",
    keyOverride: null,
    ...overrides,
  };
}

export function makeCase(
  asOf: string,
  subjectOverrides: Partial<CaseSubject> = {},
  events: CaseEvent[] = [],
  policy?: string,
): CaseInput {
  return { asOf, ...(policy ? { policy } : {}), subject: subject(subjectOverrides), events };
}

/** An event instant at a CST wall-clock time. */
export function cst(date: string, time = "10:00:00"): string {
  return `${date}T${time}+08:00`;
}
