// The exchange's pure parts: the request-bound string to sign, the back-off of webhook retries, and
// the sealing of the partners' secrets at rest.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { methodPathTimestampBodyHash, timestampNewlineBody } from "../../http/signed-request.ts";
import { secretBox } from "./secret-box.ts";
import { nextAttemptAt } from "./webhooks.ts";

describe("exchange signing, retries and sealed secrets", () => {
  it("signs method, path with query, timestamp and the body's SHA-256, one per line", () => {
    const parts = {
      method: "post",
      path: "/api/exchange/v1/persons?purpose=case_handling",
      timestamp: "1",
      rawBody: "{}",
    };
    const hash = createHash("sha256").update("{}").digest("hex");
    expect(methodPathTimestampBodyHash(parts)).toBe(
      `POST\n/api/exchange/v1/persons?purpose=case_handling\n1\n${hash}`,
    );
    // The device vendors' scheme is unchanged: timestamp and body.
    expect(timestampNewlineBody(parts)).toBe("1\n{}");
  });

  it("waits retrySeconds, then doubles", () => {
    const now = new Date("2026-11-20T02:00:00Z");
    const rule = { retrySeconds: 60, maxAttempts: 5 };
    expect([1, 2, 3, 4].map((n) => (nextAttemptAt(now, n, rule).getTime() - now.getTime()) / 1000)).toEqual([
      60, 120, 240, 480,
    ]);
  });

  it("seals a secret so that only the same key opens it", () => {
    const box = secretBox({ secretKey: "a".repeat(32), dataDir: "/nonexistent" });
    const sealed = box.seal("s3cret");
    expect(sealed).not.toContain("s3cret");
    expect(box.open(sealed)).toBe("s3cret");
    expect(box.seal("s3cret")).not.toBe(sealed); // a fresh IV each time
    expect(secretBox({ secretKey: "b".repeat(32), dataDir: "/nonexistent" }).open(sealed)).toBeNull();
  });
});
