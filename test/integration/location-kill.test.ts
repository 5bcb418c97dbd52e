// Reliability of location ingest (issue 12): the product runs as a user starts it (`bin/onebook.mjs
// start`, a child process); a phone sends batches of reports with idempotency keys and retries every
// batch until it is acknowledged; the server is killed with SIGKILL in the middle of the bulk ingest
// and started again on the same data. Afterwards every acknowledged report is stored exactly once,
// with the id it was acknowledged with, and no batch is left unjudged after the next sweep — on PGlite
// (a data folder) and on PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password.ts";
import { type Db, openDatabase } from "../../src/db/connect.ts";
import { createDemoCounty } from "../../src/db/demo/index.ts";
import { migrate } from "../../src/db/migrate.ts";
import "../../src/features/location/tables.ts";
import { runSweep } from "../../src/jobs/sweep.ts";
import { DEMO_PASSWORD } from "../helpers/app.ts";
import { databaseLabel, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { FIXED_NOW, FIXED_TODAY } from "../helpers/fixed-now.ts";

const BATCHES = 24;
const PER_BATCH = 250;
const root = join(import.meta.dirname, "..", "..");

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

interface Running {
  child: ChildProcess;
  output: () => string;
}

async function start(env: Record<string, string>, baseUrl: string): Promise<Running> {
  let output = "";
  const child = spawn(process.execPath, [join(root, "bin", "onebook.mjs"), "start"], {
    env: { ...process.env, ...env, ONEBOOK_JOBS: "0", ONEBOOK_NOW: FIXED_NOW, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c) => {
    output += c;
  });
  child.stderr?.on("data", (c) => {
    output += c;
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`onebook start exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { child, output: () => output };
    } catch {}
    if (Date.now() > deadline) throw new Error(`no /health within 180 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A phone: signs in, then sends one batch until some server acknowledges it. */
class Phone {
  private cookie = "";
  private csrf = "";
  constructor(
    private baseUrl: () => string,
    private readonly username: string,
  ) {}

  private async signIn(): Promise<void> {
    const session = await fetch(`${this.baseUrl()}/api/auth/session`);
    const cookies = session.headers.getSetCookie().map((c) => c.split(";")[0] as string);
    const csrf = cookies.find((c) => c.startsWith("onebook_csrf="))?.split("=")[1] ?? "";
    const login = await fetch(`${this.baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie: cookies.join("; ") },
      body: JSON.stringify({ username: this.username, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in ${login.status}: ${await login.text()}`);
    const all = [...cookies, ...login.headers.getSetCookie().map((c) => c.split(";")[0] as string)];
    const jar = new Map(all.map((c) => [c.split("=")[0], c]));
    this.cookie = [...jar.values()].join("; ");
    this.csrf = jar.get("onebook_csrf")?.split("=")[1] ?? csrf;
  }

  /** Sends until a 200: a refused connection or a reset is retried (the server may be down). */
  async send(reports: unknown[]): Promise<{ key: string; status: string; id?: number }[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        if (!this.cookie) await this.signIn();
        const response = await fetch(`${this.baseUrl()}/api/app/reports`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": this.csrf, cookie: this.cookie },
          body: JSON.stringify({ reports }),
        });
        if (response.status === 200) return (await response.json()).results;
        if (response.status === 401) this.cookie = "";
        else throw new Error(`unexpected ${response.status}: ${await response.text()}`);
      } catch (error) {
        if (String(error).includes("unexpected")) throw error;
      }
      if (attempt > 2000) throw new Error("never acknowledged");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe(`location ingest survives SIGKILL (${databaseLabel})`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("stores every acknowledged report exactly once after a kill in the middle of a bulk ingest", async () => {
    // The data: the demo county, made here so that the test knows a person's app account.
    let env: Record<string, string>;
    let check: () => Promise<Db>;
    let testDb: TestDatabase | null = null;
    if (process.env.TEST_DATABASE_URL) {
      testDb = await openTestDatabase();
      cleanups.push(() => testDb?.close());
      env = { DATABASE_URL: testDb.url as string };
      check = async () => testDb!.db;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "onebook-kill-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env = { ONEBOOK_DATA: dataDir };
      check = async () => {
        const db = await openDatabase({ dataDir });
        cleanups.push(() => db.close());
        return db;
      };
    }
    const setupDb = testDb?.db ?? (await openDatabase({ dataDir: env.ONEBOOK_DATA as string }));
    if (!testDb) await migrate(setupDb);
    await createDemoCounty(setupDb, { today: FIXED_TODAY, passwordHash: await hashPassword(DEMO_PASSWORD) });
    const account = await setupDb.kysely
      .selectFrom("app_user")
      .innerJoin("subject", "subject.id", "app_user.subject_id")
      .select(["app_user.username", "subject.id", "subject.address"])
      .where("app_user.role", "=", "subject")
      .where("subject.level", "=", "key")
      .orderBy("app_user.username")
      .executeTakeFirstOrThrow();
    if (!testDb) await setupDb.close();

    let port = await freePort();
    let baseUrl = `http://127.0.0.1:${port}`;
    let server = await start({ ...env, PORT: String(port), HOST: "127.0.0.1" }, baseUrl);
    cleanups.push(() => {
      server.child.kill("SIGKILL");
    });
    const phone = new Phone(() => baseUrl, account.username);
    const fixedMs = Date.parse(FIXED_NOW);
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: PER_BATCH }, (_, i) => ({
        key: `kill-${b}-${i}-${account.id}`,
        at: new Date(fixedMs - 6 * 3_600_000 + (b * PER_BATCH + i) * 1000).toISOString(),
        lon: 120.1 + i * 1e-6,
        lat: 30.2,
        accuracyM: 15,
      })),
    );

    const acknowledged = new Map<string, number>();
    let killed = false;
    for (const [b, batch] of batches.entries()) {
      const sending = phone.send(batch);
      if (b === Math.floor(BATCHES / 3) && !killed) {
        // Kill while this batch is in flight, then start again on the same data (a new port: the old
        // one may linger), while the phone keeps retrying the same batch with the same keys.
        await new Promise((r) => setTimeout(r, 15));
        server.child.kill("SIGKILL");
        await new Promise((r) => server.child.once("exit", r));
        killed = true;
        port = await freePort();
        baseUrl = `http://127.0.0.1:${port}`;
        server = await start({ ...env, PORT: String(port), HOST: "127.0.0.1" }, baseUrl);
      }
      const results = await sending;
      for (const r of results) {
        expect(["stored", "duplicate"], JSON.stringify(r)).toContain(r.status);
        const before = acknowledged.get(r.key);
        if (before !== undefined) expect(r.id).toBe(before);
        acknowledged.set(r.key, r.id as number);
      }
    }
    // A full retry of everything: all duplicates, with the same ids.
    for (const batch of batches.slice(0, 3)) {
      for (const r of await phone.send(batch)) {
        expect(r.status).toBe("duplicate");
        expect(r.id).toBe(acknowledged.get(r.key));
      }
    }
    expect(killed).toBe(true);
    expect(acknowledged.size).toBe(BATCHES * PER_BATCH);

    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    const db = await check();
    const rows = await db.kysely
      .selectFrom("location_report")
      .select(["id", "idempotency_key"])
      .where("subject_id", "=", account.id)
      .where("idempotency_key", "like", "kill-%")
      .execute();
    expect(rows).toHaveLength(acknowledged.size);
    const stored = new Map(rows.map((r) => [r.idempotency_key, Number(r.id)]));
    const wrong = [...acknowledged].filter(([key, id]) => stored.get(key) !== id);
    expect(wrong).toEqual([]);
    // A batch committed when the server was killed, and not yet judged, is judged by the sweep: no
    // batch is left marked as waiting.
    await runSweep(db, new Date(Date.parse(FIXED_NOW) + 3_600_000));
    expect(await db.kysely.selectFrom("location_judging_pending").selectAll().execute()).toEqual([]);
  }, 600_000);
});
