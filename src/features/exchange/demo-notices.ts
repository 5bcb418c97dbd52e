// The demo's prison and rehab centre as exchange partners, with the notices they sent: a pre-release
// notice that went to 河西镇司法所 by its village's code and one whose code names no office of the
// county (on the agency's Today to assign); a rehab centre's notice with a person for 桥头镇司法所 and one
// left to the agency. No live keys (as the court's: demo.ts). Fixed ids, dates from the demo's `today`.
import type { Kysely } from "kysely";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import "../aftercare/tables.ts";
import "../resettlement/tables.ts";
import "./tables.ts";

const day = (today: string, n: number) => formatDate(parseDate(today) + n);
/** Fixed ids in the care demo's uuid form, after its own (features/care/demo.ts). */
const demoId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export async function demoPartnerNotices(
  trx: Kysely<Database>,
  countyId: string,
  today: string,
  at: Date,
): Promise<void> {
  const offices = await trx
    .selectFrom("place")
    .select("id")
    .where("parent_id", "=", countyId)
    .where("kind", "=", "office")
    .orderBy("id")
    .execute();
  if (offices.length < 3) return;
  const prisonId = `demo-partner-${countyId}-prison`;
  const rehabId = `demo-partner-${countyId}-rehab`;
  await trx
    .insertInto("exchange_partner")
    .values([
      {
        id: prisonId,
        county_id: countyId,
        kind: "prison",
        name: "禾川省第二监狱",
        scopes: JSON.stringify(["release_notice", "status"]),
        created_by: null,
        created_at: at,
      },
      {
        id: rehabId,
        county_id: countyId,
        kind: "rehab",
        name: "禾川省强制隔离戒毒所",
        scopes: JSON.stringify(["rehab_notice"]),
        created_by: null,
        created_at: at,
      },
    ])
    .execute();
  // A township code the county's tree has no office for: the notice waits for the agency.
  const noOffice = `${countyId}199`;
  const person = (name: string, gender: "male" | "female", birth: string, seq: number, address: string) => ({
    name,
    gender,
    birth_date: birth,
    id_number: makeIdNumber(countyId, birth, seq),
    address,
    county_id: countyId,
    created_by: null,
    created_at: at,
  });
  await trx
    .insertInto("resettlement")
    .values([
      {
        ...person("马俊峰", "male", "1979-10-21", 611, "青禾县河西镇沙洲村2组"),
        id: demoId(1601),
        office_id: offices[1]!.id,
        partner_id: prisonId,
        division_code: `${offices[1]!.id}202`,
        prison: "禾川省第二监狱",
        crime: "诈骗罪",
        sentence: "有期徒刑四年",
        release_on: day(today, 20),
        notice_on: day(today, -3),
        key_person: false,
        verified_on: day(today, -2),
      },
      {
        ...person("曹永康", "male", "1988-04-17", 613, "青禾县白石乡"),
        id: demoId(1602),
        office_id: null,
        partner_id: prisonId,
        division_code: noOffice,
        prison: "禾川省第二监狱",
        crime: "寻衅滋事罪",
        sentence: "有期徒刑二年",
        release_on: day(today, 28),
        notice_on: day(today, -1),
        key_person: false,
      },
    ])
    .execute();
  await trx
    .insertInto("aftercare")
    .values([
      {
        ...person("田雪梅", "female", "1990-12-02", 622, "青禾县桥头镇石桥村"),
        id: demoId(1611),
        office_id: offices[2]!.id,
        partner_id: rehabId,
        division_code: `${offices[2]!.id}201`,
        rehab_centre: "禾川省强制隔离戒毒所",
        notice_month: today.slice(0, 7),
        released_on: day(today, -6),
        key_person: false,
      },
      {
        ...person("邱海", "male", "1985-06-30", 615, "青禾县白石乡"),
        id: demoId(1612),
        office_id: null,
        partner_id: rehabId,
        division_code: noOffice,
        rehab_centre: "禾川省强制隔离戒毒所",
        notice_month: today.slice(0, 7),
        released_on: day(today, -4),
        key_person: false,
      },
    ])
    .execute();
}
