// Information checks (信息化核查), the offices' daily rounds and the agency's spot checks (policy.md,
// "Office-level and agency-level standards").
import { addDays, at, isWorkday } from "./calendar.ts";
import {
  type Crew,
  type EventSink,
  HISTORY_DAYS,
  type HistoryContext,
  levelOn,
  type StaffRef,
  underCorrection,
} from "./context.ts";
import type { Leave } from "./leave.ts";
import type { Person } from "./people.ts";
import type { Rng, Weighted } from "./random.ts";

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
