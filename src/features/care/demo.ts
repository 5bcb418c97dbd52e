// The demo county's investigation, resettlement and after-care, so that the pages are not empty and
// Today shows each kind: a commission near its due day at 城关 and one returned; released prisoners
// at different steps (one key person released this week, one placed, one whose notice just came);
// three persons under after-care, one followed up this month. Dates count back from `today`.
import type { Kysely } from "kysely";
import { compilePolicy, formatDate, getPolicy, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import "../aftercare/tables.ts";
import "../investigation/tables.ts";
import "../resettlement/tables.ts";

const day = (today: string, n: number) => formatDate(parseDate(today) + n);
/** Fixed ids, so that the demo gives the same rows every time (uuid form: the tables' key type). */
const demoId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export async function demoCare(trx: Kysely<Database>, countyId: string, today: string): Promise<void> {
  const offices = await trx
    .selectFrom("place")
    .select(["id", "name"])
    .where("parent_id", "=", countyId)
    .where("kind", "=", "office")
    .orderBy("id")
    .execute();
  const staff = await trx
    .selectFrom("app_user")
    .select("id")
    .where("username", "=", "agency.staff1")
    .executeTakeFirst();
  if (offices.length < 2 || !staff) return;
  const [first, second] = [offices[0]!.id, offices[1]!.id];
  const at = new Date(`${today}T08:30:00+08:00`);
  const rules = getPolicy().care.investigation;
  const workingDays = compilePolicy(getPolicy()).workingDays;
  const dueOn = (received: string, n: number) =>
    formatDate(workingDays.addWorkingDays(parseDate(received), n));

  const received = day(today, -12);
  const returnedFrom = day(today, -40);
  // Both commissions came from the county court, were registered and assigned by the agency.
  const commission = {
    county_id: countyId,
    court: "青禾县人民法院",
    proposed_type: "probation",
    received_by: staff.id,
    received_at: at,
    assigned_at: at,
    assigned_by: staff.id,
  } as const;
  const inv = await trx
    .insertInto("investigation")
    .values([
      {
        ...commission,
        id: demoId(1501),
        office_id: first,
        commission_no: "（2026）青法委调字第21号",
        procedure: "normal",
        received_on: received,
        due_on: dueOn(received, rules.withinWorkingDays),
        defendant_name: "许海东",
        gender: "male",
        birth_date: "1987-06-12",
        id_number: makeIdNumber("331127", "1987-06-12", 311),
        address: "青禾县城关镇南门街12号",
        charge: "危险驾驶罪",
        status: "assigned",
      },
      {
        ...commission,
        id: demoId(1502),
        office_id: second,
        commission_no: "（2026）青法委调字第17号",
        procedure: "expedited",
        received_on: returnedFrom,
        due_on: dueOn(returnedFrom, rules.expeditedWithinWorkingDays),
        defendant_name: "邵敏",
        gender: "female",
        birth_date: "1992-02-20",
        id_number: null,
        address: "青禾县石门乡上村5号",
        charge: "帮助信息网络犯罪活动罪",
        status: "returned",
        opinion: "suitable",
        reasons: "初犯，认罪认罚，家庭和村委会愿意协助监管",
        concluded_on: day(returnedFrom, 4),
        concluded_by: staff.id,
        returned_on: day(returnedFrom, 5),
        returned_by: staff.id,
      },
    ])
    .returning(["id", "status"])
    .execute();
  await trx
    .insertInto("investigation_note")
    .values(
      inv.map((i, n) => ({
        id: demoId(1511 + n),
        investigation_id: i.id,
        kind: "visit" as const,
        on_date: i.status === "returned" ? day(returnedFrom, 2) : day(today, -5),
        persons: "被告人家属、村（居）委会干部",
        findings: "居住地固定，家庭关系和睦，邻里评价一般",
        by_user: staff.id,
        at,
      })),
    )
    .execute();

  const person = (name: string, birth: string, seq: number) => ({
    name,
    gender: (seq % 2 === 1 ? "male" : "female") as "male" | "female",
    birth_date: birth,
    id_number: makeIdNumber("331127", birth, seq),
    address: "青禾县城关镇",
    county_id: countyId,
    created_by: staff.id,
    created_at: at,
  });
  // Notified `notice` days from today, verified and receipted two days later, picked up on release.
  const handedOver = (notice: number, release: number) => ({
    notice_on: day(today, notice),
    release_on: day(today, release),
    verified_on: day(today, notice + 2),
    receipt_sent_on: day(today, notice + 2),
    picked_up_on: day(today, release),
  });
  const released = await trx
    .insertInto("resettlement")
    .values([
      {
        ...person("钱国强", "1980-04-09", 401),
        ...handedOver(-35, -3),
        id: demoId(1521),
        office_id: first,
        prison: "省第二监狱",
        crime: "故意伤害罪",
        key_person: true,
        picked_up_by: "城关司法所所长",
      },
      {
        ...person("孙立平", "1976-11-30", 403),
        ...handedOver(-230, -200),
        id: demoId(1522),
        office_id: first,
        prison: "省第一监狱",
        crime: "盗窃罪",
        key_person: false,
        picked_up_by: "家属",
        risk_level: "low",
        risk_assessed_on: day(today, -196),
        team: "司法所1人、社工1人、家属2人",
        help_plan: "推荐就业，每季度回访",
        agreement_on: day(today, -190),
        placement: "employed",
        placed_on: day(today, -150),
        employment_service_on: day(today, -170),
      },
      {
        ...person("赵晓燕", "1990-07-15", 402),
        id: demoId(1523),
        office_id: second,
        prison: "省女子监狱",
        crime: "诈骗罪",
        release_on: day(today, 25),
        notice_on: day(today, -2),
        key_person: false,
      },
    ])
    .returning(["id", "release_on"])
    .execute();
  const placed = released.find((r) => r.release_on === day(today, -200))!;
  const followups: [number, string][] = [
    [-110, "在厂里上班，表现稳定"],
    [-20, "收入稳定，家庭和睦"],
  ];
  await trx
    .insertInto("resettlement_followup")
    .values(
      followups.map(([on, content], n) => ({
        id: demoId(1531 + n),
        resettlement_id: placed.id,
        on_date: day(today, on),
        content,
        by_user: staff.id,
        at,
      })),
    )
    .execute();

  const month = today.slice(0, 7);
  const cared = await trx
    .insertInto("aftercare")
    .values([
      {
        ...person("黄建军", "1984-03-03", 501),
        id: demoId(1541),
        office_id: first,
        rehab_centre: "省强制隔离戒毒所",
        notice_month: month,
        released_on: day(today, -10),
        key_person: true,
      },
      {
        ...person("周丽", "1991-09-09", 502),
        id: demoId(1542),
        office_id: first,
        rehab_centre: "省女子强制隔离戒毒所",
        notice_month: day(today, -120).slice(0, 7),
        released_on: day(today, -100),
        key_person: false,
      },
      {
        ...person("蒋伟", "1979-12-01", 503),
        id: demoId(1543),
        office_id: second,
        rehab_centre: "省强制隔离戒毒所",
        notice_month: day(today, -400).slice(0, 7),
        released_on: day(today, -380),
        key_person: false,
        success_case: true,
        success_note: "戒断一年以上，开办修车铺并带动两名戒毒人员就业",
        success_on: day(today, -30),
      },
    ])
    .returning(["id", "released_on"])
    .execute();
  await trx
    .insertInto("aftercare_contact")
    .values(
      cared
        .filter((c) => c.released_on < day(today, -50))
        .flatMap((c, n) =>
          (
            [
              ["visit", -60, "上门见面，情况稳定"],
              ["phone", -1, "电话回访，在家务工"],
            ] as const
          ).map(([kind, on, content], k) => ({
            id: demoId(1551 + 2 * n + k),
            aftercare_id: c.id,
            kind,
            on_date: day(today, on),
            abstinent: true,
            content,
            help: null,
            by_user: staff.id,
            at,
          })),
        ),
    )
    .execute();
}
