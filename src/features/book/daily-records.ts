// The daily records of the book's 个案矫正工作记录 (seed 000 §二(六)) as the Word book prints them:
// generated from the records the product already has — reports, checks, visits, education and help,
// leave, alerts handled — so that a fact is entered once. Each with its date, kind, who, content and,
// for a late entry, 补录 and why.
import type { Kysely } from "kysely";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database, Role } from "../../db/schema.ts";
import { alertKindLabel, eventTypeLabel, roleLabel } from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { entryView } from "../supervision/late-entry.ts";
import { kindLabels, summaryOf } from "../supervision/record-view.ts";

/** The event types the daily record lists (`alert` events are the history's handled alerts). */
export const DAILY_RECORD_TYPES = [
  "phone_report",
  "in_person_report",
  "field_visit",
  "information_check",
  "leave_signin_check",
  "leave_phone_check",
  "education",
  "public_service",
  "counselling",
  "assistance",
  "leave",
  "leave_approval",
  "leave_return",
  "alert",
] as const;

export interface DailyRecord {
  /** When it happened, CST ISO. */
  at: string;
  kindLabel: string;
  who: string;
  content: string;
  late: boolean;
  lateReason: string | null;
}

function who(data: Record<string, unknown>, recordedBy: string | null, byRole: string | null): string {
  if (Array.isArray(data.workers))
    return (data.workers as Array<{ name?: unknown }>).map((w) => String(w.name ?? "")).join("、");
  if (typeof data.memberName === "string") return data.memberName;
  return recordedBy ?? (byRole ? (roleLabel[byRole as Role] ?? "") : "");
}

function content(type: string, kind: string | null, data: Record<string, unknown>, endDate: string | null) {
  if (type === "leave" || type === "leave_approval") {
    const where = typeof data.destination === "string" ? `前往${data.destination}` : "";
    const until = endDate ? `，至 ${endDate}` : "";
    const why = typeof data.reason === "string" ? `；事由：${data.reason}` : "";
    return `${where}${until}${why}`;
  }
  if (type === "alert") {
    const period = typeof data.period === "string" ? `（${data.period.replace("/", "至")}）` : "";
    const note = typeof data.note === "string" ? `处置：${data.note}` : "";
    return `${period}${note}`;
  }
  return summaryOf(type, kind, data);
}

/** The subject's daily records, oldest first: events of `DAILY_RECORD_TYPES` and the alerts handled. */
export async function dailyRecords(
  db: Kysely<Database>,
  subjectId: string,
  profile: PolicyProfile,
): Promise<DailyRecord[]> {
  const [events, alerts] = await Promise.all([
    db
      .selectFrom("case_event")
      .leftJoin("app_user", "app_user.id", "case_event.recorded_by")
      .select([
        "case_event.type",
        "case_event.at",
        "case_event.end_date",
        "case_event.kind",
        "case_event.by_role",
        "case_event.data",
        "case_event.recorded_at",
        "case_event.late_reason",
        "app_user.display_name",
      ])
      .where("case_event.subject_id", "=", subjectId)
      .where("case_event.type", "in", [...DAILY_RECORD_TYPES])
      .orderBy("case_event.at")
      .orderBy("case_event.id")
      .execute(),
    db
      .selectFrom("alert")
      .leftJoin("app_user", "app_user.id", "alert.handled_by")
      .select(["alert.kind", "alert.summary", "alert.handled_at", "alert.note", "app_user.display_name"])
      .where("alert.subject_id", "=", subjectId)
      .where("alert.handled_at", "is not", null)
      .execute(),
  ]);
  const records: DailyRecord[] = events
    // The history's alerts are records of alerts handled; one not (yet) handled is no work done.
    .filter((e) => e.type !== "alert" || e.data?.handled === true)
    .map((e) => {
      const data = e.data ?? {};
      const kindLabel = e.kind ? kindLabels[e.type]?.[e.kind] : undefined;
      const typeLabel = e.type === "alert" ? "预警处置" : (eventTypeLabel[e.type] ?? e.type);
      const entry = entryView(profile.records, e);
      return {
        at: cstIso(e.at),
        kindLabel: kindLabel ? `${typeLabel}（${kindLabel}）` : typeLabel,
        who: who(data, e.display_name, e.by_role),
        content: content(e.type, e.kind, data, e.end_date),
        late: entry.late,
        lateReason: entry.lateReason,
      };
    });
  for (const a of alerts) {
    records.push({
      at: cstIso(a.handled_at!),
      kindLabel: `预警处置（${alertKindLabel[a.kind] ?? a.kind}）`,
      who: a.display_name ?? "",
      content: `${a.summary}；处置：${a.note ?? ""}`,
      late: false,
      lateReason: null,
    });
  }
  return records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The text of the 补录 column: empty for a record entered in time. */
export const lateText = (r: DailyRecord) => (r.late ? `补录${r.lateReason ? `：${r.lateReason}` : ""}` : "");
