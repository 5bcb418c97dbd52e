// GET /api/map/settings: how the console draws its maps (the location map, the zones page). Tiles are
// the county's choice (ONEBOOK_MAP_TILES, e.g. a provincial tile service with its key); with none the
// console draws the county outline and the zones on a plain background, and never calls the network.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { staffRoles } from "../../auth/access.ts";
import type { Config } from "../../config.ts";

/** The sources the page's Content-Security-Policy must allow for the tiles (`img-src`). */
export function tileSources(config: Pick<Config, "mapTiles">): string[] {
  if (!config.mapTiles) return [];
  const { protocol, host } = new URL(config.mapTiles.url.replace(/\{s\}/g, "a").replace(/\{[a-z]+\}/g, "0"));
  const subdomains = config.mapTiles.url.includes("{s}");
  return [`${protocol}//${subdomains ? host.replace(/^[^.]*/, "*") : host}`];
}

export function mapRoutes(app: FastifyInstance, config: Config): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/map/settings",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["location"],
        summary: "地图设置：瓦片地址模板和版权说明（未配置时为 null，控制台只画县界和区域）",
        response: {
          200: z.object({ tiles: z.object({ url: z.string(), attribution: z.string() }).nullable() }),
        },
      },
    },
    async () => ({ tiles: config.mapTiles ?? null }),
  );
}
