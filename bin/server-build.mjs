// Where the server's build lives and whether it is up to date with src/ — shared by the build
// (bin/build-server.mjs) and the `onebook` command (bin/onebook.mjs), which runs the build with plain
// node when it is current and the TypeScript sources through tsx when it is not (development).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..");
export const serverOut = join(root, "dist", "server");
export const serverEntry = join(serverOut, "cli.js");
const sources = join(root, "src");

/** The newest modification time of the server's sources (tests excluded: they are not in the build). */
function newestSource(dir = sources) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why the build cannot be used ("missing" / "stale"), or null when it is current. */
export function serverBuildState() {
  if (!existsSync(serverEntry)) return "missing";
  return statSync(serverEntry).mtimeMs >= newestSource() ? null : "stale";
}
