// /api/policy: the rules of the signed-in user's county (本县规则) — which profile, derived from what,
// and every rule with its basis — its versions, and, for the agency head, setting them (validated as
// a whole, stored as a new version, audited).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { staffRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import { defaultRegistry } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import { badInput, conflict } from "../../http/errors.ts";
import { cstIso } from "../../shared/time.ts";
import type { CountyPolicy } from "./county-policy.ts";
import { rulesView } from "./rules-view.ts";
import { resolveSetting, storeCountyPolicy } from "./setting.ts";

const profileView = z.object({
  id: z.string(),
  name: z.string(),
  derived: z.boolean(),
  basedOn: z.object({ id: z.string(), name: z.string() }).nullable(),
  version: z.number(),
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
  note: z.string().nullable(),
});

const policyView = z.object({
  county: z.object({ id: z.string(), name: z.string() }),
  profile: profileView,
  groups: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rules: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          value: z.string(),
          basis: z.string(),
          changed: z.boolean(),
          countyChoice: z.boolean().describe("本县设定：所依文件规定了事项而未规定数字，由本县设定"),
        }),
      ),
    }),
  ),
});

function describe(policy: CountyPolicy, county: { id: string; name: string }) {
  const base =
    policy.basedOn && defaultRegistry.has(policy.basedOn) ? defaultRegistry.get(policy.basedOn) : null;
  return {
    county,
    profile: {
      id: policy.profile.id,
      name: policy.profile.name,
      derived: policy.basedOn !== null,
      basedOn: base ? { id: base.id, name: base.name } : null,
      version: policy.version,
      setAt: policy.setAt ? cstIso(policy.setAt) : null,
      setBy: policy.setByName,
      note: policy.note,
    },
    groups: rulesView(policy.profile, base).map((g) => ({
      ...g,
      rules: g.rules.map(({ paths: _paths, ...rule }) => rule),
    })),
  };
}

export function policyRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/policy",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["policy"],
        summary: "本县规则：本县执行的规则（内置或派生自内置规则）及每条规则的数值和依据（只读）",
        response: { 200: policyView },
      },
    },
    async (request) => {
      const user = userOf(request);
      return describe(await app.policies.forCounty(user.county.id), user.county);
    },
  );

  api.get(
    "/api/policy/profile",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["policy"],
        summary: "本县规则的完整数据（规则引擎读取的 JSON，字段见规则说明）",
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => (await app.policies.forCounty(userOf(request).county.id)).profile,
  );

  api.get(
    "/api/policy/versions",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["policy"],
        summary: "本县规则的历次设置（版本、规则、设置人、时间、说明）",
        response: {
          200: z.object({
            versions: z.array(
              z.object({
                version: z.number(),
                profileId: z.string(),
                basedOn: z.string().nullable(),
                setAt: z.string(),
                setBy: z.string(),
                note: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await db.kysely
        .selectFrom("county_policy")
        .select(["version", "profile_id", "based_on", "set_at", "set_by_name", "note"])
        .where("county_id", "=", userOf(request).county.id)
        .orderBy("version", "desc")
        .execute();
      return {
        versions: rows.map((r) => ({
          version: r.version,
          profileId: r.profile_id,
          basedOn: r.based_on,
          setAt: cstIso(r.set_at),
          setBy: r.set_by_name,
          note: r.note,
        })),
      };
    },
  );

  api.put(
    "/api/policy",
    {
      config: { access: { roles: ["agency_head"] } },
      schema: {
        tags: ["policy"],
        summary:
          "设置本县规则（机构负责人）：{profile} 选用内置规则，或 {basedOn, id, name, changes} 在内置规则上修改数值；整体校验，保存为新版本并记入审计日志",
        body: z.unknown(),
        response: { 200: policyView },
      },
    },
    async (request) => {
      const user = userOf(request);
      const resolved = resolveSetting(request.body);
      if (!resolved.ok) throw badInput(resolved.problem.field, resolved.problem.message);
      try {
        await db.kysely
          .transaction()
          .execute((trx) => storeCountyPolicy(trx, actorOf(request), user.county.id, resolved.value));
      } catch (error) {
        // Two settings at once: the later one finds its version taken.
        if (String((error as { code?: string }).code) === "23505")
          throw conflict("本县规则刚刚被他人修改，请刷新后重试");
        throw error;
      }
      app.policies.invalidate(user.county.id);
      return describe(await app.policies.forCounty(user.county.id), user.county);
    },
  );
}
