import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock.ts";

describe("embedded database folder lock", () => {
  it("lets one opener in at a time and names the holder", () => {
    const dir = mkdtempSync(join(tmpdir(), "onebook-lock-"));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "onebook.lock"), "utf8")).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid}`);
    release();
    const again = lockDataDir(dir);
    again();
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = mkdtempSync(join(tmpdir(), "onebook-lock-"));
    writeFileSync(join(dir, "onebook.lock"), "2147483646"); // no such process
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "onebook.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
