// Dead letters on 今日工作: a webhook delivery that failed for good is a notice the partner has not
// received (seed 001 (四): exchange the legal documents and the persons' situation in time), so it is on
// the agency's Today until someone sends it again — one click (POST /api/exchange/deliveries/:id/retry).
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { webhookEventLabel } from "../../glossary.ts";
import { cstDate } from "../../shared/time.ts";
import type { TodayItem } from "../today/today.ts";
import { listDeliveries } from "./activity.ts";
import { exchangeReaderRoles } from "./roles.ts";

export const EXCHANGE_BASIS = "seed 001 §二(四): 运用现代信息技术及时准确传输交换有关法律文书";

export async function deadLetterItems(
  db: Kysely<Database>,
  user: CurrentUser,
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  if (!(exchangeReaderRoles as readonly string[]).includes(user.role)) return { items: [], revision: "" };
  const dead = await listDeliveries(db, { countyId: user.county.id, status: "dead" });
  const items: TodayItem[] = dead.map((d) => ({
    key: `exchange_dead:${d.id}`,
    group: "agency",
    title: `信息共享推送未送达：${d.partnerName}`,
    status: "due_today",
    dueBy: `${cstDate(now)}T23:59:59+08:00`,
    required: null,
    done: null,
    period: null,
    basis: EXCHANGE_BASIS,
    office: { id: user.county.id, name: user.county.name },
    subject: null,
    mine: true,
    colour: null,
    detail: `${webhookEventLabel[d.event] ?? d.event}的推送尝试${d.attempts}次仍未送达（${d.lastError ?? "原因不明"}），请核实对方地址后重新发送`,
    missing: [],
    action:
      user.role === "prosecutor"
        ? null
        : { kind: "exchange_retry", subjectId: null, alertId: null, officeId: null, deliveryId: d.id },
  }));
  return { items, revision: dead.map((d) => d.id).join(".") };
}
