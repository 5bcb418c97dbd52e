// The demo's fictional geography. Codes follow the GB/T 2260 and township-code layout (province 99 is
// not assigned to any real province, so no code here matches a real division): county 990121,
// townships 9 digits (镇 codes 100–199 as in real tables), residents' committees 12 digits ending
// 001–199 and village committees 200–399. Coordinates are WGS-84 near a made-up county seat.
import type { Insertable } from "kysely";
import type { PlaceTable } from "../schema.ts";

export interface VillageDef {
  id: string;
  name: string;
  /** 社区 (streets with house numbers) or 村 (groups, 组). */
  urban: boolean;
  lon: number;
  lat: number;
}

export interface OfficeDef {
  id: string;
  /** 城关司法所 */
  name: string;
  /** 城关镇: the township the office serves, used in addresses. */
  town: string;
  /** Username prefix of the office's staff: `chengguan.head`. */
  prefix: string;
  /** Share of the county's subjects living here. */
  share: number;
  address: string;
  phone: string;
  /** Streets of the township's communities, for addresses. */
  streets: string[];
  villages: VillageDef[];
}

export interface CountyDef {
  id: string;
  /** 青禾县 */
  name: string;
  /** 青禾县社区矫正机构, the name of the county place (the agency). */
  agencyName: string;
  court: string;
  /** Court code in case numbers: （2025）禾0121刑初123号. */
  courtCode: string;
  address: string;
  phone: string;
  offices: OfficeDef[];
}

export const PROVINCE = { id: "990000", name: "禾川省", abbreviation: "禾" } as const;
export const CITY = { id: "990100", name: "云州市", court: "云州市中级人民法院", courtCode: "01" } as const;
export const PRISON_BUREAU = "禾川省监狱管理局";

/** The county seat the coordinates are drawn around (a spot with no real county seat of that name). */
export const COUNTY_CENTRE = { lon: 119.9, lat: 28.4 } as const;

export const MAIN_COUNTY: CountyDef = {
  id: "990121",
  name: "青禾县",
  agencyName: "青禾县社区矫正机构",
  court: "青禾县人民法院",
  courtCode: "0121",
  address: "青禾县城关镇青禾大道188号",
  phone: "68123348",
  offices: [
    {
      id: "990121100",
      name: "城关司法所",
      town: "城关镇",
      prefix: "chengguan",
      share: 0.45,
      address: "青禾县城关镇解放路56号",
      phone: "68125120",
      streets: ["解放路", "人民路", "中山路", "建设路", "文化路", "新华路", "环城东路", "青禾大道"],
      villages: [
        { id: "990121100001", name: "东门社区", urban: true, lon: 119.906, lat: 28.402 },
        { id: "990121100002", name: "西街社区", urban: true, lon: 119.893, lat: 28.399 },
        { id: "990121100003", name: "南苑社区", urban: true, lon: 119.901, lat: 28.391 },
        { id: "990121100201", name: "北山村", urban: false, lon: 119.898, lat: 28.418 },
        { id: "990121100202", name: "塘下村", urban: false, lon: 119.918, lat: 28.409 },
      ],
    },
    {
      id: "990121101",
      name: "河西镇司法所",
      town: "河西镇",
      prefix: "hexi",
      share: 0.3,
      address: "青禾县河西镇河西街18号",
      phone: "68214037",
      streets: ["河西街", "滨江路", "柳湾路", "兴业路"],
      villages: [
        { id: "990121101001", name: "河西社区", urban: true, lon: 119.861, lat: 28.411 },
        { id: "990121101201", name: "柳湾村", urban: false, lon: 119.848, lat: 28.423 },
        { id: "990121101202", name: "沙洲村", urban: false, lon: 119.852, lat: 28.398 },
        { id: "990121101203", name: "枫树岭村", urban: false, lon: 119.835, lat: 28.431 },
      ],
    },
    {
      id: "990121102",
      name: "桥头镇司法所",
      town: "桥头镇",
      prefix: "qiaotou",
      share: 0.25,
      address: "青禾县桥头镇新桥路9号",
      phone: "68352261",
      streets: ["新桥路", "桥头街", "龙潭路", "通济路"],
      villages: [
        { id: "990121102001", name: "桥头社区", urban: true, lon: 119.951, lat: 28.362 },
        { id: "990121102201", name: "石桥村", urban: false, lon: 119.962, lat: 28.371 },
        { id: "990121102202", name: "龙潭村", urban: false, lon: 119.944, lat: 28.349 },
        { id: "990121102203", name: "新塘村", urban: false, lon: 119.968, lat: 28.356 },
        { id: "990121102204", name: "上埠村", urban: false, lon: 119.937, lat: 28.366 },
      ],
    },
  ],
};

/** The neighbouring county: small, so that access-control tests can check nobody crosses counties. */
export const OTHER_COUNTY: CountyDef = {
  id: "990122",
  name: "石岭县",
  agencyName: "石岭县社区矫正机构",
  court: "石岭县人民法院",
  courtCode: "0122",
  address: "石岭县石岭镇府前路3号",
  phone: "69012210",
  offices: [
    {
      id: "990122100",
      name: "石岭镇司法所",
      town: "石岭镇",
      prefix: "shiling",
      share: 1,
      address: "石岭县石岭镇岭南路21号",
      phone: "69021185",
      streets: ["岭南路", "府前路", "溪口街"],
      villages: [
        { id: "990122100001", name: "石岭社区", urban: true, lon: 120.012, lat: 28.471 },
        { id: "990122100201", name: "岩下村", urban: false, lon: 120.024, lat: 28.483 },
        { id: "990122100202", name: "溪口村", urban: false, lon: 120.001, lat: 28.462 },
      ],
    },
  ],
};

/** Place rows, parents before children. */
export function placeRows(): Insertable<PlaceTable>[] {
  const rows: Insertable<PlaceTable>[] = [
    { id: PROVINCE.id, parent_id: null, kind: "province", name: PROVINCE.name, address: null, phone: null },
    { id: CITY.id, parent_id: PROVINCE.id, kind: "city", name: CITY.name, address: null, phone: null },
  ];
  for (const county of [MAIN_COUNTY, OTHER_COUNTY]) {
    rows.push({
      id: county.id,
      parent_id: CITY.id,
      kind: "county",
      name: county.agencyName,
      address: county.address,
      phone: county.phone,
    });
    for (const office of county.offices) {
      rows.push({
        id: office.id,
        parent_id: county.id,
        kind: "office",
        name: office.name,
        address: office.address,
        phone: office.phone,
      });
      for (const village of office.villages) {
        rows.push({
          id: village.id,
          parent_id: office.id,
          kind: "village",
          name: village.name,
          address: `${county.name}${office.town}${village.name}`,
          phone: null,
        });
      }
    }
  }
  return rows;
}
