// Approved leave as merged day ranges: which days are on leave, and whether a whole period is.
import type { DayNumber } from "../calendar/days.ts";
import type { LeaveRange } from "../events/event-index.ts";

/** Leaves merged into disjoint, ascending ranges (overlapping or adjacent leaves join). */
export function mergeLeaves(leaves: readonly LeaveRange[]): LeaveRange[] {
  // Leave is usually recorded in order; sorting is needed only when it was not.
  const sorted = inOrder(leaves) ? leaves : [...leaves].sort(byDays);
  const merged: LeaveRange[] = [];
  for (const leave of sorted) {
    const last = merged[merged.length - 1];
    if (last && leave.from <= last.to + 1) last.to = Math.max(last.to, leave.to);
    else merged.push({ from: leave.from, to: leave.to });
  }
  return merged;
}

function byDays(a: LeaveRange, b: LeaveRange): number {
  return a.from - b.from || a.to - b.to;
}

function inOrder(leaves: readonly LeaveRange[]): boolean {
  for (let i = 1; i < leaves.length; i++)
    if (byDays(leaves[i - 1] as LeaveRange, leaves[i] as LeaveRange) > 0) return false;
  return true;
}

/** True when every day of [from, to] is inside approved leave. */
export function whollyOnLeave(merged: readonly LeaveRange[], from: DayNumber, to: DayNumber): boolean {
  for (const range of merged) if (range.from <= from && range.to >= to) return true;
  return false;
}
