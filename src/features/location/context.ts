// What the location pipeline needs from the server: the database, the one clock, the counties' rules
// and the zones' spatial index. Made once per server (`app.location`), or by the sweep and the bench.
import type { Actor } from "../../audit/audit.ts";
import { systemActor } from "../../audit/audit.ts";
import type { Db } from "../../db/connect.ts";
import type { Clock } from "../../shared/clock.ts";
import { CountyPolicies } from "../policy/county-policy.ts";
import { ZoneIndex } from "./zone-index.ts";

export interface LocationContext {
  db: Db;
  clock: Clock;
  policies: CountyPolicies;
  zones: ZoneIndex;
}

/** Who raises location alerts in the audit log. */
export const locationActor: Actor = { ...systemActor, name: "位置研判", role: "system" };

export function makeLocationContext(
  db: Db,
  clock: Clock,
  policies = new CountyPolicies(db),
): LocationContext {
  return { db, clock, policies, zones: new ZoneIndex(db) };
}

declare module "fastify" {
  interface FastifyInstance {
    /** The location pipeline's context (features/location): ingest, zones, judging. */
    location: LocationContext;
  }
}
