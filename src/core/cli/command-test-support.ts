// Test support for the engine's command lines: input files in a temporary folder, and stdout/stderr
// (console and direct writes) captured while a command runs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

/** Registers the hooks of one test file; read `output.out` / `output.err` after running a command. */
export function commandHarness(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const output = { out: "", err: "" };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    output.out = "";
    output.err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.err += String(chunk);
      return true;
    });
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      output.out += `${args.join(" ")}\n`;
    });
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      output.err += `${args.join(" ")}\n`;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  /** Writes an input file (JSON unless a string is given) and returns its path. */
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  /** The path of a file that does not exist. */
  const missing = (name: string): string => join(dir, name);
  return { output, file, missing };
}
