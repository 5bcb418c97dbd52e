#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, integration tests on PGlite, the same integration tests
// on PostgreSQL (TEST_DATABASE_URL, default the local `test` database), and the end-to-end tests in
// Chromium; the two integration runs side by side. In CI (CI set) an unreachable PostgreSQL fails the
// run; locally it is skipped, loudly.
// The integration and end-to-end tests run the product at one fixed instant (ONEBOOK_NOW, set by
// test/helpers/app.ts and e2e/harness.ts from test/helpers/fixed-now.ts), so they do not drift with
// the calendar. Prints each step's time and says plainly what was skipped.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";

const pgUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const results = [];
const inCi = Boolean(process.env.CI) && process.env.CI !== "false" && process.env.CI !== "0";

function step(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${run.status === 0 ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
  if (run.status !== 0) finish(1);
}

/**
 * Runs several steps at once (the two integration runs: one is mostly PGlite in this process's CPU,
 * the other mostly the PostgreSQL server's), each one's output held and printed whole when it ends,
 * so the log stays readable. Fails after all have ended if any failed.
 */
async function parallelSteps(steps) {
  const started = Date.now();
  console.log(`\n=== ${steps.map((s) => s.name).join(" | ")} (side by side) ===`);
  const outcomes = await Promise.all(
    steps.map(
      ({ name, command, args, env = {} }) =>
        new Promise((resolve) => {
          let output = "";
          const child = spawn(command, args, { env: { ...process.env, ...env, FORCE_COLOR: "1" } });
          child.stdout.on("data", (chunk) => {
            output += chunk;
          });
          child.stderr.on("data", (chunk) => {
            output += chunk;
          });
          child.on("close", (status) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            console.log(`\n=== ${name} ===\n${output}`);
            resolve({ name, status, seconds });
          });
        }),
    ),
  );
  for (const { name, status, seconds } of outcomes) {
    results.push(`${status === 0 ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
  }
  if (outcomes.some((o) => o.status !== 0)) finish(1);
}

function finish(code) {
  console.log(`\n=== summary ===\n${results.join("\n")}`);
  process.exit(code);
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const started = Date.now();
step("type-check (tsc)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
step("lint (biome)", "npx", ["biome", "check", "."]);
step("unit tests", "npx", ["vitest", "run", "--project", "unit"]);
const onPglite = {
  name: "integration tests on PGlite",
  command: "npx",
  args: ["vitest", "run", "--project", "integration"],
  env: { TEST_DATABASE_URL: "" },
};
const reachable = await postgresReachable();
if (reachable === true) {
  await parallelSteps([
    onPglite,
    { ...onPglite, name: "integration tests on PostgreSQL", env: { TEST_DATABASE_URL: pgUrl } },
  ]);
} else {
  const where = `${pgUrl.replace(/:[^:@/]*@/, ":***@")} not reachable (${reachable})`;
  if (inCi) {
    console.log(
      `\n=== FAIL integration tests on PostgreSQL: ${where} ===\n` +
        "CI requires PostgreSQL (the project's machines run it on 127.0.0.1:5432; set TEST_DATABASE_URL otherwise).",
    );
    results.push(`FAIL integration tests on PostgreSQL: ${where}`);
    finish(1);
  }
  step(onPglite.name, onPglite.command, onPglite.args, onPglite.env);
  const banner = "!".repeat(100);
  const line = `SKIPPED integration tests on PostgreSQL: ${where}`;
  console.log(
    `\n${banner}\n!!! ${line}\n!!! Half of the integration suite did not run. CI (CI=true) fails here.\n${banner}`,
  );
  results.push(`SKIP integration tests on PostgreSQL: ${where}`);
}
if (existsSync(chromium) || process.env.ONEBOOK_E2E === "1") {
  if (!existsSync("dist/web/index.html")) step("build the web console", "npm", ["run", "build"]);
  step("end-to-end tests (Chromium)", "npx", ["vitest", "run", "--config", "e2e/vitest.config.ts"]);
} else {
  console.log(
    `\n=== FAIL end-to-end tests: Chromium not found at ${chromium} (apt-get install chromium fonts-noto-cjk) ===`,
  );
  results.push(`FAIL end-to-end tests: no Chromium at ${chromium}`);
  finish(1);
}
results.push(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish(0);
