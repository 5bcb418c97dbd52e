// One guard for the text of every request, so no route can forget it: JSON bodies must be valid
// UTF-8, and no path parameter, query parameter or body field (name or value, at any depth) may hold a
// NUL character (U+0000) or a lone UTF-16 surrogate. PostgreSQL cannot store either (NUL in text,
// lone surrogates in jsonb): let through, they turn a typing error into a 500 and, in a transaction's
// later statement, into half-done work. Refused here with 400 naming the field, before any handler.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { badInput } from "./errors.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// With the `u` flag a well-formed surrogate pair is one code point, so the class matches only NUL
// and surrogates that stand alone.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const BAD_CHARACTER = /[\u0000\ud800-\udfff]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const BAD_CHARACTERS = /[\u0000\ud800-\udfff]/gu;

function problemOf(text: string): string | null {
  const found = BAD_CHARACTER.exec(text);
  if (!found) return null;
  return found[0] === "\u0000"
    ? "含有不能保存的空字符（U+0000），请删除后重试"
    : "含有无效的字符（不成对的 UTF-16 代理项），请重新输入";
}

interface Place {
  key: string;
  parent: Place | null;
}

const pathOf = (place: Place | null): string => {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key.replace(BAD_CHARACTERS, "\ufffd"));
  return keys.reverse().join(".");
};

/**
 * The first NUL or lone surrogate in a value, as [field path, problem]. Walks with its own stack, not
 * by recursion: a body of a million nested arrays is valid JSON and must not overflow the call stack.
 */
export function findBadText(root: unknown): [string, string] | null {
  const stack: [unknown, Place | null][] = [[root, null]];
  while (stack.length > 0) {
    const [value, place] = stack.pop()!;
    if (typeof value === "string") {
      const problem = problemOf(value);
      if (problem) return [pathOf(place), problem];
    } else if (value && typeof value === "object") {
      const entries = Array.isArray(value)
        ? value.map((item, i) => [String(i), item] as const)
        : Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const child = { key, parent: place };
        const keyProblem = problemOf(key);
        if (keyProblem) return [pathOf(child), `字段名${keyProblem}`];
        stack.push([item, child]);
      }
    }
  }
  return null;
}

export function setUpInputGuard(app: FastifyInstance): void {
  // JSON bodies are decoded strictly: invalid UTF-8 is refused, not replaced by U+FFFD.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(badInput("body", "请求内容不是有效的 UTF-8 编码"), undefined);
      return;
    }
    if (text.trim() === "") {
      done(badInput("body", "请求内容为空，应为 JSON"), undefined);
      return;
    }
    request.rawBody = text; // a signature is over the bytes as sent (http/signed-request.ts)
    parseJson(request, text, (error, parsed) => {
      if (error) done(badInput("body", "请求内容不是有效的 JSON"), undefined);
      else done(null, parsed);
    });
  });

  app.addHook("preValidation", async (request: FastifyRequest) => {
    const found = findBadText(request.params) ?? findBadText(request.query) ?? findBadText(request.body);
    if (found) {
      const [field, problem] = found;
      throw badInput(field || "body", `${field || "请求内容"}：${problem}`);
    }
  });
}
