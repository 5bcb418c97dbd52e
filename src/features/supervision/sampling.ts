// Random picks that anyone can repeat (agency spot checks and visit sampling, seed 000 §九.2(1),
// §九.2(3)): each person of the population gets the key sha256("<seed>:<id>") and the `count` persons
// with the smallest keys are picked, in key order. The pick depends only on the seed and the set of
// ids (not on their order), so a stored draw can be checked with any sha256 tool.
import { createHash, randomBytes } from "node:crypto";

export function drawSample(population: readonly string[], count: number, seed: string): string[] {
  const keyed = [...new Set(population)].map((id) => ({
    id,
    key: createHash("sha256").update(`${seed}:${id}`).digest("hex"),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.slice(0, Math.max(0, Math.min(count, keyed.length))).map((k) => k.id);
}

/** A fresh seed: 16 random bytes as hex, recorded with the draw. */
export function newSeed(): string {
  return randomBytes(16).toString("hex");
}
