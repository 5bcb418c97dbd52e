// The person of a commission, a pre-release notice or a rehab centre's notice: not (or not yet) a
// person under correction, so kept on the feature's own row. The fields every intake asks for, and
// how lists show the person: a minor's name masked, the ID number always masked (lists and Today).
import { z } from "zod";
import { badInput } from "../../http/errors.ts";
import { dateField, text } from "../../http/fields.ts";
import {
  idNumberProblemText,
  MASKED_BIRTH_DATE,
  maskIdNumber,
  maskName,
  parseIdNumber,
} from "../../shared/id-number.ts";
import { ageOn } from "../../shared/time.ts";

export const personFields = {
  name: text("姓名", 50),
  gender: z.enum(["male", "female"], { error: "请选择性别" }),
  birthDate: dateField("出生日期"),
  idNumber: z
    .string({ error: "身份证号应为文字" })
    .trim()
    .max(30, "身份证号为 18 位")
    .nullish()
    .describe("身份证号（可空）"),
  address: text("住址", 200),
};

export interface PersonInput {
  name: string;
  gender: "male" | "female";
  birthDate: string;
  idNumber?: string | null;
  address: string;
}

/** The ID number as stored (upper case), or null; refused with the field named when it is not one. */
export function checkedIdNumber(input: PersonInput, field = "idNumber"): string | null {
  const raw = input.idNumber?.trim();
  if (!raw) return null;
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) throw badInput(field, idNumberProblemText[parsed.problem]);
  if (parsed.info.birthDate !== input.birthDate)
    throw badInput(field, "身份证号中的出生日期与所填出生日期不一致");
  return raw.toUpperCase();
}

/** Under 18 on `today` (the minors' rules): the name is masked on lists. */
export const isMinorOn = (birthDate: string, today: string) => ageOn(birthDate, today) < 18;

/** The person as lists show it. */
export function shownPerson(
  row: { name: string; birth_date: string; id_number: string | null; gender: string },
  today: string,
) {
  const minor = isMinorOn(row.birth_date, today);
  return {
    name: minor ? maskName(row.name) : row.name,
    minor,
    gender: row.gender,
    birthDate: minor ? MASKED_BIRTH_DATE : row.birth_date,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
  };
}
