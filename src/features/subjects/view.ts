// Subject rows as the API shows them: labels from the glossary, ID numbers masked, and a minor's
// name masked (Community Correction Law Art. 54) unless revealed through the audited unmask route.
import { z } from "zod";
import type { Subject } from "../../db/schema.ts";
import {
  correctionTypeLabel,
  crimeCategoryLabel,
  genderLabel,
  levelLabel,
  levelProposalText,
  subjectStatusLabel,
} from "../../glossary.ts";
import { maskIdNumber, maskName } from "../../shared/id-number.ts";
import { ageOn } from "../../shared/time.ts";

const ref = z.object({ id: z.string(), name: z.string() });

export const subjectListItem = z.object({
  id: z.string(),
  name: z.string(),
  nameMasked: z.boolean(),
  gender: z.enum(["male", "female"]),
  genderLabel: z.string(),
  age: z.number(),
  idNumberMasked: z.string(),
  correctionType: z.string(),
  correctionTypeLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  /** Registration's proposal not yet decided by the office head: "拟定…，待司法所决定"; else null. */
  levelPending: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  isMinor: z.boolean(),
  office: ref,
  village: ref.nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  intakeDate: z.string(),
  bookNumber: z.string().nullable(),
  crimeText: z.string(),
});

export const subjectDetail = subjectListItem.extend({
  ethnicity: z.string(),
  birthDate: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  crimeCategories: z.array(z.object({ code: z.string(), label: z.string() })),
  decidingOrgan: z.string().nullable(),
  judgmentNumber: z.string().nullable(),
  judgmentEffectiveDate: z.string().nullable(),
  sentenceText: z.string().nullable(),
  releaseDate: z.string().nullable(),
  riskLevel: z.string(),
  riskLevelLabel: z.string(),
  priorConvictions: z.number(),
  priorBadRecords: z.number(),
  stableResidence: z.boolean(),
  stableIncome: z.boolean(),
  emotionalInstability: z.boolean(),
  familyIncomplete: z.boolean(),
  rebellious: z.boolean(),
  resistsSupervision: z.boolean(),
  responsible: ref.extend({ displayName: z.string() }).omit({ name: true }).nullable(),
  levelHistory: z.array(
    z.object({
      fromDate: z.string(),
      level: z.string(),
      levelLabel: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  recentEvents: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      typeLabel: z.string(),
      at: z.string(),
      kind: z.string().nullable(),
      kindLabel: z.string().nullable(),
      summary: z.string(),
    }),
  ),
});

export type SubjectListItem = z.infer<typeof subjectListItem>;

/** A juvenile subject: under 18 on the intake date; stays one after turning 18 (Art. 58). */
export const isMinorSubject = (s: Pick<Subject, "birth_date" | "intake_date">) =>
  ageOn(s.birth_date, s.intake_date) < 18;

export type SubjectRowWithPlaces = Subject & { office_name: string; village_name: string | null };

export function toListItem(row: SubjectRowWithPlaces, today: string): SubjectListItem {
  const isMinor = isMinorSubject(row);
  return {
    id: row.id,
    name: isMinor ? maskName(row.name) : row.name,
    nameMasked: isMinor,
    gender: row.gender,
    genderLabel: genderLabel[row.gender],
    age: ageOn(row.birth_date, today),
    idNumberMasked: maskIdNumber(row.id_number),
    correctionType: row.correction_type,
    correctionTypeLabel: correctionTypeLabel[row.correction_type],
    level: row.level,
    levelLabel: levelLabel[row.level],
    levelPending: row.level_pending ? levelProposalText.pending(levelLabel[row.level]) : null,
    status: row.status,
    statusLabel: subjectStatusLabel[row.status],
    isMinor,
    office: { id: row.office_id, name: row.office_name },
    village: row.village_id ? { id: row.village_id, name: row.village_name ?? "" } : null,
    termStart: row.term_start,
    termEnd: row.term_end,
    intakeDate: row.intake_date,
    bookNumber: row.book_number,
    crimeText: row.crime_text,
  };
}

export const crimeCategoriesView = (codes: string[]) =>
  codes.map((code) => ({ code, label: crimeCategoryLabel[code] ?? code }));
