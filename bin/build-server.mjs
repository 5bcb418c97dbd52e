#!/usr/bin/env node
// Compiles the server (src/, TypeScript) into dist/server/ once, at install (`prepare`) or by
// `npm run build`, so that `onebook start` and the CLI run as plain JavaScript: compiling the sources at
// every start (tsx) cost about 1.7 s. One ES-module bundle per entry with code splitting, so the CLI's
// lazily imported commands stay separate chunks (`onebook rules evaluate` loads only the engine).
// Packages stay in node_modules (imported at run time), except JSON files, which are inlined.
// `--if-needed` skips the build when dist/server is newer than every source.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { root, serverBuildState, serverEntry, serverOut } from "./server-build.mjs";

if (process.argv.includes("--if-needed") && serverBuildState() === null) process.exit(0);

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.warn("onebook: esbuild is not installed; the server will run from its sources through tsx");
  process.exit(0);
}

const started = performance.now();
const result = await esbuild.build({
  metafile: true,
  absWorkingDir: root,
  entryPoints: { cli: "src/cli.ts" },
  outdir: serverOut,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  plugins: [
    {
      name: "packages-external-but-json",
      setup(build) {
        // A bare import (a package) stays an import, so node_modules is loaded as installed; a
        // package's JSON file is inlined (JSON modules print an experimental warning on Node 20).
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.endsWith(".json") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
// The previous build's files are removed only now: a server started from them keeps running meanwhile
// (its chunks are loaded at start-up), and an interrupted build leaves the previous one whole.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(root, file)));
for (const dir of [serverOut, join(serverOut, "chunks")])
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile() && !written.has(join(dir, entry.name))) rmSync(join(dir, entry.name));
console.log(
  `onebook: server built into ${serverEntry.slice(root.length + 1)} (${Math.round(performance.now() - started)} ms)`,
);
