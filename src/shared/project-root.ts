// The project's folder (the one holding package.json), found from this module's own place. The server
// runs from its TypeScript sources (src/…, through tsx) or from the build (dist/server/…, one bundle):
// paths to files that ship beside the code (migrations, the console's build, bin/) are taken from the
// root, so they are the same whichever way it runs.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findRoot(import.meta.dirname);
