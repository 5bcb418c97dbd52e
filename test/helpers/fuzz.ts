// A small schema-walking fuzzer over the OpenAPI document: for an operation it builds a valid-shaped
// request from the JSON schemas of its parameters and body (known ids and files come from `hints`),
// then spoils it in one of the ways a careless or hostile client would — NUL characters, lone UTF-16
// surrogates, impossible dates, year 0000, huge numbers, wrong types, over-long strings, invalid UTF-8
// and broken JSON. Everything is drawn from a seeded generator, so a failure can be replayed.

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas from the OpenAPI document are untyped data
export type JsonSchema = Record<string, any>;

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/subjects/{id}`. */
  path: string;
  params: { name: string; in: "path" | "query"; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

/** Every operation of an OpenAPI 3 document. */
export function operationsOf(doc: JsonSchema): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<JsonSchema>(doc.paths)) {
    for (const [method, op] of Object.entries<JsonSchema>(methods)) {
      out.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p: JsonSchema) => p.in === "path" || p.in === "query"),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return out;
}

/** Values that make a request valid-shaped where a schema alone cannot (ids in the demo, files). */
export type Hints = Record<string, () => unknown>;

const SAMPLE_TEXT = "测试内容";

function sampleString(schema: JsonSchema, rng: Rng): string {
  if (schema.format === "date-time") return "2026-11-18T10:00:00+08:00";
  const pattern: string | undefined = schema.pattern;
  if (pattern) {
    const candidates = ["2026-11-10", "2026-11", "13800138000", "2026-11-18T10:00:00+08:00"];
    const found = candidates.find((c) => new RegExp(pattern).test(c));
    if (found) return found;
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  let text = SAMPLE_TEXT.slice(0, rng.int(Math.min(2, max), Math.min(SAMPLE_TEXT.length, max)));
  while (text.length < min) text += "字";
  return text.slice(0, max);
}

/** A valid-shaped value for a JSON schema (property names in `hints` take the hint's value). */
export function sample(schema: JsonSchema, rng: Rng, hints: Hints, name = ""): unknown {
  if (name && hints[name]) return hints[name]();
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return sample(rng.pick(options as JsonSchema[]), rng, hints, name);
  if (schema.enum) return rng.pick(schema.enum as unknown[]);
  if (schema.const !== undefined) return schema.const;
  switch (schema.type) {
    case "string":
      return sampleString(schema, rng);
    case "integer":
    case "number": {
      const min = schema.minimum ?? 0;
      const max = Math.min(schema.maximum ?? min + 10, min + 10);
      const value = rng.int(Math.ceil(min), Math.floor(max));
      return schema.exclusiveMinimum && value <= min ? value + 1 : value;
    }
    case "boolean":
      return rng.chance(0.5);
    case "array": {
      const count = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, rng.int(0, 2)));
      return Array.from({ length: count }, () => sample(schema.items ?? {}, rng, hints, `${name}[]`));
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, sub] of Object.entries<JsonSchema>(schema.properties ?? {})) {
        if (required.has(key) || rng.chance(0.5)) out[key] = sample(sub, rng, hints, key);
      }
      return out;
    }
    default:
      return SAMPLE_TEXT;
  }
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was spoiled, for the report. */
  mutation: string;
}

type Location = { in: "path" | "query" | "body"; key: (string | number)[] };

/** The mutations, each a name and what it does to one value. */
export const MUTATIONS = [
  "none",
  "nul",
  "lone_surrogate",
  "impossible_date",
  "year_zero",
  "huge_number",
  "wrong_type",
  "long_string",
  "invalid_utf8",
  "broken_json",
  "nul_key",
  "deep_nesting",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const IMPOSSIBLE_DATES = [
  "2026-11-31",
  "2026-02-30",
  "2025-02-29",
  "2026-13-01",
  "2026-11-31T10:00:00+08:00",
];
const YEAR_ZERO = ["0000-01-01", "0000-11-20", "0000-01-01T00:00:00+08:00", "0000-12"];
const HUGE_NUMBERS: unknown[] = [1e21, 2 ** 31, 2 ** 53 + 2, -1, -(2 ** 63), 1.5, 0, "99999999999999999999"];
const WRONG_TYPES: unknown[] = [{}, [], true, 12345, null, [{ a: "\u0000" }], { "": "" }];

/** Encodes text for a URL; a lone surrogate goes as its WTF-8 bytes (what a broken client sends). */
function encodeForUrl(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(char);
  }
  return out;
}

function leaves(value: unknown, key: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...key, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...key, k]));
  return key.length > 0 ? [key] : [];
}

function setAt(root: Record<string, unknown>, key: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const part of key.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[key.at(-1) as string | number] = value;
}

function getAt(root: unknown, key: (string | number)[]): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const part of key) node = node?.[part] as Record<string | number, unknown> | undefined;
  return node;
}

const INVALID_UTF8 = [
  Buffer.from([0xff]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
];

/** One request for an operation: valid-shaped, then spoiled by `mutation`. */
export function buildRequest(op: Operation, rng: Rng, hints: Hints, mutation: Mutation): FuzzRequest {
  const params: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of op.params) {
    if (p.in === "path") params[p.name] = sample(p.schema, rng, hints, p.name);
    else if (p.required || rng.chance(0.6)) query[p.name] = sample(p.schema, rng, hints, p.name);
  }
  let body = op.body ? (sample(op.body, rng, hints) as Record<string, unknown>) : undefined;
  let raw: Buffer | undefined;

  const locations: Location[] = [
    ...Object.keys(params).map((k) => ({ in: "path" as const, key: [k] })),
    ...Object.keys(query).map((k) => ({ in: "query" as const, key: [k] })),
    ...(body && typeof body === "object" ? leaves(body).map((key) => ({ in: "body" as const, key })) : []),
  ];
  const container = (loc: Location) => (loc.in === "path" ? params : loc.in === "query" ? query : body!);
  const spoil = (change: (old: unknown) => unknown, prefer?: (old: unknown) => boolean) => {
    if (locations.length === 0) {
      query[rng.pick(["q", "x", "id"])] = change("");
      return;
    }
    const preferred = prefer ? locations.filter((l) => prefer(getAt(container(l), l.key))) : [];
    const loc = rng.pick(preferred.length > 0 ? preferred : locations);
    setAt(container(loc), loc.key, change(getAt(container(loc), loc.key)));
  };
  const isText = (v: unknown) => typeof v === "string";
  const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}/.test(v);
  const isNumber = (v: unknown) => typeof v === "number";

  switch (mutation) {
    case "none":
      break;
    case "nul":
      spoil((old) => {
        const text = String(old ?? "");
        const at = rng.int(0, text.length);
        return `${text.slice(0, at)}\u0000${text.slice(at)}`;
      }, isText);
      break;
    case "lone_surrogate":
      spoil((old) => `${String(old ?? "")}${rng.pick(["\ud800", "\udfff", "\udc00x"])}`, isText);
      break;
    case "impossible_date":
      spoil(() => rng.pick(IMPOSSIBLE_DATES), isDate);
      break;
    case "year_zero":
      spoil(() => rng.pick(YEAR_ZERO), isDate);
      break;
    case "huge_number":
      spoil(() => rng.pick(HUGE_NUMBERS), isNumber);
      break;
    case "wrong_type":
      spoil(() => rng.pick(WRONG_TYPES));
      break;
    case "long_string":
      spoil(() => "长".repeat(rng.pick([300, 5_001, 70_000])), isText);
      break;
    case "nul_key":
      if (body && typeof body === "object" && !Array.isArray(body)) body = { ...body, "\u0000": "x" };
      else query["\u0000"] = "x";
      break;
    case "deep_nesting": {
      // Valid JSON nested far deeper than any form: must not overflow a recursive walk.
      const depth = 200_000;
      const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      if (!body || typeof body !== "object") {
        query.q = "[".repeat(5_000);
        break;
      }
      const json = JSON.stringify({ ...body, deep: "\u0001NEST\u0001" });
      raw = Buffer.from(json.replace('"\\u0001NEST\\u0001"', nested), "utf8");
      break;
    }
    case "invalid_utf8":
    case "broken_json": {
      if (!body) {
        // No body: spoil the query string with bytes that are not UTF-8.
        query.q = "\u0001";
        break;
      }
      const marker = "\u0001MARK\u0001";
      const textLeaves = leaves(body).filter((k) => isText(getAt(body, k)));
      if (textLeaves.length > 0) setAt(body, rng.pick(textLeaves), marker);
      const json = JSON.stringify(body);
      if (mutation === "broken_json") {
        raw = Buffer.from(json.slice(0, rng.int(0, Math.max(0, json.length - 1))), "utf8");
      } else {
        const [before = "", after = ""] = json.includes("\\u0001MARK\\u0001")
          ? json.split("\\u0001MARK\\u0001")
          : [json.slice(0, -1), `,"x":"\u0000"}`];
        raw = Buffer.concat([
          Buffer.from(before, "utf8"),
          rng.pick(INVALID_UTF8),
          Buffer.from(after, "utf8"),
        ]);
      }
      break;
    }
  }

  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeForUrl(String(params[name] ?? "")));
  const queryText = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeForUrl(k)}=${encodeForUrl(typeof v === "string" ? v : JSON.stringify(v))}`)
    .join("&");
  if (queryText) url += `?${queryText}`;
  if (mutation === "invalid_utf8" && !op.body) url += `${queryText ? "&" : "?"}bad=%FF%FE`;

  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (raw) payload = raw;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers["content-type"] = "application/json";
  return { method: op.method, url, headers, payload, mutation };
}
