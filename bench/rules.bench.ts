// Benchmark of the rules engine: a generated county of subjects with a year of events each (key
// persons report their location three times a day), all evaluated as of one day on one core.
// Prints subjects per second and the ratio of evaluation time to the time of merely reading every
// event once (a plain loop over the same arrays, in the same run).
import { dayFromCivil, formatDate } from "../src/core/calendar/days.ts";
import { cstDayOfMs, instantToMs } from "../src/core/calendar/instant.ts";
import { type CaseEvent, type CaseInput, evaluateCase } from "../src/core/evaluate.ts";
import { EvaluationContext } from "../src/core/evaluation-context.ts";
import { EventIndex } from "../src/core/events/event-index.ts";
import { countingRangeStart, firstCountedDays } from "../src/core/obligations/obligations.ts";
import { compilePolicy } from "../src/core/policy/compiled.ts";
import { getPolicy } from "../src/core/policy/registry.ts";
import type { Level } from "../src/core/policy/schema.ts";

/** Deterministic pseudo-random numbers (mulberry32), so every run evaluates the same county. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AS_OF_DAY = dayFromCivil(2025, 9, 15);
const AS_OF = "2025-09-15T20:00:00+08:00";
const CRIMES = [
  "dangerous_driving",
  "theft",
  "fraud",
  "helping_information_network_crime",
  "gambling",
  "other",
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function at(day: number, hour: number, minute: number): string {
  return `${formatDate(day)}T${pad2(hour)}:${pad2(minute)}:00+08:00`;
}

/** One subject with a year of history: mostly on time, sometimes late or missed. */
function generateSubject(i: number, next: () => number): CaseInput {
  const roll = next();
  const level: Level = roll < 0.15 ? "key" : roll < 0.4 ? "strict" : "normal";
  const intake = AS_OF_DAY - 30 - Math.floor(next() * 700);
  const termDays = 200 + Math.floor(next() * 1500);
  const termEnd = intake + termDays;
  const events: CaseEvent[] = [];
  const first = Math.max(intake + 1, AS_OF_DAY - 365);
  const strict = level !== "normal";
  for (let day = first; day <= Math.min(AS_OF_DAY, termEnd); day++) {
    if (level === "key") {
      if (next() < 0.97) events.push({ type: "location_report", at: at(day, 8, Math.floor(next() * 60)) });
      if (next() < 0.97) events.push({ type: "location_report", at: at(day, 12, Math.floor(next() * 60)) });
      if (next() < 0.97) events.push({ type: "location_report", at: at(day, 19, Math.floor(next() * 60)) });
    }
    const weekday = (((day + 3) % 7) + 7) % 7;
    if (weekday === 1 && (strict || next() < 0.5) && next() < 0.95) {
      events.push({ type: "phone_report", at: at(day, 9, Math.floor(next() * 60)) });
    }
    if (weekday === 2 && next() < (strict ? 0.5 : 0.25)) {
      events.push({ type: "in_person_report", at: at(day, 10, Math.floor(next() * 60)) });
    }
    if (next() < (strict ? 1 / 28 : 1 / 85)) {
      events.push({
        type: "field_visit",
        at: at(day, 15, 0),
        byRole: strict ? "office_head" : "office_assistant",
      });
    }
    if (next() < 1 / 60) {
      const length = 1 + Math.floor(next() * 4);
      events.push({ type: "leave", from: formatDate(day), to: formatDate(day + length - 1) });
      for (let d = day; d < day + length; d++) {
        for (const hour of [8, 13, 20]) events.push({ type: "leave_signin_check", at: at(d, hour, 5) });
        if (level === "key") events.push({ type: "leave_phone_check", at: at(d, 18, 30) });
      }
    }
  }
  for (const section of ["basic_info", "intake_evaluation", "psych_evaluation", "intake_summary"] as const) {
    if (next() < 0.9)
      events.push({ type: "book_section", section, at: at(intake + 2 + Math.floor(next() * 20), 11, 0) });
  }
  if (next() < 0.05)
    events.push({ type: "sanction", kind: "warning", at: at(AS_OF_DAY - Math.floor(next() * 200), 10, 0) });
  return {
    asOf: AS_OF,
    subject: {
      id: `S${String(i).padStart(6, "0")}`,
      birthDate: formatDate(dayFromCivil(1965, 1, 1) + Math.floor(next() * 15000)),
      correctionType: next() < 0.8 ? "probation" : "parole",
      crimeCategories: [CRIMES[Math.floor(next() * CRIMES.length)] ?? "other"],
      termStart: formatDate(intake),
      termEnd: formatDate(termEnd),
      intakeDate: formatDate(intake),
      releaseDate: null,
      priorConvictions: next() < 0.1 ? 1 : 0,
      priorBadRecords: 0,
      riskLevel: next() < 0.1 ? "elevated" : "medium",
      stableResidence: true,
      stableIncome: next() < 0.9,
      emotionalInstability: false,
      familyIncomplete: false,
      rebellious: false,
      resistsSupervision: false,
      level,
      keyOverride: null,
    },
    events,
  };
}

export function generateCounty(subjects: number, seed = 20250915): CaseInput[] {
  const next = random(seed);
  // Cases arrive as JSON (the command line, the server): a round trip gives the engine the flat strings
  // it sees in production rather than the rope strings template literals build.
  return Array.from({ length: subjects }, (_, i) => JSON.parse(JSON.stringify(generateSubject(i, next))));
}

/** The baseline: read every event's type and time once, nothing more (a plain indexed loop). */
function readEveryEvent(cases: readonly CaseInput[]): number {
  let checksum = 0;
  for (let i = 0; i < cases.length; i++) {
    const events = (cases[i] as CaseInput).events;
    for (let j = 0; j < events.length; j++) {
      const e = events[j] as CaseEvent;
      checksum += e.type.length + (e.type === "leave" ? e.from.length : e.at.length);
    }
  }
  return checksum;
}

/** Every case evaluated, as a sweep does: one evaluation context for the batch. */
function evaluateAll(cases: readonly CaseInput[]): number {
  const context = new EvaluationContext();
  let obligations = 0;
  for (const c of cases) obligations += evaluateCase(c, { context }).obligations.length;
  return obligations;
}

/** The engine's one pass over the events alone (the rest of an evaluation builds the output). */
function indexAll(cases: readonly CaseInput[]): number {
  const policy = compilePolicy(getPolicy());
  const context = new EvaluationContext();
  const kinds = context.tables(policy).periodicKinds;
  let kept = 0;
  for (const c of cases) {
    const asOfMs = instantToMs(c.asOf);
    const asOfDay = cstDayOfMs(asOfMs);
    const index = EventIndex.build(
      context.dayCounts,
      c.events,
      asOfMs,
      countingRangeStart(policy, asOfDay),
      asOfDay,
      firstCountedDays(policy, kinds, asOfDay),
    );
    kept += index.bookSections.length;
  }
  return kept;
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function benchRules(opts: { subjects?: number } = {}): Promise<void> {
  const subjects = opts.subjects ?? 10_000;
  const generated = timed(() => generateCounty(subjects));
  const cases = generated.value;
  const eventCount = cases.reduce((n, c) => n + c.events.length, 0);
  console.log(
    `rules: ${subjects} subjects, ${eventCount} events (generated in ${generated.ms.toFixed(0)} ms), as of ${AS_OF}`,
  );
  // Warm up the JIT on a slice, then take the best of five interleaved runs of each (the machine may
  // be busy with other work; the best run is the one least disturbed).
  evaluateAll(cases.slice(0, Math.min(500, subjects)));
  readEveryEvent(cases);
  let best = Number.POSITIVE_INFINITY;
  let baseline = Number.POSITIVE_INFINITY;
  let eventPass = Number.POSITIVE_INFINITY;
  let obligations = 0;
  for (let round = 0; round < 5; round++) {
    const read = timed(() => readEveryEvent(cases));
    baseline = Math.min(baseline, read.ms);
    eventPass = Math.min(eventPass, timed(() => indexAll(cases)).ms);
    const evaluated = timed(() => evaluateAll(cases));
    best = Math.min(best, evaluated.ms);
    obligations = evaluated.value;
  }
  const perSecond = (subjects / best) * 1000;
  console.log(`rules: evaluated in ${best.toFixed(1)} ms → ${Math.round(perSecond)} subjects/s on one core`);
  console.log(
    `rules: reading every event once took ${baseline.toFixed(1)} ms → ratio ${(best / baseline).toFixed(2)}`,
  );
  console.log(
    `rules: of which the pass over the events took ${eventPass.toFixed(1)} ms (${(eventPass / baseline).toFixed(2)} × reading); the rest builds ${obligations} obligations and the deadlines`,
  );
}
