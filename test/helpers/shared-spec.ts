// The shared specifications (`../shared/spec/` from the repository root, read-only) that some tests
// compare the product with. A fresh clone has no such folder: locally those tests are skipped and say
// so; in CI (CI set) the folder is required and its absence fails the run, so a test can never pass
// there by having nothing to check.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const sharedSpecDir = resolve(import.meta.dirname, "..", "..", "..", "shared", "spec");

const inCi = () => Boolean(process.env.CI) && process.env.CI !== "false" && process.env.CI !== "0";

/** A folder's JSON examples as [file name, parsed content]; null when the folder is absent (local only). */
export function sharedExamples(folder: string): Array<[string, unknown]> | null {
  const dir = join(sharedSpecDir, folder);
  if (!existsSync(dir)) {
    if (inCi())
      throw new Error(
        `CI: the shared specification folder ${dir} is missing (../shared/spec from the repository root)`,
      );
    console.warn(`SKIPPED: ${dir} is missing (../shared/spec from the repository root); CI requires it`);
    return null;
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new Error(`${dir} holds no .json example`);
  return files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8"))]);
}
