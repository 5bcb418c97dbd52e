// The "today" API (GET /api/today) of one office under 20 concurrent users, over real HTTP: the server
// listens on a random port, 20 signed-in clients each send requests back to back with fetch, and the
// latencies are reported as p50 / p95 / p99 (goal: p95 under 100 ms on PGlite, 50 ms on PostgreSQL).
// The first request, which loads and judges the whole office, is reported apart ("cold"); the next
// ones are served from the office's cached state, which follows the database's change log. Then
// the same under writes: one client records an information check every 200 ms while the others read.
// Each is set against a floor measured in the same run under the same 20-user load: the same answer's
// bytes served from memory by a bench-only route of the same server (same sign-in check, same gzip'd
// reply), so the ratio Today p95 / floor p95 says what Today's own work costs on this machine
// (goal: at most 2×), whatever the machine's speed.
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { staffRoles } from "../src/auth/access.ts";
import { loadConfig } from "../src/config.ts";
import { buildServer } from "../src/server.ts";
import { benchClock, closeCounties, counties, percentile } from "./county.ts";

const USERS = 20;
const REQUESTS_PER_USER = Number(process.env.BENCH_TODAY_REQUESTS ?? 50);
const GOALS: Record<string, number> = { PGlite: 100, PostgreSQL: 50 };
const FLOOR_RATIO_GOAL = 2;
const FLOOR_PATH = "/bench/today-floor";

/** The answer the floor route serves: Today's JSON, and gzip'd as Today gzips it. */
interface Floor {
  body: string;
  gzipped: Buffer;
}

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
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return performance.now() - started;
}

function report(label: string, what: string, latencies: number[], goal: number | null): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  console.log(
    `  ${label}: ${what}: ${sorted.length} requests, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms` +
      (goal === null ? "" : ` (${p95 < goal ? "within" : "OVER"} the ${goal} ms goal)`),
  );
  return p95;
}

function reportRatio(label: string, what: string, today: number, floor: number) {
  const ratio = today / floor;
  console.log(
    `  ${label}: ${what}: Today p95 / floor p95 = ${today.toFixed(1)} / ${floor.toFixed(1)} ms = ${ratio.toFixed(2)}× ` +
      `(${ratio <= FLOOR_RATIO_GOAL ? "within" : "OVER"} the ${FLOOR_RATIO_GOAL}× goal)`,
  );
}

/**
 * The floor: a route of the bench only (registered through buildServer's `extraRoutes`, never in the
 * product) behind the same sign-in check as Today, replying with Today's answer from memory exactly as
 * Today's cache replies (features/today/routes.ts `send`).
 */
function floorRoute(floor: () => Floor | null) {
  return (app: FastifyInstance) => {
    app.get(
      FLOOR_PATH,
      { config: { access: { roles: staffRoles } } },
      (request: FastifyRequest, reply: FastifyReply) => {
        const answer = floor();
        if (!answer) return reply.code(503).send({ error: { code: "not_ready" } });
        reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
        if (!/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")))
          return reply.send(answer.body);
        return reply.header("content-encoding", "gzip").send(answer.gzipped);
      },
    );
  };
}

export async function benchToday(): Promise<void> {
  try {
    for (const county of await counties()) {
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
      let floor: Floor | null = null;
      const { app } = await buildServer(county.db, config, {
        logger: false,
        extraRoutes: floorRoute(() => floor),
      });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      try {
        const sessions: Session[] = [];
        for (let i = 0; i < USERS; i++) sessions.push(await signIn(base, username));
        const cold = await timed(base, sessions[0]!);
        const sample = await fetch(`${base}/api/today`, { headers: { cookie: sessions[0]!.cookie } });
        const kb = Number(sample.headers.get("content-length") ?? 0) / 1024;
        const body = await sample.text();
        floor = { body, gzipped: gzipSync(body, { level: 5 }) };
        const answer = JSON.parse(body) as { items: unknown[]; total: number };
        console.log(
          `  ${county.label}: ${office.name} (${Number(office.n)} subjects in correction): first request (loads and judges the office) ${cold.toFixed(0)} ms; ` +
            `answer: ${answer.items.length} of ${answer.total} items, ${kb.toFixed(0)} KB gzip'd`,
        );
        const goal = GOALS[county.label] ?? 100;
        // Each user's first answer is computed for them; the measured runs start after one round.
        await Promise.all(sessions.map((s) => timed(base, s)));
        const reads = async (stop: () => boolean, path = "/api/today") => {
          const latencies: number[] = [];
          await Promise.all(
            sessions.map(async (s) => {
              for (let i = 0; i < REQUESTS_PER_USER && !stop(); i++)
                latencies.push(await timed(base, s, path));
            }),
          );
          return latencies;
        };
        await Promise.all(sessions.map((s) => timed(base, s, FLOOR_PATH))); // the floor's first round too
        const todayP95 = report(
          county.label,
          `Today, ${USERS} concurrent users`,
          await reads(() => false),
          goal,
        );
        const floorP95 = report(
          county.label,
          `floor (the same ${kb.toFixed(0)} KB from memory), ${USERS} concurrent users`,
          await reads(() => false, FLOOR_PATH),
          null,
        );
        reportRatio(county.label, "reads", todayP95, floorP95);
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
        const writesDuringToday = writes;
        const floorLatencies = await reads(() => false, FLOOR_PATH);
        done = true;
        await writing;
        const todayWritingP95 = report(
          county.label,
          `Today, ${USERS} concurrent users while ${writesDuringToday} checks were recorded`,
          latencies,
          goal,
        );
        const floorWritingP95 = report(
          county.label,
          `floor, ${USERS} concurrent users while ${writes - writesDuringToday} checks were recorded`,
          floorLatencies,
          null,
        );
        reportRatio(county.label, "while checks were recorded", todayWritingP95, floorWritingP95);
      } finally {
        await app.close();
      }
    }
  } finally {
    await closeCounties();
  }
}
