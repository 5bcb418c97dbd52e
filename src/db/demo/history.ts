// A year of case events that follows policy.md mostly but not always: reports and visits on time for
// about nine periods in ten, some late, some missed; book sections mostly within their deadlines; the
// offices' daily information checks and the agency's spot checks; a leave or two a month; the
// incidents of levels.ts (violations, reprimands, warnings); releases with their analysis.
// Nothing happens after the history's end (`today` at 08:00 CST): today's work is still to do.
import type { Role } from "../schema.ts";
import {
  addDays,
  addMonths,
  addSeconds,
  addWorkdays,
  at,
  daysBetween,
  isWorkday,
  maxDate,
  minDate,
  type Period,
  type PeriodKind,
  periodOf,
  periodsBetween,
} from "./calendar.ts";
import type { Person } from "./people.ts";
import type { Rng, Weighted } from "./random.ts";

export interface StaffRef {
  id: string;
  role: Role;
}

/** The people of one office who record events; offices without a role fall back to the assistant. */
export interface Crew {
  head: StaffRef;
  assistant: StaffRef;
  psych: StaffRef;
  social: StaffRef;
  team: StaffRef[];
}

/** County agency staff; null for the small other county, whose agency the demo leaves unstaffed. */
export interface AgencyCrew {
  head: StaffRef;
  staff: StaffRef[];
}

export interface DemoEvent {
  subjectId: string;
  officeId: string;
  type: string;
  at: string;
  endDate: string | null;
  kind: string | null;
  byRole: string | null;
  data: Record<string, unknown>;
  recordedBy: string | null;
  recordedAt: string;
}

export interface HistoryContext {
  today: string;
  /** The instant the history stops: today 08:00 CST. */
  end: string;
  crews: Map<string, Crew>;
  agencies: Map<string, AgencyCrew | null>;
}

export interface Leave {
  person: Person;
  from: string;
  to: string;
  destination: string;
  reason: string;
  centre: [number, number];
  keyOverrideReason: string | null;
}

export const HISTORY_DAYS = 365;

/** The first day with routine history for a person: the day after intake, at most a year back. */
export function historyStart(person: Person, today: string): string {
  return maxDate(addDays(person.intakeDate, 1), addDays(today, -HISTORY_DAYS));
}

/** The last day under correction that has history: release or term end, at most today. */
export function historyEnd(person: Person, today: string): string {
  return minDate(person.releaseDate ?? person.termEnd, today);
}

export function lastDay(person: Person): string {
  return person.releaseDate ?? person.termEnd;
}

/** The level decided for a day: the last decision on or before it (the first before intake). */
export function levelOn(person: Person, day: string): string {
  let level = person.levels[0]?.level ?? person.level;
  for (const step of person.levels) if (step.from <= day) level = step.level;
  return level;
}

export function underCorrection(person: Person, day: string): boolean {
  return person.intakeDate < day && day <= lastDay(person);
}

/** Collects events, stamping `recorded_at` a little after the event and never after the history's end. */
export class EventSink {
  readonly events: DemoEvent[] = [];
  constructor(
    private readonly ctx: HistoryContext,
    private readonly rng: Rng,
  ) {}

  add(
    person: Person,
    type: string,
    instant: string,
    fields: {
      kind?: string | null;
      byRole?: string | null;
      endDate?: string | null;
      data?: Record<string, unknown>;
      by?: StaffRef | null;
    } = {},
  ): void {
    if (instant > this.ctx.end) return;
    let recordedAt = addSeconds(instant, this.rng.int(20, 900));
    if (recordedAt > this.ctx.end) recordedAt = instant;
    this.events.push({
      subjectId: person.id,
      officeId: person.office.id,
      type,
      at: instant,
      endDate: fields.endDate ?? null,
      kind: fields.kind ?? null,
      byRole: fields.byRole ?? null,
      data: fields.data ?? {},
      recordedBy: fields.by?.id ?? null,
      recordedAt,
    });
  }
}

const WORK_MORNING: [number, number] = [8 * 60 + 40, 11 * 60 + 40];
const WORK_AFTERNOON: [number, number] = [14 * 60 + 10, 17 * 60 + 20];

function workingMinute(rng: Rng): number {
  const [from, to] = rng.chance(0.55) ? WORK_MORNING : WORK_AFTERNOON;
  return rng.int(from, to);
}

/** A working day in [from, to] avoiding `avoid`, or null when there is none. */
function pickWorkday(rng: Rng, from: string, to: string, avoid?: Set<string>): string | null {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d) && !avoid?.has(d)) days.push(d);
  return days.length > 0 ? rng.pick(days) : null;
}

function pickDay(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

type Outcome = "on_time" | "late" | "missed";

function outcome(rng: Rng, diligence: number): Outcome {
  const x = rng.next();
  if (x < diligence) return "on_time";
  return x < diligence + (1 - diligence) / 2 ? "late" : "missed";
}

/** The periods of a periodic obligation: each period applies at the size the level of its first day demands. */
function obligationPeriods(
  person: Person,
  from: string,
  to: string,
  sizeFor: (level: string) => PeriodKind | null,
  kinds: PeriodKind[],
): Period[] {
  const periods: Period[] = [];
  for (const kind of kinds) {
    for (const period of periodsBetween(kind, from, to)) {
      if (sizeFor(levelOn(person, maxDate(period.start, person.intakeDate))) === kind) periods.push(period);
    }
  }
  return periods.sort((a, b) => a.start.localeCompare(b.start));
}

const isStrict = (level: string) => level === "key" || level === "strict";

const EDUCATION_TOPICS = [
  "《社区矫正法》及实施办法学习",
  "法治讲座：远离醉驾",
  "防范电信网络诈骗专题教育",
  "心理健康讲座",
  "社会主义核心价值观教育",
  "道路交通安全教育",
  "禁毒宣传教育",
];
const SERVICE_ACTIVITIES = [
  "社区环境卫生整治",
  "敬老院志愿服务",
  "交通路口文明劝导",
  "图书馆整理图书",
  "防汛物资搬运",
];
const VISIT_NOTES = [
  "走访其家属，了解近期思想和生活情况，未见异常",
  "到其工作单位了解表现，工作正常",
  "与村（社区）干部座谈，反映其表现平稳",
  "入户查访，本人在家，居住情况与登记一致",
];

/** Everything one person did and was done for them, except the office-wide checks and leave. */
export function personHistory(
  person: Person,
  ctx: HistoryContext,
  rng: Rng,
  sink: EventSink,
  leaveDays: Set<string>,
): void {
  const crew = ctx.crews.get(person.office.id) as Crew;
  const agency = ctx.agencies.get(person.county.id) ?? null;
  const from = historyStart(person, ctx.today);
  const to = historyEnd(person, ctx.today);
  const diligence = person.diligence;

  bookSections(person, rng, sink, crew, agency);
  for (const incident of person.incidents) {
    const instant = at(incident.date, rng.int(9 * 60, 16 * 60 + 30));
    if (incident.type === "violation") {
      sink.add(person, "violation", instant, {
        kind: incident.kind,
        byRole: crew.assistant.role,
        by: crew.assistant,
        data: { description: incident.text, investigators: [crew.head.id, crew.assistant.id] },
      });
    } else {
      // Reprimands and warnings are decided by the county agency on the office's proposal.
      const decider = agency?.staff[0] ?? crew.head;
      sink.add(person, "sanction", instant, {
        kind: incident.kind,
        byRole: decider.role,
        by: decider,
        data: { reason: incident.text },
      });
    }
  }
  if (from > to) return;

  // Phone (or messaging-app) reports: weekly for key and strict, half-monthly for normal.
  for (const period of obligationPeriods(
    person,
    from,
    to,
    (level) => (isStrict(level) ? "week" : "half_month"),
    ["week", "half_month"],
  )) {
    const start = maxDate(period.start, from);
    const end = minDate(period.end, to);
    if (start > end) continue;
    const result = outcome(rng, diligence);
    if (result === "missed") {
      if (period.end < to) missedReportAlert(person, sink, rng, crew, period, "phone_report");
      continue;
    }
    const day = result === "on_time" ? pickDay(rng, start, end) : addDays(period.end, rng.int(1, 3));
    if (day > to) continue;
    sink.add(person, "phone_report", at(day, rng.int(8 * 60, 20 * 60)), {
      by: crew.assistant,
      data: { channel: rng.chance(0.6) ? "phone" : "wechat" },
    });
  }

  // In-person reports at the office: half-monthly for key and strict, monthly for normal.
  for (const period of obligationPeriods(
    person,
    from,
    to,
    (level) => (isStrict(level) ? "half_month" : "month"),
    ["half_month", "month"],
  )) {
    const start = maxDate(period.start, from);
    const end = minDate(period.end, to);
    if (start > end) continue;
    const result = outcome(rng, diligence);
    if (result === "missed") {
      if (period.end < to) missedReportAlert(person, sink, rng, crew, period, "in_person_report");
      continue;
    }
    const day =
      result === "on_time"
        ? pickWorkday(rng, start, end, leaveDays)
        : pickWorkday(rng, addDays(period.end, 1), addDays(period.end, 5));
    if (!day || day > to) continue;
    sink.add(person, "in_person_report", at(day, workingMinute(rng)), {
      by: crew.assistant,
      data: { place: person.office.name },
    });
  }

  // Field visits: monthly by the office head for key and strict, quarterly by any office worker for normal.
  for (const period of obligationPeriods(
    person,
    from,
    to,
    (level) => (isStrict(level) ? "month" : "quarter"),
    ["month", "quarter"],
  )) {
    const start = maxDate(period.start, from);
    const end = minDate(period.end, to);
    if (start > end) continue;
    const strict = isStrict(levelOn(person, maxDate(period.start, person.intakeDate)));
    const result = outcome(rng, Math.min(0.97, diligence + 0.02));
    if (result === "missed") continue;
    const day =
      result === "on_time"
        ? pickWorkday(rng, start, end, leaveDays)
        : pickWorkday(rng, addDays(period.end, 1), addDays(period.end, 6));
    if (!day || day > to) continue;
    // Now and then the head sends the assistant instead: a visit, but not the one the rule asks for.
    const visitor = strict
      ? rng.chance(0.94)
        ? crew.head
        : crew.assistant
      : rng.pick([crew.head, crew.assistant, crew.assistant, crew.social]);
    sink.add(person, "field_visit", at(day, workingMinute(rng)), {
      byRole: visitor.role,
      by: visitor,
      data: {
        place: rng.pick(["家中", "家中", "工作单位", "村（社区）委员会"]),
        note: rng.pick(VISIT_NOTES),
      },
    });
  }

  // Education, public service, counselling and assistance: monthly or so, from the social worker and psychologist.
  const needsCounselling = person.level === "key" || person.juvenile || person.emotionalInstability;
  for (const month of periodsBetween("month", from, to)) {
    const start = maxDate(month.start, from);
    const end = minDate(month.end, to);
    if (rng.chance(0.85)) {
      const day = pickWorkday(rng, start, end, leaveDays);
      if (day)
        sink.add(person, "education", at(day, rng.pick([9 * 60, 14 * 60 + 30])), {
          byRole: crew.social.role,
          by: crew.social,
          data: { hours: rng.pick([2, 2, 3, 4]), topic: rng.pick(EDUCATION_TOPICS) },
        });
    }
    if (rng.chance(0.55)) {
      const day = pickDay(rng, start, end);
      if (!leaveDays.has(day))
        sink.add(person, "public_service", at(day, rng.pick([8 * 60 + 30, 14 * 60])), {
          byRole: crew.social.role,
          by: crew.social,
          data: { hours: rng.int(2, 8), activity: rng.pick(SERVICE_ACTIVITIES) },
        });
    }
    if (needsCounselling ? rng.chance(0.9) : rng.chance(0.12)) {
      const day = pickWorkday(rng, start, end, leaveDays);
      if (day)
        sink.add(person, "counselling", at(day, workingMinute(rng)), {
          byRole: crew.psych.role,
          by: crew.psych,
          data: { method: rng.chance(0.8) ? "individual" : "group", minutes: rng.pick([30, 45, 60, 90]) },
        });
    }
    if (
      (!person.stableIncome || !person.stableResidence || person.occupation === "无业") &&
      rng.chance(0.3)
    ) {
      const day = pickWorkday(rng, start, end, leaveDays);
      if (day)
        sink.add(person, "assistance", at(day, workingMinute(rng)), {
          byRole: crew.social.role,
          by: crew.social,
          data: {
            kind: rng.pick(["employment", "skills_training", "temporary_relief", "housing"]),
            note: rng.pick([
              "推荐至县内企业就业",
              "协助报名电工技能培训",
              "协助申请临时救助",
              "协调落实临时住所",
            ]),
          },
        });
    }
  }

  if (person.releaseDate && person.releaseDate <= ctx.today) {
    sink.add(person, "release", at(person.releaseDate, 9 * 60 + 30), {
      byRole: crew.head.role,
      by: crew.head,
      data: { note: "矫正期满，依法解除社区矫正，宣告并发放解除社区矫正证明书" },
    });
  }
}

function missedReportAlert(
  person: Person,
  sink: EventSink,
  rng: Rng,
  crew: Crew,
  period: Period,
  missed: string,
): void {
  const raised = at(addDays(period.end, 1), 0, 10);
  sink.add(person, "alert", raised, {
    kind: "missed_report",
    data: {
      color: "yellow",
      obligation: missed,
      period: `${period.start}/${period.end}`,
      handled: true,
      handledAt: addSeconds(raised, rng.int(8, 20) * 3600),
      handledBy: crew.assistant.id,
      note: rng.pick([
        "电话提醒本人，已说明原因并承诺按时报告",
        "本人因农忙遗忘，已批评教育",
        "手机欠费停机，已恢复联系",
      ]),
    },
  });
}

interface SectionPlan {
  section: string;
  /** When the section's window opens and when it is due (inclusive day). */
  open: string;
  due: string;
  author: StaffRef;
  data?: Record<string, unknown>;
}

/** The book (一人一册): each section written by its author, mostly within its deadline (policy.md). */
function bookSections(
  person: Person,
  rng: Rng,
  sink: EventSink,
  crew: Crew,
  agency: AgencyCrew | null,
): void {
  const intake = person.intakeDate;
  const last = lastDay(person);
  const agencyStaff = agency ? rng.pick(agency.staff) : crew.head;
  const teamFormed = addDays(intake, rng.int(2, 8));
  const plans: SectionPlan[] = [
    { section: "basic_info", open: intake, due: addWorkdays(intake, 3), author: crew.assistant },
    {
      section: "intake_evaluation",
      open: intake,
      due: addWorkdays(intake, 3),
      author: agencyStaff,
      data: { conclusion: rng.pick(["材料齐全，身份核实无误", "法律文书齐全，已告知报到事项"]) },
    },
    { section: "file_review_summary", open: intake, due: addWorkdays(intake, 3), author: crew.head },
    {
      section: "psych_evaluation",
      open: addWorkdays(intake, 2),
      due: addWorkdays(intake, 10),
      author: crew.psych,
      data: {
        result: person.emotionalInstability
          ? "情绪波动较大，建议每月心理辅导"
          : rng.pick(["心理状态基本正常", "存在轻度焦虑，建议关注"]),
      },
    },
    { section: "team_formed", open: teamFormed, due: addDays(intake, 10), author: crew.head },
    { section: "team_notified", open: teamFormed, due: addDays(intake, 10), author: crew.head },
    { section: "intake_summary", open: addDays(intake, 12), due: addMonths(intake, 1), author: crew.head },
    {
      section: "correction_plan",
      open: addDays(intake, 8),
      due: addMonths(intake, 1),
      author: crew.head,
      data: { variant: person.juvenile ? "juvenile" : "adult" },
    },
  ];
  const initial = addMonths(intake, 3);
  if (initial <= last) {
    plans.push({
      section: "initial_evaluation",
      open: initial,
      due: addDays(initial, 10),
      author: crew.head,
    });
    for (let q = periodOf("quarter", initial); q.end <= last; q = periodOf("quarter", addDays(q.end, 1))) {
      if (q.start < initial) continue;
      plans.push({
        section: "quarterly_evaluation",
        open: addDays(q.end, 1),
        due: addDays(q.end, 10),
        author: crew.head,
        data: { quarter: `${q.start.slice(0, 4)}Q${Math.floor(Number(q.start.slice(5, 7)) / 3) + 1}` },
      });
    }
  }
  for (let year = 1; addMonths(intake, 12 * year) <= last; year++) {
    const anniversary = addMonths(intake, 12 * year);
    plans.push({
      section: "annual_evaluation",
      open: anniversary,
      due: addDays(anniversary, 10),
      author: crew.head,
    });
  }
  if (person.releaseDate) {
    plans.push({
      section: "release_analysis",
      open: addDays(person.releaseDate, 3),
      due: addMonths(person.releaseDate, 1),
      author: crew.head,
    });
  }

  for (const plan of plans) {
    const roll = rng.next();
    if (roll < 0.02) continue; // forgotten: the engine shows it overdue
    let day: string;
    if (roll < 0.1) {
      day = addDays(plan.due, rng.int(1, 8)); // late
    } else {
      day = pickWorkday(rng, plan.open, plan.due) ?? plan.due;
    }
    const evaluation = plan.section.endsWith("_evaluation") && plan.section !== "psych_evaluation";
    sink.add(person, "book_section", at(day, workingMinute(rng)), {
      kind: plan.section,
      byRole: plan.author.role,
      by: plan.author,
      data: {
        ...plan.data,
        ...(evaluation && plan.section !== "intake_evaluation"
          ? {
              conclusion: rng.pick(["矫正方案执行良好，继续执行", "表现平稳，调整部分帮扶措施"]),
              level: levelOn(person, day),
            }
          : {}),
      },
    });
  }
}

const DESTINATIONS: ReadonlyArray<readonly [string, number, number]> = [
  ["浙江省杭州市", 120.155, 30.274],
  ["上海市", 121.473, 31.23],
  ["浙江省宁波市", 121.55, 29.874],
  ["浙江省温州市", 120.699, 27.994],
  ["浙江省金华市义乌市", 120.075, 29.306],
  ["福建省福州市", 119.296, 26.074],
  ["江苏省南京市", 118.797, 32.06],
  ["广东省深圳市", 114.058, 22.543],
];
const LEAVE_REASONS = [
  "探望住院的父亲",
  "参加亲属婚礼",
  "赴上级医院就医复查",
  "外出洽谈务工事宜",
  "办理房屋买卖手续",
  "陪同子女参加升学考试",
  "参加亲属葬礼",
];
const LEAVE_LENGTH: Weighted<number> = [
  [1, 8],
  [2, 18],
  [3, 24],
  [4, 16],
  [5, 14],
  [6, 6],
  [7, 8],
  [10, 4],
  [15, 2],
];

/**
 * Approved leaves across a county: about 1.5 a month for 60 people (scaled with the county), never for
 * key persons but one approved by override, and one running through today so the leave screens show
 * a live case.
 */
export function planLeaves(people: Person[], ctx: HistoryContext, rng: Rng, withCurrent: boolean): Leave[] {
  const leaves: Leave[] = [];
  const taken = new Map<string, Array<[string, string]>>();
  const free = (person: Person, from: string, to: string) =>
    (taken.get(person.id) ?? []).every(([a, b]) => to < addDays(a, -3) || from > addDays(b, 3));
  const add = (person: Person, from: string, to: string, keyOverrideReason: string | null = null) => {
    const [destination, lon, lat] = rng.pick(DESTINATIONS);
    leaves.push({
      person,
      from,
      to,
      destination,
      reason: rng.pick(LEAVE_REASONS),
      centre: [lon, lat],
      keyOverrideReason,
    });
    taken.set(person.id, [...(taken.get(person.id) ?? []), [from, to]]);
  };
  const eligible = (person: Person, from: string, to: string, key: boolean) =>
    underCorrection(person, from) &&
    to <= lastDay(person) &&
    (levelOn(person, from) === "key") === key &&
    levelOn(person, to) === levelOn(person, from) &&
    free(person, from, to);

  const rate = (people.length * 1.5) / 60;
  const yesterday = addDays(ctx.today, -1);
  for (const month of periodsBetween("month", addDays(ctx.today, -HISTORY_DAYS), yesterday)) {
    const count = Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
    for (let n = 0; n < count; n++) {
      for (let attempt = 0; attempt < 12; attempt++) {
        const person = rng.pick(people);
        const from = pickDay(
          rng,
          maxDate(month.start, addDays(ctx.today, -HISTORY_DAYS)),
          minDate(month.end, yesterday),
        );
        const to = addDays(from, rng.weighted(LEAVE_LENGTH) - 1);
        if (to > yesterday || !eligible(person, from, to, false)) continue;
        add(person, from, to);
        break;
      }
    }
  }
  if (!withCurrent) return leaves;

  // A key person's leave, refused by default, approved by override (policy.md), within the location window.
  for (let attempt = 0; attempt < 40; attempt++) {
    const person = rng.pick(people);
    const from = addDays(ctx.today, -rng.int(20, 90));
    const to = addDays(from, 2);
    if (!eligible(person, from, to, true)) continue;
    add(person, from, to, "其父病危需前往探望，情况属实，经集体研判同意；请假期间每日电话核查并分析轨迹");
    break;
  }
  // Someone on leave today: left yesterday, back in two days.
  const from = addDays(ctx.today, -1);
  const to = addDays(ctx.today, 2);
  const current = people.find(
    (p) =>
      p.status === "in_correction" && p.level === "normal" && !p.juvenile && eligible(p, from, to, false),
  );
  if (current) add(current, from, to);
  return leaves;
}

/** The leave records and their checks: three online sign-ins a day, and a phone check a day for key persons. */
export function leaveEvents(leave: Leave, ctx: HistoryContext, rng: Rng, sink: EventSink): void {
  const { person } = leave;
  const crew = ctx.crews.get(person.office.id) as Crew;
  const agency = ctx.agencies.get(person.county.id) ?? null;
  const days = daysBetween(leave.from, leave.to) + 1;
  const approver = days > 7 || leave.keyOverrideReason ? (agency?.head ?? crew.head) : crew.head;
  sink.add(person, "leave", at(leave.from, 8 * 60), {
    endDate: leave.to,
    byRole: approver.role,
    by: crew.assistant,
    data: {
      destination: leave.destination,
      reason: leave.reason,
      days,
      approvedBy: approver.id,
      area: { circle: { center: leave.centre, radiusM: 20000 } },
      ...(leave.keyOverrideReason ? { keyOverrideReason: leave.keyOverrideReason } : {}),
    },
  });
  const key = levelOn(person, leave.from) === "key";
  for (let day = leave.from; day <= minDate(leave.to, ctx.today); day = addDays(day, 1)) {
    for (const minute of [9 * 60, 14 * 60, 20 * 60]) {
      if (rng.chance(0.03)) continue;
      sink.add(person, "leave_signin_check", at(day, minute + rng.int(-25, 40)), {
        byRole: crew.assistant.role,
        by: crew.assistant,
        data: { result: "normal", method: "online_signin" },
      });
    }
    if (key) {
      sink.add(person, "leave_phone_check", at(day, rng.int(19 * 60, 21 * 60)), {
        byRole: crew.head.role,
        by: crew.head,
        data: { result: "normal", trajectory: "轨迹正常，位于请假目的地" },
      });
    }
  }
}

/**
 * The offices' daily information checks (every day, weekends included): a morning round covering the
 * key persons, an afternoon round of at least ten others, and enough evening checks on working days to
 * reach 10% of the registered count outside 08:30–17:30; plus the agency's spot checks (everyone on
 * leave, a tenth of the key persons, ten others). About one day in twenty falls short somewhere.
 */
export function informationChecks(
  people: Person[],
  leaves: Leave[],
  ctx: HistoryContext,
  rng: Rng,
  sink: EventSink,
): void {
  const byOffice = groupBy(people, (p) => p.office.id);
  const counties = groupBy(people, (p) => p.county.id);
  const onLeave = new Map<string, Person[]>();
  for (const leave of leaves) {
    for (let d = leave.from; d <= leave.to; d = addDays(d, 1)) {
      const list = onLeave.get(d);
      if (list) list.push(leave.person);
      else onLeave.set(d, [leave.person]);
    }
  }

  const check = (
    person: Person,
    instant: string,
    by: StaffRef,
    agencyCheck: boolean,
    kinds: Weighted<string>,
  ) => {
    const abnormal = rng.chance(0.015);
    sink.add(person, "information_check", instant, {
      kind: rng.weighted(kinds),
      byRole: by.role,
      by,
      data: abnormal
        ? {
            result: "abnormal",
            by: agencyCheck ? "agency" : "office",
            note: rng.pick([
              "电话未接通，半小时后回拨联系上本人",
              "视频时背景与申报位置不符，经核实系临时外出购物",
            ]),
          }
        : { result: "normal", by: agencyCheck ? "agency" : "office" },
    });
  };
  const keyKinds: Weighted<string> = [
    ["location", 5],
    ["phone", 3],
    ["video", 2],
  ];
  const otherKinds: Weighted<string> = [
    ["phone", 7],
    ["video", 3],
  ];

  const first = addDays(ctx.today, -HISTORY_DAYS);
  for (let day = first; day < ctx.today; day = addDays(day, 1)) {
    const workday = isWorkday(day);
    for (const [officeId, members] of byOffice) {
      const crew = ctx.crews.get(officeId) as Crew;
      const present = members.filter((p) => underCorrection(p, day));
      if (present.length === 0) continue;
      const short = rng.chance(0.05);
      const recorder = () => (rng.chance(0.8) ? crew.assistant : crew.head);
      const keys = present.filter((p) => levelOn(p, day) === "key");
      const others = present.filter((p) => levelOn(p, day) !== "key");
      for (const person of keys) {
        if (short && rng.chance(0.3)) continue;
        check(person, at(day, rng.int(8 * 60 + 30, 11 * 60 + 50)), recorder(), false, keyKinds);
      }
      const afternoon = rng.sample(others, short ? rng.int(5, 9) : rng.int(10, 12));
      for (const person of afternoon)
        check(person, at(day, rng.int(12 * 60 + 30, 17 * 60 + 25)), recorder(), false, otherKinds);
      if (workday) {
        const needed = Math.ceil(present.length * 0.1) - (short ? 1 : 0);
        for (const person of rng.sample(present, needed)) {
          check(person, at(day, rng.int(18 * 60 + 30, 21 * 60 + 30)), recorder(), false, otherKinds);
        }
      }
    }
    for (const [countyId, members] of counties) {
      const agency = ctx.agencies.get(countyId);
      if (!agency) continue;
      const present = members.filter((p) => underCorrection(p, day));
      const away = (onLeave.get(day) ?? []).filter((p) => p.county.id === countyId);
      const keys = present.filter((p) => levelOn(p, day) === "key");
      const others = present.filter((p) => levelOn(p, day) !== "key" && !away.includes(p));
      const short = rng.chance(0.05);
      const chosen = [
        ...away,
        ...rng.sample(keys, Math.ceil(keys.length * 0.1)),
        ...rng.sample(others, short ? rng.int(4, 9) : 10),
      ];
      for (const person of chosen) {
        check(person, at(day, rng.int(9 * 60 + 30, 17 * 60)), rng.pick(agency.staff), true, otherKinds);
      }
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
