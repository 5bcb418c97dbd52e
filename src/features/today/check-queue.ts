// Who to check next (登记核查): the persons registered in an office today, those who still need an
// information check today first — key persons not yet checked (100% coverage, seed 000 §九.2(1)),
// then the others not yet checked (persons on leave first: the agency covers them all), then those
// already checked, fewest checks first. Judged from the same office state as Today.
import { levelLabel } from "../../glossary.ts";
import { levelOnDay, onLeave as onLeaveOn } from "./office-day.ts";
import { checksOn, kept, type OfficeState } from "./office-state.ts";

export type CheckNeed = "key_unchecked" | "unchecked" | "checked";

export interface QueueEntry {
  id: string;
  name: string;
  level: string;
  levelLabel: string;
  onLeave: boolean;
  /** Checks of this person today by the asking side (office or agency). */
  checksToday: number;
  need: CheckNeed;
}

const needRank: Record<CheckNeed, number> = { key_unchecked: 0, unchecked: 1, checked: 2 };
/** One collator for every sort (`localeCompare` with a locale is many times slower per comparison). */
const byName = new Intl.Collator("zh-CN");

/** The queue of the state as it is (made once per revision: every Today answer of the office asks). */
export function checkQueue(state: OfficeState, by: "office" | "agency"): QueueEntry[] {
  return kept(state, `checkQueue|${by}|${state.day}`, () => makeQueue(state, by));
}

function makeQueue(state: OfficeState, by: "office" | "agency"): QueueEntry[] {
  const day = state.day;
  const counts = new Map<string, number>();
  for (const c of checksOn(state, day))
    if (c.by === by) counts.set(c.subjectId, (counts.get(c.subjectId) ?? 0) + 1);
  const out: QueueEntry[] = [];
  for (const [id, input] of state.cases) {
    const s = state.subjects.get(id);
    if (!s || s.intakeDate > day || day > s.lastDay) continue;
    const level = levelOnDay(input.subject, day);
    const onLeave = onLeaveOn(state, input, day);
    const checksToday = counts.get(id) ?? 0;
    out.push({
      id,
      name: s.name,
      level,
      levelLabel: levelLabel[level as "key"] ?? level,
      onLeave,
      checksToday,
      need: checksToday > 0 ? "checked" : level === "key" ? "key_unchecked" : "unchecked",
    });
  }
  return out.sort(
    (a, b) =>
      needRank[a.need] - needRank[b.need] ||
      Number(b.onLeave) - Number(a.onLeave) ||
      a.checksToday - b.checksToday ||
      byName.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : 1),
  );
}
