// A State Council notice on a year's public holidays (国务院办公厅关于某年部分节假日安排的通知) as a
// small JSON file the county loads itself (`onebook calendar load FILE`, or the console's calendar
// screen), so a new year needs no release:
//
//   {"year": 2027, "source": "国办发明电〔2026〕N号",
//    "holidays": ["2027-01-01", …], "workdays": ["2027-02-20", …]}
//
// `holidays` are the days off, weekends inside a holiday included; `workdays` the weekend days worked
// in lieu (调休上班). Checked here: every date real and inside the year, a working weekend really a
// Saturday or Sunday, no date twice, no day both off and worked. Messages are Chinese and name the field.
import { z } from "zod";
import { type DayNumber, formatDate, isWeekend, tryParseDate } from "./days.ts";

export interface CalendarNotice {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
}

export interface NoticeProblem {
  /** JSON path of the field, e.g. `holidays[3]`. */
  field: string;
  message: string;
}

export type ParsedNotice = { ok: true; value: CalendarNotice } | { ok: false; problem: NoticeProblem };

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

const noticeShape = z.strictObject({
  year: z.number(),
  source: z.string(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
});

function path(parts: readonly PropertyKey[]): string {
  let out = "";
  for (const part of parts)
    out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(root)";
}

function shapeProblem(error: z.ZodError): NoticeProblem {
  const issue = error.issues[0];
  if (!issue) return { field: "(root)", message: "文件内容不是节假日安排" };
  if (issue.code === "unrecognized_keys")
    return { field: path([...issue.path, issue.keys[0] ?? ""]), message: "不认识的字段" };
  if (issue.code === "invalid_type") {
    const want = { number: "数字", string: "文字", array: "日期列表", object: "对象" }[
      issue.expected as string
    ];
    const field = path(issue.path);
    if (field === "(root)") return { field, message: "文件内容须是一个 JSON 对象" };
    return { field, message: issue.input === undefined ? "缺少此字段" : `应为${want ?? issue.expected}` };
  }
  return { field: path(issue.path), message: "格式不正确" };
}

/** Validates a notice; the first problem names its field and, for a date, the date. */
export function parseCalendarNotice(data: unknown): ParsedNotice {
  const shaped = noticeShape.safeParse(data);
  if (!shaped.success) return { ok: false, problem: shapeProblem(shaped.error) };
  const notice = shaped.data;
  const fail = (field: string, message: string): ParsedNotice => ({ ok: false, problem: { field, message } });
  if (!Number.isInteger(notice.year) || notice.year < FIRST_YEAR || notice.year > LAST_YEAR)
    return fail("year", `年份须是 ${FIRST_YEAR}–${LAST_YEAR} 之间的整数`);
  const source = notice.source.trim();
  if (source === "") return fail("source", "请填写通知的文号或名称");
  if (source.length > 200) return fail("source", "通知文号或名称不超过 200 个字");
  if (notice.holidays.length === 0) return fail("holidays", "放假日期不能为空");

  const seen = new Map<DayNumber, string>();
  const check = (list: string[], name: "holidays" | "workdays"): ParsedNotice | null => {
    for (let i = 0; i < list.length; i++) {
      const text = list[i] as string;
      const field = `${name}[${i}]`;
      const day = tryParseDate(text);
      if (day === null) return fail(field, `“${text}”不是有效日期（应为 YYYY-MM-DD）`);
      if (!text.startsWith(`${notice.year}-`)) return fail(field, `日期 ${text} 不在 ${notice.year} 年内`);
      if (name === "workdays" && !isWeekend(day)) return fail(field, `调休上班日 ${text} 不是周六或周日`);
      const before = seen.get(day);
      if (before === name) return fail(field, `日期 ${text} 重复`);
      if (before !== undefined) return fail(field, `日期 ${text} 既是放假日又是调休上班日`);
      seen.set(day, name);
    }
    return null;
  };
  const problem = check(notice.holidays, "holidays") ?? check(notice.workdays, "workdays");
  if (problem) return problem;
  const sorted = (list: string[]) => list.map((t) => formatDate(tryParseDate(t) as DayNumber)).sort();
  return {
    ok: true,
    value: {
      year: notice.year,
      source,
      holidays: sorted(notice.holidays),
      workdays: sorted(notice.workdays),
    },
  };
}
