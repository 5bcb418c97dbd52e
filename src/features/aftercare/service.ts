// After-care of people leaving compulsory drug rehabilitation (后续照管, seed 003 三): a person from the
// rehab centre's monthly notice registered with the township's office, the phone and face-to-face
// follow-ups (with whether the person keeps abstinent and the help given), and the success-case file
// (成功戒毒典型). Each change is one transaction with its audit row; the agency assigns a person the
// exchange brought without an office.
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CareActor, CareContext, CareReceiver } from "../care/context.ts";
import { knownLinks } from "../care/known-person.ts";
import { checkedIdNumber, type PersonInput, shownPerson } from "../care/person.ts";
import { lockNoticeDay, type Received, samePerson } from "../care/same-notice.ts";
import { careScopeOf, inCareScope } from "../care/scope.ts";
import type { Aftercare } from "./tables.ts";
import "./tables.ts";

export interface CareNoticeInput extends PersonInput {
  /** Null: a notice from the exchange whose division code leads to no office, left to the agency. */
  officeId: string | null;
  rehabCentre: string;
  noticeMonth: string;
  releasedOn: string;
  keyPerson: boolean;
  /** The residence's division code the rehab centre named (exchange notices). */
  divisionCode?: string | null;
}

const audit = (
  trx: Kysely<Database>,
  actor: CareReceiver,
  action: string,
  row: { id: string; county_id: string; office_id: string | null },
  details: Record<string, unknown>,
) =>
  writeAudit(trx, actor.audit, {
    action,
    recordType: "aftercare",
    recordId: row.id,
    placeId: row.office_id ?? row.county_id,
    details,
  });

/**
 * Registers the persons of a rehab centre's notice, all or none (one transaction): one entered by hand,
 * or the month's notice sent by the centre through the exchange API (the partner recorded as its
 * maker; a person without an office when the division code leads to none). `field` names a person's
 * field in a refusal (the exchange sends a list).
 */
export async function receiveAftercare(
  ctx: CareContext,
  inputs: CareNoticeInput[],
  actor: CareReceiver,
  field: (index: number, name: string) => string = (_, name) => name,
): Promise<Received[]> {
  const thisMonth = cstDate(ctx.now).slice(0, 7);
  const idNumbers = inputs.map((input, i) => {
    if (input.noticeMonth > thisMonth) throw badInput(field(i, "noticeMonth"), "通知月份不能晚于本月");
    return checkedIdNumber(input, field(i, "idNumber"));
  });
  return ctx.db.transaction().execute(async (trx) => {
    // The same person from the same centre on the same day is the same notice sent again. The days'
    // locks are taken up front in order, so two notices of several days cannot wait on each other.
    for (const day of [...new Set(inputs.map((input) => input.releasedOn))].sort())
      await lockNoticeDay(trx, "aftercare", actor.countyId, day);
    const received: Received[] = [];
    for (const [i, input] of inputs.entries()) {
      const existing = await trx
        .selectFrom("aftercare")
        .select(["id", "office_id"])
        .where("county_id", "=", actor.countyId)
        .where("released_on", "=", input.releasedOn)
        .where("rehab_centre", "=", input.rehabCentre)
        .where(samePerson({ name: input.name, birthDate: input.birthDate, idNumber: idNumbers[i]! }))
        .orderBy("created_at")
        .executeTakeFirst();
      if (existing) {
        received.push({ id: existing.id, officeId: existing.office_id, duplicate: true });
        continue;
      }
      const row = await trx
        .insertInto("aftercare")
        .values({
          county_id: actor.countyId,
          office_id: input.officeId,
          name: input.name,
          gender: input.gender,
          birth_date: input.birthDate,
          id_number: idNumbers[i]!,
          address: input.address,
          rehab_centre: input.rehabCentre,
          notice_month: input.noticeMonth,
          released_on: input.releasedOn,
          key_person: input.keyPerson,
          division_code: input.divisionCode ?? null,
          created_by: "userId" in actor ? actor.userId : null,
          partner_id: "partnerId" in actor ? actor.partnerId : null,
          created_at: ctx.now,
        })
        .returning(["id", "county_id", "office_id"])
        .executeTakeFirstOrThrow();
      await audit(trx, actor, "aftercare.receive", row, {
        releasedOn: input.releasedOn,
        officeId: input.officeId,
        divisionCode: input.divisionCode ?? null,
      });
      received.push({ id: row.id, officeId: row.office_id, duplicate: false });
    }
    return received;
  });
}

/** The agency names the office of a person that came without one (checked to be the county's). */
export async function assignAftercare(ctx: CareContext, row: Aftercare, officeId: string, actor: CareActor) {
  if (row.office_id !== null) throw conflict("该后续照管对象已有负责的司法所");
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("aftercare")
      .set({ office_id: officeId })
      .where("id", "=", row.id)
      .where("office_id", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("该后续照管对象已有负责的司法所");
    await audit(trx, actor, "aftercare.assign", { ...row, office_id: officeId }, { officeId });
  });
}

export interface ContactInput {
  kind: "phone" | "visit";
  onDate: string;
  abstinent: boolean;
  content: string;
  help?: string | null;
}

export async function recordContact(ctx: CareContext, row: Aftercare, input: ContactInput, actor: CareActor) {
  if (input.onDate > cstDate(ctx.now)) throw badInput("onDate", "回访日期不能晚于今天");
  if (input.onDate < row.released_on) throw badInput("onDate", "回访日期不能早于解除戒毒的日期");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("aftercare_contact")
      .values({
        aftercare_id: row.id,
        kind: input.kind,
        on_date: input.onDate,
        abstinent: input.abstinent,
        content: input.content,
        help: input.help ?? null,
        by_user: actor.userId,
        at: ctx.now,
      })
      .execute();
    await audit(trx, actor, "aftercare.contact", row, { kind: input.kind, abstinent: input.abstinent });
  });
}

export async function markSuccessCase(ctx: CareContext, row: Aftercare, note: string, actor: CareActor) {
  if (row.success_case) throw conflict("已确立为成功戒毒典型");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("aftercare")
      .set({ success_case: true, success_note: note, success_on: cstDate(ctx.now) })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, actor, "aftercare.success", row, {});
  });
}

export async function aftercareInScope(db: Kysely<Database>, user: CurrentUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("后续照管对象");
  const row = await db.selectFrom("aftercare").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !inCareScope(user, row)) throw notFound("后续照管对象");
  return row;
}

/** The persons in the user's scope with their follow-ups (the page's, the ledger's, the indicators'). */
export async function aftercareRows(db: Kysely<Database>, user: CurrentUser, id?: string) {
  const scope = careScopeOf(user);
  if (!scope) return { persons: [], contacts: [] };
  let q = db
    .selectFrom("aftercare")
    .leftJoin("place as office", "office.id", "aftercare.office_id")
    .innerJoin("place as county", "county.id", "aftercare.county_id")
    .selectAll("aftercare")
    .select(["office.name as office_name", "county.name as county_name"])
    .where("aftercare.county_id", "=", scope.countyId);
  if (scope.officeId) q = q.where("aftercare.office_id", "=", scope.officeId);
  if (id) q = q.where("aftercare.id", "=", id);
  const persons = await q
    .orderBy("aftercare.released_on", "desc")
    .orderBy("aftercare.id")
    .limit(2000)
    .execute();
  const contacts = persons.length
    ? await db
        .selectFrom("aftercare_contact")
        .innerJoin("app_user", "app_user.id", "aftercare_contact.by_user")
        .selectAll("aftercare_contact")
        .select("app_user.display_name")
        .where(
          "aftercare_id",
          "in",
          persons.map((p) => p.id),
        )
        .orderBy("on_date")
        .orderBy("at")
        .execute()
    : [];
  return { persons, contacts };
}

export async function listAftercare(db: Kysely<Database>, user: CurrentUser, now: Date, id?: string) {
  const today = cstDate(now);
  const { persons, contacts } = await aftercareRows(db, user, id);
  const known = await knownLinks(db, user, "aftercare", persons);
  return persons.map((p) => {
    const mine = contacts.filter((c) => c.aftercare_id === p.id);
    return {
      id: p.id,
      office: p.office_id ? { id: p.office_id, name: p.office_name ?? "" } : null,
      /** Where else the county knows the person: under correction, earlier notices (by ID number). */
      known: known.get(p.id) ?? [],
      person: shownPerson(p, today),
      address: p.address,
      rehabCentre: p.rehab_centre,
      divisionCode: p.division_code,
      noticeMonth: p.notice_month,
      releasedOn: p.released_on,
      keyPerson: p.key_person,
      successCase: p.success_case,
      successNote: p.success_note,
      successOn: p.success_on,
      lastContactOn: mine.at(-1)?.on_date ?? null,
      abstinent: mine.at(-1)?.abstinent ?? null,
      contacts: mine.map((c) => ({
        id: c.id,
        kind: c.kind,
        onDate: c.on_date,
        abstinent: c.abstinent,
        content: c.content,
        help: c.help,
        by: c.display_name,
        at: cstIso(new Date(c.at)),
      })),
    };
  });
}
export type AftercareView = Awaited<ReturnType<typeof listAftercare>>[number];
