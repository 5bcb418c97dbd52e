// A call to /api/exchange/v1/… as a partner's server makes it: signed with the partner's secret at the
// product's clock (or with a spoiled signature or timestamp), answered by the test app; `replay` sends
// the very same request again.
import type { FastifyInstance } from "fastify";
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
