// Every figure of the statistics, one function each, from the records of statistics/records.ts only.
// The screen, the Excel workbook and the drill-down all call these: a figure's persons are the very
// rows its number counts. As-of figures read the records' dates (intake, end, level decisions,
// event days), never the current status, so a past day gives back the figures of that day.
import type { PolicyProfile } from "../../core/index.ts";
import { assistanceKindLabel, endKindLabel } from "../../glossary.ts";
import { ageOn } from "../../shared/time.ts";
import { wholeMonths } from "./period.ts";
import type { StatPerson, StatRecords } from "./records.ts";

/** In the register on `day`: taken in on or before it, and the case not ended on or before it. */
export const inRegister = (p: StatPerson, day: string) =>
  p.intakeDate <= day && (p.endDate === null || p.endDate > day);

/** In the register on at least one day of [start, end]. */
export const servedIn = (p: StatPerson, start: string, end: string) =>
  p.intakeDate <= end && (p.endDate === null || p.endDate > start);

/** The person's management level on `day`, from the level decisions in force that day. */
export function levelOn(p: StatPerson, day: string): string {
  let level: string | null = null;
  for (const l of p.levels) if (l.from <= day) level = l.level;
  return level ?? p.levels[0]?.level ?? p.level;
}

export const AGE_BANDS = ["minor", "18_25", "26_35", "36_45", "46_59", "60_plus"] as const;
export function ageBand(p: StatPerson, day: string): (typeof AGE_BANDS)[number] {
  const age = ageOn(p.birthDate, day);
  if (age < 18) return "minor";
  if (age <= 25) return "18_25";
  if (age <= 35) return "26_35";
  if (age <= 45) return "36_45";
  if (age <= 59) return "46_59";
  return "60_plus";
}

export type Breakdown = Record<string, number>;

export interface RegisterCounts {
  day: string;
  total: number;
  byType: Breakdown;
  byLevel: Breakdown;
  byOffice: Breakdown;
  /** A person with several crimes counts once under each. */
  byCrime: Breakdown;
  bySex: Breakdown;
  byAge: Breakdown;
}

export const registerOn = (r: StatRecords, day: string) => r.persons.filter((p) => inRegister(p, day));

export function registerCounts(r: StatRecords, day: string): RegisterCounts {
  const out: RegisterCounts = {
    day,
    total: 0,
    byType: {},
    byLevel: {},
    byOffice: {},
    byCrime: {},
    bySex: {},
    byAge: {},
  };
  const bump = (b: Breakdown, key: string) => {
    b[key] = (b[key] ?? 0) + 1;
  };
  for (const p of registerOn(r, day)) {
    out.total += 1;
    bump(out.byType, p.correctionType);
    bump(out.byLevel, levelOn(p, day));
    bump(out.byOffice, p.officeId);
    for (const c of p.crimeCategories.length ? p.crimeCategories : ["other"]) bump(out.byCrime, c);
    bump(out.bySex, p.gender);
    bump(out.byAge, ageBand(p, day));
  }
  return out;
}

/** Who a number counts: the person and what about them made them count. */
export interface PersonRow {
  subjectId: string;
  name: string;
  officeId: string;
  /** Counted in the numerator (a rate's persons "with"), or only in the base. */
  counted: boolean;
  detail: string;
}

export interface Figure {
  id: string;
  /** A rate in percent (one decimal), a ratio, an amount; null when the base is empty. */
  value: number | null;
  numerator: number;
  denominator: number;
  unit: "percent" | "persons_per_worker" | "yuan_per_person" | "persons";
  target: number | null;
  /** Whether the target is met (null without a target or a value). */
  met: boolean | null;
  persons: PersonRow[];
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

function rate(
  id: string,
  base: StatPerson[],
  counts: (p: StatPerson) => string | null,
  target: number | null = null,
): Figure {
  const persons = base.map((p) => {
    const detail = counts(p);
    return {
      subjectId: p.id,
      name: p.name,
      officeId: p.officeId,
      counted: detail !== null,
      detail: detail ?? "",
    };
  });
  const numerator = persons.filter((p) => p.counted).length;
  const value = pct(numerator, base.length);
  return {
    id,
    value,
    numerator,
    denominator: base.length,
    unit: "percent",
    target,
    met: target === null || value === null ? null : value >= target,
    persons,
  };
}

/** The report's window: the period, and the day its as-of figures are taken (its end, or today). */
export interface FigureWindow {
  start: string;
  end: string;
  asOf: string;
}

/** Intakes of the period: taken in on a day of it. */
export function intakes(r: StatRecords, w: FigureWindow): Figure {
  const base = r.persons.filter((p) => p.intakeDate >= w.start && p.intakeDate <= w.end);
  return { ...rate("intakes", base, (p) => p.intakeDate), unit: "persons", value: base.length };
}

function ended(r: StatRecords, w: FigureWindow, id: string, kinds: readonly string[]): Figure {
  const base = r.persons.filter(
    (p) =>
      p.endDate !== null && p.endDate >= w.start && p.endDate <= w.end && kinds.includes(p.endKind ?? ""),
  );
  return {
    ...rate(id, base, (p) => `${p.endDate} ${endKindLabel[p.endKind ?? ""] ?? ""}`),
    unit: "persons",
    value: base.length,
  };
}

/** Releases of the period (期满解矫, pardon). */
export const releases = (r: StatRecords, w: FigureWindow) => ended(r, w, "releases", ["release", "pardon"]);
/** Terminations of the period (revocation, imprisonment, death). */
export const terminations = (r: StatRecords, w: FigureWindow) =>
  ended(r, w, "terminations", ["revocation", "imprisonment", "death"]);
/** Cases moved to another county in the period (执行地变更). */
export const transfersOut = (r: StatRecords, w: FigureWindow) =>
  ended(r, w, "transfers_out", ["transferred_out"]);

function eventRate(id: string, r: StatRecords, w: FigureWindow, rows: StatRecords["lostContact"]): Figure {
  const by = new Map<string, string[]>();
  for (const e of rows)
    if (e.date >= w.start && e.date <= w.end) by.set(e.subjectId, [...(by.get(e.subjectId) ?? []), e.date]);
  const base = r.persons.filter((p) => servedIn(p, w.start, w.end));
  return rate(id, base, (p) => (by.has(p.id) ? by.get(p.id)!.sort().join("、") : null));
}

/** 脱管率: persons in the register in the period with a lost-contact alert raised, or an escape from
 * supervision (violation 脱离监管) that occurred, in the period, over the persons in the register in it. */
export const lostContact = (r: StatRecords, w: FigureWindow) =>
  eventRate("lost_contact", r, w, r.lostContact);

/** 重新犯罪率: persons in the register in the period with a major-event report of a new crime that
 * occurred in the period, over the persons in the register in it. */
export const reoffending = (r: StatRecords, w: FigureWindow) => eventRate("reoffending", r, w, r.newCrimes);

/** 个案矫正率: persons in the register on the as-of day whose individual correction plan (the book's
 * 矫正方案 section) was completed on or before that day, over the persons in the register. */
export function individualCorrection(r: StatRecords, w: FigureWindow): Figure {
  return rate("individual_correction", registerOn(r, w.asOf), (p) => {
    const done = r.planDone.get(p.id);
    return done !== undefined && done <= w.asOf ? done : null;
  });
}

/** 电子定位率: persons in the register on the as-of day with a location report (phone app or device)
 * in the profile's window of days up to it, over the persons in the register. */
export function electronicLocation(r: StatRecords, w: FigureWindow): Figure {
  const located = r.located.get(w.asOf) ?? new Set<string>();
  return rate("electronic_location", registerOn(r, w.asOf), (p) => (located.has(p.id) ? "有位置报告" : null));
}

/** 重点人员电子定位率: the same among the persons managed as key persons that day (target: all). */
export function keyElectronicLocation(r: StatRecords, w: FigureWindow, profile: PolicyProfile): Figure {
  const located = r.located.get(w.asOf) ?? new Set<string>();
  const base = registerOn(r, w.asOf).filter((p) => levelOn(p, w.asOf) === "key");
  return rate(
    "key_electronic_location",
    base,
    (p) => (located.has(p.id) ? "有位置报告" : null),
    profile.indicators.location.keyTargetPercent,
  );
}

/** 救助帮扶率: persons in the register in the period with an assistance record (帮扶) in it, over the
 * persons in the register in the period. */
export function assistance(r: StatRecords, w: FigureWindow): Figure {
  const kinds = new Map<string, string[]>();
  for (const e of r.support)
    if (e.type === "assistance" && e.date >= w.start && e.date <= w.end)
      kinds.set(e.subjectId, [
        ...(kinds.get(e.subjectId) ?? []),
        `${e.date} ${assistanceKindLabel[e.kind ?? ""] ?? "帮扶"}`,
      ]);
  const base = r.persons.filter((p) => servedIn(p, w.start, w.end));
  return rate("assistance", base, (p) => (kinds.has(p.id) ? kinds.get(p.id)!.join("、") : null));
}

/** Monthly hours (学习 / 公益活动): over the person-months of the period's whole months that have ended
 * by the as-of day and in which the person was in the register every day, the share reaching the
 * profile's monthly hours. A person appears once per such month. */
function monthlyHours(
  id: string,
  r: StatRecords,
  w: FigureWindow,
  type: "education" | "public_service",
  required: number,
): Figure & { hours: number } {
  const months = wholeMonths(w.start, w.end < w.asOf ? w.end : w.asOf);
  const hours = new Map<string, number>();
  let total = 0;
  for (const e of r.support) {
    if (e.type !== type) continue;
    const key = `${e.subjectId}:${e.date.slice(0, 7)}`;
    hours.set(key, (hours.get(key) ?? 0) + e.hours);
  }
  const persons: PersonRow[] = [];
  for (const m of months)
    for (const p of r.persons) {
      if (!(p.intakeDate <= m.start && (p.endDate === null || p.endDate > m.end))) continue;
      const h = hours.get(`${p.id}:${m.month}`) ?? 0;
      total += h;
      persons.push({
        subjectId: p.id,
        name: p.name,
        officeId: p.officeId,
        counted: h >= required,
        detail: `${m.month}：${h}小时`,
      });
    }
  const numerator = persons.filter((p) => p.counted).length;
  const value = pct(numerator, persons.length);
  return {
    id,
    value,
    numerator,
    denominator: persons.length,
    unit: "percent",
    target: null,
    met: null,
    persons,
    hours: total,
  };
}

export const educationHours = (r: StatRecords, w: FigureWindow, profile: PolicyProfile) =>
  monthlyHours("education_hours", r, w, "education", profile.indicators.monthlyHours.education);
export const publicServiceHours = (r: StatRecords, w: FigureWindow, profile: PolicyProfile) =>
  monthlyHours("public_service_hours", r, w, "public_service", profile.indicators.monthlyHours.publicService);

export const TRAINING_KINDS = ["employment_training", "skills_training"];

/** 适龄无业人员培训率: persons in the register on the as-of day, of working age that day (profile) and
 * recorded as unemployed (无业), with a training assistance (就业培训, 技能培训) between their intake and
 * that day, over those persons. */
export function training(r: StatRecords, w: FigureWindow, profile: PolicyProfile): Figure {
  const t = profile.indicators.training;
  const base = registerOn(r, w.asOf).filter((p) => {
    const age = ageOn(p.birthDate, w.asOf);
    return p.occupation === "无业" && age >= t.workingAgeFrom && age <= t.workingAgeTo;
  });
  const trained = new Map<string, string[]>();
  for (const e of r.support)
    if (e.type === "assistance" && TRAINING_KINDS.includes(e.kind ?? "") && e.date <= w.asOf)
      trained.set(e.subjectId, [...(trained.get(e.subjectId) ?? []), e.date]);
  return rate(
    "training",
    base,
    (p) => (trained.get(p.id) ?? []).filter((d) => d >= p.intakeDate).sort()[0] ?? null,
    t.targetPercent,
  );
}

/** 社工配比: persons in the register on the as-of day per social worker account of the scope's
 * offices (and their villages) created by then; the profile's ratio (1:20) is the most allowed. */
export function socialWorkerRatio(r: StatRecords, w: FigureWindow, profile: PolicyProfile): Figure {
  const subjects = registerOn(r, w.asOf).length;
  const workers = r.socialWorkers.filter((s) => s.since <= w.asOf);
  const target = profile.staffing.subjectsPerSocialWorker;
  const value = workers.length > 0 ? Math.round((subjects / workers.length) * 10) / 10 : null;
  return {
    id: "social_worker_ratio",
    value,
    numerator: subjects,
    denominator: workers.length,
    unit: "persons_per_worker",
    target,
    met: value === null ? (subjects === 0 ? null : false) : value <= target,
    persons: [],
  };
}

/** 人均矫正经费: the funding the agency entered for the as-of day's year, over the persons in the
 * register on at least one day of that year up to the as-of day; county-wide only. */
export function fundingPerSubject(r: StatRecords, w: FigureWindow, profile: PolicyProfile): Figure {
  const year = Number(w.asOf.slice(0, 4));
  const base = r.persons.filter((p) => servedIn(p, `${year}-01-01`, w.asOf));
  const entry = r.wholeCounty ? r.funding.get(year) : undefined;
  const target = profile.indicators.funding.perSubjectPerYearYuan;
  const value = entry && base.length > 0 ? Math.round(entry.amount / base.length) : null;
  return {
    id: "funding_per_subject",
    value,
    numerator: entry?.amount ?? 0,
    denominator: base.length,
    unit: "yuan_per_person",
    target,
    met: value === null ? null : value >= target,
    persons: [],
  };
}

/** The indicators in the order the report shows them; each is one of the functions above. */
export const INDICATORS = [
  "individual_correction",
  "electronic_location",
  "key_electronic_location",
  "assistance",
  "education_hours",
  "public_service_hours",
  "training",
  "social_worker_ratio",
  "funding_per_subject",
  "lost_contact",
  "reoffending",
] as const;
export const FLOWS = ["intakes", "releases", "terminations", "transfers_out"] as const;
export type FigureId = (typeof INDICATORS)[number] | (typeof FLOWS)[number];

export function figure(id: FigureId, r: StatRecords, w: FigureWindow, profile: PolicyProfile): Figure {
  switch (id) {
    case "intakes":
      return intakes(r, w);
    case "releases":
      return releases(r, w);
    case "terminations":
      return terminations(r, w);
    case "transfers_out":
      return transfersOut(r, w);
    case "individual_correction":
      return individualCorrection(r, w);
    case "electronic_location":
      return electronicLocation(r, w);
    case "key_electronic_location":
      return keyElectronicLocation(r, w, profile);
    case "assistance":
      return assistance(r, w);
    case "education_hours":
      return educationHours(r, w, profile);
    case "public_service_hours":
      return publicServiceHours(r, w, profile);
    case "training":
      return training(r, w, profile);
    case "social_worker_ratio":
      return socialWorkerRatio(r, w, profile);
    case "funding_per_subject":
      return fundingPerSubject(r, w, profile);
    case "lost_contact":
      return lostContact(r, w);
    case "reoffending":
      return reoffending(r, w);
  }
}
