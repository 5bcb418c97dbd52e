import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock.ts";

describe("embedded database folder lock", () => {
  it("lets one opener in at a time and names the holder", () => {
    const dir = mkdtempSync(join(tmpdir(), "onebook-lock-"));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "onebook.lock"), "utf8").split(" ")[0]).toBe(String(process.pid));
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
    expect(readFileSync(join(dir, "onebook.lock"), "utf8").split(" ")[0]).toBe(String(process.pid));
    release();
  });

  it("takes over a lock that names this process's pid but was written by a former process (PID 1 after kill -9)", () => {
    const dir = mkdtempSync(join(tmpdir(), "onebook-lock-"));
    writeFileSync(join(dir, "onebook.lock"), String(process.pid)); // an old lock, our pid, not our token
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError); // now ours: still one opener at a time
    release();
    writeFileSync(join(dir, "onebook.lock"), `${process.pid} 0123456789abcdef`);
    lockDataDir(dir)();
  });
});
