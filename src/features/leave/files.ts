// Monthly leave files (seed 000 §九.3(2)): the month's leave files are handed to the agency by the end
// of the 10th of the next month (the profile's day, `leaveFilesDueDay`); the agency reviews them. The
// hand-in is one action that lists the month's applications and yields the register (Excel); a
// missing or overdue hand-in, and one waiting for review, are items on Today.
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import { formatDate, leaveFilesDueDay, type PolicyProfile, parseDate } from "../../core/index.ts";
import type { Database, Role } from "../../db/schema.ts";
import { addTypedRow, excelCstTime, excelDay } from "../../documents/excel-cells.ts";
import { leaveKindLabel, leaveStatusLabel } from "../../glossary.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import type { TodayItem } from "../today/today.ts";
import "./tables.ts";

/** The month whose files are due now: the previous calendar month. */
export function dueMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The last day to hand in a month's files (inclusive), by the office's county's profile. */
export function handInBy(profile: PolicyProfile, month: string): string {
  return formatDate(leaveFilesDueDay(profile, parseDate(`${month}-01`)));
}

function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month's applications of an office: every one decided, whose first day is in the month. */
export async function monthApplications(db: Kysely<Database>, officeId: string, month: string) {
  return db
    .selectFrom("leave_application")
    .innerJoin("subject", "subject.id", "leave_application.subject_id")
    .select([
      "leave_application.id",
      "leave_application.kind",
      "leave_application.from_date",
      "leave_application.to_date",
      "leave_application.destination_name",
      "leave_application.reason",
      "leave_application.status",
      "leave_application.approved_at",
      "leave_application.returned_at",
      "subject.name",
    ])
    .where("leave_application.office_id", "=", officeId)
    .where("leave_application.from_date", ">=", `${month}-01`)
    .where("leave_application.from_date", "<=", monthEnd(month))
    .where("leave_application.status", "in", ["approved", "closed", "refused"])
    .orderBy("leave_application.from_date")
    .orderBy("leave_application.id")
    .execute();
}

/** The register of a hand-in (请假材料登记表) as an Excel workbook. */
export async function registerWorkbook(
  officeName: string,
  month: string,
  rows: Awaited<ReturnType<typeof monthApplications>>,
): Promise<Buffer> {
  // exceljs is loaded on the first export, not at start-up (it is the heaviest package to load).
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(`${month} 请假登记`);
  ws.addRow([`${officeName} ${month} 社区矫正对象请假材料登记表`]);
  ws.addRow([
    "序号",
    "姓名",
    "类别",
    "开始日期",
    "结束日期",
    "目的地",
    "事由",
    "状态",
    "批准时间",
    "销假时间",
  ]);
  for (const [i, r] of rows.entries()) {
    addTypedRow(ws, [
      i + 1,
      r.name,
      leaveKindLabel[r.kind] ?? r.kind,
      excelDay(r.from_date),
      excelDay(r.to_date),
      r.destination_name,
      r.reason,
      leaveStatusLabel[r.status] ?? r.status,
      excelCstTime(r.approved_at),
      excelCstTime(r.returned_at),
    ]);
  }
  ws.getRow(2).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const officeRoles: ReadonlySet<Role> = new Set(["office_head", "office_assistant"]);
const agencyRoles: ReadonlySet<Role> = new Set(["agency_head", "agency_staff"]);

/**
 * Today's leave-file items of these offices for the user: the office hands in the previous month's
 * files (due by the day of its county's profile); the agency sees a hand-in that is overdue and one
 * waiting for its review. Also returns a key that changes whenever the answer may (for Today's cache).
 */
export async function leaveFileItems(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  offices: { id: string; name: string }[],
  now: Date,
): Promise<{ items: TodayItem[]; revision: string }> {
  const today = cstDate(now);
  const month = dueMonth(today);
  const office = officeRoles.has(user.role);
  const agency = agencyRoles.has(user.role);
  if ((!office && !agency) || offices.length === 0) return { items: [], revision: "" };
  const ids = offices.map((o) => o.id);
  const [handins, counts] = await Promise.all([
    db
      .selectFrom("leave_file_handin")
      .select(["id", "office_id", "reviewed_at", "handed_in_at"])
      .where("office_id", "in", ids)
      .where("month", "=", month)
      .execute(),
    db
      .selectFrom("leave_application")
      .select(["office_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("office_id", "in", ids)
      .where("from_date", ">=", `${month}-01`)
      .where("from_date", "<=", monthEnd(month))
      .where("status", "in", ["approved", "closed", "refused"])
      .groupBy("office_id")
      .execute(),
  ]);
  const items: TodayItem[] = [];
  for (const o of offices) {
    const { profile } = await policies.forOffice(o.id);
    const due = handInBy(profile, month);
    const overdue = today > due;
    const n = Number(counts.find((c) => c.office_id === o.id)?.n ?? 0);
    const handin = handins.find((h) => h.office_id === o.id);
    const base = {
      dueBy: `${due}T23:59:59+08:00`,
      required: null,
      done: null,
      period: `${month}-01/${monthEnd(month)}`,
      basis: profile.leave.filesBasis,
      office: o,
      subject: null,
      mine: true,
      colour: null,
      missing: [],
    };
    if (!handin && n > 0 && (office || overdue)) {
      items.push({
        ...base,
        key: `leave_files:${o.id}:${month}`,
        group: office ? "office" : "agency",
        title: `报送${month}请假材料（${n}件）`,
        status: overdue ? "overdue" : due === today ? "due_today" : "open",
        detail: office
          ? `次月${profile.leave.filesHandedInByDayOfNextMonth}日前报送机构`
          : "司法所逾期未报送",
        // The agency follows an office's late files on the same screen (the row goes at the hand-in).
        action:
          office || user.role === "agency_head" || user.role === "agency_staff"
            ? { kind: "leave_files", subjectId: null, alertId: null, officeId: o.id }
            : null,
      });
    }
    if (handin && !handin.reviewed_at && agency) {
      items.push({
        ...base,
        key: `leave_files_review:${handin.id}`,
        group: "agency",
        title: `审查${o.name}${month}请假材料`,
        status: "due_today",
        detail: `已于 ${cstIso(handin.handed_in_at).slice(0, 10)} 报送`,
        action:
          user.role === "agency_head" || user.role === "agency_staff"
            ? { kind: "leave_files", subjectId: null, alertId: null, officeId: o.id }
            : null,
      });
    }
  }
  const revision = `${month}|${handins.map((h) => `${h.id}:${h.reviewed_at ? 1 : 0}`).join(",")}|${counts
    .map((c) => `${c.office_id}:${c.n}`)
    .join(",")}`;
  return { items, revision };
}
