// Resettlement of released prisoners (安置帮教, seed 003 二): a person from the prison's pre-release
// notice, each step of the hand-over recorded once with its day (verification, receipt, pick-up at
// the gate, risk assessment, the 帮教 team with its plan and agreement, placement, employment
// service, reoffending), and the follow-ups for the profile's years after the release. Each change is
// one transaction with its audit row.
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { addMonths, formatDate, parseDate } from "../../core/index.ts";
import type { CareRules } from "../../core/policy/care-rules.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CareActor, CareContext, CareReceiver } from "../care/context.ts";
import { knownLinks, subjectOfIdNumber } from "../care/known-person.ts";
import { checkedIdNumber, type PersonInput, shownPerson } from "../care/person.ts";
import { lockNoticeDay, type Received, samePerson } from "../care/same-notice.ts";
import { careScopeOf, inCareScope } from "../care/scope.ts";
import type { PLACEMENTS, Resettlement, RISK_LEVELS } from "./tables.ts";
import "./tables.ts";

export interface NoticeInput extends PersonInput {
  /** Null: a notice from the exchange whose division code leads to no office, left to the agency. */
  officeId: string | null;
  subjectId?: string | null;
  prison: string;
  crime: string;
  /** 原判刑期 (the exchange's notices carry it). */
  sentence?: string | null;
  releaseOn: string;
  noticeOn: string;
  keyPerson: boolean;
  /** The residence's division code the prison named (exchange notices). */
  divisionCode?: string | null;
}

const audit = (
  trx: Kysely<Database>,
  actor: CareReceiver,
  action: string,
  row: { id: string; county_id: string; office_id: string | null; subject_id: string | null },
  details: Record<string, unknown>,
) =>
  writeAudit(trx, actor.audit, {
    action,
    recordType: "resettlement",
    recordId: row.id,
    subjectId: row.subject_id ?? undefined,
    placeId: row.office_id ?? row.county_id,
    details,
  });

/**
 * Receives a prison's pre-release notice: entered by hand, or sent by the prison through the exchange
 * API (the partner recorded as its maker; without an office when its division code leads to none).
 * The same person's notice for the same release day is stored once: the existing record is answered
 * (same-notice.ts). A person once under correction in the county is linked by the ID number.
 */
export async function receiveResettlement(
  ctx: CareContext,
  input: NoticeInput,
  actor: CareReceiver,
): Promise<Received> {
  if (input.noticeOn > cstDate(ctx.now)) throw badInput("noticeOn", "收到通知日期不能晚于今天");
  const idNumber = checkedIdNumber(input);
  return ctx.db.transaction().execute(async (trx) => {
    await lockNoticeDay(trx, "resettlement", actor.countyId, input.releaseOn);
    const existing = await trx
      .selectFrom("resettlement")
      .select(["id", "office_id"])
      .where("county_id", "=", actor.countyId)
      .where("release_on", "=", input.releaseOn)
      .where(samePerson({ name: input.name, birthDate: input.birthDate, idNumber }))
      .orderBy("created_at")
      .executeTakeFirst();
    if (existing) return { id: existing.id, officeId: existing.office_id, duplicate: true };
    const subjectId =
      input.subjectId ?? (idNumber ? await subjectOfIdNumber(trx, actor.countyId, idNumber) : null);
    const row = await trx
      .insertInto("resettlement")
      .values({
        county_id: actor.countyId,
        office_id: input.officeId,
        subject_id: subjectId,
        name: input.name,
        gender: input.gender,
        birth_date: input.birthDate,
        id_number: idNumber,
        address: input.address,
        prison: input.prison,
        crime: input.crime,
        sentence: input.sentence ?? null,
        release_on: input.releaseOn,
        notice_on: input.noticeOn,
        key_person: input.keyPerson,
        division_code: input.divisionCode ?? null,
        created_by: "userId" in actor ? actor.userId : null,
        partner_id: "partnerId" in actor ? actor.partnerId : null,
        created_at: ctx.now,
      })
      .returning(["id", "county_id", "office_id", "subject_id"])
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "resettlement.receive", row, {
      releaseOn: input.releaseOn,
      keyPerson: input.keyPerson,
      officeId: input.officeId,
      divisionCode: input.divisionCode ?? null,
      subjectId,
    });
    return { id: row.id, officeId: row.office_id, duplicate: false };
  });
}

/** The agency names the office of a notice that came without one (checked to be the county's). */
export async function assignResettlement(
  ctx: CareContext,
  row: Resettlement,
  officeId: string,
  actor: CareActor,
) {
  if (row.office_id !== null) throw conflict("该刑满释放人员已有负责帮教的司法所");
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("resettlement")
      .set({ office_id: officeId })
      .where("id", "=", row.id)
      .where("office_id", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict("该刑满释放人员已有负责帮教的司法所");
    await audit(trx, actor, "resettlement.assign", { ...row, office_id: officeId }, { officeId });
  });
}

export type StepInput =
  | { step: "verify" | "receipt" | "employment_service" | "reoffence"; on: string }
  | { step: "pickup"; on: string; by: string }
  | { step: "risk"; on: string; level: (typeof RISK_LEVELS)[number] }
  | { step: "help_plan"; on: string; team: string; plan: string }
  | { step: "placement"; on: string; placement: (typeof PLACEMENTS)[number] };

/** The columns a step sets, and the one that says it was done. */
function stepColumns(input: StepInput) {
  switch (input.step) {
    case "verify":
      return { done: "verified_on", set: { verified_on: input.on } } as const;
    case "receipt":
      return { done: "receipt_sent_on", set: { receipt_sent_on: input.on } } as const;
    case "pickup":
      return { done: "picked_up_on", set: { picked_up_on: input.on, picked_up_by: input.by } } as const;
    case "risk":
      return {
        done: "risk_assessed_on",
        set: { risk_assessed_on: input.on, risk_level: input.level },
      } as const;
    case "help_plan":
      return {
        done: "agreement_on",
        set: { agreement_on: input.on, team: input.team, help_plan: input.plan },
      } as const;
    case "placement":
      return { done: "placed_on", set: { placed_on: input.on, placement: input.placement } } as const;
    case "employment_service":
      return { done: "employment_service_on", set: { employment_service_on: input.on } } as const;
    case "reoffence":
      return { done: "reoffended_on", set: { reoffended_on: input.on } } as const;
  }
}

/** Steps that happen at or after the release; the others before it (from the notice on). */
const AFTER_RELEASE = new Set([
  "pickup",
  "risk",
  "help_plan",
  "placement",
  "employment_service",
  "reoffence",
]);

export async function recordStep(ctx: CareContext, row: Resettlement, input: StepInput, actor: CareActor) {
  if (input.on > cstDate(ctx.now)) throw badInput("on", "日期不能晚于今天");
  if (input.on < row.notice_on) throw badInput("on", "日期不能早于收到预释放通知的日期");
  if (AFTER_RELEASE.has(input.step) && input.on < row.release_on)
    throw badInput("on", "该事项应在释放之日或以后办理");
  const { done, set } = stepColumns(input);
  if (row[done] !== null) throw conflict("该事项已登记");
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("resettlement").set(set).where("id", "=", row.id).where(done, "is", null).execute();
    await audit(trx, actor, "resettlement.step", row, { step: input.step, on: input.on });
  });
}

export async function addFollowup(
  ctx: CareContext,
  row: Resettlement,
  input: { onDate: string; content: string },
  actor: CareActor,
) {
  if (input.onDate > cstDate(ctx.now)) throw badInput("onDate", "回访日期不能晚于今天");
  if (input.onDate < row.release_on) throw badInput("onDate", "回访日期不能早于释放日期");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("resettlement_followup")
      .values({
        resettlement_id: row.id,
        on_date: input.onDate,
        content: input.content,
        by_user: actor.userId,
        at: ctx.now,
      })
      .execute();
    await audit(trx, actor, "resettlement.followup", row, { onDate: input.onDate });
  });
}

export async function resettlementInScope(db: Kysely<Database>, user: CurrentUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("刑满释放人员");
  const row = await db.selectFrom("resettlement").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !inCareScope(user, row)) throw notFound("刑满释放人员");
  return row;
}

/** The rows in the user's scope (the ledger's and the indicators' source), with the office's name. */
export async function resettlementRows(db: Kysely<Database>, user: CurrentUser, id?: string) {
  const scope = careScopeOf(user);
  if (!scope) return [];
  let q = db
    .selectFrom("resettlement")
    .leftJoin("place as office", "office.id", "resettlement.office_id")
    .innerJoin("place as county", "county.id", "resettlement.county_id")
    .selectAll("resettlement")
    .select(["office.name as office_name", "county.name as county_name"])
    .where("resettlement.county_id", "=", scope.countyId);
  if (scope.officeId) q = q.where("resettlement.office_id", "=", scope.officeId);
  if (id) q = q.where("resettlement.id", "=", id);
  return q.orderBy("resettlement.release_on", "desc").orderBy("resettlement.id").limit(2000).execute();
}

/**
 * When the next follow-up falls due: the profile's months after the last one (or the release), while
 * within the profile's years after the release and the person has not reoffended; null otherwise.
 */
export function nextFollowupDue(
  row: Resettlement,
  lastFollowup: string | null,
  rules: CareRules["resettlement"],
) {
  if (row.reoffended_on) return null;
  const from = lastFollowup ?? row.release_on;
  const due = formatDate(addMonths(parseDate(from), rules.followUpEveryMonths));
  const end = formatDate(addMonths(parseDate(row.release_on), rules.followUpYears * 12));
  return due > end ? null : due;
}

export async function listResettlement(
  db: Kysely<Database>,
  user: CurrentUser,
  rules: CareRules["resettlement"],
  now: Date,
  id?: string,
) {
  const today = cstDate(now);
  const rows = await resettlementRows(db, user, id);
  const ids = rows.map((r) => r.id);
  const followups = ids.length
    ? await db
        .selectFrom("resettlement_followup")
        .innerJoin("app_user", "app_user.id", "resettlement_followup.by_user")
        .selectAll("resettlement_followup")
        .select("app_user.display_name")
        .where("resettlement_id", "in", ids)
        .orderBy("on_date")
        .orderBy("at")
        .execute()
    : [];
  const known = await knownLinks(db, user, "resettlement", rows);
  return rows.map((r) => {
    const mine = followups.filter((f) => f.resettlement_id === r.id);
    return {
      id: r.id,
      office: r.office_id ? { id: r.office_id, name: r.office_name ?? "" } : null,
      subjectId: r.subject_id,
      /** Where else the county knows the person: under correction, earlier notices (by ID number). */
      known: known.get(r.id) ?? [],
      person: shownPerson(r, today),
      address: r.address,
      prison: r.prison,
      crime: r.crime,
      sentence: r.sentence,
      divisionCode: r.division_code,
      releaseOn: r.release_on,
      noticeOn: r.notice_on,
      keyPerson: r.key_person,
      verifiedOn: r.verified_on,
      receiptSentOn: r.receipt_sent_on,
      pickedUpOn: r.picked_up_on,
      pickedUpBy: r.picked_up_by,
      riskLevel: r.risk_level,
      riskAssessedOn: r.risk_assessed_on,
      team: r.team,
      helpPlan: r.help_plan,
      agreementOn: r.agreement_on,
      placement: r.placement,
      placedOn: r.placed_on,
      employmentServiceOn: r.employment_service_on,
      reoffendedOn: r.reoffended_on,
      nextFollowupDue: r.release_on <= today ? nextFollowupDue(r, mine.at(-1)?.on_date ?? null, rules) : null,
      followups: mine.map((f) => ({
        id: f.id,
        onDate: f.on_date,
        content: f.content,
        by: f.display_name,
        at: cstIso(new Date(f.at)),
      })),
    };
  });
}

/** Active social workers of the county (its agency, offices and villages), for the 1:50 ratio. */
export async function countySocialWorkers(db: Kysely<Database>, countyId: string): Promise<number> {
  const row = await db
    .selectFrom("app_user")
    .innerJoin("place", "place.id", "app_user.place_id")
    .leftJoin("place as parent", "parent.id", "place.parent_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("app_user.role", "=", "social_worker")
    .where("app_user.active", "=", true)
    .where((eb) =>
      eb.or([
        eb("place.id", "=", countyId),
        eb("place.parent_id", "=", countyId),
        eb("parent.parent_id", "=", countyId),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
export type ResettlementView = Awaited<ReturnType<typeof listResettlement>>[number];
