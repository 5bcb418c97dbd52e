// Each person's own year of case events, following policy.md mostly but not always: reports and
// visits on time for about nine periods in ten, some late, some missed (with their alerts);
// education, public service, counselling and assistance; the incidents of levels.ts (violations,
// reprimands, warnings); the book (book.ts); the release. Leave is in leave.ts, the offices' checks
// in checks.ts. Nothing happens after the history's end (`today` 08:00 CST): today's work is to do.
import { bookSections } from "./book.ts";
import {
  addDays,
  addSeconds,
  at,
  maxDate,
  minDate,
  type Period,
  type PeriodKind,
  periodsBetween,
} from "./calendar.ts";
import {
  type Crew,
  type EventSink,
  type HistoryContext,
  historyEnd,
  historyStart,
  levelOn,
  pickDay,
  pickWorkday,
  workingMinute,
} from "./context.ts";
import type { Person } from "./people.ts";
import type { Rng } from "./random.ts";

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
