// The agency's random picks (seed 000 §九.2(1) daily spot checks of an office's key persons and of its
// others; §九.2(3) monthly sampling of key and strict persons for field visits, quarterly of normal
// ones). The spot checks are drawn per office, as many as the rules engine's office evaluation asks.
// The field-visit samples are drawn once for the county, of the county's registered persons of the
// level, and rounded once (core `countyVisitSampleRequired`). Whom, from `drawSample` with a fresh
// seed, stored with the population so that the pick can be audited and repeated.
import type { Kysely } from "kysely";
import type { Actor } from "../../audit/audit.ts";
import { countyVisitSampleRequired } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import "../alerts/tables.ts";
import type { SampleKind } from "../alerts/tables.ts";
import type { CountyPolicy } from "../policy/county-policy.ts";
import { levelOnDay, officeDay, type SamplePopulations } from "../today/office-day.ts";
import type { OfficeState } from "../today/office-state.ts";
import type { TodayItem } from "../today/today.ts";
import { drawSample, newSeed } from "./sampling.ts";

export interface PlannedDraw {
  kind: SampleKind;
  period: string;
  population: string[];
  required: number;
}

/** What the agency must draw for an office on the state's day: the day's spot checks. */
export function plannedDraws(state: OfficeState, now: Date): PlannedDraw[] {
  const day = state.day;
  const result = officeDay(state, day, now);
  const item = (id: string) => result.items.find((i) => i.id === id)!;
  const keys: string[] = [];
  const others: string[] = [];
  for (const [id, input] of state.cases) {
    const s = state.subjects.get(id);
    if (!s || s.intakeDate > day || day > s.lastDay) continue;
    (levelOnDay(input.subject, day) === "key" ? keys : others).push(id);
  }
  return [
    {
      kind: "spot_check_key",
      period: day,
      population: keys.sort(),
      required: item("agency_key_sample").required,
    },
    {
      kind: "spot_check_other",
      period: day,
      population: others.sort(),
      required: Math.min(item("agency_other_checks").required, others.length),
    },
  ];
}

/** The county's field-visit samples of the month and the quarter, over all its offices' populations. */
export function plannedCountyDraws(policy: CountyPolicy, parts: readonly SamplePopulations[]): PlannedDraw[] {
  if (parts.length === 0) return [];
  const month = [...new Set(parts.flatMap((p) => p.month.ids))].sort();
  const quarter = [...new Set(parts.flatMap((p) => p.quarter.ids))].sort();
  const required = countyVisitSampleRequired(policy.profile, {
    keyOrStrictAtMonthStart: month.length,
    normalAtQuarterStart: quarter.length,
  });
  return [
    { kind: "visit_month", period: parts[0]!.month.period, population: month, required: required.month },
    {
      kind: "visit_quarter",
      period: parts[0]!.quarter.period,
      population: quarter,
      required: required.quarter,
    },
  ];
}

/** Draws one plan unless drawn already (per office, or per county when `officeId` is null). */
async function drawOnce(
  trx: Kysely<Database>,
  where: { countyId: string; officeId: string | null },
  plan: PlannedDraw,
  now: Date,
  actor: Actor,
): Promise<boolean> {
  const seed = newSeed();
  const picked = drawSample(plan.population, plan.required, seed);
  const row = await trx
    .insertInto("sample_draw")
    .values({
      county_id: where.countyId,
      office_id: where.officeId,
      kind: plan.kind,
      period: plan.period,
      seed,
      population: JSON.stringify(plan.population),
      required: plan.required,
      picked: JSON.stringify(picked),
      drawn_by: actor.id,
      drawn_at: now,
    })
    .onConflict((oc) =>
      where.officeId === null
        ? oc.columns(["county_id", "kind", "period"]).where("office_id", "is", null).doNothing()
        : oc.columns(["office_id", "kind", "period"]).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      ip: actor.ip,
      user_agent: actor.userAgent?.slice(0, 300) ?? null,
      at: now,
      action: "sampling.draw",
      record_type: "sample_draw",
      record_id: String(row.id),
      subject_id: null,
      place_id: where.officeId ?? where.countyId,
      details: JSON.stringify({ kind: plan.kind, period: plan.period, seed, picked }),
    })
    .execute();
  return true;
}

/** Draws the office's spot checks not drawn yet (one per office, kind and day); returns the number drawn. */
export async function ensureDraws(
  trx: Kysely<Database>,
  state: OfficeState,
  now: Date,
  actor: Actor,
): Promise<number> {
  let drawn = 0;
  const where = { countyId: state.office.countyId, officeId: state.office.id };
  for (const plan of plannedDraws(state, now)) if (await drawOnce(trx, where, plan, now, actor)) drawn++;
  return drawn;
}

/** Draws the county's visit samples not drawn yet (one per county, kind and period). */
export async function ensureCountyDraws(
  trx: Kysely<Database>,
  policy: CountyPolicy,
  parts: readonly SamplePopulations[],
  now: Date,
  actor: Actor,
): Promise<number> {
  let drawn = 0;
  const where = { countyId: policy.countyId, officeId: null };
  for (const plan of plannedCountyDraws(policy, parts))
    if (await drawOnce(trx, where, plan, now, actor)) drawn++;
  return drawn;
}

export interface CountyDraw {
  id: number;
  kind: SampleKind;
  period: string;
  picked: string[];
}

/** The county's visit draws of these periods (the month's and the quarter's). */
export async function countyDraws(
  db: Kysely<Database>,
  countyId: string,
  periods: readonly string[],
): Promise<CountyDraw[]> {
  if (periods.length === 0) return [];
  const rows = await db
    .selectFrom("sample_draw")
    .select(["id", "kind", "period", "picked"])
    .where("county_id", "=", countyId)
    .where("office_id", "is", null)
    .where("period", "in", [...periods])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, period: r.period, picked: r.picked }));
}

const visitItemKind: Record<string, SampleKind> = {
  agency_visit_sample_month: "visit_month",
  agency_visit_sample_quarter: "visit_quarter",
};

/**
 * An office's rows of the county's visit samples on 今日工作: once the county's sample is drawn, the
 * office's share is its persons among those picked, done when the agency has visited them in the
 * period (before the draw, the engine's count for the office stands).
 */
export function withCountySamples(
  items: TodayItem[],
  state: OfficeState,
  draws: readonly CountyDraw[],
): TodayItem[] {
  return items.flatMap((item) => {
    const itemId = item.key.split(":")[3] ?? "";
    const kind = item.office.id === state.office.id ? visitItemKind[itemId] : undefined;
    const draw = kind && draws.find((d) => d.kind === kind && d.period === item.period);
    if (!draw) return [item];
    const { required, done } = officeShare(state, draw);
    if (done >= required) return [];
    return [{ ...item, required, done }];
  });
}

/**
 * The office's standards (`evaluateOffice`'s items of the day) with the field-visit samples counted as
 * the county's draw asks of the office — its persons among those picked — once the period is drawn:
 * the engine's per-office requirement (20 % / 3 % of the office's own persons) is what the office
 * contract computes, but the samples are drawn once for the county (core/office/county-samples.ts).
 */
export function withCountySampleStandards<
  T extends { id: string; required: number; done: number; status: string; period?: string | undefined },
>(items: T[], state: OfficeState, draws: readonly CountyDraw[]): T[] {
  return items.map((item) => {
    const kind = visitItemKind[item.id];
    const draw = kind && draws.find((d) => d.kind === kind && d.period === item.period);
    if (!draw) return item;
    const { required, done } = officeShare(state, draw);
    const status = done >= required ? "met" : item.status === "met" ? "open" : item.status;
    return { ...item, required, done, status };
  });
}

/** The office's persons among those the county's draw picked, and how many the agency has visited. */
function officeShare(state: OfficeState, draw: CountyDraw): { required: number; done: number } {
  const [from, to] = draw.period.split("/") as [string, string];
  const mine = draw.picked.filter((id) => state.subjects.has(id));
  const visited = new Set(
    state.visits
      .filter((v) => v.by === "agency" && v.at.slice(0, 10) >= from && v.at.slice(0, 10) <= to)
      .map((v) => v.subjectId),
  );
  return { required: mine.length, done: mine.filter((id) => visited.has(id)).length };
}
