// `onebook location evaluate [FILE]`: read one JSON location case from FILE or stdin, print its alerts
// as JSON (2-space indent). Bad input — unreadable JSON or a field the schema refuses — is one line on
// stderr naming the field's JSON path, and exit status 2, exactly like `onebook rules evaluate`.
import { readFile } from "node:fs/promises";
import { describeProblem } from "../input/errors.ts";
import { evaluateLocation } from "./evaluate-location.ts";
import { parseLocationInput } from "./location-schema.ts";

const USAGE = `usage: onebook location <command> [FILE]
  evaluate [FILE]   evaluate one person's location reports (location.md contract); JSON from FILE or stdin
Prints {"subjectId", "alerts"} as JSON. Exit status 0, or 2 with one line on stderr naming the bad field.`;

async function readInput(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== "-") return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses and evaluates one input text; writes the result or the one-line problem. Returns the exit status. */
export function evaluateLocationText(text: string): { status: number; stdout: string; stderr: string } {
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
  const parsed = parseLocationInput(data);
  if (!parsed.ok) return { status: 2, stdout: "", stderr: `${describeProblem(parsed.problem)}\n` };
  return { status: 0, stdout: `${JSON.stringify(evaluateLocation(parsed.value), null, 2)}\n`, stderr: "" };
}

export async function runLocationCommand(args: string[]): Promise<number> {
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
  if (command !== "evaluate") {
    console.error(`unknown location command: ${command}\n${USAGE}`);
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
  const result = evaluateLocationText(text);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  return result.status;
}
