// Starts the product as a user would (`node bin/onebook.mjs start`) on a new data folder and a free
// port, at the tests' fixed instant (ONEBOOK_NOW: the demo's history ends that day and every route
// judges "now" by it; the console takes "today" from the server), waits for /health, and opens
// headless Chromium (Debian's, through playwright-core).
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { inject } from "vitest";
import { FIXED_NOW } from "../test/helpers/fixed-now.ts";
import { LoginPage } from "../web/e2e-pages/index.ts";

export const screenshotDir = join(import.meta.dirname, "..", "test-results", "e2e");

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

/** A phone's screen (390 × 844, touch): pass to `newContext` for the console as a worker's phone shows it. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export interface Product {
  baseUrl: string;
  browser: Browser;
  /** A new browser context on the product (desktop-sized unless `options` say otherwise, e.g. a phone). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  dataDir: string;
  output(): string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Another instant than the tests' fixed one (a story that spans days restarts the product later). */
  now?: string;
  /** Reuse the data folder of an earlier start (kept by `stop({ keepData: true })`). */
  dataDir?: string;
  /**
   * Start on an empty data folder, as `npm start` does the first time (it seeds the demo county).
   * Otherwise a new folder is a copy of the one the global set-up seeded at the fixed instant
   * (e2e/global-setup.ts), which saves each file the seeding.
   */
  fresh?: boolean;
}

/** The server alone: `onebook start` on `dataDir`, up when /health answers. */
export interface Server {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, now: string): Promise<Server> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, "..", "bin", "onebook.mjs"), "start"],
    {
      env: {
        ...process.env,
        ONEBOOK_DATA: dataDir,
        PORT: String(port),
        HOST: "127.0.0.1",
        ONEBOOK_JOBS: "0",
        ONEBOOK_NOW: now,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`onebook start exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`no /health within 180 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** A new data folder: empty for a first start, else a copy of the seeded template. */
function newDataDir(options: StartOptions): string {
  const dataDir = mkdtempSync(join(tmpdir(), "onebook-e2e-"));
  const atFixedNow = options.now === undefined || options.now === FIXED_NOW;
  if (!options.fresh && atFixedNow) cpSync(inject("e2eDataTemplate"), dataDir, { recursive: true });
  return dataDir;
}

export async function startProduct(options: StartOptions = {}): Promise<Product> {
  mkdirSync(screenshotDir, { recursive: true });
  const dataDir = options.dataDir ?? newDataDir(options);
  const server = await startServer(dataDir, options.now ?? FIXED_NOW);
  const baseUrl = server.baseUrl;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  return {
    baseUrl,
    browser,
    newContext: (contextOptions = {}) =>
      browser.newContext({
        baseURL: baseUrl,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        viewport: { width: 1440, height: 900 },
        ...contextOptions,
      }),
    dataDir,
    output: server.output,
    async stop(stopOptions = {}) {
      await browser.close();
      await server.stop();
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits on a busy machine (up to 8 helpers share 2 cores) are longer than the usual 30 s. */
export const PATIENCE_MS = 120_000;

/** A console page signed in as a demo account (password of the demo), with the patient timeout. */
export async function staffPage(product: Product, username: string): Promise<Page> {
  const page = await (await product.newContext()).newPage();
  page.setDefaultTimeout(PATIENCE_MS);
  await new LoginPage(page).goto();
  await new LoginPage(page).login(username, "onebook2025");
  return page;
}
