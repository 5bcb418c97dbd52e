import { describe, expect, it } from "vitest";
import { commandHarness } from "../cli/command-test-support.ts";
import { evaluateLocationText, runLocationCommand } from "./location-command.ts";
import { AWAY, locationCase, report } from "./test-support.ts";

const { output, file, missing } = commandHarness("onebook-location-");

describe("onebook location", () => {
  it("evaluate FILE prints {subjectId, alerts} with a 2-space indent and exits 0", async () => {
    const input = locationCase((c) => c.reports.push(report("2025-09-10T15:00", AWAY)));
    expect(await runLocationCommand(["evaluate", file("case.json", input)])).toBe(0);
    expect(output.err).toBe("");
    expect(output.out.startsWith('{\n  "subjectId": "L1",\n  "alerts": [')).toBe(true);
    expect(JSON.parse(output.out).alerts[0].kind).toBe("possible_out_of_area");
  });

  it("exits 2 with one line naming the field for bad input", async () => {
    const input = locationCase((c) => c.reports.push(report("2025-09-10T15:00", [119.1, 95])));
    expect(await runLocationCommand(["evaluate", file("bad.json", input)])).toBe(2);
    expect(output.out).toBe("");
    expect(output.err).toBe("invalid input at reports[0].lat: latitude must be between -90 and 90\n");
  });

  it("exits 2 for text that is not JSON", () => {
    const result = evaluateLocationText("{ not json");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^invalid input at \(root\): not valid JSON \(.*\)\n$/);
  });

  it("prints its usage for --help and refuses unknown commands, extra arguments and missing files", async () => {
    expect(await runLocationCommand(["--help"])).toBe(0);
    expect(output.out).toContain("usage: onebook location");
    expect(await runLocationCommand(["evaluate", "--help"])).toBe(0);
    expect(await runLocationCommand(["judge"])).toBe(2);
    expect(output.err).toContain("unknown location command: judge");
    expect(await runLocationCommand(["evaluate", "a.json", "b.json"])).toBe(2);
    expect(await runLocationCommand(["evaluate", missing("missing.json")])).toBe(2);
    expect(output.err).toContain("cannot read");
  });
});
