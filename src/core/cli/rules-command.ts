// `onebook rules evaluate [FILE]`, `onebook rules evaluate-office [FILE]` and `onebook rules sanction
// [FILE]` (rules-contract.md, office-contract.md, sanctions-contract.md); the input/output plumbing is
// shared with the other engine commands.
import { evaluateCase } from "../evaluate.ts";
import { parseCaseInput } from "../input/case-schema.ts";
import { evaluateOffice } from "../office/evaluate-office.ts";
import { parseOfficeInput } from "../office/office-schema.ts";
import { evaluateSanctions } from "../sanctions/sanction-ladder.ts";
import { parseSanctionInput } from "../sanctions/sanction-schema.ts";
import { jsonEvaluator, runJsonCommandGroup } from "./json-command.ts";

const USAGE = `usage: onebook rules <command> [FILE]
  evaluate [FILE]          evaluate one subject's case (rules-contract.md); JSON from FILE or stdin
  evaluate-office [FILE]   evaluate one office's standards for a day (office-contract.md)
  sanction [FILE]          the sanction ladder's proposal and the court clocks (sanctions-contract.md)
Prints the result as JSON. Exit status 0, or 2 with one line on stderr naming the bad field.`;

const commands = {
  evaluate: jsonEvaluator({ parse: parseCaseInput, evaluate: evaluateCase }),
  "evaluate-office": jsonEvaluator({ parse: parseOfficeInput, evaluate: evaluateOffice }),
  sanction: jsonEvaluator({ parse: parseSanctionInput, evaluate: evaluateSanctions }),
};

export function runRulesCommand(args: string[]): Promise<number> {
  return runJsonCommandGroup("rules", USAGE, commands, args);
}
