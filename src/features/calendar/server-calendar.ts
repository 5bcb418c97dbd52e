// The one place the server makes the engine's calendar: the notices loaded into this database (the
// highest version of each year), handed to every evaluation as `calendar` (core compilePolicy turns it,
// with the profile's shipped lists and the national rules, into working days). Held by the county
// policies of the server (`app.policies.calendar`) — not in module state — so each server, test and
// sweep has its own; a load through this server replaces it at once (`forget`), and another instance's
// load is noticed within RECHECK_MS by the table's highest id (the table is only ever appended to).
import { type Kysely, sql } from "kysely";
import type { LoadedCalendar } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { currentNotices } from "./notices.ts";
import "./tables.ts";

const RECHECK_MS = 30_000;

interface Known {
  calendar: LoadedCalendar;
  tip: number;
  checkedAt: number;
}

export class ServerCalendar {
  private known: Promise<Known> | undefined;

  constructor(private readonly k: Kysely<Database>) {}

  /**
   * The loaded notices, for `evaluateCase(…, { calendar })` and `evaluateOffice`. The same object is
   * returned until the notices change, so compiled policies and caches keyed by it last.
   */
  async current(): Promise<LoadedCalendar> {
    const entry = this.known;
    if (!entry) return (await this.reread()).calendar;
    const known = await entry;
    if (Date.now() - known.checkedAt < RECHECK_MS) return known.calendar; // cache age, not business time
    known.checkedAt = Date.now();
    if ((await this.tip()) === known.tip) return known.calendar;
    return (await this.reread()).calendar;
  }

  /** After a load: the next evaluation reads the notices again. */
  forget(): void {
    this.known = undefined;
  }

  private reread(): Promise<Known> {
    const next = (async () => {
      const tip = await this.tip();
      const notices = await currentNotices(this.k);
      return { calendar: Object.freeze({ notices }), tip, checkedAt: Date.now() };
    })();
    this.known = next;
    next.catch(() => {
      if (this.known === next) this.known = undefined;
    });
    return next;
  }

  private async tip(): Promise<number> {
    const row = await sql<{ tip: number | null }>`select max(id) as tip from calendar_notice`.execute(this.k);
    return Number(row.rows[0]?.tip ?? 0);
  }
}
