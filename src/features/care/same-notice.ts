// A partner may send the same notice again — a retry after a timeout, or a re-signed resend of the
// same person and date — and a notice entered by hand may already have come through the exchange.
// The person is the same when the ID number matches, or, where either notice lacks one, the name and
// birth date do (two people of one name and birth date differ by their ID numbers). The check and the
// insert run under a transaction-scoped advisory lock on the notice's date, so two copies arriving at
// once still make one record.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

export interface NoticePerson {
  name: string;
  birthDate: string;
  /** As stored (checked, upper case), or null. */
  idNumber: string | null;
}

/** A notice received: its record, and whether that record was there already (the same notice again). */
export interface Received {
  id: string;
  officeId: string | null;
  duplicate: boolean;
}

/** Serialises the receipts of one kind of notice for one county and day (until the transaction ends). */
export async function lockNoticeDay(trx: Kysely<Database>, kind: string, countyId: string, day: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`${kind}:${countyId}:${day}`}))`.execute(trx);
}

/** The condition on a care table's row (resettlement, aftercare) that its person is `person`. */
export function samePerson(person: NoticePerson) {
  const named = sql<boolean>`(name = ${person.name} and birth_date = ${person.birthDate})`;
  return person.idNumber
    ? sql<boolean>`(id_number = ${person.idNumber} or (id_number is null and ${named}))`
    : named;
}
