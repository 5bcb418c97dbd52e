// Coverage dashboards of an office (and, summed, of the county) for a day, a week or a month: the
// share of per-person obligations and book deadlines met (as judged by the rules engine), the overdue
// list, the daily check standards (`evaluateOffice`, day by day) and each worker's caseload against
// the profile's social-worker ratio (seed 001: 1:20).
import { formatDate, type PolicyProfile, parseDate, periodEnd, periodStart } from "../../core/index.ts";
import type { Role } from "../../db/schema.ts";
import { obligationKindLabel, officeItemLabel, roleLabel } from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import { officeDay } from "../today/office-day.ts";
import type { OfficeState } from "../today/office-state.ts";
import { overdueWork } from "../today/overdue.ts";

export type PeriodKind = "day" | "week" | "month";

export interface Window {
  kind: PeriodKind;
  start: string;
  end: string;
}

export function windowOf(kind: PeriodKind, date: string): Window {
  const day = parseDate(date);
  if (kind === "day") return { kind, start: date, end: date };
  return { kind, start: formatDate(periodStart(kind, day)), end: formatDate(periodEnd(kind, day)) };
}

export interface Tally {
  total: number;
  met: number;
  overdue: number;
  open: number;
  waived: number;
  late: number;
  /** met (and late, for deadlines) over everything not waived; null when nothing was due. */
  share: number | null;
}

const emptyTally = (): Tally => ({ total: 0, met: 0, overdue: 0, open: 0, waived: 0, late: 0, share: null });

function finish(t: Tally): Tally {
  const base = t.total - t.waived;
  t.share = base > 0 ? Math.round(((t.met + t.late) / base) * 1000) / 10 : null;
  return t;
}

export interface Worker {
  id: string;
  name: string;
  role: Role;
}

export interface OverdueRow {
  /** The same key as the item on 今日工作. */
  key: string;
  /** The open alert that stands for the miss on 今日工作, or null. */
  alertId: number | null;
  subjectId: string;
  subjectName: string;
  item: string;
  period: string;
  dueBy: string;
  basis: string;
}

export interface CheckDay {
  day: string;
  items: { id: string; label: string; required: number; done: number; status: string }[];
  /** Share of key persons checked by the office that day (null when there were none). */
  keyCoverage: number | null;
  met: number;
  total: number;
}

export interface OfficeDashboard {
  office: { id: string; name: string };
  obligations: Tally;
  byKind: ({ kind: string; label: string } & Tally)[];
  deadlines: Tally;
  overdue: OverdueRow[];
  checks: CheckDay[];
  caseload: {
    subjects: number;
    socialWorkers: number;
    perSocialWorker: number | null;
    ratio: number;
    socialWorkersNeeded: number;
    shortfall: number;
    basis: string;
    workers: { id: string; name: string; role: string; roleLabel: string; caseload: number }[];
  };
}

export function officeDashboard(
  state: OfficeState,
  win: Window,
  workers: Worker[],
  now: Date,
): OfficeDashboard {
  const obligations = emptyTally();
  const deadlines = emptyTally();
  const kinds = new Map<string, Tally>();
  // The completion rate counts only what is already due: a period still running is not a miss yet
  // (nor, if met early, a success yet).
  const nowText = cstIso(now);
  for (const evaluation of state.evaluations.values()) {
    if (!evaluation.ok) continue;
    for (const o of evaluation.result.obligations) {
      if (o.periodEnd < win.start || o.periodEnd > win.end || o.dueBy > nowText) continue;
      const kind = kinds.get(o.kind) ?? emptyTally();
      kinds.set(o.kind, kind);
      for (const t of [obligations, kind]) {
        t.total++;
        t[o.status]++;
      }
    }
    for (const d of evaluation.result.deadlines) {
      const due = d.dueBy.slice(0, 10);
      if (due < win.start || due > win.end || d.dueBy > nowText) continue;
      deadlines.total++;
      deadlines[d.status]++;
    }
  }
  // What is late now (as 今日工作 counts it, one function for both), of what fell due by the window's end.
  const overdue: OverdueRow[] = overdueWork(state)
    .filter((w) => w.dueBy.slice(0, 10) <= win.end)
    .map(({ key, alertId, subjectId, subjectName, item, period, dueBy, basis }) => ({
      key,
      alertId,
      subjectId,
      subjectName,
      item,
      period,
      dueBy,
      basis,
    }));

  const checks: CheckDay[] = [];
  const today = state.day;
  for (let d = parseDate(win.start); d <= parseDate(win.end); d++) {
    const day = formatDate(d);
    if (day > today) break;
    const endOfDay = new Date(`${day}T23:59:59.999+08:00`);
    const asOf = endOfDay.getTime() < now.getTime() ? endOfDay : now;
    const result = officeDay(state, day, asOf);
    const items = result.items
      .filter((i) => !i.id.startsWith("agency_visit"))
      .map((i) => ({
        id: i.id,
        label: officeItemLabel[i.id] ?? i.id,
        required: i.required,
        done: i.done,
        status: i.status,
      }));
    const key = items.find((i) => i.id === "office_key_coverage")!;
    checks.push({
      day,
      items,
      keyCoverage: key.required > 0 ? Math.round((key.done / key.required) * 1000) / 10 : null,
      met: items.filter((i) => i.status === "met").length,
      total: items.length,
    });
  }

  const policy = state.policy.profile;
  const ratio = policy.staffing.subjectsPerSocialWorker;
  const inCorrection = [...state.subjects.values()].filter(
    (s) => s.status === "in_correction" && s.intakeDate <= today && today <= s.lastDay,
  );
  const socialWorkers = workers.filter((w) => w.role === "social_worker").length;
  const needed = Math.ceil(inCorrection.length / ratio);
  const caseloads = new Map<string, number>();
  for (const s of inCorrection)
    if (s.responsibleUserId)
      caseloads.set(s.responsibleUserId, (caseloads.get(s.responsibleUserId) ?? 0) + 1);

  return {
    office: { id: state.office.id, name: state.office.name },
    obligations: finish(obligations),
    byKind: [...kinds.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, t]) => ({ kind, label: obligationKindLabel[kind] ?? kind, ...finish(t) })),
    deadlines: finish(deadlines),
    overdue,
    checks,
    caseload: {
      subjects: inCorrection.length,
      socialWorkers,
      perSocialWorker: socialWorkers > 0 ? Math.round((inCorrection.length / socialWorkers) * 10) / 10 : null,
      ratio,
      socialWorkersNeeded: needed,
      shortfall: Math.max(0, needed - socialWorkers),
      basis: policy.staffing.basis,
      workers: workers.map((w) => ({
        id: w.id,
        name: w.name,
        role: w.role,
        roleLabel: roleLabel[w.role],
        caseload: caseloads.get(w.id) ?? 0,
      })),
    },
  };
}

/** The county's figures: the offices' tallies summed; the social-worker ratio is the county's. */
export function countyTotals(offices: OfficeDashboard[], policy: PolicyProfile) {
  const sum = (pick: (o: OfficeDashboard) => Tally) => {
    const t = emptyTally();
    for (const o of offices) {
      const x = pick(o);
      t.total += x.total;
      t.met += x.met;
      t.overdue += x.overdue;
      t.open += x.open;
      t.waived += x.waived;
      t.late += x.late;
    }
    return finish(t);
  };
  const subjects = offices.reduce((n, o) => n + o.caseload.subjects, 0);
  const socialWorkers = offices.reduce((n, o) => n + o.caseload.socialWorkers, 0);
  const ratio = policy.staffing.subjectsPerSocialWorker;
  return {
    obligations: sum((o) => o.obligations),
    deadlines: sum((o) => o.deadlines),
    overdue: offices.reduce((n, o) => n + o.overdue.length, 0),
    subjects,
    socialWorkers,
    perSocialWorker: socialWorkers > 0 ? Math.round((subjects / socialWorkers) * 10) / 10 : null,
    socialWorkersNeeded: Math.ceil(subjects / ratio),
  };
}
