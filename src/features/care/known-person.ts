// A person of a prison's or a rehab centre's notice may already be known to the county: under
// correction now or before, or in an earlier resettlement or after-care record. The ID number finds
// them (a notice without one links to nothing: a name alone is not enough to say it is the same
// person). The links carry numbers, states and dates, never a name or an ID number, so a minor's
// identity shows nowhere it was masked before; the page opens a link only where the reader may go.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database, SubjectStatus } from "../../db/schema.ts";
import { inCareScope } from "./scope.ts";

export type KnownLink =
  | {
      kind: "subject";
      id: string;
      bookNumber: string | null;
      status: SubjectStatus;
      termEnd: string;
      reachable: boolean;
    }
  | { kind: "resettlement"; id: string; from: string; on: string; reachable: boolean }
  | { kind: "aftercare"; id: string; from: string; on: string; reachable: boolean };

/** The county's subject with this ID number: the one under correction, else the latest. */
export async function subjectOfIdNumber(
  db: Kysely<Database>,
  countyId: string,
  idNumber: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("subject")
    .select("id")
    .where("county_id", "=", countyId)
    .where("id_number", "=", idNumber)
    .orderBy((eb) => eb.case().when("status", "=", "in_correction").then(0).else(1).end())
    .orderBy("term_end", "desc")
    .executeTakeFirst();
  return row?.id ?? null;
}

interface CareRecord {
  id: string;
  county_id: string;
  id_number: string | null;
  /** The subject a resettlement record names (entered by hand or linked on receipt). */
  subject_id?: string | null;
}

/**
 * For each record of `kind`, the other places its person is known in the county: the subject (named
 * on the record or found by the ID number), and the other resettlement and after-care records of the
 * same ID number, latest first.
 */
export async function knownLinks(
  db: Kysely<Database>,
  user: CurrentUser,
  kind: "resettlement" | "aftercare",
  records: CareRecord[],
): Promise<Map<string, KnownLink[]>> {
  const out = new Map<string, KnownLink[]>(records.map((r) => [r.id, []]));
  const countyId = records[0]?.county_id;
  const numbers = [...new Set(records.flatMap((r) => (r.id_number ? [r.id_number] : [])))];
  const named = [...new Set(records.flatMap((r) => (r.subject_id ? [r.subject_id] : [])))];
  if (!countyId || (numbers.length === 0 && named.length === 0)) return out;

  const subjects = await db
    .selectFrom("subject")
    .select(["id", "county_id", "office_id", "id_number", "book_number", "status", "term_end"])
    .where("county_id", "=", countyId)
    .where((eb) =>
      eb.or([
        ...(numbers.length ? [eb("id_number", "in", numbers)] : []),
        ...(named.length ? [eb("id", "in", named)] : []),
      ]),
    )
    .orderBy("term_end", "desc")
    .execute();
  const [resettled, cared] = numbers.length
    ? await Promise.all([
        db
          .selectFrom("resettlement")
          .select(["id", "county_id", "office_id", "id_number", "prison as from", "release_on as on"])
          .where("county_id", "=", countyId)
          .where("id_number", "in", numbers)
          .orderBy("release_on", "desc")
          .execute(),
        db
          .selectFrom("aftercare")
          .select(["id", "county_id", "office_id", "id_number", "rehab_centre as from", "released_on as on"])
          .where("county_id", "=", countyId)
          .where("id_number", "in", numbers)
          .orderBy("released_on", "desc")
          .execute(),
      ])
    : [[], []];

  for (const record of records) {
    const links = out.get(record.id)!;
    for (const s of subjects)
      if (s.id === record.subject_id || (record.id_number && s.id_number === record.id_number))
        links.push({
          kind: "subject",
          id: s.id,
          bookNumber: s.book_number,
          status: s.status,
          termEnd: s.term_end,
          reachable: inCareScope(user, s),
        });
    if (!record.id_number) continue;
    for (const [linkKind, rows] of [
      ["resettlement", resettled],
      ["aftercare", cared],
    ] as const)
      for (const r of rows)
        if (r.id_number === record.id_number && !(linkKind === kind && r.id === record.id))
          links.push({
            kind: linkKind,
            id: r.id,
            from: r.from,
            on: r.on,
            reachable: inCareScope(user, r),
          });
  }
  return out;
}
