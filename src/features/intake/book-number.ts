// The book's unified number (统一编号): per county and year, consecutive, no gaps and no repeats even
// when several staff register at once. The number is drawn from `book_counter` with
// `update … set last = last + 1 … returning` inside the registration's own transaction: the row lock
// makes concurrent registrations wait for each other, and a rolled-back registration gives its
// number back. The format is configuration (ONEBOOK_BOOK_NUMBER_FORMAT).
import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import "./tables.ts";

/** `{county}`, `{year}` and `{seq:N}` (the sequence, zero-padded to N digits; `{seq}` unpadded). */
export const DEFAULT_BOOK_NUMBER_FORMAT = "{county}-{year}-{seq:4}";

const TOKEN = /\{(county|year|seq)(?::(\d{1,2}))?\}/g;

export class BookNumberFormatError extends Error {}

/** Checks a format: it must contain the sequence, and the county and the year (numbers are per both). */
export function checkBookNumberFormat(format: string): string {
  const tokens = [...format.matchAll(TOKEN)].map((m) => m[1]);
  for (const needed of ["county", "year", "seq"]) {
    if (tokens.filter((t) => t === needed).length !== 1)
      throw new BookNumberFormatError(
        `工作记录本编号格式 "${format}" 应恰好包含一次 {${needed}}（例如 ${DEFAULT_BOOK_NUMBER_FORMAT}）`,
      );
  }
  return format;
}

export function formatBookNumber(format: string, county: string, year: number, seq: number): string {
  return format.replace(TOKEN, (_, name: string, width?: string) => {
    if (name === "county") return county;
    if (name === "year") return String(year);
    return width ? String(seq).padStart(Number(width), "0") : String(seq);
  });
}

/** A regular expression that matches this county's numbers of this year and captures the sequence. */
export function bookNumberPattern(format: string, county: string, year: number): RegExp {
  let pattern = "";
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    pattern += escapeRegExp(format.slice(last, match.index));
    const [, name, width] = match;
    if (name === "county") pattern += escapeRegExp(county);
    else if (name === "year") pattern += String(year);
    else pattern += width ? `(\\d{${width},})` : "(\\d+)";
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += escapeRegExp(format.slice(last));
  return new RegExp(`^${pattern}$`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The next number for (county, year), inside `trx`. The first use of a counter seeds it from the
 * numbers already given (the demo county's, or those of an earlier system) in that format.
 */
export async function nextBookNumber(
  trx: Transaction<Database>,
  format: string,
  countyId: string,
  year: number,
): Promise<string> {
  const existing = await trx
    .selectFrom("book_counter")
    .select("last")
    .where("county_id", "=", countyId)
    .where("year", "=", year)
    .executeTakeFirst();
  if (!existing) {
    const pattern = bookNumberPattern(format, countyId, year);
    const numbers = await trx
      .selectFrom("subject")
      .select("book_number")
      .where("county_id", "=", countyId)
      .where("book_number", "is not", null)
      .execute();
    let max = 0;
    for (const row of numbers) {
      const match = row.book_number ? pattern.exec(row.book_number) : null;
      if (match) max = Math.max(max, Number(match[1]));
    }
    // Two first registrations at once: one insert wins, the other changes nothing; both then take
    // the row lock below in turn.
    await trx
      .insertInto("book_counter")
      .values({ county_id: countyId, year, last: max })
      .onConflict((oc) => oc.columns(["county_id", "year"]).doNothing())
      .execute();
  }
  const row = await trx
    .updateTable("book_counter")
    .set({ last: sql`last + 1` })
    .where("county_id", "=", countyId)
    .where("year", "=", year)
    .returning("last")
    .executeTakeFirstOrThrow();
  return formatBookNumber(format, countyId, year, row.last);
}
