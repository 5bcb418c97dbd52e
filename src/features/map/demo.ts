// The demo county's zones, so that a new user sees a map: 青禾县's boundary (the place of execution; the
// demo's villages, homes and work places lie inside, the neighbouring 石岭县 outside) and one prohibited
// zone, a card room in 城关, for persons convicted of gambling or of running a casino (禁止令).
// Coordinates are WGS-84 around the demo's county centre (db/demo/places.ts).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import "../location/tables.ts";

/** 青禾县's outline (a simplified polygon, closed). */
export const DEMO_COUNTY_OUTLINE: [number, number][] = [
  [119.78, 28.31],
  [119.9, 28.3],
  [120.0, 28.32],
  [120.005, 28.4],
  [119.99, 28.445],
  [119.93, 28.465],
  [119.84, 28.47],
  [119.79, 28.44],
  [119.77, 28.37],
  [119.78, 28.31],
];

export const DEMO_PROHIBITED_ZONE = { center: [119.912, 28.394] as [number, number], radiusM: 150 };

export async function demoZones(trx: Kysely<Database>, countyId: string, today: string): Promise<void> {
  const createdAt = new Date(`${today}T08:00:00+08:00`);
  await trx
    .insertInto("location_zone")
    .values([
      {
        id: `${countyId}-execution-1`,
        county_id: countyId,
        kind: "execution",
        name: "青禾县行政区域",
        geometry: JSON.stringify({ type: "Polygon", coordinates: [DEMO_COUNTY_OUTLINE] }),
        circle: null,
        created_at: createdAt,
      },
      {
        id: `${countyId}-prohibited-1`,
        county_id: countyId,
        kind: "prohibited",
        name: "城关某棋牌室",
        geometry: null,
        circle: JSON.stringify(DEMO_PROHIBITED_ZONE),
        categories: JSON.stringify(["gambling", "casino"]),
        created_at: createdAt,
      },
    ])
    .execute();
}

/**
 * Fictional neighbours' boundaries (simple polygons around 青禾县, WGS-84), loaded as the agency loads
 * division boundaries: a leave to one of them is judged against its area (features/location).
 */
export const DEMO_NEIGHBOUR_BOUNDARIES: { code: string; name: string; ring: [number, number][] }[] = [
  {
    code: "990122",
    name: "石岭县",
    ring: [
      [120.0, 28.32],
      [120.18, 28.3],
      [120.22, 28.45],
      [120.1, 28.56],
      [119.95, 28.55],
      [119.93, 28.465],
      [119.99, 28.445],
      [120.005, 28.4],
      [120.0, 28.32],
    ],
  },
  {
    code: "990123",
    name: "望江县",
    ring: [
      [119.76, 28.18],
      [120.02, 28.17],
      [120.0, 28.32],
      [119.9, 28.3],
      [119.78, 28.31],
      [119.76, 28.18],
    ],
  },
  {
    code: "990124",
    name: "临江县",
    ring: [
      [119.6, 28.3],
      [119.78, 28.31],
      [119.77, 28.37],
      [119.79, 28.44],
      [119.84, 28.47],
      [119.65, 28.52],
      [119.6, 28.3],
    ],
  },
];

export async function demoDivisionBoundaries(
  trx: Kysely<Database>,
  countyId: string,
  today: string,
): Promise<void> {
  const createdAt = new Date(`${today}T08:00:00+08:00`);
  await trx
    .insertInto("division_boundary")
    .values(
      DEMO_NEIGHBOUR_BOUNDARIES.map((b) => ({
        id: `${countyId}-division-${b.code}`,
        county_id: countyId,
        code: b.code,
        name: b.name,
        geometry: JSON.stringify({ type: "Polygon", coordinates: [b.ring] }),
        created_at: createdAt,
        changed_at: createdAt,
      })),
    )
    .execute();
}
