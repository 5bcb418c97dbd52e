// Fastify type extensions: the signed-in user on every request and the access rule on every route.
import type { AccessRule, CurrentUser } from "../auth/access.ts";

declare module "fastify" {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
