// A statistics report: the period asked for and the one before it, the register on the as-of day by
// correction type, level, office, crime, sex and age band, the period's flows and every indicator,
// each with its definition (glossary, with the profile's numbers filled in) and its basis. The same
// figure functions serve the report, the workbook and the drill-down to persons.
import { z } from "zod";
import type { CurrentUser } from "../../auth/access.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import {
  ageBandLabel,
  basisText,
  correctionTypeLabel,
  crimeCategoryLabel,
  genderLabel,
  levelLabel,
  statBreakdownLabel,
  statFigureDefinition,
  statFigureLabel,
} from "../../glossary.ts";
import { badInput } from "../../http/errors.ts";
import { dateField } from "../../http/fields.ts";
import { cstDate } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import {
  AGE_BANDS,
  type Figure,
  type FigureId,
  type FigureWindow,
  FLOWS,
  figure,
  INDICATORS,
  type RegisterCounts,
  registerCounts,
} from "./figures.ts";
import { daysBetween, PERIOD_KINDS, periodOf, previousPeriod, type StatPeriod } from "./period.ts";
import { loadRecords, type StatRecords } from "./records.ts";

export const reportQuery = z.object({
  officeId: z.string().max(32).optional(),
  period: z
    .enum(PERIOD_KINDS, { error: "统计期间应为 month（月）、quarter（季度）、year（年）或 range（自定义）" })
    .default("month"),
  date: dateField("统计日期").optional().describe("期间内的任一日（月、季度、年）；不填为今天"),
  from: dateField("起始日期").optional().describe("自定义期间的第一天"),
  to: dateField("截止日期").optional().describe("自定义期间的最后一天"),
});
export type ReportQuery = z.infer<typeof reportQuery>;

const MAX_RANGE_DAYS = 366 * 3;

/** The period asked for; refused when it lies after today or is not a range one can compute. */
export function resolvePeriod(q: ReportQuery, today: string): StatPeriod {
  let p: StatPeriod;
  if (q.period === "range") {
    if (!q.from) throw badInput("from", "自定义期间请填写起始日期");
    if (!q.to) throw badInput("to", "自定义期间请填写截止日期");
    if (q.to < q.from) throw badInput("to", "截止日期不能早于起始日期");
    if (daysBetween(q.from, q.to) >= MAX_RANGE_DAYS) throw badInput("to", "自定义期间不能超过三年");
    p = { kind: "range", start: q.from, end: q.to };
  } else p = periodOf(q.period, q.date ?? today);
  if (p.start > today) throw badInput(q.period === "range" ? "from" : "date", "统计期间不能晚于今天");
  return p;
}

const windowOf = (p: StatPeriod, today: string): FigureWindow => ({
  start: p.start,
  end: p.end,
  asOf: p.end < today ? p.end : today,
});

/** The definition of a figure in Chinese with the profile's numbers in it. */
export function definitionOf(id: string, profile: PolicyProfile): string {
  const i = profile.indicators;
  const numbers: Record<string, number> = {
    withinDays: i.location.withinDays,
    keyTargetPercent: i.location.keyTargetPercent,
    education: i.monthlyHours.education,
    publicService: i.monthlyHours.publicService,
    workingAgeFrom: i.training.workingAgeFrom,
    workingAgeToNext: i.training.workingAgeTo + 1,
    targetPercent: i.training.targetPercent,
    subjectsPerSocialWorker: profile.staffing.subjectsPerSocialWorker,
    perSubjectPerYearYuan: i.funding.perSubjectPerYearYuan,
  };
  return (statFigureDefinition[id] ?? "").replace(/\{(\w+)\}/g, (_, key: string) =>
    String(numbers[key] ?? key),
  );
}

export function basisOf(id: string, profile: PolicyProfile): string {
  const i = profile.indicators;
  const raw: Record<string, string> = {
    individual_correction: "seed 003 一.4",
    electronic_location: i.location.basis,
    key_electronic_location: i.location.basis,
    assistance: "seed 003 一.4; seed 001 (十三)",
    education_hours: i.monthlyHours.basis,
    public_service_hours: i.monthlyHours.basis,
    training: i.training.basis,
    social_worker_ratio: profile.staffing.basis,
    funding_per_subject: i.funding.basis,
    lost_contact: "seed 003 一.2; seed 001 (三)",
    reoffending: "seed 001 一.2; seed 003 一.1",
  };
  return raw[id] ? basisText(raw[id]) : "";
}

interface Context {
  records: StatRecords;
  profile: PolicyProfile;
  period: StatPeriod;
  previous: StatPeriod;
  window: FigureWindow;
  previousWindow: FigureWindow;
}

export async function loadContext(
  db: Db,
  policies: CountyPolicies,
  user: CurrentUser,
  q: ReportQuery,
  now: Date,
): Promise<Context> {
  const today = cstDate(now);
  const period = resolvePeriod(q, today);
  const previous = previousPeriod(period);
  const window = windowOf(period, today);
  const previousWindow = windowOf(previous, today);
  const { profile } = await policies.forCounty(user.county.id);
  const records = await loadRecords(
    db,
    user,
    q.officeId,
    { start: previous.start, end: window.asOf },
    { days: [window.asOf, previousWindow.asOf], withinDays: profile.indicators.location.withinDays },
  );
  return { records, profile, period, previous, window, previousWindow };
}

/** The records of one office of the scope (for the upward table's rows). */
export function officeRecords(r: StatRecords, officeId: string): StatRecords {
  return {
    ...r,
    wholeCounty: false,
    offices: r.offices.filter((o) => o.id === officeId),
    persons: r.persons.filter((p) => p.officeId === officeId),
    socialWorkers: r.socialWorkers.filter((s) => s.officeId === officeId),
  };
}

const summary = (f: Figure) => ({ value: f.value, numerator: f.numerator, denominator: f.denominator });

function breakdowns(
  current: RegisterCounts,
  previous: RegisterCounts,
  offices: { id: string; name: string }[],
) {
  const labels: Record<string, (key: string) => string> = {
    byType: (k) => correctionTypeLabel[k as keyof typeof correctionTypeLabel] ?? k,
    byLevel: (k) => levelLabel[k as keyof typeof levelLabel] ?? k,
    byOffice: (k) => offices.find((o) => o.id === k)?.name ?? k,
    byCrime: (k) => crimeCategoryLabel[k] ?? "其他",
    bySex: (k) => genderLabel[k as keyof typeof genderLabel] ?? k,
    byAge: (k) => ageBandLabel[k] ?? k,
  };
  const order: Record<string, readonly string[]> = {
    byType: Object.keys(correctionTypeLabel),
    byLevel: Object.keys(levelLabel),
    byOffice: offices.map((o) => o.id),
    bySex: Object.keys(genderLabel),
    byAge: AGE_BANDS,
  };
  return (Object.keys(statBreakdownLabel) as (keyof RegisterCounts & keyof typeof statBreakdownLabel)[]).map(
    (dim) => {
      const cur = current[dim] as Record<string, number>;
      const prev = previous[dim] as Record<string, number>;
      const keys =
        order[dim] ??
        [...new Set([...Object.keys(cur), ...Object.keys(prev)])].sort(
          (a, b) => (cur[b] ?? 0) - (cur[a] ?? 0),
        );
      return {
        id: dim,
        label: statBreakdownLabel[dim]!,
        rows: keys
          .filter((k) => (cur[k] ?? 0) + (prev[k] ?? 0) > 0 || dim === "byOffice" || dim === "byType")
          .map((k) => ({ key: k, label: labels[dim]!(k), count: cur[k] ?? 0, previous: prev[k] ?? 0 })),
      };
    },
  );
}

export function buildReport(ctx: Context) {
  const { records: r, profile, window: w, previousWindow: pw } = ctx;
  const register = registerCounts(r, w.asOf);
  const previousRegister = registerCounts(r, pw.asOf);
  const row = (id: FigureId) => {
    const cur = figure(id, r, w, profile);
    const prev = figure(id, r, pw, profile);
    return {
      id,
      label: statFigureLabel[id]!,
      definition: definitionOf(id, profile),
      basis: basisOf(id, profile),
      unit: cur.unit,
      target: cur.target,
      met: cur.met,
      ...summary(cur),
      hours: "hours" in cur ? (cur as { hours: number }).hours : null,
      previous: summary(prev),
      drillable: cur.unit === "percent" || cur.unit === "persons",
    };
  };
  return {
    period: { ...ctx.period, asOf: w.asOf },
    previous: { ...ctx.previous, asOf: pw.asOf },
    scope: { wholeCounty: r.wholeCounty, offices: r.offices },
    register: {
      total: register.total,
      previous: previousRegister.total,
      breakdowns: breakdowns(register, previousRegister, r.offices),
    },
    flows: FLOWS.map(row),
    indicators: INDICATORS.map(row),
    funding: {
      year: Number(w.asOf.slice(0, 4)),
      ...(r.funding.get(Number(w.asOf.slice(0, 4))) ?? { amount: null, note: null, enteredAt: null }),
    },
  };
}
export type Report = ReturnType<typeof buildReport>;

/** The persons behind one figure of the period (the drill-down), each marked counted or only in the base. */
export function drillDown(ctx: Context, id: FigureId) {
  const f = figure(id, ctx.records, ctx.window, ctx.profile);
  const office = new Map(ctx.records.offices.map((o) => [o.id, o.name]));
  return {
    id,
    label: statFigureLabel[id]!,
    definition: definitionOf(id, ctx.profile),
    period: { ...ctx.period, asOf: ctx.window.asOf },
    value: f.value,
    numerator: f.numerator,
    denominator: f.denominator,
    unit: f.unit,
    persons: f.persons.map((p) => ({ ...p, officeName: office.get(p.officeId) ?? "" })),
  };
}
export type Drill = ReturnType<typeof drillDown>;
