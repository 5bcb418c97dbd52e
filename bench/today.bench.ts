// The "today" API (GET /api/today) of one office under 20 concurrent users, over real HTTP: the server
// listens on a random port, 20 signed-in clients each send requests back to back with fetch, and the
// latencies are reported as p50 / p95 / p99 (goal: p95 under 100 ms on PGlite, 50 ms on PostgreSQL).
// The first request, which loads and judges the whole office, is reported apart ("cold"); the next
// ones are served from the office's cached state, which follows the database's change log. Then
// the same under writes: one client records an information check every 200 ms while the others read.
import { loadConfig } from "../src/config.ts";
import { clearOfficeStates } from "../src/features/today/office-state.ts";
import { buildServer } from "../src/server.ts";
import { benchClock, closeCounties, counties, percentile } from "./county.ts";

const USERS = 20;
const REQUESTS_PER_USER = Number(process.env.BENCH_TODAY_REQUESTS ?? 50);
const GOALS: Record<string, number> = { PGlite: 100, PostgreSQL: 50 };

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, username: string): Promise<Session> {
  const first = await fetch(`${base}/api/auth/session`);
  const csrf = /onebook_csrf=([^;]+)/.exec(first.headers.getSetCookie().join(";"))![1]!;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie: `onebook_csrf=${csrf}` },
    body: JSON.stringify({ username, password: "onebook2025" }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username}: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie();
  const session = /onebook_session=([^;]+)/.exec(cookies.join(";"))![1]!;
  const newCsrf = /onebook_csrf=([^;]+)/.exec(cookies.join(";"))?.[1] ?? csrf;
  return { cookie: `onebook_session=${session}; onebook_csrf=${newCsrf}`, csrf: newCsrf };
}

async function timed(base: string, s: Session, path = "/api/today"): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie: s.cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET /api/today: ${response.status}`);
  return performance.now() - started;
}

function report(label: string, what: string, latencies: number[], goal: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  console.log(
    `  ${label}: ${what}: ${sorted.length} requests, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms ` +
      `(${p95 < goal ? "within" : "OVER"} the ${goal} ms goal)`,
  );
}

export async function benchToday(): Promise<void> {
  try {
    for (const county of await counties()) {
      clearOfficeStates();
      const k = county.db.kysely;
      // 桥头司法所, the demo county's smallest office (a quarter of the subjects).
      const offices = await k
        .selectFrom("subject")
        .innerJoin("place", "place.id", "subject.office_id")
        .select(["subject.office_id", "place.name", (eb) => eb.fn.countAll<number>().as("n")])
        .where("subject.status", "=", "in_correction")
        .groupBy(["subject.office_id", "place.name"])
        .orderBy("n", "asc")
        .execute();
      const username = "qiaotou.assistant";
      const placeOf = await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow();
      const office = offices.find((o) => o.office_id === placeOf.place_id)!;
      const config = { ...loadConfig({}), loginRatePerMinute: 10_000, runJobs: false, clock: benchClock };
      const { app } = await buildServer(county.db, config, { logger: false });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      try {
        const sessions: Session[] = [];
        for (let i = 0; i < USERS; i++) sessions.push(await signIn(base, username));
        const cold = await timed(base, sessions[0]!);
        const sample = await fetch(`${base}/api/today`, { headers: { cookie: sessions[0]!.cookie } });
        const answer = (await sample.json()) as { items: unknown[]; total: number };
        const kb = Number(sample.headers.get("content-length") ?? 0) / 1024;
        console.log(
          `  ${county.label}: ${office.name} (${Number(office.n)} subjects in correction): first request (loads and judges the office) ${cold.toFixed(0)} ms; ` +
            `answer: ${answer.items.length} of ${answer.total} items, ${kb.toFixed(0)} KB gzip'd`,
        );
        const goal = GOALS[county.label] ?? 100;
        // Each user's first answer is computed for them; the measured runs start after one round.
        await Promise.all(sessions.map((s) => timed(base, s)));
        const reads = async (stop: () => boolean) => {
          const latencies: number[] = [];
          await Promise.all(
            sessions.map(async (s) => {
              for (let i = 0; i < REQUESTS_PER_USER && !stop(); i++) latencies.push(await timed(base, s));
            }),
          );
          return latencies;
        };
        report(county.label, `Today, ${USERS} concurrent users`, await reads(() => false), goal);
        if (process.env.BENCH_BASELINE === "1") {
          const base_: number[] = [];
          await Promise.all(
            sessions.map(async (s) => {
              for (let i = 0; i < REQUESTS_PER_USER; i++)
                base_.push(await timed(base, s, "/api/auth/session"));
            }),
          );
          report(county.label, "baseline GET /api/auth/session (sign-in check only)", base_, goal);
        }

        // Under writes: an information check every 200 ms by a 21st user, while the 20 read.
        const writer = await signIn(base, username);
        const subjects = await k
          .selectFrom("subject")
          .select("id")
          .where("office_id", "=", office.office_id)
          .where("status", "=", "in_correction")
          .limit(50)
          .execute();
        let done = false;
        let writes = 0;
        const writing = (async () => {
          while (!done) {
            const subject = subjects[writes % subjects.length]!;
            const response = await fetch(`${base}/api/subjects/${subject.id}/information-checks`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                cookie: writer.cookie,
                "x-csrf-token": writer.csrf,
              },
              body: JSON.stringify({ method: "phone", result: "normal" }),
            });
            if (response.status !== 201)
              throw new Error(`check: ${response.status} ${await response.text()}`);
            writes++;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        })();
        const latencies = await reads(() => false);
        done = true;
        await writing;
        report(
          county.label,
          `Today, ${USERS} concurrent users while ${writes} checks were recorded`,
          latencies,
          goal,
        );
      } finally {
        await app.close();
      }
    }
  } finally {
    await closeCounties();
  }
}
