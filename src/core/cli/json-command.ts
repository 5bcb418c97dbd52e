// The plumbing shared by the engine's command lines (`onebook rules …`, `onebook location …`): read one
// JSON document from FILE or stdin, validate it, evaluate it, print the result as JSON (2-space indent).
// Bad input — unreadable JSON or a field the schema refuses — is one line on stderr naming the field's
// JSON path, and exit status 2.
import { readFile } from "node:fs/promises";
import { describeProblem, type Parsed } from "../input/errors.ts";

export interface JsonEvaluator<T> {
  parse(data: unknown): Parsed<T>;
  evaluate(input: T): unknown;
}

export interface CommandOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** Parses and evaluates one input text; never throws for bad input. */
export function evaluateJsonText<T>(text: string, evaluator: JsonEvaluator<T>): CommandOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 2,
      stdout: "",
      stderr: `invalid input at (root): not valid JSON (${reason.replace(/\s+/g, " ")})\n`,
    };
  }
  const parsed = evaluator.parse(data);
  if (!parsed.ok) return { status: 2, stdout: "", stderr: `${describeProblem(parsed.problem)}\n` };
  return { status: 0, stdout: `${JSON.stringify(evaluator.evaluate(parsed.value), null, 2)}\n`, stderr: "" };
}

async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Runs `onebook <group> <command> [FILE]` for a group of JSON commands: help, argument checks, input,
 * evaluation, output. Returns the exit status.
 */
export async function runJsonCommandGroup(
  group: string,
  usage: string,
  commands: Record<string, JsonEvaluator<never>>,
  args: string[],
): Promise<number> {
  const [command, ...rest] = args;
  if (
    command === undefined ||
    command === "--help" ||
    command === "-h" ||
    command === "help" ||
    rest.includes("--help")
  ) {
    console.log(usage);
    return 0;
  }
  const evaluator = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!evaluator) {
    console.error(`unknown ${group} command: ${command}\n${usage}`);
    return 2;
  }
  if (rest.length > 1) {
    console.error(`too many arguments\n${usage}`);
    return 2;
  }
  let text: string;
  try {
    text = await readInput(rest[0]);
  } catch (error) {
    console.error(`cannot read ${rest[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const outcome = evaluateJsonText(text, evaluator);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  return outcome.status;
}

/** Types an evaluator for the command table (the table itself erases the input type). */
export const jsonEvaluator = <T>(evaluator: JsonEvaluator<T>) => evaluator as unknown as JsonEvaluator<never>;
