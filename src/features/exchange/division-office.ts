// Which office a partner's notice belongs to. A prison or a rehab centre names the person's residence
// (户籍地 / 居住地) by its division code, never by our office ids; the place tree (migration 001) keeps
// the county as a six-digit code, its judicial offices as the township's code (nine digits, or code +
// suffix) and their villages below them (twelve digits). A code is read as the statistical division
// codes are written: six, nine or twelve digits, trailing zero groups naming the level above
// (990121100000 is the township 990121100). The longest known place of the partner's county the code
// starts with gives the office (a village gives its office); none — the county itself, a township
// without an office here, a code of another county — leaves the notice with the agency to assign.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The code without the trailing zero groups, and its shorter prefixes down to the township. */
export function divisionCandidates(code: string): string[] {
  let c = code;
  while (c.length > 6 && c.endsWith("000")) c = c.slice(0, -3);
  const out: string[] = [];
  for (let n = c.length; n > 6; n -= 3) out.push(c.slice(0, n));
  return out;
}

export interface NoticeOffice {
  id: string;
  name: string;
}

/** The office of the county that the division code leads to, or null (the agency assigns it). */
export async function officeOfDivision(
  db: Kysely<Database>,
  countyId: string,
  code: string,
): Promise<NoticeOffice | null> {
  const candidates = divisionCandidates(code);
  if (candidates.length === 0) return null;
  const rows = await db
    .selectFrom("place")
    .innerJoin("place as office", (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb("place.kind", "=", "office"), eb("office.id", "=", eb.ref("place.id"))]),
          eb.and([eb("place.kind", "=", "village"), eb("office.id", "=", eb.ref("place.parent_id"))]),
        ]),
      ),
    )
    .select(["place.id as place_id", "office.id", "office.name"])
    .where("place.id", "in", candidates)
    .where("office.kind", "=", "office")
    .where("office.parent_id", "=", countyId)
    .execute();
  const best = rows.sort((a, b) => b.place_id.length - a.place_id.length)[0];
  return best ? { id: best.id, name: best.name } : null;
}
