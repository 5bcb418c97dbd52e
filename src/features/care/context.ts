// What the care features' service functions need besides their input: the database, the counties'
// rules (working days, targets) and the product's clock reading. A route makes it from the request;
// the partners' exchange API can make the same to call `receive…` for a notice it is sent.
import type { Kysely } from "kysely";
import type { Actor } from "../../audit/audit.ts";
import type { Database } from "../../db/schema.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";

export interface CareContext {
  db: Kysely<Database>;
  policies: CountyPolicies;
  now: Date;
}

/** Who acts: the staff account (stored as the recorder), its county, and the audit's actor. */
export interface CareActor {
  userId: string;
  countyId: string;
  audit: Actor;
}

/** Who receives a commission: a staff account, or a partner organisation through the exchange API. */
export type CareReceiver = CareActor | { partnerId: string; countyId: string; audit: Actor };
