// The zones of each county in memory with a spatial index over the prohibited zones, so that judging a
// report looks only at the zones near it: with 10,000 zones in a county a report costs about what it
// costs with 10 (bench/location.bench.ts). One object per server (or per sweep / bench), no module
// state; rebuilt when this process changes a county's zones, and when another process has (the
// county's zone count and last change are looked at again after `recheckMs`). The county's loaded
// division boundaries (leave destinations, division-boundaries.ts) are kept with them.
import Flatbush from "flatbush";
import { sql } from "kysely";
import type { Db } from "../../db/connect.ts";
import { type DivisionBoundary, destinationBoundary } from "./division-boundaries.ts";
import type { ZoneCircle, ZoneGeometry, ZoneKind } from "./tables.ts";
import { zoneBox } from "./zone-geometry.ts";
import "./tables.ts";

export interface Zone {
  id: string;
  kind: ZoneKind;
  name: string;
  geometry: ZoneGeometry | null;
  circle: ZoneCircle | null;
  version: number;
  subjectIds: string[];
  categories: string[];
}

/** Who a prohibited zone is judged for: named persons, crime categories; neither: everyone in the county. */
export function zoneApplies(zone: Zone, subject: { id: string; categories: readonly string[] }): boolean {
  if (zone.subjectIds.length === 0 && zone.categories.length === 0) return true;
  return zone.subjectIds.includes(subject.id) || zone.categories.some((c) => subject.categories.includes(c));
}

export class CountyZones {
  private readonly index: Flatbush | null;
  private readonly divisions: ReadonlyMap<string, DivisionBoundary>;

  constructor(
    readonly execution: Zone | null,
    readonly prohibited: Zone[],
    readonly stamp: string,
    divisions: readonly DivisionBoundary[] = [],
  ) {
    this.divisions = new Map(divisions.map((d) => [d.code, d]));
    if (prohibited.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(prohibited.length);
    for (const zone of prohibited) {
      const [minX, minY, maxX, maxY] = zoneBox(zone) as [number, number, number, number];
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    this.index = index;
  }

  /** A leave destination's area (its division's boundary, or an enclosing one's), or null when not loaded. */
  destinationArea(code: string): DivisionBoundary | null {
    return destinationBoundary(code, this.divisions);
  }

  /** The prohibited zones applying to a person whose boxes meet `box` ([minLon, minLat, maxLon, maxLat]). */
  prohibitedNear(box: readonly number[], subject: { id: string; categories: readonly string[] }): Zone[] {
    if (!this.index) return [];
    const [minX, minY, maxX, maxY] = box as [number, number, number, number];
    return this.index
      .search(minX, minY, maxX, maxY)
      .map((i) => this.prohibited[i] as Zone)
      .filter((z) => zoneApplies(z, subject));
  }
}

export class ZoneIndex {
  private readonly counties = new Map<string, { zones: Promise<CountyZones>; checkedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly recheckMs = 5_000,
  ) {}

  forCounty(countyId: string): Promise<CountyZones> {
    const entry = this.counties.get(countyId);
    const nowMs = Date.now(); // cache age, not a business time
    if (entry && nowMs - entry.checkedAt < this.recheckMs) return entry.zones;
    const zones = entry
      ? entry.zones.then(async (current) =>
          (await this.stampOf(countyId)) === current.stamp ? current : this.load(countyId),
        )
      : this.load(countyId);
    const next = { zones, checkedAt: nowMs };
    this.counties.set(countyId, next);
    zones.catch(() => {
      if (this.counties.get(countyId) === next) this.counties.delete(countyId);
    });
    return zones;
  }

  /** After a change of the county's zones by this process. */
  invalidate(countyId: string): void {
    this.counties.delete(countyId);
  }

  private async stampOf(countyId: string): Promise<string> {
    const row = await sql<{ n: number; at: Date | null }>`select sum(n)::int as n, max(at) as at from (
        select count(*) as n, max(changed_at) as at from location_zone where county_id = ${countyId}
        union all
        select count(*) as n, max(changed_at) as at from division_boundary where county_id = ${countyId}
      ) both_tables`.execute(this.db.kysely);
    const r = row.rows[0];
    return `${r?.n ?? 0}|${r?.at ? new Date(r.at).getTime() : 0}`;
  }

  private async load(countyId: string): Promise<CountyZones> {
    const stamp = await this.stampOf(countyId);
    const rows = await this.db.kysely
      .selectFrom("location_zone")
      .selectAll()
      .where("county_id", "=", countyId)
      .where("retired_at", "is", null)
      .orderBy("id")
      .execute();
    const zones: Zone[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      geometry: r.geometry,
      circle: r.circle,
      version: r.version,
      subjectIds: r.subject_ids,
      categories: r.categories,
    }));
    const divisions = await this.db.kysely
      .selectFrom("division_boundary")
      .select(["code", "name", "geometry"])
      .where("county_id", "=", countyId)
      .where("retired_at", "is", null)
      .execute();
    return new CountyZones(
      zones.find((z) => z.kind === "execution") ?? null,
      zones.filter((z) => z.kind === "prohibited"),
      stamp,
      divisions,
    );
  }
}
