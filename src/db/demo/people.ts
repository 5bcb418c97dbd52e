// The people under correction: identity, judgment, term, and a risk profile that agrees with the
// level the office decided (policy.md K1–K6), so that the rules engine, run on the demo, proposes
// "key" for the key persons and not for the others — except where the story says otherwise.

import { makeIdNumber } from "../../shared/id-number.ts";
import type { CorrectionType, Gender, KeyOverride, Level, RiskLevel, SubjectStatus } from "../schema.ts";
import { addDays, addMonths, daysBetween, maxDate, minDate } from "./calendar.ts";
import { type Incident, type LevelStep, planLevels } from "./levels.ts";
import { nameInitials, namePinyin, randomName } from "./names.ts";
import { COUNTY_CENTRE, type CountyDef, type OfficeDef, type VillageDef } from "./places.ts";
import { quota, type Rng, type Weighted } from "./random.ts";
import {
  type Crime,
  chooseCrimes,
  chooseSentence,
  decisionOf,
  FEMALE_LEANING,
  JUVENILE_LEANING,
  K5_CRIMES,
  MALE_LEANING,
  probationCrimeShares,
} from "./sentences.ts";

export type KeyCriterion = "K1" | "K2" | "K3" | "K4" | "K5" | "K6";

export interface Point {
  lon: number;
  lat: number;
}

export interface Person {
  index: number;
  id: string;
  county: CountyDef;
  office: OfficeDef;
  village: VillageDef;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  address: string;
  education: string;
  occupation: string;
  correctionType: CorrectionType;
  crimes: Crime[];
  crimeText: string;
  decidingOrgan: string;
  judgmentNumber: string;
  judgmentEffectiveDate: string;
  sentenceText: string;
  termStart: string;
  termEnd: string;
  intakeDate: string;
  releaseDate: string | null;
  status: SubjectStatus;
  juvenile: boolean;
  /** The decided levels, ascending; the last one is the current level. */
  levels: LevelStep[];
  level: Level;
  keyCriteria: KeyCriterion[];
  incidents: Incident[];
  riskLevel: RiskLevel;
  priorConvictions: number;
  priorBadRecords: number;
  stableResidence: boolean;
  stableIncome: boolean;
  emotionalInstability: boolean;
  familyIncomplete: boolean;
  rebellious: boolean;
  resistsSupervision: boolean;
  keyOverride: KeyOverride | null;
  /** 0.8–0.98: the share of reports this person makes on time. */
  diligence: number;
  home: Point;
  work: Point;
  bookNumber: string;
}

/** What a whole-county draw fixes per person before the person is drawn, so that shares hold exactly. */
interface Slot {
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

function planSlots(rng: Rng, total: number, small: boolean): Slot[] {
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

const EDUCATION: Weighted<string> = [
  ["文盲", 2],
  ["小学", 15],
  ["初中", 42],
  ["高中", 15],
  ["中专", 8],
  ["大专", 10],
  ["本科", 8],
];

const ETHNICITY: Weighted<string> = [
  ["汉族", 94],
  ["畲族", 4],
  ["回族", 1],
  ["苗族", 0.5],
  ["土家族", 0.5],
];

const OCCUPATION_BY_CRIME: Partial<Record<Crime, string[]>> = {
  dangerous_driving: ["个体经营", "货车司机", "公司职员", "务工", "务农", "网约车司机"],
  aiding_cybercrime: ["无业", "务工", "网店店主", "快递员"],
  theft: ["无业", "务工", "务农"],
  fraud: ["无业", "个体经营", "销售人员", "公司职员"],
  bribery: ["原国有企业管理人员"],
  embezzlement: ["公司职员", "原公司出纳"],
  casino: ["个体经营", "无业"],
  gambling: ["务农", "个体经营", "无业"],
};
const OCCUPATIONS = ["务农", "务工", "个体经营", "无业", "公司职员", "自由职业", "厨师", "装修工"];

/** Division codes for ID numbers: born in the county mostly, else in the other county or the city district. */
const BIRTH_DIVISIONS: Weighted<string> = [
  ["990121", 80],
  ["990122", 8],
  ["990102", 7],
  ["990123", 5],
];

const PHONE_PREFIXES = [
  ..."130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159".split(" "),
  ..."166 173 175 176 177 178 180 181 182 183 185 186 187 188 189 191 198 199".split(" "),
];

/** Phone numbers and ID numbers must not repeat across the whole demo. */
export class Uniques {
  readonly phones = new Set<string>();
  readonly idNumbers = new Set<string>();

  phone(rng: Rng): string {
    for (;;) {
      const phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, "0");
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  idNumber(rng: Rng, birthDate: string, gender: Gender): string {
    for (;;) {
      // The 17th digit is odd for men, even for women (GB 11643).
      const sequence = rng.int(0, 499) * 2 + (gender === "male" ? 1 : 0);
      const id = makeIdNumber(rng.weighted(BIRTH_DIVISIONS), birthDate, sequence);
      if (!this.idNumbers.has(id)) {
        this.idNumbers.add(id);
        return id;
      }
    }
  }
}

export interface DrawContext {
  rng: Rng;
  county: CountyDef;
  total: number;
  today: string;
  uniques: Uniques;
  /** Index offset so that every person of the demo has its own stream and id. */
  firstIndex: number;
  /** The other county's three people need not cover every category. */
  small: boolean;
}

export function drawPeople(ctx: DrawContext): Person[] {
  const slots = planSlots(ctx.rng.fork(`slots-${ctx.county.id}`), ctx.total, ctx.small);
  const people = slots.map((slot, i) => drawPerson(ctx, slot, ctx.firstIndex + i));
  numberBooks(people, ctx.county);
  return people;
}

function drawPerson(ctx: DrawContext, slot: Slot, index: number): Person {
  const rng = ctx.rng.fork(`person-${index}`);
  const { county, today } = ctx;
  const office = rng.weighted(county.offices.map((o) => [o, o.share] as const));
  const village = rng.pick(office.villages);
  const gender: Gender = slot.female ? "female" : "male";
  let crime = chooseCrimes(rng, slot.type, gender, slot.juvenile, slot.crime);
  // The deliberate override only means something when K5 would hold: give that person a K5 crime.
  for (
    let tries = 0;
    slot.keyOverride && !crime.categories.some((c) => K5_CRIMES.has(c)) && tries < 20;
    tries++
  ) {
    crime = chooseCrimes(rng, slot.type, gender, slot.juvenile);
  }
  const mainCrime = crime.categories[0] as Crime;
  let sentence = chooseSentence(rng, slot.type, mainCrime, gender);
  // Released people ended their term within the past year: keep their intake within about three years.
  for (let tries = 0; slot.status === "released" && sentence.termMonths > 24 && tries < 20; tries++) {
    sentence = chooseSentence(rng, slot.type, mainCrime, gender);
  }

  // Dates. A person still under correction has a term ending after today; a released one ended hers
  // within the past year (release at the end of the term, 期满解除). Intake within 10 days of the
  // judgment taking effect (Art. 21). Start dates lean towards the past so most have a year of history.
  const months = sentence.termMonths;
  let termStart: string;
  if (slot.status === "released") {
    const termEnd = addDays(today, -rng.int(2, 330));
    termStart = addMonths(addDays(termEnd, 1), -months);
  } else {
    const latest = addDays(today, slot.recent ? -rng.int(3, 20) : -12);
    const earliest = maxDate(addDays(today, -730), addDays(addMonths(today, -months), 2));
    const span = Math.max(0, daysBetween(earliest, latest));
    termStart = slot.recent ? latest : addDays(latest, -Math.floor(span * rng.next() ** 0.6));
  }
  const termEnd = addDays(addMonths(termStart, months), -1);
  const intakeDate = minDate(addDays(termStart, rng.int(1, 9)), addDays(today, -1));
  const releaseDate = slot.status === "released" ? termEnd : null;
  const decidedOn = slot.type === "parole" ? addDays(termStart, -rng.int(1, 5)) : termStart;
  const decision = decisionOf(rng, slot.type, county, decidedOn);

  const birthDate = drawBirthDate(rng, intakeDate, slot);
  const name = randomName(rng, gender);
  const education = slot.juvenile ? rng.pick(["初中", "初中", "高中", "中专"]) : rng.weighted(EDUCATION);
  const age = daysBetween(birthDate, intakeDate) / 365.25;
  const occupation = slot.juvenile
    ? rng.pick(["学生", "无业"])
    : age >= 60
      ? rng.pick(["务农", "无业", "退休"])
      : rng.pick(OCCUPATION_BY_CRIME[mainCrime] ?? OCCUPATIONS);

  const profile = drawProfile(rng, slot, mainCrime);
  const plan = planLevels(rng, {
    finalLevel: slot.level,
    criteria: profile.criteria,
    intakeDate,
    lastDay: releaseDate ?? termEnd,
    today,
    crimes: crime.categories,
    keyOverride: slot.keyOverride,
    pendingReview: slot.pendingReview,
  });
  // K4 cannot be planned when the case is too young for a violation, a warning and a decision.
  if (plan.criteria.includes("K2") && !profile.criteria.includes("K2")) Object.assign(profile, k2Flags(rng));

  const home = near(rng, village, 0.004);
  const work =
    occupation === "务农" || occupation === "无业" || occupation === "退休"
      ? home
      : near(rng, COUNTY_CENTRE, 0.02);

  return {
    index,
    id: rng.uuid(),
    county,
    office,
    village,
    name,
    namePinyin: namePinyin(name),
    nameInitials: nameInitials(name),
    gender,
    ethnicity: rng.weighted(ETHNICITY),
    birthDate,
    idNumber: ctx.uniques.idNumber(rng, birthDate, gender),
    phone: ctx.uniques.phone(rng),
    address: drawAddress(rng, county, office, village),
    education,
    occupation,
    correctionType: slot.type,
    crimes: crime.categories,
    crimeText: crime.text,
    decidingOrgan: decision.organ,
    judgmentNumber: decision.number,
    judgmentEffectiveDate: decidedOn,
    sentenceText: sentence.text,
    termStart,
    termEnd,
    intakeDate,
    releaseDate,
    status: slot.status,
    juvenile: slot.juvenile,
    levels: plan.levels,
    level: (plan.levels.at(-1) as LevelStep).level,
    keyCriteria: plan.criteria,
    incidents: plan.incidents,
    riskLevel: profile.riskLevel,
    priorConvictions: profile.priorConvictions,
    priorBadRecords: profile.priorBadRecords,
    stableResidence: profile.stableResidence,
    stableIncome: profile.stableIncome,
    emotionalInstability: profile.emotionalInstability,
    familyIncomplete: profile.familyIncomplete,
    rebellious: profile.rebellious,
    resistsSupervision: plan.criteria.includes("K1") || profile.resistsSupervision,
    keyOverride: plan.keyOverride,
    diligence:
      plan.incidents.length > 0
        ? rng.float(0.78, 0.88)
        : slot.level === "normal"
          ? rng.float(0.9, 0.98)
          : rng.float(0.86, 0.96),
    home,
    work,
    bookNumber: "",
  };
}

function drawBirthDate(rng: Rng, intakeDate: string, slot: Slot): string {
  if (slot.juvenile) {
    // 16 to 17 years and 10 months on the intake date: under 18 (policy.md, age), with a margin.
    return addDays(addMonths(intakeDate, -(16 * 12 + rng.int(0, 21))), -rng.int(1, 25));
  }
  let years: number;
  const roll = rng.next();
  if (roll < 0.04) years = rng.int(18, 19);
  else if (roll < 0.9) years = 20 + Math.round(40 * ((rng.next() + rng.next()) / 2));
  else years = rng.int(55, 70);
  if (slot.type === "temporary_release" && slot.female) years = rng.int(22, 36);
  return addDays(addMonths(intakeDate, -12 * years), -rng.int(30, 360));
}

function drawAddress(rng: Rng, county: CountyDef, office: OfficeDef, village: VillageDef): string {
  const place = `${county.name}${office.town}${village.name}`;
  if (!village.urban) return `${place}${rng.int(1, 12)}组${rng.int(1, 88)}号`;
  const street = `${rng.pick(office.streets)}${rng.int(1, 260)}号`;
  if (rng.chance(0.5)) return `${place}${street}`;
  return `${place}${street}${rng.int(1, 12)}幢${rng.int(1, 3)}单元${rng.int(1, 11)}0${rng.int(1, 4)}室`;
}

function near(rng: Rng, point: Point, spread: number): Point {
  return {
    lon: round6(point.lon + rng.float(-spread, spread)),
    lat: round6(point.lat + rng.float(-spread, spread) * 0.9),
  };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

interface Profile {
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

function k2Flags(rng: Rng): Partial<Profile> {
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
function drawProfile(rng: Rng, slot: Slot, crime: Crime): Profile {
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

/** 990121-2025-0001: county, intake year, a sequence per county and year in intake order. */
function numberBooks(people: Person[], county: CountyDef): void {
  const sorted = [...people].sort((a, b) => a.intakeDate.localeCompare(b.intakeDate) || a.index - b.index);
  const perYear = new Map<string, number>();
  for (const person of sorted) {
    const year = person.intakeDate.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    person.bookNumber = `${county.id}-${year}-${String(n).padStart(4, "0")}`;
  }
}
