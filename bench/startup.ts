// Start-up time as a user sees it: `node bin/onebook.mjs start` on a new data folder (first start: the
// database is created, migrated and the demo county generated) until /health answers, then a stop and
// a restart on the same folder. Run: `npx tsx bench/startup.ts` (or `npm run bench:startup`); the
// server's own log lines with each phase's time are printed too.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GOALS = { first: 10_000, restart: 3_000 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts the product on dataDir, returns the ms until /health answered and the phase lines it logged. */
async function startOnce(dataDir: string): Promise<{ ms: number; phases: string[] }> {
  const port = await freePort();
  const started = performance.now();
  let output = "";
  const child = spawn(process.execPath, [join(import.meta.dirname, "..", "bin", "onebook.mjs"), "start"], {
    env: { ...process.env, ONEBOOK_DATA: dataDir, PORT: String(port), HOST: "127.0.0.1", ONEBOOK_JOBS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  let ms = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`onebook start exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) {
        ms = performance.now() - started;
        break;
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  const phases = output.split("\n").filter((line) => /start-up|startup|启动|build|tsx/i.test(line));
  return { ms, phases };
}

const dataDir = mkdtempSync(join(tmpdir(), "onebook-startup-"));
try {
  const first = await startOnce(dataDir);
  const restart = await startOnce(dataDir);
  for (const [label, run, goal] of [
    ["first start (new database, demo county)", first, GOALS.first],
    ["restart (same database)", restart, GOALS.restart],
  ] as const) {
    console.log(
      `  ${label}: /health after ${(run.ms / 1000).toFixed(2)} s (${run.ms < goal ? "within" : "OVER"} the ${goal / 1000} s goal)`,
    );
    for (const line of run.phases) console.log(`    ${line.trim()}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
