// A call to /api/exchange/v1/… as a partner's server makes it: signed with the partner's secret at the
// product's clock (or with a spoiled signature or timestamp), answered by the test app; `replay` sends
// the very same request again.
import "../../src/features/aftercare/tables.ts";
import "../../src/features/intake/tables.ts";
import "../../src/features/resettlement/tables.ts";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { methodPathTimestampBodyHash, signText } from "../../src/http/signed-request.ts";

export interface PartnerKey {
  keyId: string;
  secret: string;
}

export async function exchangeCall(
  app: FastifyInstance,
  who: PartnerKey,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  tamper: { signature?: string; timestamp?: string } = {},
) {
  const rawBody = body === undefined ? "" : JSON.stringify(body);
  const timestamp = tamper.timestamp ?? app.clock.now().toISOString();
  const signature =
    tamper.signature ??
    signText(who.secret, methodPathTimestampBodyHash({ method, path: url, timestamp, rawBody }));
  const headers: Record<string, string> = {
    "x-onebook-key": who.keyId,
    "x-onebook-timestamp": timestamp,
    "x-onebook-signature": signature,
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const send = () =>
    app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: rawBody }) });
  return { response: await send(), replay: send };
}

/** How many rows a table holds (what a refused call must leave unchanged). */
export async function rowCount(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((e) => e.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
