// Leave (请销假): about a leave or two a month for 60 people, the records and their checks.
import { addDays, at, daysBetween, maxDate, minDate, periodsBetween } from "./calendar.ts";
import {
  type Crew,
  type EventSink,
  HISTORY_DAYS,
  type HistoryContext,
  lastDay,
  levelOn,
  pickDay,
  underCorrection,
} from "./context.ts";
import type { Person } from "./people.ts";
import type { Rng, Weighted } from "./random.ts";

export interface Leave {
  person: Person;
  from: string;
  to: string;
  destination: string;
  reason: string;
  centre: [number, number];
  keyOverrideReason: string | null;
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
/** The current leave's destination: 石岭县, next to the demo county (its boundary is loaded). */
const NEIGHBOUR_DESTINATION = ["禾川省云州市石岭县", 120.1, 28.45] as const;
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
  if (current) {
    add(current, from, to);
    // To the neighbouring county, whose boundary the demo loads (features/map/demo.ts): the trajectory
    // map shows the destination's area. Set after the draw, so the demo's other draws stay as they were.
    const [destination, lon, lat] = NEIGHBOUR_DESTINATION;
    Object.assign(leaves[leaves.length - 1] as Leave, { destination, centre: [lon, lat] });
  }
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
