// `onebook rules evaluate [FILE]`, `onebook rules evaluate-office [FILE]`, `onebook rules leave
// [FILE]` and `onebook rules sanction [FILE]` (rules-contract.md, office-contract.md, leave-contract.md,
// sanctions-contract.md); the input/output plumbing is shared with the other engine commands.
// `--calendar NOTICE` (repeatable) adds a State Council notice file (calendar-notice.ts) to the
// calendar, as loading it into the server does; without one, a year the shipped calendar lacks is
// derived from the national rules and the result carries a `provisional_calendar` warning.
import { readFile } from "node:fs/promises";
import { type CalendarNotice, parseCalendarNotice } from "../calendar/calendar-notice.ts";
import { evaluateCase } from "../evaluate.ts";
import { parseCaseInput } from "../input/case-schema.ts";
import { adviseLeave, parseLeaveInput } from "../leave/leave-rules.ts";
import { evaluateOffice } from "../office/evaluate-office.ts";
import { parseOfficeInput } from "../office/office-schema.ts";
import type { LoadedCalendar } from "../policy/compiled.ts";
import { evaluateSanctions } from "../sanctions/sanction-ladder.ts";
import { parseSanctionInput } from "../sanctions/sanction-schema.ts";
import { jsonEvaluator, runJsonCommandGroup } from "./json-command.ts";

const USAGE = `usage: onebook rules <command> [--calendar NOTICE]... [FILE]
  evaluate [FILE]          evaluate one subject's case (rules-contract.md); JSON from FILE or stdin
  evaluate-office [FILE]   evaluate one office's standards for a day (office-contract.md)
  leave [FILE]             advise on one leave application (leave-contract.md)
  sanction [FILE]          the sanction ladder's proposal and the court clocks (sanctions-contract.md)
  --calendar NOTICE        a State Council holiday notice (JSON, as for \`onebook calendar load\`);
                           repeatable, one per year
Prints the result as JSON. Exit status 0, or 2 with one line on stderr naming the bad field.`;

function commandsWith(calendar: LoadedCalendar | undefined) {
  return {
    evaluate: jsonEvaluator({
      parse: parseCaseInput,
      evaluate: (input) => evaluateCase(input, { calendar }),
    }),
    "evaluate-office": jsonEvaluator({
      parse: parseOfficeInput,
      evaluate: (input) => evaluateOffice(input, { calendar }),
    }),
    leave: jsonEvaluator({ parse: parseLeaveInput, evaluate: adviseLeave }),
    sanction: jsonEvaluator({ parse: parseSanctionInput, evaluate: evaluateSanctions }),
  };
}

/** Reads and checks one notice file; a problem is one line naming the file and the field. */
export async function readNoticeFile(
  file: string,
): Promise<{ ok: true; notice: CalendarNotice } | { ok: false; message: string }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot read calendar notice ${file}: ${reason.replace(/\s+/g, " ")}` };
  }
  const parsed = parseCalendarNotice(data);
  if (!parsed.ok)
    return {
      ok: false,
      message: `invalid calendar notice ${file} at ${parsed.problem.field}: ${parsed.problem.message}`,
    };
  return { ok: true, notice: parsed.value };
}

/**
 * `loaded`: notices loaded into the database (`--database`, read by src/cli.ts); a `--calendar` file
 * for the same year wins.
 */
export async function runRulesCommand(
  args: string[],
  loaded: readonly CalendarNotice[] = [],
): Promise<number> {
  const rest: string[] = [];
  const notices = new Map<number, CalendarNotice>(loaded.map((n) => [n.year, n]));
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "--calendar") {
      rest.push(args[i] as string);
      continue;
    }
    const file = args[++i];
    if (file === undefined) {
      console.error(`--calendar needs a file\n${USAGE}`);
      return 2;
    }
    const read = await readNoticeFile(file);
    if (!read.ok) {
      console.error(read.message);
      return 2;
    }
    notices.set(read.notice.year, read.notice);
  }
  const calendar = notices.size > 0 ? { notices: [...notices.values()] } : undefined;
  return runJsonCommandGroup("rules", USAGE, commandsWith(calendar), rest);
}
