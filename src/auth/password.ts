// Passwords are stored as argon2id hashes (OWASP's recommended memory-hard function), parameters
// from the library's defaults (19 MiB, 2 passes), which keep a log-in well under 100 ms here.
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * What is wrong with a new password, in Chinese, or null: 8 to 64 characters with at least one letter
 * and one digit (a person sets it on a phone; the log-in throttle bounds guessing).
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return "密码至少 8 位";
  if (password.length > 64) return "密码不能超过 64 位";
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "密码须同时包含字母和数字";
  return null;
}

/** A hash to verify against when the account does not exist, so both paths take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("onebook-decoy-password");
  return decoyHash;
}
