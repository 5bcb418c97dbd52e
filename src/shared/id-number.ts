// Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit division code, 8-digit birth date,
// 3-digit sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
// Written here rather than taken from `id-validator` because that package also requires the division
// code to be a real GB/T 2260 entry, while the demo county's codes deliberately match none.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

export type IdNumberProblem = "format" | "birth_date" | "check_digit";

export interface IdNumberInfo {
  birthDate: string; // YYYY-MM-DD
  gender: "male" | "female";
  divisionCode: string;
}

/** Checks format, birth date and check digit; returns the problem or the facts the number carries. */
export function parseIdNumber(
  raw: string,
): { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: "format" };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: "birth_date" };
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: "check_digit" };
  return {
    ok: true,
    info: {
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? "male" : "female",
      divisionCode: id.slice(0, 6),
    },
  };
}

export const idNumberProblemText: Record<IdNumberProblem, string> = {
  format: "身份证号应为18位，前17位为数字，最后一位为数字或X",
  birth_date: "身份证号中的出生日期不存在",
  check_digit: "身份证号校验位不正确",
};

/** Builds a valid number (demo data and tests). `sequence` 0–999; its parity decides the gender. */
export function makeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

/** Lists show 110101********123X: the division code and the last four characters. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : "******";
}

/**
 * A minor's birth date wherever the ID number is masked (the number carries it): the day is shown
 * only with the full number, revealed for a stated purpose.
 */
export const MASKED_BIRTH_DATE = "****-**-**";

/** A minor's name on lists: the family name and asterisks (张**). */
export function maskName(name: string): string {
  return name.length <= 1 ? "*" : `${name.slice(0, 1)}${"*".repeat(name.length - 1)}`;
}
