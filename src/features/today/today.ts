// 今日工作: what is due today and what is overdue for the people and offices a user is responsible
// for, most urgent first, each with the engine's basis and the action that records it. Everything
// judged comes from the rules engine (per-person obligations and book deadlines from `evaluateCase`,
// the office and agency standards from `evaluateOffice`); this module only chooses, orders and labels.
import { lostContactVisitDueBy, type OfficeItem, type PolicyProfile } from "../../core/index.ts";
import type { Role } from "../../db/schema.ts";
import {
  alertColourLabel,
  alertKindLabel,
  bookSectionLabel,
  levelLabel,
  levelProposalText,
  obligationKindLabel,
  officeItemLabel,
} from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import { COMING_RELEASE_DAYS, RELEASE_BASIS } from "../release/constants.ts";
import type { SubjectEvaluation } from "../rules/case-facts.ts";
import { basisDescriber, obligationCode, officeItemCode } from "./basis.ts";
import { checkQueue } from "./check-queue.ts";
import { officeDay } from "./office-day.ts";
import type { AlertRow, OfficeState, OfficeSubject } from "./office-state.ts";
import { overdueWork } from "./overdue.ts";

export type ActionKind =
  | "phone_report"
  | "in_person_report"
  | "field_visit"
  | "information_check"
  | "leave_signin_check"
  | "leave_phone_check"
  | "leave_files"
  | "feedback_form"
  | "book"
  | "handle_alert"
  | "sample"
  | "load_calendar"
  | "violation_case"
  | "release"
  | "transfer"
  | "hazard"
  | "major_event"
  | "screening"
  | "risk_decision"
  | "decide_level"
  | "investigation"
  | "resettlement"
  | "aftercare_phone"
  | "aftercare_visit"
  | "exchange_retry"
  | "resettlement_assign"
  | "aftercare_assign";

export interface TodayItem {
  key: string;
  group: "alert" | "obligation" | "deadline" | "office" | "agency" | "feedback" | "court";
  title: string;
  status: "overdue" | "due_today" | "open";
  dueBy: string;
  required: number | null;
  done: number | null;
  period: string | null;
  basis: string;
  /** The profile path of the item's rule; the rule, its source and the seed's sentence (./basis.ts). */
  basisCode?: string;
  basisText?: string;
  basisSource?: string;
  basisQuote?: string | null;
  office: { id: string; name: string };
  subject: { id: string; name: string; level: string; levelLabel: string } | null;
  mine: boolean;
  colour: string | null;
  detail: string | null;
  missing: { id: string; name: string }[];
  action: {
    kind: ActionKind;
    subjectId: string | null;
    alertId: number | null;
    officeId: string | null;
    /** A violation case (court clocks). */
    caseId?: string;
    /** A change of place of execution (features/transfer). */
    transferId?: string;
    /** The quarter's screening campaign whose form opens for the person (features/screening). */
    campaignId?: string;
    /** A decision of a risk-analysis meeting (features/risk-meetings). */
    decision?: { meetingId: number; index: number };
    /** The initial level (decide_level): one click decides the proposal, from the intake date. */
    levelDecision?: { level: string; fromDate: string; reason: string };
    /** A commission, a released prisoner or an after-care person (investigation, resettlement, aftercare). */
    recordId?: string;
    /** A webhook delivery to send again (features/exchange). */
    deliveryId?: string;
  } | null;
  /** One person's alerts for old misses, shown as one expandable row (the row counts them). */
  grouped?: TodayItem[];
}

export interface TodayOptions {
  role: Role;
  userId: string;
  villageId: string | null;
  now: Date;
  horizonDays: number;
  mineOnly: boolean;
}

const officeRoles: ReadonlySet<Role> = new Set(["office_head", "office_assistant"]);
const agencyRoles: ReadonlySet<Role> = new Set(["agency_head", "agency_staff", "prosecutor"]);

/** Which per-person obligations a role sees on its Today. */
function obligationFor(role: Role, kind: string, level: string): boolean {
  if (!officeRoles.has(role)) return false;
  if (kind === "field_visit" && role === "office_assistant") return level === "normal";
  return true;
}

/** Which book sections a role sees (the profile names each section's author). */
function deadlineFor(role: Role, author: string): boolean {
  if (author === role) return true;
  if (author === "office") return officeRoles.has(role);
  return false;
}

const sectionAuthor = (policy: PolicyProfile, section: string): string => {
  const book = policy.book;
  const oneOff = (book.oneOff as Record<string, { author: string } | undefined>)[section];
  return oneOff?.author ?? "office_head";
};

function statusOf(dueBy: string, overdue: boolean, today: string): TodayItem["status"] {
  if (overdue) return "overdue";
  return dueBy.slice(0, 10) <= today ? "due_today" : "open";
}

function actionForObligation(kind: string): ActionKind {
  switch (kind) {
    case "phone_report":
      return "phone_report";
    case "in_person_report":
      return "in_person_report";
    case "field_visit":
      return "field_visit";
    case "location_report":
      return "information_check";
    case "leave_phone_check":
      return "leave_phone_check";
    default:
      return "leave_signin_check";
  }
}

export function alertOverdue(alert: AlertRow, now: Date): boolean {
  return alert.handledAt === null && now.getTime() > alert.dueBy.getTime();
}

interface Memo {
  revision: number;
  validUntil: number;
  items: TodayItem[];
}

/**
 * Items of one office for a user, and until when they hold (the next instant a status turns by the
 * clock alone: a round's window ends, an alert falls overdue or escalates, the day ends). What all
 * users of a role share is computed once per state revision; only "mine" is marked per user.
 */
export function officeItems(
  state: OfficeState,
  options: TodayOptions,
): { items: TodayItem[]; validUntil: number } {
  const key = itemsKey(options);
  // Kept with the state (state.derived), so it goes when the state does.
  const byKey = state.derived.items as Map<string, Memo>;
  let memo = byKey.get(key);
  const nowMs = options.now.getTime();
  if (!memo || memo.revision !== state.revision || nowMs >= memo.validUntil) {
    memo = { revision: state.revision, ...computeItems(state, options) };
    byKey.set(key, memo);
  }
  const userId = options.userId;
  const head = options.role === "office_head";
  const items = memo.items.map((item) => {
    if (item.group === "office" || item.group === "agency" || item.group === "feedback") return item;
    const mine =
      head || (!!item.subject && state.subjects.get(item.subject.id)?.responsibleUserId === userId);
    if (mine === item.mine) return item;
    return { ...item, mine, ...(item.grouped && { grouped: item.grouped.map((g) => ({ ...g, mine })) }) };
  });
  return { items, validUntil: memo.validUntil };
}

/** What a user's items depend on besides the state: role, village, the user for per-user lists, query. */
function itemsKey(options: TodayOptions): string {
  const perUser = options.role === "team_member" || options.mineOnly;
  return `${options.role}|${options.villageId ?? ""}|${perUser ? options.userId : ""}|${options.horizonDays}|${options.mineOnly}`;
}

/**
 * A person's due rows for one kind of list (`key`), kept with the state per evaluation and subject row:
 * a refresh replaces both for the persons written, so the others' rows are made once per day.
 */
function personRows(
  state: OfficeState,
  evaluation: SubjectEvaluation,
  subject: OfficeSubject,
  key: string,
  make: () => TodayItem[],
): TodayItem[] {
  let byKey = state.derived.rowsByEvaluation.get(evaluation) as
    | Map<string, { subject: OfficeSubject; rows: TodayItem[] }>
    | undefined;
  if (!byKey) {
    byKey = new Map();
    state.derived.rowsByEvaluation.set(evaluation, byKey);
  }
  const kept = byKey.get(key);
  if (kept && kept.subject === subject) return kept.rows;
  const rows = make();
  byKey.set(key, { subject, rows });
  return rows;
}

function computeItems(state: OfficeState, options: TodayOptions): { items: TodayItem[]; validUntil: number } {
  const { role, now } = options;
  const nowMs = now.getTime();
  let validUntil = new Date(`${addDaysText(state.day, 1)}T00:00:00+08:00`).getTime();
  const until = (ms: number) => {
    if (ms > nowMs && ms < validUntil) validUntil = ms;
  };
  const rounds = state.policy.profile.office; // the county's round times
  until(new Date(`${state.day}T${rounds.morningRoundEnds}:00+08:00`).getTime());
  until(new Date(`${state.day}T${rounds.afternoonRoundEnds}:00+08:00`).getTime());
  for (const a of state.alerts) {
    if (a.handledAt) continue;
    until(a.dueBy.getTime() + 1);
    until(a.escalatesAt.getTime());
  }
  const today = state.day;
  const horizon = `${addDaysText(today, options.horizonDays)}T23:59:59+08:00`;
  const office = { id: state.office.id, name: state.office.name };
  const items: TodayItem[] = [];
  const subjectView = (id: string) => {
    const s = state.subjects.get(id);
    if (!s) return null;
    return { id, name: s.name, level: s.level, levelLabel: levelLabel[s.level as "key"] ?? s.level };
  };
  const isMine = (id: string | null) =>
    !!id && (state.subjects.get(id)?.responsibleUserId === options.userId || role === "office_head");

  /** Whether this user's Today lists the person's work at all. */
  const listsPerson = (subject: OfficeSubject): boolean => {
    if (options.mineOnly && subject.responsibleUserId !== options.userId) return false;
    // A team member placed in a village answers for its persons; one placed at the office, for all.
    return !(role === "team_member" && options.villageId && subject.villageId !== options.villageId);
  };
  const obligationRow = (
    id: string,
    subject: OfficeSubject,
    o: {
      id: string;
      kind: string;
      dueBy: string;
      required: number;
      done: number;
      periodStart: string;
      periodEnd: string;
      basis: string;
    },
    overdue: boolean,
  ): TodayItem => ({
    key: `obligation:${id}:${o.id}`,
    group: "obligation",
    title: obligationKindLabel[o.kind] ?? o.kind,
    status: statusOf(o.dueBy, overdue, today),
    dueBy: o.dueBy,
    required: o.required,
    done: o.done,
    period: `${o.periodStart}/${o.periodEnd}`,
    basis: o.basis,
    basisCode: obligationCode(o.kind, subject.level),
    office,
    subject: subjectView(id),
    mine: isMine(id),
    colour: null,
    detail: null,
    missing: [],
    action: { kind: actionForObligation(o.kind), subjectId: id, alertId: null, officeId: office.id },
  });
  const deadlineRow = (
    id: string,
    section: string,
    dueBy: string,
    basis: string,
    overdue: boolean,
  ): TodayItem => ({
    key: `deadline:${id}:${section}:${dueBy.slice(0, 10)}`,
    group: "deadline",
    title: `工作记录本：${bookSectionLabel[section] ?? section}`,
    status: statusOf(dueBy, overdue, today),
    dueBy,
    required: null,
    done: null,
    period: null,
    basis,
    basisCode: section in state.policy.profile.book.oneOff ? `book.oneOff.${section}` : `book.${section}`,
    office,
    subject: subjectView(id),
    mine: isMine(id),
    colour: null,
    detail: null,
    missing: [],
    action: { kind: "book", subjectId: id, alertId: null, officeId: office.id },
  });

  // What is due and not yet late; what is late comes from `overdueWork` below. A person's rows are
  // kept with their evaluation (a write judges only the written person anew): the rest are reused.
  const rowsKey = `${itemsKey(options)}|${today}|${state.office.id}`;
  for (const [id, evaluation] of state.evaluations) {
    if (!evaluation.ok) continue;
    const subject = state.subjects.get(id);
    if (!subject || !listsPerson(subject)) continue;
    const result = evaluation.result;
    const rows = personRows(state, evaluation, subject, rowsKey, () => {
      const out: TodayItem[] = [];
      for (const o of result.obligations) {
        if (o.status !== "open" || o.dueBy > horizon) continue;
        if (!obligationFor(role, o.kind, subject.level)) continue;
        // The period has not begun for daily items of tomorrow; skip what is not yet actionable.
        if (o.periodStart > today) continue;
        out.push(obligationRow(id, subject, o, false));
      }
      for (const d of result.deadlines) {
        if (d.status !== "open" || d.dueBy > horizon) continue;
        if (!deadlineFor(role, sectionAuthor(state.policy.profile, d.section))) continue;
        // A terminated case (revocation, imprisonment, death) has no release analysis: its book is closed.
        if (
          d.section === "release_analysis" &&
          (subject.status === "terminated" || subject.status === "transferred_out")
        )
          continue;
        out.push(deadlineRow(id, d.section, d.dueBy, d.basis, false));
      }
      return out;
    });
    for (const row of rows) items.push(row);
  }
  // What is late: the one list the dashboards show too (./overdue.ts). A miss with an open alert is
  // shown as that alert below.
  for (const late of overdueWork(state)) {
    const subject = state.subjects.get(late.subjectId);
    if (!subject || !listsPerson(subject) || late.alertId !== null) continue;
    if (late.group === "obligation") {
      if (!obligationFor(role, late.code, subject.level)) continue;
      const o = state.evaluations.get(late.subjectId);
      const obligation = o?.ok
        ? o.result.obligations.find((x) => late.key === `obligation:${late.subjectId}:${x.id}`)
        : undefined;
      if (obligation) items.push(obligationRow(late.subjectId, subject, obligation, true));
    } else if (deadlineFor(role, sectionAuthor(state.policy.profile, late.code)))
      items.push(deadlineRow(late.subjectId, late.code, late.dueBy, late.basis, true));
  }

  // Coming releases: from 30 days before the term ends until the release is recorded (Art. 44).
  if (officeRoles.has(role)) {
    const last = addDaysText(today, COMING_RELEASE_DAYS);
    for (const subject of state.subjects.values()) {
      if (subject.status !== "in_correction" || subject.lastDay > last) continue;
      if (options.mineOnly && subject.responsibleUserId !== options.userId) continue;
      items.push({
        key: `release:${subject.id}:${subject.lastDay}`,
        group: "deadline",
        title: `解除矫正（矫正期满 ${subject.lastDay}）`,
        status: statusOf(`${subject.lastDay}T23:59:59+08:00`, subject.lastDay < today, today),
        dueBy: `${subject.lastDay}T23:59:59+08:00`,
        required: null,
        done: null,
        period: null,
        basis: RELEASE_BASIS,
        basisCode: "release",
        office,
        subject: subjectView(subject.id),
        mine: isMine(subject.id),
        colour: null,
        detail: subject.lastDay > today ? "期满之日宣告解除矫正，发给解除社区矫正证明书并通知有关机关" : null,
        missing: [],
        action: { kind: "release", subjectId: subject.id, alertId: null, officeId: office.id },
      });
    }
  }

  // The initial level proposed at registration: the office head decides it (policy.md Classification,
  // seed 000 §九.1), on the day the person is registered; one click agrees with the proposal.
  if (role === "office_head")
    for (const subject of state.subjects.values()) {
      if (!subject.levelPending || subject.status !== "in_correction" || !listsPerson(subject)) continue;
      const dueBy = `${subject.intakeDate}T23:59:59+08:00`;
      items.push({
        key: `level:${subject.id}`,
        group: "deadline",
        title: levelProposalText.todayTitle(levelLabel[subject.level as "key"] ?? subject.level),
        status: statusOf(dueBy, subject.intakeDate < today, today),
        dueBy,
        required: null,
        done: null,
        period: null,
        basis: state.policy.profile.classification.basis,
        basisCode: "classification",
        office,
        subject: subjectView(subject.id),
        mine: true,
        colour: null,
        detail: levelProposalText.todayDetail,
        missing: [],
        action: {
          kind: "decide_level",
          subjectId: subject.id,
          alertId: null,
          officeId: office.id,
          levelDecision: {
            level: subject.level,
            fromDate: subject.intakeDate,
            reason: levelProposalText.agreeReason,
          },
        },
      });
    }

  // Team members: each member's monthly feedback form for the persons of their village (seed 000 §六).
  if (role === "team_member") {
    const policy = state.policy.profile;
    const month = today.slice(0, 7);
    const monthEnd = lastDayOfMonth(month);
    for (const subject of state.subjects.values()) {
      if (options.villageId && subject.villageId !== options.villageId) continue;
      if (subject.status !== "in_correction") continue;
      if (subject.intakeDate > `${month}-01`) continue;
      const done = state.feedback.filter(
        (f) => f.subjectId === subject.id && f.memberId === options.userId && f.month === month,
      ).length;
      const required = policy.team.feedbackFormsPerMemberPerMonth;
      if (done >= required) continue;
      items.push({
        key: `feedback:${subject.id}:${month}`,
        group: "feedback",
        title: "矫正小组情况信息反馈表",
        status: monthEnd <= today ? "due_today" : "open",
        dueBy: `${monthEnd}T23:59:59+08:00`,
        required,
        done,
        period: `${month}-01/${monthEnd}`,
        basis: policy.team.basis,
        basisCode: "team.feedbackFormsPerMemberPerMonth",
        office,
        subject: subjectView(subject.id),
        mine: true,
        colour: null,
        detail: null,
        missing: [],
        action: { kind: "feedback_form", subjectId: subject.id, alertId: null, officeId: office.id },
      });
    }
  }

  // The office's own standards of the day, and the agency's over this office.
  const result = officeDay(state, today, now);
  const showOffice = officeRoles.has(role);
  const showAgency = agencyRoles.has(role);
  // A check item opens the check form of the next person who needs one (./check-queue.ts); the
  // checks of "other persons" count persons not at key level only.
  const queues = {
    office: showOffice ? checkQueue(state, "office") : [],
    agency: showAgency ? checkQueue(state, "agency") : [],
  };
  const nextCheck = (by: "office" | "agency", id: string) => {
    const queue = queues[by].filter((e) => !id.endsWith("_other_checks") || e.level !== "key");
    return (queue.find((e) => e.need !== "checked") ?? queue[0])?.id ?? null;
  };
  for (const item of result.items) {
    const agencyItem = item.id.startsWith("agency_");
    if (agencyItem ? !showAgency : !showOffice) continue;
    if (item.status === "met") continue;
    items.push(
      officeItemView(state, item, today, options, nextCheck(agencyItem ? "agency" : "office", item.id)),
    );
  }

  // Lost contact: a field visit by the office and the agency together within 24 h (seed 000 §九.2(3),
  // §九.3(1)), due until a visit of the person is recorded after the alert.
  if (showOffice || showAgency) {
    const policy = state.policy.profile;
    for (const alert of state.alerts) {
      if (alert.kind !== "lost_contact" || !alert.subjectId) continue;
      const raised = alert.raisedAt.getTime();
      const visited = state.visits.some((v) => v.subjectId === alert.subjectId && v.ms >= raised);
      if (visited) continue;
      const due = lostContactVisitDueBy(policy, raised);
      until(due + 1);
      items.push({
        key: `lost_contact_visit:${alert.id}`,
        group: "obligation",
        title: "失联后立即实地查访",
        status: nowMs > due ? "overdue" : "due_today",
        dueBy: cstIso(new Date(due)),
        required: 1,
        done: 0,
        period: null,
        basis: policy.obligations.lostContactVisit.basis,
        basisCode: "obligations.lostContactVisit.withinHours",
        office,
        subject: subjectView(alert.subjectId),
        mine: isMine(alert.subjectId),
        colour: null,
        detail: alert.summary,
        missing: [],
        action:
          role === "prosecutor"
            ? null
            : { kind: "field_visit", subjectId: alert.subjectId, alertId: null, officeId: office.id },
      });
    }
  }

  // Alerts: the office's own for office roles; for the agency those escalated to it. An alert's own
  // deadline is its handling clock; a person's alerts raised for old misses (the sweep's overdue
  // obligations and book deadlines) make one row with their count, so that today's work stays on top.
  if (showOffice || showAgency) {
    const oldMisses = new Map<string, TodayItem[]>();
    for (const alert of state.alerts) {
      if (alert.handledAt) continue;
      if (showAgency && !showOffice && now.getTime() < alert.escalatesAt.getTime()) continue;
      if (
        options.mineOnly &&
        !(alert.subjectId && state.subjects.get(alert.subjectId)?.responsibleUserId === options.userId)
      )
        continue;
      const item: TodayItem = {
        key: `alert:${alert.id}`,
        group: "alert",
        title: `${alertColourLabel[alert.colour] ?? alert.colour}：${alertKindLabel[alert.kind] ?? alert.kind}`,
        status: statusOf(cstIso(alert.dueBy), alertOverdue(alert, now), today),
        dueBy: cstIso(alert.dueBy),
        required: null,
        done: null,
        period: null,
        basis: alert.basis,
        basisCode: "alerts.handleWithinHours",
        office,
        subject: alert.subjectId ? subjectView(alert.subjectId) : null,
        mine: isMine(alert.subjectId),
        colour: alert.colour,
        detail: alert.summary,
        missing: [],
        action:
          role === "prosecutor"
            ? null
            : { kind: "handle_alert", subjectId: alert.subjectId, alertId: alert.id, officeId: office.id },
      };
      const oldMiss = alert.source.startsWith("obligation:") || alert.source.startsWith("deadline:");
      if (!oldMiss || !alert.subjectId) {
        items.push(item);
        continue;
      }
      const list = oldMisses.get(alert.subjectId) ?? [];
      list.push(item);
      oldMisses.set(alert.subjectId, list);
    }
    for (const [subjectId, list] of oldMisses) {
      if (list.length === 1) {
        items.push(list[0]!);
        continue;
      }
      sortItems(list);
      const first = list[0]!;
      items.push({
        ...first,
        key: `alerts:${subjectId}`,
        title: `${alertKindLabel.overdue_obligation}预警 ${list.length} 条`,
        detail: null,
        action: null,
        colour: [...list].sort(
          (a, b) => (colourRank[a.colour ?? ""] ?? 9) - (colourRank[b.colour ?? ""] ?? 9),
        )[0]!.colour,
        grouped: list,
      });
    }
  }
  if (role === "prosecutor") for (const item of items) item.action = null;
  const describe = basisDescriber(state.policy.profile);
  const withBasis = (item: TodayItem) =>
    Object.assign(item, describe(item.basisCode ?? item.group, item.basis));
  for (const item of items) {
    withBasis(item);
    item.grouped?.forEach(withBasis);
  }
  return { items, validUntil };
}

function officeItemView(
  state: OfficeState,
  item: OfficeItem,
  today: string,
  options: TodayOptions,
  nextCheck: string | null,
): TodayItem {
  const office = { id: state.office.id, name: state.office.name };
  const agency = item.id.startsWith("agency_");
  const rounds = state.policy.profile.office;
  const windowEnd =
    item.id === "office_morning_round"
      ? `${today}T${rounds.morningRoundEnds}:00+08:00`
      : item.id === "office_afternoon_round"
        ? `${today}T${rounds.afternoonRoundEnds}:00+08:00`
        : item.period
          ? `${item.period.slice(11)}T23:59:59+08:00`
          : `${today}T23:59:59+08:00`;
  const sampling = item.id === "agency_key_sample" || item.id.startsWith("agency_visit_sample");
  return {
    key: `office:${state.office.id}:${today}:${item.id}`,
    group: agency ? "agency" : "office",
    title: `${officeItemLabel[item.id] ?? item.id}`,
    status: item.status === "overdue" ? "overdue" : windowEnd.slice(0, 10) <= today ? "due_today" : "open",
    dueBy: windowEnd,
    required: item.required,
    done: item.done,
    period: item.period ?? today,
    basis: item.basis,
    basisCode: officeItemCode(item.id),
    office,
    subject: null,
    mine: true,
    colour: null,
    detail: null,
    missing: (item.missing ?? []).map((id) => ({ id, name: state.subjects.get(id)?.name ?? id })),
    action:
      options.role === "prosecutor"
        ? null
        : {
            kind: sampling ? "sample" : "information_check",
            subjectId: item.missing?.[0] ?? (sampling ? null : nextCheck),
            alertId: null,
            officeId: office.id,
          },
  };
}

const statusRank = { overdue: 0, due_today: 1, open: 2 } as const;
const colourRank: Record<string, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };

/**
 * Most urgent first: overdue, then due today by time, then the rest by time (an alert's time is its
 * handling clock); at the same time, red alerts before the others.
 */
export function sortItems(items: TodayItem[]): TodayItem[] {
  return items.sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0) ||
      (colourRank[a.colour ?? ""] ?? 9) - (colourRank[b.colour ?? ""] ?? 9) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export function addDaysText(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
