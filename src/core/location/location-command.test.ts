import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { evaluateLocationText, runLocationCommand } from "./location-command.ts";
import { AWAY, locationCase, report } from "./test-support.ts";

const dir = mkdtempSync(join(tmpdir(), "onebook-location-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  const capture = (chunk: string | Uint8Array) => String(chunk);
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += capture(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += capture(chunk);
    return true;
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    out += `${args.join(" ")}\n`;
  });
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    err += `${args.join(" ")}\n`;
  });
});
afterEach(() => vi.restoreAllMocks());

describe("onebook location", () => {
  it("evaluate FILE prints {subjectId, alerts} with a 2-space indent and exits 0", async () => {
    const input = locationCase((c) => c.reports.push(report("2025-09-10T15:00", AWAY)));
    expect(await runLocationCommand(["evaluate", file("case.json", input)])).toBe(0);
    expect(err).toBe("");
    expect(out.startsWith('{\n  "subjectId": "L1",\n  "alerts": [')).toBe(true);
    expect(JSON.parse(out).alerts[0].kind).toBe("possible_out_of_area");
  });

  it("exits 2 with one line naming the field for bad input", async () => {
    const input = locationCase((c) => c.reports.push(report("2025-09-10T15:00", [119.1, 95])));
    expect(await runLocationCommand(["evaluate", file("bad.json", input)])).toBe(2);
    expect(out).toBe("");
    expect(err).toBe("invalid input at reports[0].lat: latitude must be between -90 and 90\n");
  });

  it("exits 2 for text that is not JSON", () => {
    const result = evaluateLocationText("{ not json");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^invalid input at \(root\): not valid JSON \(.*\)\n$/);
  });

  it("prints its usage for --help and refuses unknown commands, extra arguments and missing files", async () => {
    expect(await runLocationCommand(["--help"])).toBe(0);
    expect(out).toContain("usage: onebook location");
    expect(await runLocationCommand(["evaluate", "--help"])).toBe(0);
    expect(await runLocationCommand(["judge"])).toBe(2);
    expect(err).toContain("unknown location command: judge");
    expect(await runLocationCommand(["evaluate", "a.json", "b.json"])).toBe(2);
    expect(await runLocationCommand(["evaluate", join(dir, "missing.json")])).toBe(2);
    expect(err).toContain("cannot read");
  });
});
