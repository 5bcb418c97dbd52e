// The partners' API secrets at rest. HMAC verification needs the secret itself (a hash would not do),
// so it is stored encrypted with AES-256-GCM under a key that is not in the database: a stolen backup
// or database dump does not let anyone sign as a court. The key is ONEBOOK_SECRET_KEY when set (needed
// when several instances share a PostgreSQL database), else a random key created once in the data
// folder (`secret.key`, mode 600). Losing the key only means the partners' keys must be rotated.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../config.ts";

export interface SecretBox {
  seal(plain: string): string;
  /** The plain text, or null when it was sealed under another key (then the key must be rotated). */
  open(sealed: string): string | null;
}

function keyMaterial(config: Pick<Config, "secretKey" | "dataDir">): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}

export function secretBox(config: Pick<Config, "secretKey" | "dataDir">): SecretBox {
  let key: Buffer | null = null; // read on first use: a server without partners never touches the file
  const keyOf = () => {
    key ??= createHash("sha256")
      .update(`onebook-exchange:${keyMaterial(config)}`)
      .digest();
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keyOf(), iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
    },
    open(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1\./, ""), "base64");
      try {
        const decipher = createDecipheriv("aes-256-gcm", keyOf(), raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
