// `onebook location evaluate [FILE]`: read one JSON location case from FILE or stdin, print its alerts
// as JSON (2-space indent). Bad input — unreadable JSON or a field the schema refuses — is one line on
// stderr naming the field's JSON path, and exit status 2, exactly like `onebook rules evaluate`.
import { evaluateJsonText, jsonEvaluator, runJsonCommandGroup } from "../cli/json-command.ts";
import { evaluateLocation } from "./evaluate-location.ts";
import { parseLocationInput } from "./location-schema.ts";

const USAGE = `usage: onebook location <command> [FILE]
  evaluate [FILE]   evaluate one person's location reports (location.md contract); JSON from FILE or stdin
Prints {"subjectId", "alerts"} as JSON. Exit status 0, or 2 with one line on stderr naming the bad field.`;

const evaluator = { parse: parseLocationInput, evaluate: evaluateLocation };

/** Parses and evaluates one input text; returns the exit status and what to print. */
export function evaluateLocationText(text: string) {
  return evaluateJsonText(text, evaluator);
}

export function runLocationCommand(args: string[]): Promise<number> {
  return runJsonCommandGroup("location", USAGE, { evaluate: jsonEvaluator(evaluator) }, args);
}
