// Pre-sentence investigation (调查评估): a court's commission received by the agency, its due day fixed
// at once in working days (the profile's normal or expedited count, the county's working-day
// calendar), assigned to an office, investigated (notes), concluded with the opinion and marked
// returned to the court. Each change is one transaction with its audit row.
import type { Kysely } from "kysely";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CareActor, CareContext, CareReceiver } from "../care/context.ts";
import { checkedIdNumber, type PersonInput, shownPerson } from "../care/person.ts";
import { careScopeOf, inCareScope } from "../care/scope.ts";
import { countyWorkingRules } from "../policy/county-policy.ts";
import type { Investigation, InvestigationTable } from "./tables.ts";
import "./tables.ts";

export interface CommissionInput extends PersonInput {
  court: string;
  commissionNo: string;
  procedure: "normal" | "expedited";
  receivedOn: string;
  charge: string;
  proposedType: InvestigationTable["proposed_type"];
  officeId?: string | null;
}

/** The due day of a commission received on `receivedOn`: the N-th working day after it. */
export async function investigationDueOn(
  ctx: CareContext,
  countyId: string,
  procedure: "normal" | "expedited",
  receivedOn: string,
) {
  const rules = await countyWorkingRules(ctx.policies, countyId);
  const r = rules.profile.care.investigation;
  const days = procedure === "expedited" ? r.expeditedWithinWorkingDays : r.withinWorkingDays;
  return { dueOn: formatDate(rules.workingDays.addWorkingDays(parseDate(receivedOn), days)), days };
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
    recordType: "investigation",
    recordId: row.id,
    placeId: row.office_id ?? row.county_id,
    details,
  });

/**
 * Receives a court's commission (by hand at the agency, or later from the exchange API); with an
 * office named it is assigned at once. The office, when given, was checked to be the county's.
 */
export async function receiveInvestigation(ctx: CareContext, input: CommissionInput, actor: CareReceiver) {
  const byStaff = "userId" in actor ? actor.userId : null;
  if (input.receivedOn > cstDate(ctx.now)) throw badInput("receivedOn", "收到委托日期不能晚于今天");
  const idNumber = checkedIdNumber(input);
  const { dueOn } = await investigationDueOn(ctx, actor.countyId, input.procedure, input.receivedOn);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("investigation")
      .values({
        county_id: actor.countyId,
        office_id: input.officeId ?? null,
        court: input.court,
        commission_no: input.commissionNo,
        procedure: input.procedure,
        received_on: input.receivedOn,
        due_on: dueOn,
        defendant_name: input.name,
        gender: input.gender,
        birth_date: input.birthDate,
        id_number: idNumber,
        address: input.address,
        charge: input.charge,
        proposed_type: input.proposedType,
        status: input.officeId ? "assigned" : "received",
        received_by: byStaff,
        partner_id: "partnerId" in actor ? actor.partnerId : null,
        received_at: ctx.now,
        assigned_at: input.officeId ? ctx.now : null,
        assigned_by: input.officeId ? byStaff : null,
      })
      .returning(["id", "county_id", "office_id"])
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "investigation.receive", row, {
      court: input.court,
      procedure: input.procedure,
      dueOn,
      officeId: input.officeId ?? null,
    });
    return row.id;
  });
}

/** A commission the user may see, or "not found". */
export async function investigationInScope(db: Kysely<Database>, user: CurrentUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("调查评估委托");
  const row = await db.selectFrom("investigation").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !inCareScope(user, row)) throw notFound("调查评估委托");
  return row;
}

export async function assignInvestigation(
  ctx: CareContext,
  row: Investigation,
  officeId: string,
  actor: CareActor,
) {
  if (row.status !== "received" && row.status !== "assigned")
    throw conflict("该委托已提出评估意见，不能再分配");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("investigation")
      .set({ office_id: officeId, status: "assigned", assigned_at: ctx.now, assigned_by: actor.userId })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, actor, "investigation.assign", { ...row, office_id: officeId }, { officeId });
  });
}

export interface NoteInput {
  kind: "visit" | "interview" | "document";
  onDate: string;
  placeText?: string | null;
  persons?: string | null;
  findings: string;
}

export async function addInvestigationNote(
  ctx: CareContext,
  row: Investigation,
  input: NoteInput,
  actor: CareActor,
) {
  if (row.status === "returned") throw conflict("该委托已回复委托机关");
  if (input.onDate > cstDate(ctx.now)) throw badInput("onDate", "调查日期不能晚于今天");
  if (input.onDate < row.received_on) throw badInput("onDate", "调查日期不能早于收到委托的日期");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("investigation_note")
      .values({
        investigation_id: row.id,
        kind: input.kind,
        on_date: input.onDate,
        place_text: input.placeText ?? null,
        persons: input.persons ?? null,
        findings: input.findings,
        by_user: actor.userId,
        at: ctx.now,
      })
      .execute();
    await audit(trx, actor, "investigation.note", row, { kind: input.kind, onDate: input.onDate });
  });
}

export async function concludeInvestigation(
  ctx: CareContext,
  row: Investigation,
  input: { opinion: "suitable" | "unsuitable"; reasons: string },
  actor: CareActor,
) {
  if (row.status === "received") throw conflict("请先将委托分配给司法所调查");
  if (row.status === "returned") throw conflict("该委托已回复委托机关");
  await ctx.db.transaction().execute(async (trx) => {
    const notes = await trx
      .selectFrom("investigation_note")
      .select("id")
      .where("investigation_id", "=", row.id)
      .execute();
    if (notes.length === 0) throw badInput("reasons", "请先登记走访、谈话等调查情况，再提出评估意见");
    await trx
      .updateTable("investigation")
      .set({
        status: "concluded",
        opinion: input.opinion,
        reasons: input.reasons,
        concluded_on: cstDate(ctx.now),
        concluded_by: actor.userId,
      })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, actor, "investigation.conclude", row, { opinion: input.opinion });
  });
}

export async function returnInvestigation(
  ctx: CareContext,
  row: Investigation,
  returnedOn: string,
  actor: CareActor,
) {
  if (row.status !== "concluded") throw conflict("评估意见尚未提出，不能回复委托机关");
  if (returnedOn > cstDate(ctx.now)) throw badInput("returnedOn", "回复日期不能晚于今天");
  if (returnedOn < row.concluded_on!) throw badInput("returnedOn", "回复日期不能早于提出评估意见的日期");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("investigation")
      .set({ status: "returned", returned_on: returnedOn, returned_by: actor.userId })
      .where("id", "=", row.id)
      .execute();
    await audit(trx, actor, "investigation.return", row, { returnedOn, late: returnedOn > row.due_on });
  });
}

/** The register as the page and the API show it, newest first; `id` for one commission. */
export async function listInvestigations(
  db: Kysely<Database>,
  user: CurrentUser,
  filter: { open?: boolean; id?: string },
  now: Date,
) {
  const scope = careScopeOf(user);
  if (!scope) return [];
  const today = cstDate(now);
  let q = db
    .selectFrom("investigation")
    .leftJoin("place as office", "office.id", "investigation.office_id")
    .selectAll("investigation")
    .select("office.name as office_name")
    .where("investigation.county_id", "=", scope.countyId);
  if (scope.officeId) q = q.where("investigation.office_id", "=", scope.officeId);
  if (filter.open) q = q.where("investigation.status", "!=", "returned");
  if (filter.id) q = q.where("investigation.id", "=", filter.id);
  const rows = await q
    .orderBy("investigation.received_on", "desc")
    .orderBy("investigation.id")
    .limit(500)
    .execute();
  const ids = rows.map((r) => r.id);
  const notes = ids.length
    ? await db
        .selectFrom("investigation_note")
        .innerJoin("app_user", "app_user.id", "investigation_note.by_user")
        .selectAll("investigation_note")
        .select("app_user.display_name")
        .where("investigation_id", "in", ids)
        .orderBy("on_date")
        .orderBy("at")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    office: r.office_id ? { id: r.office_id, name: r.office_name ?? "" } : null,
    court: r.court,
    commissionNo: r.commission_no,
    procedure: r.procedure,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    overdue: r.status !== "returned" && today > r.due_on,
    person: shownPerson({ ...r, name: r.defendant_name }, today),
    address: r.address,
    charge: r.charge,
    proposedType: r.proposed_type,
    status: r.status,
    opinion: r.opinion,
    reasons: r.reasons,
    concludedOn: r.concluded_on,
    returnedOn: r.returned_on,
    notes: notes
      .filter((n) => n.investigation_id === r.id)
      .map((n) => ({
        id: n.id,
        kind: n.kind,
        onDate: n.on_date,
        placeText: n.place_text,
        persons: n.persons,
        findings: n.findings,
        by: n.display_name,
        at: cstIso(new Date(n.at)),
      })),
  }));
}
export type InvestigationView = Awaited<ReturnType<typeof listInvestigations>>[number];
