#!/usr/bin/env node
// Runs at `npm ci` / `npm install` (the `prepare` script): builds the web console into dist/web when
// it is missing or older than its sources, so that `npm start` serves it at once.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const built = join(root, "dist", "web", "index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [join(root, "web"), join(root, "src", "glossary.ts")];
const newestSource = Math.max(
  ...sources
    .filter(existsSync)
    .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
);
const builtApp = join(root, "dist", "app", "index.html"); // the subject's phone app (web/app)
const fresh = (file) => existsSync(file) && statSync(file).mtimeMs >= newestSource;
if (fresh(built) && fresh(builtApp)) process.exit(0);
if (!existsSync(join(root, "node_modules", "vite"))) {
  console.warn("onebook: vite is not installed (npm ci --omit=dev?); the web console is not built");
  process.exit(0);
}
console.log("onebook: building the web console (vite build) …");
for (const config of ["web/vite.config.ts", "web/vite.app.config.ts"]) {
  const run = spawnSync("npx", ["vite", "build", "--config", config, "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
