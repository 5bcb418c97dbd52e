// /api/sampling — the agency's random picks for an office: today's spot checks of the office, and the
// county's field-visit samples of the month and the quarter (drawn once for the county) as they fall
// on the office — each with its seed, population and whether the pick reproduces.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { sampleKindLabel } from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { type SamplePopulations, samplePopulations } from "../today/office-day.ts";
import { officesOf } from "../today/routes.ts";
import { drawSample } from "./sampling.ts";
import { ensureCountyDraws, ensureDraws, plannedDraws } from "./sampling-service.ts";

const readers = ["agency_head", "agency_staff", "prosecutor"] as const satisfies readonly Role[];
const drawers = ["agency_head", "agency_staff"] as const satisfies readonly Role[];

const drawView = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  /** office: the office's own draw; county: the county's draw, its picks of this office listed. */
  scope: z.enum(["office", "county"]),
  /** How many the draw picked in all (for a county draw, across its offices). */
  pickedTotal: z.number(),
  period: z.string(),
  seed: z.string(),
  required: z.number(),
  populationSize: z.number(),
  population: z.array(z.string()),
  reproduces: z.boolean(),
  drawnAt: z.string(),
  drawnBy: z.string(),
  picked: z.array(z.object({ id: z.string(), name: z.string(), done: z.boolean() })),
});

export function samplingRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  async function draws(officeId: string, now: Date) {
    const state = await app.today.offices.get(officeId, now);
    const visits = samplePopulations(state, state.day);
    const periods = [
      ...plannedDraws(state, now).map((p) => `${p.kind}|${p.period}`),
      `visit_month|${visits.month.period}`,
      `visit_quarter|${visits.quarter.period}`,
    ];
    const rows = await k
      .selectFrom("sample_draw")
      .leftJoin("app_user", "app_user.id", "sample_draw.drawn_by")
      .selectAll("sample_draw")
      .select("app_user.display_name")
      .where((eb) =>
        eb.or([
          eb("sample_draw.office_id", "=", officeId),
          eb.and([
            eb("sample_draw.office_id", "is", null),
            eb("sample_draw.county_id", "=", state.office.countyId),
          ]),
        ]),
      )
      .orderBy("sample_draw.id")
      .execute();
    const day = state.day;
    return rows
      .filter((r) => periods.includes(`${r.kind}|${r.period}`))
      .map((r) => {
        const [from, to] = r.period.includes("/") ? r.period.split("/") : [r.period, r.period];
        const facts = r.kind.startsWith("spot_check") ? state.checks : state.visits;
        const done = new Set(
          facts
            .filter((f) => f.by === "agency" && f.at.slice(0, 10) >= from! && f.at.slice(0, 10) <= to!)
            .map((f) => f.subjectId),
        );
        return {
          id: r.id,
          kind: r.kind,
          kindLabel: sampleKindLabel[r.kind] ?? r.kind,
          scope: r.office_id === null ? ("county" as const) : ("office" as const),
          pickedTotal: r.picked.length,
          period: r.period,
          seed: r.seed,
          required: r.required,
          populationSize: r.population.length,
          population: r.population,
          reproduces:
            JSON.stringify(drawSample(r.population, r.required, r.seed)) === JSON.stringify(r.picked),
          drawnAt: cstIso(r.drawn_at),
          drawnBy: r.display_name ?? "系统巡检",
          picked: r.picked
            .filter((id) => r.office_id !== null || state.subjects.has(id))
            .map((id) => ({
              id,
              name: state.subjects.get(id)?.name ?? id,
              done: done.has(id),
            })),
          day,
        };
      });
  }

  api.get(
    "/api/sampling",
    {
      config: { access: { roles: readers } },
      schema: {
        tags: ["sampling"],
        summary: "社区矫正机构随机抽查名单：当日核查抽查、本月及本季度抽查走访（含随机种子，可复核）",
        querystring: z.object({ officeId: z.string().max(32).optional() }),
        response: {
          200: z.object({
            offices: z.array(z.object({ id: z.string(), name: z.string(), draws: z.array(drawView) })),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const now = app.clock.now();
      const ids = await officesOf(db, user, request.query.officeId);
      const offices = [];
      for (const id of ids) {
        const state = await app.today.offices.get(id, now);
        offices.push({ id, name: state.office.name, draws: await draws(id, now) });
      }
      return { offices };
    },
  );

  api.post(
    "/api/sampling/draw",
    {
      config: { access: { roles: drawers } },
      schema: {
        tags: ["sampling"],
        summary: "随机抽取当日抽查名单和本期抽查走访名单（每期只抽一次；随机种子随名单保存）",
        body: z.object({ officeId: z.string().min(1, "请选择司法所").max(32) }),
        response: { 200: z.object({ drawn: z.number() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const now = app.clock.now();
      const [officeId] = await officesOf(db, user, request.body.officeId);
      const state = await app.today.offices.get(officeId!, now);
      // The county's visit samples are taken over all its offices.
      const county: SamplePopulations[] = [];
      for (const id of await officesOf(db, user, undefined))
        county.push(samplePopulations(await app.today.offices.get(id, now), state.day));
      const drawn = await k.transaction().execute(async (trx) => {
        const actor = actorOf(request);
        return (
          (await ensureDraws(trx, state, now, actor)) +
          (await ensureCountyDraws(trx, state.policy, county, now, actor))
        );
      });
      return { drawn };
    },
  );
}
