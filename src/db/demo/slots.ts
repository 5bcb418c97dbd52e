// The county-wide draw that fixes, before anyone is drawn, who is on which correction type, who is
// released, at which level, a juvenile, a woman, recently arrived — by exact quotas, so that even a
// county of 60 shows every category the brief promises whatever the seed.
import type { CorrectionType, Level, SubjectStatus } from "../schema.ts";
import { quota, type Rng } from "./random.ts";
import {
  type Crime,
  FEMALE_LEANING,
  JUVENILE_LEANING,
  MALE_LEANING,
  probationCrimeShares,
} from "./sentences.ts";

/** What a whole-county draw fixes per person before the person is drawn, so that shares hold exactly. */
export interface Slot {
  type: CorrectionType;
  status: SubjectStatus;
  level: Exclude<Level, "lenient">;
  juvenile: boolean;
  /** A juvenile in a broken family: the K6 key person the brief asks for. */
  juvenileKey: boolean;
  female: boolean;
  recent: boolean;
  keyOverride: boolean;
  /** A recent disobedience awaiting the office's decision (levels.ts). */
  pendingReview: boolean;
  /** A key person made key by a warning (K4), so that every demo shows one. */
  warned: boolean;
  /** The main crime, when a county-wide quota chose it. */
  crime?: Crime;
}

export function planSlots(rng: Rng, total: number, small: boolean): Slot[] {
  const min = small ? 0 : 1;
  const types = quota<CorrectionType>(rng, total, [
    ["probation", 0.8],
    ["parole", 0.1, min],
    ["temporary_release", 0.06, min],
    ["control", 0.04, min],
  ]);
  const statuses = quota<SubjectStatus>(rng, total, [
    ["in_correction", 0.92],
    ["released", 0.08, min],
  ]);
  const levels = quota<Slot["level"]>(rng, total, [
    ["normal", 0.63],
    ["strict", 0.25, min],
    ["key", 0.12, min],
  ]);
  const female = quota<boolean>(rng, total, [
    [false, 0.87],
    [true, 0.13, small ? 0 : 3],
  ]);
  const recent = quota<boolean>(rng, total, [
    [false, 0.95],
    [true, 0.05, small ? 0 : 2],
  ]);
  const slots: Slot[] = types.map((type, i) => ({
    type,
    status: statuses[i] as SubjectStatus,
    level: levels[i] as Slot["level"],
    juvenile: false,
    juvenileKey: false,
    female: female[i] as boolean,
    recent: (recent[i] as boolean) && statuses[i] === "in_correction",
    keyOverride: false,
    pendingReview: false,
    warned: false,
  }));
  if (small) return slots;

  // Juveniles: probation, in correction, male. The first is a key person (K6: incomplete family);
  // his level is swapped with a key slot so the share of key persons stays as drawn.
  const juveniles = Math.max(1, Math.round(total * 0.015));
  const candidates = slots.filter((s) => s.type === "probation" && s.status === "in_correction" && !s.recent);
  for (const [n, slot] of candidates.slice(0, juveniles).entries()) {
    slot.juvenile = true;
    slot.female = false;
    if (n === 0) {
      slot.juvenileKey = true;
      const key = slots.find((s) => s.level === "key" && s !== slot && !s.juvenile);
      if (slot.level !== "key" && key) {
        key.level = slot.level;
        slot.level = "key";
      }
    } else if (slot.level === "key") {
      slot.level = "strict";
    }
  }
  // Temporary release for pregnancy or nursing is the usual way women come to it: half are women.
  for (const [n, slot] of slots.filter((s) => s.type === "temporary_release").entries())
    if (n % 2 === 0) slot.female = true;
  // One deliberate decision (keyOverride): K5 holds, the office keeps the person at strict with a reason.
  const override = slots.find(
    (s) => s.level === "strict" && s.status === "in_correction" && !s.juvenile && !s.female,
  );
  if (override && total >= 20) override.keyOverride = true;
  const pending = slots.find(
    (s) => s.level === "strict" && s.status === "in_correction" && !s.juvenile && !s.keyOverride && !s.recent,
  );
  if (pending && total >= 20) pending.pendingReview = true;
  const warnable = slots.filter(
    (s) => s.level === "key" && s.status === "in_correction" && !s.juvenile && !s.recent,
  );
  for (const slot of warnable.slice(0, Math.max(1, Math.round(total * 0.03)))) slot.warned = true;

  // Probation crimes by exact shares, so that dangerous driving leads whatever the seed; then swaps
  // give women and juveniles the crimes they are usually convicted of.
  const probation = slots.filter((s) => s.type === "probation");
  const crimes = quota<Crime>(rng, probation.length, probationCrimeShares());
  for (const [i, slot] of probation.entries()) slot.crime = crimes[i];
  for (const slot of probation) {
    const wants = slot.juvenile ? JUVENILE_LEANING : slot.female ? FEMALE_LEANING : null;
    const crime = slot.crime as Crime;
    if (!wants || (slot.juvenile ? wants.has(crime) : !MALE_LEANING.has(crime))) continue;
    const partner = probation.find(
      (s) => !s.juvenile && !s.female && !s.keyOverride && s.crime && wants.has(s.crime),
    );
    if (partner) [slot.crime, partner.crime] = [partner.crime, crime];
  }
  return slots;
}
