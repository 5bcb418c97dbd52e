// Every audit action the code writes has its Chinese name in the glossary: the audit log screen shows
// `auditActionLabel[action]` and would otherwise show the English code. Reads the sources, so a new
// action without a label fails here before any screen shows it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel } from "../glossary.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.includes(".test.") ? [path] : [];
  });
}

describe("audit action names", () => {
  it("has a Chinese name for every action the code writes", () => {
    const root = join(import.meta.dirname, "..");
    const actions = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) {
        actions.add(match[1] as string);
      }
    }
    expect(actions.size).toBeGreaterThan(50);
    expect([...actions].filter((action) => !auditActionLabel[action]).sort()).toEqual([]);
  });
});
