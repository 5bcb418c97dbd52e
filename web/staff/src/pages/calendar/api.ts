// The console's calls of the holiday calendar (/api/calendar, features/calendar).
import { request } from "../../api.ts";

export interface CalendarYear {
  year: number;
  source: "notice" | "package" | "derived";
  sourceLabel: string;
  provisional: boolean;
  reference: string;
  holidays: string[];
  workdays: string[];
  loaded: { version: number; fileName: string; loadedByName: string; loadedAt: string } | null;
}

export interface CalendarVersion {
  id: number;
  year: number;
  version: number;
  source: string;
  holidays: number;
  workdays: number;
  fileName: string;
  loadedByName: string;
  loadedAt: string;
}

export interface CalendarOverview {
  today: string;
  years: CalendarYear[];
  versions: CalendarVersion[];
  task: { year: number; dueBy: string; overdue: boolean } | null;
  canLoad: boolean;
}

export const calendarApi = {
  overview: () => request<CalendarOverview>("GET", "/api/calendar"),
  load: (fileName: string, notice: unknown) =>
    request<{ year: number; version: number; source: string }>("POST", "/api/calendar/notices", {
      fileName,
      notice,
    }),
};
