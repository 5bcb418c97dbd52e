// /api/sampling — the agency's random picks for an office: today's spot checks and the month's and
// quarter's field-visit samples, each with its seed, population and whether the pick reproduces.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { sampleKindLabel } from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { noteWrite, officeState } from "../today/office-state.ts";
import { officesOf } from "../today/routes.ts";
import { drawSample } from "./sampling.ts";
import { ensureDraws, plannedDraws } from "./sampling-service.ts";

const readers = ["agency_head", "agency_staff", "prosecutor"] as const satisfies readonly Role[];
const drawers = ["agency_head", "agency_staff"] as const satisfies readonly Role[];

const drawView = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
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
    const state = await officeState(db, officeId, now, app.policies);
    const periods = plannedDraws(state, now).map((p) => `${p.kind}|${p.period}`);
    const rows = await k
      .selectFrom("sample_draw")
      .leftJoin("app_user", "app_user.id", "sample_draw.drawn_by")
      .selectAll("sample_draw")
      .select("app_user.display_name")
      .where("sample_draw.office_id", "=", officeId)
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
          period: r.period,
          seed: r.seed,
          required: r.required,
          populationSize: r.population.length,
          population: r.population,
          reproduces:
            JSON.stringify(drawSample(r.population, r.required, r.seed)) === JSON.stringify(r.picked),
          drawnAt: cstIso(r.drawn_at),
          drawnBy: r.display_name ?? "系统巡检",
          picked: r.picked.map((id) => ({
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
        const state = await officeState(db, id, now, app.policies);
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
      const state = await officeState(db, officeId!, now, app.policies);
      const drawn = await k.transaction().execute((trx) => ensureDraws(trx, state, now, actorOf(request)));
      noteWrite();
      return { drawn };
    },
  );
}
