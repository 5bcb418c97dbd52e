// What is overdue in an office: every per-person obligation and book deadline the rules engine judges
// past due and not yet settled. ONE function for every reader — 今日工作 (its overdue rows, and the
// count it gives), the dashboards' overdue list and the sweep's alerts for old misses — so that they
// cannot disagree on what is late.
// An overdue obligation whose miss was already handled as an alert (now or in the case history) is
// settled; one with an open alert stays overdue and names that alert (Today shows it as the alert).
import { bookSectionLabel, obligationKindLabel } from "../../glossary.ts";
import type { OfficeState } from "./office-state.ts";

export interface OverdueWork {
  /** The Today item's key (also the sweep's alert source): `obligation:<subject>:<id>` or `deadline:…`. */
  key: string;
  group: "obligation" | "deadline";
  subjectId: string;
  subjectName: string;
  /** The obligation's kind or the book section. */
  code: string;
  /** Chinese name of what is late. */
  item: string;
  period: string;
  dueBy: string;
  basis: string;
  /** An obligation's required and done counts (null for a book deadline). */
  required: number | null;
  done: number | null;
  /** The open alert that stands for this miss (Today shows the alert instead), or null. */
  alertId: number | null;
}

/** The office's overdue per-person work as the state judges it, most overdue first. */
export function overdueWork(state: OfficeState): OverdueWork[] {
  const openAlerts = new Map<string, number>();
  const handled = new Set<string>();
  for (const a of state.alerts) {
    if (a.handledAt) handled.add(a.source);
    else openAlerts.set(a.source, a.id);
  }
  const out: OverdueWork[] = [];
  for (const [id, evaluation] of state.evaluations) {
    if (!evaluation.ok) continue;
    const subject = state.subjects.get(id);
    if (!subject) continue;
    for (const o of evaluation.result.obligations) {
      if (o.status !== "overdue" || o.periodStart > state.day) continue;
      const key = `obligation:${id}:${o.id}`;
      if (handled.has(key) || state.handledHistory.has(`${id}|${o.id}`)) continue;
      out.push({
        key,
        group: "obligation",
        subjectId: id,
        subjectName: subject.name,
        code: o.kind,
        item: obligationKindLabel[o.kind] ?? o.kind,
        period: `${o.periodStart}/${o.periodEnd}`,
        dueBy: o.dueBy,
        basis: o.basis,
        required: o.required,
        done: o.done,
        alertId: openAlerts.get(key) ?? null,
      });
    }
    for (const d of evaluation.result.deadlines) {
      if (d.status !== "overdue") continue;
      // A terminated case (revocation, imprisonment, death) has no release analysis: its book is closed.
      if (
        d.section === "release_analysis" &&
        (subject.status === "terminated" || subject.status === "transferred_out")
      )
        continue;
      const key = `deadline:${id}:${d.section}:${d.dueBy.slice(0, 10)}`;
      out.push({
        key,
        group: "deadline",
        subjectId: id,
        subjectName: subject.name,
        code: d.section,
        item: `工作记录本：${bookSectionLabel[d.section] ?? d.section}`,
        period: d.dueBy.slice(0, 10),
        dueBy: d.dueBy,
        basis: d.basis,
        required: null,
        done: null,
        alertId: openAlerts.get(key) ?? null,
      });
    }
  }
  return out.sort((a, b) =>
    a.dueBy < b.dueBy
      ? -1
      : a.dueBy > b.dueBy
        ? 1
        : a.subjectName.localeCompare(b.subjectName) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
