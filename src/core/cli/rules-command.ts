// `onebook rules evaluate [FILE]` and `onebook rules evaluate-office [FILE]`: read one JSON case from
// FILE or stdin, print the judgement as JSON (2-space indent). Bad input — unreadable JSON or a field
// the schema refuses — is one line on stderr naming the field's JSON path, and exit status 2.
import { readFile } from "node:fs/promises";
import { evaluateCase } from "../evaluate.ts";
import { parseCaseInput } from "../input/case-schema.ts";
import { describeProblem, type Parsed } from "../input/errors.ts";
import { evaluateOffice } from "../office/evaluate-office.ts";
import { parseOfficeInput } from "../office/office-schema.ts";

const USAGE = `usage: onebook rules <command> [FILE]
  evaluate [FILE]          evaluate one subject's case (rules-contract.md); JSON from FILE or stdin
  evaluate-office [FILE]   evaluate one office's standards for a day (office-contract.md)
Prints the result as JSON. Exit status 0, or 2 with one line on stderr naming the bad field.`;

async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function run<T, R>(text: string, parse: (data: unknown) => Parsed<T>, evaluate: (input: T) => R): number {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`invalid input at (root): not valid JSON (${reason.replace(/\s+/g, " ")})`);
    return 2;
  }
  const parsed = parse(data);
  if (!parsed.ok) {
    console.error(describeProblem(parsed.problem));
    return 2;
  }
  process.stdout.write(`${JSON.stringify(evaluate(parsed.value), null, 2)}\n`);
  return 0;
}

export async function runRulesCommand(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (
    command === undefined ||
    command === "--help" ||
    command === "-h" ||
    command === "help" ||
    rest.includes("--help")
  ) {
    console.log(USAGE);
    return 0;
  }
  if (command !== "evaluate" && command !== "evaluate-office") {
    console.error(`unknown rules command: ${command}\n${USAGE}`);
    return 2;
  }
  if (rest.length > 1) {
    console.error(`too many arguments\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readInput(rest[0]);
  } catch (error) {
    console.error(`cannot read ${rest[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (command === "evaluate")
    return run(
      text,
      (d) => parseCaseInput(d),
      (i) => evaluateCase(i),
    );
  return run(
    text,
    (d) => parseOfficeInput(d),
    (i) => evaluateOffice(i),
  );
}
