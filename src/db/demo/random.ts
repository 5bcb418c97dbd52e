// A small seeded PRNG for the demo county. mulberry32 is tiny, fast and good enough for fake data;
// what matters is that the same seed gives the same county on every machine and database.
// Streams are forked by label (`rng.fork("subject-12")`) so that one person's history does not shift
// when another part of the generator draws one number more or less.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a: turns a label into 32 bits, so forks are named rather than numbered. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

export class Rng {
  readonly #next: () => number;

  constructor(readonly seed: number) {
    this.#next = mulberry32(seed);
  }

  /** An independent stream named by `label`, the same for the same seed and label. */
  fork(label: string): Rng {
    return new Rng((Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ hashLabel(label)) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.#next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.#next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.#next() * items.length)] as T;
  }

  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let x = this.#next() * total;
    for (const [value, weight] of table) {
      x -= weight;
      if (x < 0) return value;
    }
    return (table.at(-1) as readonly [T, number])[0];
  }

  /** Fisher–Yates, in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.#next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** `count` distinct items (or all of them when fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count <= 0) return [];
    if (count >= items.length) return [...items];
    return this.shuffle([...items]).slice(0, count);
  }

  /** A UUID-shaped id (version 4 layout) drawn from this stream: stable ids for stable demo data. */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++)
      hex.push((Math.floor(this.#next() * 4_294_967_296) >>> 0).toString(16).padStart(8, "0"));
    const h = hex.join("");
    const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * Exact counts for categories that must each appear (at least `min` of them), shuffled: with 60
 * subjects "4% control" must still give one control case, which independent draws would not promise.
 * The first category takes whatever the others leave.
 */
export function quota<T>(rng: Rng, total: number, shares: ReadonlyArray<readonly [T, number, number?]>): T[] {
  const out: T[] = [];
  const [first, ...rest] = shares;
  if (!first) return out;
  for (const [value, share, min = 1] of rest) {
    const count = Math.min(Math.max(min, Math.round(total * share)), total - out.length);
    for (let i = 0; i < count; i++) out.push(value);
  }
  while (out.length < total) out.push(first[0]);
  return rng.shuffle(out);
}
