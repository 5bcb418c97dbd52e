// Bad input is reported as one line naming the field by its JSON path (`subject.termEnd`,
// `events[2].at`), so the command line, the server and the tests all say the same thing.
import type { z } from "zod";

export type JsonPath = readonly PropertyKey[];

export function formatJsonPath(path: JsonPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

export interface InputProblem {
  path: string;
  message: string;
}

/** The first problem of a zod error, with unknown keys named in the path. */
export function firstProblem(error: z.ZodError): InputProblem {
  const issue = error.issues[0];
  if (!issue) return { path: "(root)", message: "invalid input" };
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return { path: formatJsonPath([...issue.path, key]), message: "unknown field" };
  }
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return {
      path: formatJsonPath(issue.path),
      message: `required field missing (expected ${issue.expected})`,
    };
  }
  return { path: formatJsonPath(issue.path), message: issue.message };
}

export function describeProblem(problem: InputProblem): string {
  return `invalid input at ${problem.path}: ${problem.message}`.replace(/\s+/g, " ");
}

/** Result of parsing untrusted input. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: InputProblem };
