// Where a user stands in the place tree: their place and its county / office / village ancestors.

import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database, PlaceKind } from "../db/schema.ts";

export interface PlaceChain {
  place: { id: string; name: string; kind: PlaceKind };
  county: { id: string; name: string } | null;
  officeId: string | null;
  villageId: string | null;
}

export async function placeChain(db: Kysely<Database>, placeId: string): Promise<PlaceChain | null> {
  const { rows } = await sql<{ id: string; name: string; kind: PlaceKind; depth: number }>`
    with recursive chain as (
      select id, parent_id, name, kind, 0 as depth from place where id = ${placeId}
      union all
      select p.id, p.parent_id, p.name, p.kind, c.depth + 1 from place p join chain c on p.id = c.parent_id
    )
    select id, name, kind, depth from chain order by depth`.execute(db);
  const own = rows[0];
  if (!own) return null;
  const find = (kind: PlaceKind) => rows.find((row) => row.kind === kind);
  const county = find("county");
  return {
    place: { id: own.id, name: own.name, kind: own.kind },
    county: county ? { id: county.id, name: county.name } : null,
    officeId: find("office")?.id ?? null,
    villageId: find("village")?.id ?? null,
  };
}
