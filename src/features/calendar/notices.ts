// The loaded State Council notices: reading the current one of each year, loading a new version
// (validated, audited, in one transaction), and the overview of which years the engine knows and
// from where. Used by `onebook calendar load` and the console's calendar screen alike.
import { type Kysely, sql } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import {
  type CalendarNotice,
  type CalendarYearSource,
  getPolicy,
  type NoticeProblem,
  parseCalendarNotice,
  WorkingDayCalendar,
} from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import "./tables.ts";

export interface StoredNotice extends CalendarNotice {
  id: number;
  version: number;
  fileName: string;
  loadedByName: string;
  loadedAt: Date;
}

type NoticeRow = {
  id: number;
  year: number;
  version: number;
  source: string;
  holidays: string[];
  workdays: string[];
  file_name: string;
  loaded_by_name: string;
  loaded_at: Date;
};

const toNotice = (r: NoticeRow): StoredNotice => ({
  id: r.id,
  year: r.year,
  version: r.version,
  source: r.source,
  holidays: r.holidays,
  workdays: r.workdays,
  fileName: r.file_name,
  loadedByName: r.loaded_by_name,
  loadedAt: r.loaded_at,
});

/** Every loaded version, newest first. */
export async function noticeHistory(k: Kysely<Database>): Promise<StoredNotice[]> {
  const rows = await k
    .selectFrom("calendar_notice")
    .selectAll()
    .orderBy("year", "desc")
    .orderBy("version", "desc")
    .execute();
  return rows.map(toNotice);
}

/** The highest version of each year, by year. */
export async function currentNotices(k: Kysely<Database>): Promise<StoredNotice[]> {
  const rows = await k
    .selectFrom("calendar_notice as n")
    .selectAll("n")
    .where(({ eb, selectFrom }) =>
      eb(
        "n.version",
        "=",
        selectFrom("calendar_notice as m")
          .select(({ fn }) => fn.max("m.version").as("v"))
          .whereRef("m.year", "=", "n.year"),
      ),
    )
    .orderBy("n.year")
    .execute();
  return rows.map(toNotice);
}

export type LoadOutcome = { ok: true; notice: StoredNotice } | { ok: false; problem: NoticeProblem };

/**
 * Validates `data` as a notice and stores it as the next version of its year, with an audit row, in
 * one transaction. Nothing is written when the notice is refused.
 */
export async function loadNotice(
  k: Kysely<Database>,
  data: unknown,
  fileName: string,
  actor: Actor,
  now: Date,
  placeId?: string,
): Promise<LoadOutcome> {
  const parsed = parseCalendarNotice(data);
  if (!parsed.ok) return parsed;
  const notice = parsed.value;
  const stored = await k.transaction().execute(async (trx) => {
    // Loads are rare: one at a time keeps the versions of a year consecutive.
    await sql`lock table calendar_notice in share row exclusive mode`.execute(trx);
    const last = await trx
      .selectFrom("calendar_notice")
      .select(({ fn }) => fn.max("version").as("v"))
      .where("year", "=", notice.year)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto("calendar_notice")
      .values({
        year: notice.year,
        version,
        source: notice.source,
        holidays: JSON.stringify(notice.holidays),
        workdays: JSON.stringify(notice.workdays),
        file_name: fileName,
        loaded_by: actor.id,
        loaded_by_name: actor.name ?? "系统",
        loaded_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: "calendar.load",
      recordType: "calendar_notice",
      recordId: String(row.id),
      ...(placeId ? { placeId } : {}),
      details: {
        year: notice.year,
        version,
        source: notice.source,
        fileName,
        holidays: notice.holidays.length,
        workdays: notice.workdays.length,
      },
    });
    return toNotice(row as NoticeRow);
  });
  return { ok: true, notice: stored };
}

export interface YearCoverage {
  year: number;
  source: CalendarYearSource;
  reference: string;
  holidays: string[];
  workdays: string[];
  /** For a loaded notice: its version, file and who loaded it when. */
  loaded: { version: number; fileName: string; loadedByName: string; loadedAt: Date } | null;
}

/**
 * The years from `fromYear` to `toYear` as the engine sees them with these notices: a loaded notice,
 * the calendar shipped with the program, or derived from the national rules (provisional).
 */
export function coverage(notices: readonly StoredNotice[], fromYear: number, toYear: number): YearCoverage[] {
  // The default profile's shipped holiday lists, not a county's: the holiday calendar is national (the
  // State Council's notices, loaded once for the whole database), so every county shares these years.
  const shipped = getPolicy().calendar;
  const calendar = new WorkingDayCalendar(
    shipped.holidays,
    shipped.adjustedWorkdays,
    notices,
    shipped.source,
  );
  const byYear = new Map(notices.map((n) => [n.year, n]));
  const out: YearCoverage[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const c = calendar.year(y);
    const n = byYear.get(y);
    out.push({
      year: y,
      source: c.source,
      reference: c.reference,
      holidays: c.holidays,
      workdays: c.workdays,
      loaded:
        c.source === "notice" && n
          ? { version: n.version, fileName: n.fileName, loadedByName: n.loadedByName, loadedAt: n.loadedAt }
          : null,
    });
  }
  return out;
}

/**
 * The agency's task "载入下一年度节假日安排": from 1 November (CST) of year Y while year Y+1 is neither
 * loaded nor shipped (due at the end of Y), and at once when the current year itself is not
 * (overdue since the end of the year before). Null when nothing is missing.
 */
export function calendarTask(
  notices: readonly CalendarNotice[],
  today: string,
): { year: number; dueBy: string; overdue: boolean } | null {
  // The default profile's shipped lists: the calendar is national and the task is one for the whole
  // database (see `coverage`), whichever county's rules run elsewhere.
  const shipped = getPolicy().calendar;
  const calendar = new WorkingDayCalendar(
    shipped.holidays,
    shipped.adjustedWorkdays,
    notices,
    shipped.source,
  );
  const year = Number(today.slice(0, 4));
  if (calendar.isProvisional(year)) return { year, dueBy: `${year - 1}-12-31T23:59:59+08:00`, overdue: true };
  if (today.slice(5) >= "11-01" && calendar.isProvisional(year + 1))
    return { year: year + 1, dueBy: `${year}-12-31T23:59:59+08:00`, overdue: false };
  return null;
}
