// The agency's random picks for an office (seed 000 §九.2(1) daily spot checks of key persons and of
// others; §九.2(3) monthly sampling of key and strict persons for field visits, quarterly of normal
// ones). How many to pick comes from the rules engine's office evaluation; whom, from `drawSample`
// with a fresh seed, stored with the population so that the pick can be audited and repeated.
import type { Kysely } from "kysely";
import type { Actor } from "../../audit/audit.ts";
import type { Database } from "../../db/schema.ts";
import "../alerts/tables.ts";
import type { SampleKind } from "../alerts/tables.ts";
import { levelOnDay, officeDay } from "../today/office-day.ts";
import type { OfficeState } from "../today/office-state.ts";
import { drawSample, newSeed } from "./sampling.ts";

export interface PlannedDraw {
  kind: SampleKind;
  period: string;
  population: string[];
  required: number;
}

/** What the agency must draw for an office on the state's day. */
export function plannedDraws(state: OfficeState, now: Date): PlannedDraw[] {
  const day = state.day;
  const result = officeDay(state, day, now);
  const item = (id: string) => result.items.find((i) => i.id === id)!;
  const keys: string[] = [];
  const others: string[] = [];
  const keyOrStrict: string[] = [];
  const normal: string[] = [];
  for (const [id, input] of state.cases) {
    const s = state.subjects.get(id);
    if (!s || s.intakeDate > day || day > s.lastDay) continue;
    const level = levelOnDay(input.subject, day);
    (level === "key" ? keys : others).push(id);
    (level === "normal" ? normal : keyOrStrict).push(id);
  }
  const sorted = (ids: string[]) => ids.sort();
  return [
    {
      kind: "spot_check_key",
      period: day,
      population: sorted(keys),
      required: item("agency_key_sample").required,
    },
    {
      kind: "spot_check_other",
      period: day,
      population: sorted(others),
      required: Math.min(item("agency_other_checks").required, others.length),
    },
    {
      kind: "visit_month",
      period: item("agency_visit_sample_month").period ?? day,
      population: sorted(keyOrStrict),
      required: item("agency_visit_sample_month").required,
    },
    {
      kind: "visit_quarter",
      period: item("agency_visit_sample_quarter").period ?? day,
      population: sorted(normal),
      required: item("agency_visit_sample_quarter").required,
    },
  ];
}

/** Draws what is not drawn yet (one draw per office, kind and period); returns the number drawn. */
export async function ensureDraws(
  trx: Kysely<Database>,
  state: OfficeState,
  now: Date,
  actor: Actor,
): Promise<number> {
  let drawn = 0;
  for (const plan of plannedDraws(state, now)) {
    const seed = newSeed();
    const picked = drawSample(plan.population, plan.required, seed);
    const row = await trx
      .insertInto("sample_draw")
      .values({
        county_id: state.office.countyId,
        office_id: state.office.id,
        kind: plan.kind,
        period: plan.period,
        seed,
        population: JSON.stringify(plan.population),
        required: plan.required,
        picked: JSON.stringify(picked),
        drawn_by: actor.id,
        drawn_at: now,
      })
      .onConflict((oc) => oc.columns(["office_id", "kind", "period"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) continue;
    drawn++;
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
        place_id: state.office.id,
        details: JSON.stringify({ kind: plan.kind, period: plan.period, seed, picked }),
      })
      .execute();
  }
  return drawn;
}
