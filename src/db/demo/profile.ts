// The facts behind a person's level: risk, priors, residence and income, emotions, family — chosen so
// that policy.md's key-person criteria (K1–K6) hold for the key persons and for nobody else, save two
// deliberate exceptions (one keyOverride, one fresh case awaiting review: see slots.ts).
import type { RiskLevel } from "../schema.ts";
import type { KeyCriterion } from "./people.ts";
import type { Rng, Weighted } from "./random.ts";
import { type Crime, K5_CRIMES } from "./sentences.ts";
import type { Slot } from "./slots.ts";

export interface Profile {
  criteria: KeyCriterion[];
  riskLevel: RiskLevel;
  priorConvictions: number;
  priorBadRecords: number;
  stableResidence: boolean;
  stableIncome: boolean;
  emotionalInstability: boolean;
  familyIncomplete: boolean;
  rebellious: boolean;
  resistsSupervision: boolean;
}

export function k2Flags(rng: Rng): Partial<Profile> {
  const convictions = rng.int(1, 3);
  return {
    priorConvictions: convictions,
    priorBadRecords: Math.max(0, 3 - convictions) + rng.int(0, 1),
    riskLevel: "high",
  };
}

/**
 * The facts behind the level. Key persons get one criterion (sometimes two) of K1–K6 and a risk of
 * elevated or high; others get facts that meet none of them — strict persons may have a blemish
 * (one prior, no stable income) but not "both residence and income", not three priors, not a
 * relatively high risk together with a K5 crime (save the one deliberate override).
 */
export function drawProfile(rng: Rng, slot: Slot, crime: Crime): Profile {
  const base: Profile = {
    criteria: [],
    riskLevel: "medium",
    priorConvictions: 0,
    priorBadRecords: 0,
    stableResidence: true,
    stableIncome: true,
    emotionalInstability: false,
    familyIncomplete: rng.chance(0.1),
    rebellious: false,
    resistsSupervision: false,
  };
  if (slot.juvenile) base.familyIncomplete = false;
  if (slot.level === "normal") {
    base.riskLevel = rng.chance(0.5) ? "low" : "medium";
    base.priorBadRecords = rng.chance(0.1) ? 1 : 0;
    return base;
  }
  if (slot.level === "strict") {
    base.riskLevel = slot.keyOverride
      ? "elevated"
      : !K5_CRIMES.has(crime) && rng.chance(0.2)
        ? "elevated"
        : "medium";
    base.priorConvictions = rng.weighted([
      [0, 70],
      [1, 30],
    ]);
    base.priorBadRecords = rng.weighted([
      [0, 70],
      [1, 30],
    ]);
    if (rng.chance(0.2)) base.stableIncome = false;
    else if (rng.chance(0.1)) base.stableResidence = false;
    return base;
  }
  // Key.
  base.riskLevel = rng.chance(0.35) ? "high" : "elevated";
  if (slot.juvenileKey) {
    return {
      ...base,
      criteria: ["K6"],
      familyIncomplete: true,
      rebellious: rng.chance(0.5),
      riskLevel: "elevated",
    };
  }
  const options: Weighted<KeyCriterion> = [
    ["K5", K5_CRIMES.has(crime) ? 35 : 0],
    ["K2", 25],
    ["K3", 20],
    ["K1", 10],
    ["K4", 12],
  ];
  const criterion = slot.warned ? "K4" : rng.weighted(options);
  const profile: Profile = { ...base, criteria: [criterion] };
  switch (criterion) {
    case "K2":
      Object.assign(profile, k2Flags(rng));
      break;
    case "K3":
      if (rng.chance(0.5)) profile.emotionalInstability = true;
      else {
        profile.stableResidence = false;
        profile.stableIncome = false;
      }
      break;
    case "K1":
      profile.resistsSupervision = true;
      break;
    case "K5":
    case "K4":
      break;
  }
  if (criterion === "K5" || criterion === "K4") profile.riskLevel = rng.chance(0.3) ? "high" : "elevated";
  // With a K5 crime, a relatively high risk is K5 as well: say so, the engine will.
  if (criterion !== "K5" && K5_CRIMES.has(crime)) profile.criteria.push("K5");
  return profile;
}
