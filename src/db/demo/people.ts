// The people under correction: identity, judgment, term, and a risk profile that agrees with the
// level the office decided (policy.md K1–K6), so that the rules engine, run on the demo, proposes
// "key" for the key persons and not for the others — except where the story says otherwise.
import { makeIdNumber } from "../../shared/id-number.ts";
import type { CorrectionType, Gender, KeyOverride, Level, RiskLevel, SubjectStatus } from "../schema.ts";
import { addDays, addMonths, daysBetween, maxDate, minDate } from "./calendar.ts";
import { type Incident, type LevelStep, planLevels } from "./levels.ts";
import { nameInitials, namePinyin, randomName } from "./names.ts";
import { COUNTY_CENTRE, type CountyDef, type OfficeDef, type VillageDef } from "./places.ts";
import { drawProfile, k2Flags } from "./profile.ts";
import type { Rng, Weighted } from "./random.ts";
import { type Crime, chooseCrimes, chooseSentence, decisionOf, K5_CRIMES } from "./sentences.ts";
import { planSlots, type Slot } from "./slots.ts";

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
