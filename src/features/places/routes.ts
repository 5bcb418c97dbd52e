// /api/places: the county and the offices (with their villages) that the user may see.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canSeeOffice, staffRoles } from "../../auth/access.ts";
import { userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";

const ref = z.object({ id: z.string(), name: z.string() });

export function placeRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/places",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["places"],
        summary: "本人可见的县（社区矫正机构）、司法所及其村（社区）",
        response: {
          200: z.object({ county: ref, offices: z.array(ref.extend({ villages: z.array(ref) })) }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const rows = await db.kysely
        .selectFrom("place")
        .select(["id", "parent_id", "kind", "name"])
        .where((eb) =>
          eb.or([
            eb("parent_id", "=", user.county.id),
            eb(
              "parent_id",
              "in",
              eb.selectFrom("place").select("id").where("parent_id", "=", user.county.id),
            ),
          ]),
        )
        .orderBy("id")
        .execute();
      const offices = rows
        .filter(
          (row) => row.kind === "office" && canSeeOffice(user, { id: row.id, countyId: user.county.id }),
        )
        .map((office) => ({
          id: office.id,
          name: office.name,
          villages: rows
            .filter((row) => row.parent_id === office.id && row.kind === "village")
            .map(({ id, name }) => ({ id, name })),
        }));
      return { county: user.county, offices };
    },
  );
}
