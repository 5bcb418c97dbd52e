#!/usr/bin/env node
// The `onebook` command. It runs the server's build (dist/server/, compiled from src/ at install by
// `prepare`, or by `npm run build`) with plain node. When the build is missing or older than src/
// (development: a source was edited since), it runs the TypeScript sources through tsx instead and
// says so, so an edit takes effect at once; `npm run build` makes the fast start come back.
import { serverBuildState, serverEntry } from "./server-build.mjs";

const state = serverBuildState();
if (state === null) {
  await import(serverEntry);
} else {
  console.warn(
    `onebook: dist/server is ${state === "missing" ? "missing" : "older than src/"}: running the sources through tsx (development; \`npm run build\` compiles them for a faster start)`,
  );
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
