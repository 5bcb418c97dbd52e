// Fastify type extensions: the signed-in user on every request and the access rule on every route.
import type { AccessRule, CurrentUser } from "../auth/access.ts";
import type { CountyPolicies } from "../features/policy/county-policy.ts";
import type { Clock } from "../shared/clock.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The product's one clock (config.clock): routes read "now" from it, never from Date. */
    clock: Clock;
    /** Each county's policy profile, cached for this server (features/policy). */
    policies: CountyPolicies;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The text of a JSON body as received (http/input-guard.ts), for signed requests (http/signed-request.ts). */
    rawBody?: string;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
