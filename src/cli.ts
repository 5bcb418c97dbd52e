// `onebook` — the command line. Each subcommand lives with its feature; this file only dispatches,
// so `onebook rules evaluate` stays fast (it loads the pure rules engine, not the server).
import { UserError } from "./shared/user-error.ts";

const usage = `用法 / usage: onebook <command>
  start                      start the server (embedded PGlite unless DATABASE_URL is set)
  migrate                    apply database migrations
  demo [--reset] [--subjects N]   create (or rebuild) the demo county
  backup FILE                write a consistent copy of the whole database to FILE
  restore FILE               replace the database with the copy in FILE
  sweep                      run the daily-supervision sweep once (alerts, escalation, samples)
  unlock USERNAME            clear an account's log-in throttle (every client address)
  rules evaluate [FILE]      evaluate one case (JSON from FILE or stdin) against the policy
                             (--calendar NOTICE: with a holiday notice file; --database: with the
                             notices loaded into the database)
  rules evaluate-office [FILE]  evaluate one office's daily and periodic standards
  rules leave [FILE]         advise on one leave application (approver, refusals, warnings, checks, return)
  rules sanction [FILE]      the sanction ladder's proposal and the court clocks for one person
  location evaluate [FILE]   evaluate one person's location reports (JSON from FILE or stdin)
  calendar load FILE         load a State Council holiday notice (JSON) into the database
  calendar list              the years of the holiday calendar and where each comes from
  policy show COUNTY         the policy profile a county runs (id, derived from, version)
  policy set COUNTY FILE     set a county's policy profile (a shipped one, or derived by changes)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "rules": {
      const { runRulesCommand } = await import("./core/cli/rules-command.ts");
      if (!rest.includes("--database")) return runRulesCommand(rest);
      // Only then is the database opened: the engine's command stays pure and fast without it.
      const { databaseNotices } = await import("./features/calendar/command.ts");
      return runRulesCommand(
        rest.filter((a) => a !== "--database"),
        await databaseNotices(),
      );
    }
    case "calendar": {
      const { runCalendarCommand } = await import("./features/calendar/command.ts");
      return runCalendarCommand(rest);
    }
    case "location": {
      const { runLocationCommand } = await import("./core/location/location-command.ts");
      return runLocationCommand(rest);
    }
    case "policy": {
      const { runPolicyCommand } = await import("./features/policy/policy-command.ts");
      return runPolicyCommand(rest);
    }
    case "start":
    case "migrate":
    case "demo":
    case "backup":
    case "restore":
    case "sweep":
    case "unlock": {
      const { runAdminCommand } = await import("./admin-commands.ts");
      return runAdminCommand(command, rest);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(usage);
      return 0;
    default:
      console.error(`unknown command: ${command}\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
