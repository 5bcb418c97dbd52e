// What Today keeps in memory between requests, owned by the server (`app.today`, made in server.ts):
// the offices' states (office-state.ts), each feature's side items per user and query, and the last
// answer per user and query. One object per server rather than module variables, so that two servers
// in one process (tests, benchmarks) never share what one of them computed, and so that what is kept
// can be seen and cleared in one place. What was written is noted on the database handle instead
// (`db.writes`, db/write-notes.ts): the jobs and the command line write without a server.
import type { Db } from "../../db/connect.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { OfficeStates } from "./office-state.ts";
import type { SideArea } from "./write-areas.ts";

/** Cap on the answers and side items kept (one per user and query, and per feature). */
const MAX_KEPT = 2_000;

/** An answer of GET /api/today as sent (ready JSON), with the revision it was made for. */
export interface Answer {
  revision: string;
  validUntil: number;
  body: string;
  /** The body gzip'd once, for the many requests that accept it (an office's list is 100+ KB). */
  gzipped: Buffer | null;
}

interface SideEntry {
  version: number;
  readAt: number;
  asOf: number;
  items: Promise<unknown>;
}

export class TodayCache {
  readonly offices: OfficeStates;
  /** The last answer per user and query, being made or made; concurrent requests share one. */
  private readonly answers = new Map<string, { revision: string; answer: Promise<Answer> }>();
  private readonly sides = new Map<string, SideEntry>();
  /** How long side items are kept without a write here: other instances' writes, time passing. */
  private readonly sideRecheckMs: number;

  constructor(
    private readonly db: Db,
    policies: CountyPolicies,
  ) {
    this.offices = new OfficeStates(db, policies);
    this.sideRecheckMs = db.kind === "postgres" ? 2_000 : 60_000;
  }

  /**
   * One feature's side items for `key` (user, query, day, rules): read again after a write of their
   * area through this process, after `sideRecheckMs` (a cache age on the machine's clock, not business
   * time), or when the product clock went back. Concurrent callers share one read.
   */
  side<T>(key: string, area: SideArea, now: Date, read: () => Promise<T>): Promise<T> {
    const entryKey = `${key}|${area}`;
    const version = this.db.writes.version(area);
    const seen = this.sides.get(entryKey);
    if (
      seen &&
      seen.version === version &&
      Date.now() - seen.readAt < this.sideRecheckMs &&
      now.getTime() >= seen.asOf
    )
      return seen.items as Promise<T>;
    const items = read();
    if (this.sides.size >= MAX_KEPT) this.sides.clear();
    const entry = { version, readAt: Date.now(), asOf: now.getTime(), items };
    this.sides.set(entryKey, entry);
    items.catch(() => {
      if (this.sides.get(entryKey) === entry) this.sides.delete(entryKey);
    });
    return items;
  }

  /**
   * The answer for `key` made for `revision`: the one kept when it is still valid at `now`, else a new
   * one from `make` (kept, and shared with the requests that come while it is made).
   */
  async answer(key: string, revision: string, now: Date, make: () => Promise<Answer>): Promise<Answer> {
    const kept = this.answers.get(key);
    if (kept?.revision === revision) {
      const answer = await kept.answer.catch(() => null);
      if (answer && now.getTime() < answer.validUntil) return answer;
    }
    const latest = this.answers.get(key);
    if (latest && latest !== kept && latest.revision === revision) return latest.answer;
    const entry = { revision, answer: make() };
    this.answers.set(key, entry);
    if (this.answers.size > MAX_KEPT) this.answers.delete(this.answers.keys().next().value!);
    entry.answer.catch(() => {
      if (this.answers.get(key) === entry) this.answers.delete(key);
    });
    return entry.answer;
  }

  /** Forgets everything kept (a new holiday calendar, a restore). */
  clear(): void {
    this.offices.clear();
    this.answers.clear();
    this.sides.clear();
  }
}

declare module "fastify" {
  interface FastifyInstance {
    /** Today's states, side items and answers of this server (features/today/cache.ts). */
    today: TodayCache;
  }
}
