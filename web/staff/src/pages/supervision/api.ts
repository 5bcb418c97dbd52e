// The console's calls of daily supervision, Today, alerts, sampling and the dashboards.

// The Today item is the server's own type (type-only import: nothing of the server is bundled).
import type { TodayItem } from "../../../../../src/features/today/today.ts";
import { queryString, request } from "../../api.ts";

export type { ActionKind, TodayItem } from "../../../../../src/features/today/today.ts";

export interface Standard {
  id: string;
  label: string;
  required: number;
  done: number;
  status: string;
  statusLabel: string;
  basis: string;
  period: string | null;
}

export interface Today {
  asOf: string;
  day: string;
  counts: { overdue: number; dueToday: number; open: number };
  offices: { id: string; name: string; standards: Standard[] }[];
  items: TodayItem[];
  total: number;
  /** Years whose holidays were derived (no State Council notice loaded): deadlines there are provisional. */
  warnings: { code: "provisional_calendar"; year: number; message: string }[];
}

export interface Worker {
  id: string;
  displayName: string;
  role: string;
  roleLabel: string;
}

export interface TimelineItem {
  id: number;
  type: string;
  typeLabel: string;
  at: string;
  kind: string | null;
  kindLabel: string | null;
  byRole: string | null;
  byRoleLabel: string | null;
  recordedBy: string | null;
  /** When it was entered (the product's clock); `late`: entered after the county's limit (补录). */
  recordedAt: string;
  late: boolean;
  lateReason: string | null;
  summary: string;
  workers: string[];
  photos: string[];
}

export interface Timeline {
  subject: { id: string; name: string; level: string; officeId: string };
  items: TimelineItem[];
  total: number;
}

/** 登记核查: whom to check next, those still needing a check today first. */
export interface CheckQueue {
  offices: {
    id: string;
    name: string;
    items: {
      id: string;
      name: string;
      level: string;
      levelLabel: string;
      onLeave: boolean;
      checksToday: number;
      need: "key_unchecked" | "unchecked" | "checked";
      needLabel: string;
    }[];
  }[];
}

export interface Alert {
  id: number;
  kind: string;
  kindLabel: string;
  colour: string;
  colourLabel: string;
  office: { id: string; name: string };
  subject: { id: string; name: string } | null;
  summary: string;
  basis: string;
  raisedAt: string;
  dueBy: string;
  escalatesAt: string;
  escalated: boolean;
  state: "open" | "overdue" | "handled" | "handled_late";
  handledAt: string | null;
  handledBy: string | null;
  note: string | null;
  raisedBy: string | null;
}

export interface Draw {
  id: number;
  kind: string;
  kindLabel: string;
  /** office: the office's own draw; county: the county's field-visit sample, this office's picks listed. */
  scope: "office" | "county";
  pickedTotal: number;
  period: string;
  seed: string;
  required: number;
  populationSize: number;
  reproduces: boolean;
  drawnAt: string;
  drawnBy: string;
  picked: { id: string; name: string; done: boolean }[];
}

export interface Tally {
  total: number;
  met: number;
  overdue: number;
  open: number;
  waived: number;
  late: number;
  share: number | null;
}

export interface OfficeDashboard {
  office: { id: string; name: string };
  obligations: Tally;
  byKind: (Tally & { kind: string; label: string })[];
  deadlines: Tally;
  overdue: {
    subjectId: string;
    subjectName: string;
    item: string;
    period: string;
    dueBy: string;
    basis: string;
  }[];
  checks: {
    day: string;
    items: { id: string; label: string; required: number; done: number; status: string }[];
    keyCoverage: number | null;
    met: number;
    total: number;
  }[];
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

export interface Dashboard {
  asOf: string;
  period: { kind: string; start: string; end: string };
  county: {
    obligations: Tally;
    deadlines: Tally;
    overdue: number;
    subjects: number;
    socialWorkers: number;
    perSocialWorker: number | null;
    socialWorkersNeeded: number;
  };
  offices: OfficeDashboard[];
}

const subjectPath = (id: string, rest: string) => `/api/subjects/${encodeURIComponent(id)}/${rest}`;

export const supervisionApi = {
  checkQueue: (officeId?: string) =>
    request<CheckQueue>("GET", `/api/today/check-queue${queryString({ officeId })}`),
  today: (q: { officeId?: string; mine?: boolean; horizon?: number }) =>
    request<Today>(
      "GET",
      `/api/today${queryString({ officeId: q.officeId, mine: q.mine ? "true" : undefined, horizon: q.horizon })}`,
    ),
  workers: (subjectId: string) => request<{ items: Worker[] }>("GET", subjectPath(subjectId, "workers")),
  timeline: (subjectId: string, page: number, type?: string) =>
    request<Timeline>(
      "GET",
      `${subjectPath(subjectId, "timeline")}${queryString({ page, pageSize: 20, type })}`,
    ),
  record: (subjectId: string, path: string, body: unknown) =>
    request<{ id: number; at: string; alertId?: number | null }>("POST", subjectPath(subjectId, path), body),
  alerts: (q: { status?: string; officeId?: string; subjectId?: string; page?: number }) =>
    request<{ items: Alert[]; total: number }>("GET", `/api/alerts${queryString({ ...q, pageSize: 20 })}`),
  handleAlert: (id: number, note: string) => request<Alert>("POST", `/api/alerts/${id}/handle`, { note }),
  sampling: (officeId?: string) =>
    request<{ offices: { id: string; name: string; draws: Draw[] }[] }>(
      "GET",
      `/api/sampling${queryString({ officeId })}`,
    ),
  draw: (officeId: string) => request<{ drawn: number }>("POST", "/api/sampling/draw", { officeId }),
  dashboard: (q: { officeId?: string; period: string; date?: string }) =>
    request<Dashboard>("GET", `/api/dashboards${queryString(q)}`),
  exportUrl: (q: { officeId?: string; period: string; date?: string }) =>
    `/api/dashboards/export${queryString(q)}`,
};
