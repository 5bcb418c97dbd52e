// Device orders (Art. 29 electronic location, statutory.md): in one of five situations only, approved
// by the head of the county judicial administration, each use at most 3 months and each extension at
// most 3 months (the profile's `statutory.electronicLocation`). Who may do what, and why:
//  - the agency (agency_head, agency_staff) records an order and its extensions: the approval is the
//    county bureau head's, given on paper outside the system; the agency, which works at county level,
//    records who approved it and when it runs. The offices do not: they propose on paper, and the law
//    puts the decision above them.
//  - the person's office (office_head, office_assistant), the agency and the prosecutor read them.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { addMonths, formatDate, parseDate } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import type { DeviceOrderReason } from "../location/tables.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";

export { DEVICE_ORDER_REASONS } from "../location/tables.ts";

export interface DeviceOrderView {
  id: string;
  subjectId: string;
  reason: DeviceOrderReason;
  approvedBy: string;
  from: string;
  /** The order's own end. */
  to: string;
  /** The end with its extensions. */
  until: string;
  extensions: { id: number; to: string; approvedBy: string | null; createdAt: Date }[];
  createdAt: Date;
}

/** "At most N months" as the rules count it: T + 1 day on or before F + N months (month-end clamped). */
function withinMonths(from: string, to: string, months: number): boolean {
  return parseDate(to) + 1 <= addMonths(parseDate(from), months);
}

/** The last day an order of `months` from `from` may run. */
export function lastDayWithin(from: string, months: number): string {
  return formatDate(addMonths(parseDate(from), months) - 1);
}

export async function listOrders(db: Kysely<Database>, subjectId: string): Promise<DeviceOrderView[]> {
  const orders = await db
    .selectFrom("device_order")
    .selectAll()
    .where("subject_id", "=", subjectId)
    .orderBy("from_date", "desc")
    .execute();
  if (orders.length === 0) return [];
  const extensions = await db
    .selectFrom("device_order_extension")
    .selectAll()
    .where(
      "order_id",
      "in",
      orders.map((o) => o.id),
    )
    .orderBy("to_date")
    .execute();
  return orders.map((o) => {
    const own = extensions.filter((e) => e.order_id === o.id);
    return {
      id: o.id,
      subjectId: o.subject_id,
      reason: o.reason as DeviceOrderReason,
      approvedBy: o.approved_by,
      from: o.from_date,
      to: o.to_date,
      until: own.at(-1)?.to_date ?? o.to_date,
      extensions: own.map((e) => ({
        id: e.id,
        to: e.to_date,
        approvedBy: e.approved_by,
        createdAt: e.created_at,
      })),
      createdAt: o.created_at,
    };
  });
}

export interface NewOrder {
  reason: DeviceOrderReason;
  approvedBy: string;
  from: string;
  to: string;
}

export async function createOrder(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  input: NewOrder,
  now: Date,
): Promise<DeviceOrderView> {
  const subject = await subjectInScope(db, user, subjectId);
  const rule = (await policies.forCounty(subject.countyId)).profile.statutory.electronicLocation;
  if (input.to < input.from) throw badInput("to", "结束日期不能早于开始日期");
  if (!withinMonths(input.from, input.to, rule.maxMonthsPerUse))
    throw badInput(
      "to",
      `电子定位每次不超过${rule.maxMonthsPerUse}个月（${rule.basis}）：最晚到 ${lastDayWithin(input.from, rule.maxMonthsPerUse)}`,
    );
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    // One order at a time: a second one overlapping a running one would double the time limit. The
    // person's row is locked so that two orders recorded at once cannot both pass this check.
    await trx.selectFrom("subject").select("id").where("id", "=", subjectId).forUpdate().execute();
    const overlapping = await ordersOverlapping(trx, subjectId, input.from, input.to);
    if (overlapping) throw conflict(`该对象在 ${overlapping.from} 至 ${overlapping.until} 已有电子定位决定`);
    await trx
      .insertInto("device_order")
      .values({
        id,
        subject_id: subjectId,
        reason: input.reason,
        approved_by: input.approvedBy,
        from_date: input.from,
        to_date: input.to,
        created_by: user.id,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, actor, {
      action: "device_order.create",
      recordType: "device_order",
      recordId: id,
      subjectId,
      placeId: subject.officeId,
      details: { ...input },
    });
  });
  const orders = await listOrders(db, subjectId);
  return orders.find((o) => o.id === id)!;
}

async function ordersOverlapping(
  db: Kysely<Database>,
  subjectId: string,
  from: string,
  to: string,
): Promise<{ from: string; until: string } | null> {
  for (const o of await listOrders(db, subjectId)) if (o.from <= to && from <= o.until) return o;
  return null;
}

export async function extendOrder(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  actor: Actor,
  orderId: string,
  input: { to: string; approvedBy: string },
  now: Date,
): Promise<DeviceOrderView> {
  const order = await db
    .selectFrom("device_order")
    .select(["id", "subject_id"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!order) throw notFound("电子定位决定");
  const subject = await subjectInScope(db, user, order.subject_id).catch(() => {
    throw notFound("电子定位决定");
  });
  const rule = (await policies.forCounty(subject.countyId)).profile.statutory.electronicLocation;
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom("device_order").select("id").where("id", "=", orderId).forUpdate().execute();
    const current = (await listOrders(trx, order.subject_id)).find((o) => o.id === orderId)!;
    const start = formatDate(parseDate(current.until) + 1);
    if (input.to <= current.until)
      throw badInput("to", `延长后的结束日期应晚于现在的结束日期 ${current.until}`);
    if (!withinMonths(start, input.to, rule.maxExtensionMonths))
      throw badInput(
        "to",
        `每次延长不超过${rule.maxExtensionMonths}个月（${rule.basis}）：最晚到 ${lastDayWithin(start, rule.maxExtensionMonths)}`,
      );
    const later = (await listOrders(trx, order.subject_id)).find(
      (o) => o.id !== orderId && o.from > current.until && o.from <= input.to,
    );
    if (later) throw conflict(`该对象自 ${later.from} 起已有另一电子定位决定`);
    const { id } = await trx
      .insertInto("device_order_extension")
      .values({
        order_id: orderId,
        to_date: input.to,
        approved_by: input.approvedBy,
        created_by: user.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: "device_order.extend",
      recordType: "device_order",
      recordId: orderId,
      subjectId: order.subject_id,
      placeId: subject.officeId,
      details: { extensionId: id, ...input },
    });
  });
  return (await listOrders(db, order.subject_id)).find((o) => o.id === orderId)!;
}
