// Location reports from the subject app (source 'app') for key persons: three a day — morning at
// home, noon at work or about town, evening at home — WGS-84 with a few tens of metres of jitter,
// at the leave destination while on approved leave, and now and then a missed report or a missed
// day, which raise the alerts of location.md (missed reports; lost contact after 24 h).
// Limited to the last LOCATION_DAYS days whatever the county's size, to keep the demo small.
import { addDays, addSeconds, at, isWorkday, maxDate } from "./calendar.ts";
import {
  type Crew,
  type EventSink,
  type HistoryContext,
  historyEnd,
  historyStart,
  levelOn,
} from "./context.ts";
import type { Leave } from "./leave.ts";
import { type Person, type Point, round6 } from "./people.ts";
import type { Rng } from "./random.ts";

export const LOCATION_DAYS = 120;

export interface DemoLocation {
  subjectId: string;
  measuredAt: string;
  receivedAt: string;
  longitude: number;
  latitude: number;
  accuracyM: number;
  batteryPct: number;
  idempotencyKey: string;
}

const SLOTS: ReadonlyArray<readonly [number, number]> = [
  [7 * 60, 9 * 60 + 30],
  [11 * 60 + 30, 13 * 60 + 30],
  [18 * 60, 21 * 60 + 30],
];

export function locationReports(
  person: Person,
  leaves: Leave[],
  ctx: HistoryContext,
  rng: Rng,
  sink: EventSink,
): DemoLocation[] {
  const out: DemoLocation[] = [];
  const from = maxDate(historyStart(person, ctx.today), addDays(ctx.today, -(LOCATION_DAYS - 1)));
  const to = historyEnd(person, ctx.today);
  const crew = ctx.crews.get(person.office.id) as Crew;
  const away = leaves.filter((l) => l.person === person);
  let n = 0;
  let last: string | null = null;
  let battery = rng.int(40, 100);

  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (levelOn(person, day) !== "key") {
      last = null;
      continue;
    }
    const leave = away.find((l) => l.from <= day && day <= l.to);
    const skipDay = rng.chance(0.007);
    let sent = 0;
    for (const [slot, [min, max]] of SLOTS.entries()) {
      const measured = at(day, rng.int(min, max), rng.int(0, 59));
      if (measured > ctx.end) break;
      if (skipDay || rng.chance(0.01)) continue;
      // Lost contact: a day without reports leaves more than 24 h since the last one (location.md rule 5).
      if (last && Date.parse(measured) - Date.parse(last) > 86_400_000) {
        lostContact(person, sink, rng, crew, addSeconds(last, 86_400));
      }
      const place = leave
        ? { lon: leave.centre[0], lat: leave.centre[1] }
        : slot === 1 && isWorkday(day)
          ? person.work
          : slot === 1 && rng.chance(0.3)
            ? jitter(rng, person.home, 0.01)
            : person.home;
      const point = jitter(rng, place, leave ? 0.01 : 0.0004);
      battery = battery < 20 ? rng.int(80, 100) : battery - rng.int(3, 25);
      // Mostly sent at once; sometimes queued offline and sent later with the original time (architecture.md).
      let received = addSeconds(measured, rng.chance(0.03) ? rng.int(300, 7200) : rng.int(1, 20));
      if (received > ctx.end) received = addSeconds(measured, 2);
      out.push({
        subjectId: person.id,
        measuredAt: measured,
        receivedAt: received,
        longitude: point.lon,
        latitude: point.lat,
        accuracyM: Math.round(5 + 55 * rng.next() ** 2),
        batteryPct: Math.max(5, battery),
        idempotencyKey: `demo-${person.bookNumber}-${++n}`,
      });
      last = measured;
      sent++;
    }
    const dayOver = addDays(day, 1) <= ctx.today;
    if (dayOver && sent < 3) {
      const raised = at(addDays(day, 1), 0, 5);
      sink.add(person, "alert", raised, {
        kind: "missed_location_reports",
        data: {
          color: "yellow",
          day,
          required: 3,
          received: sent,
          handled: true,
          handledAt: addSeconds(raised, rng.int(8, 16) * 3600),
          handledBy: crew.assistant.id,
          note: rng.pick(["提醒本人按时上报位置", "本人称手机没电，已提醒随身携带充电宝"]),
        },
      });
    }
  }
  return out;
}

function lostContact(person: Person, sink: EventSink, rng: Rng, crew: Crew, raised: string): void {
  const handled = addSeconds(raised, rng.int(1, 5) * 3600);
  sink.add(person, "alert", raised, {
    kind: "lost_contact",
    data: {
      color: "red",
      handled: true,
      handledAt: handled,
      handledBy: crew.head.id,
      note: "电话联系未果，立即实地查访，本人在家，系手机损坏，已更换手机恢复报告",
    },
  });
  // The immediate field visit of policy.md (within 24 h of a lost-contact alert).
  sink.add(person, "field_visit", handled, {
    byRole: crew.head.role,
    by: crew.head,
    data: { place: "家中", reason: "lost_contact", note: "失联后立即实地查访，本人在家" },
  });
}

function jitter(rng: Rng, point: Point, spread: number): Point {
  return {
    lon: round6(point.lon + rng.float(-spread, spread)),
    lat: round6(point.lat + rng.float(-spread, spread)),
  };
}
