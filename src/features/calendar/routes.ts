// /api/calendar — the years of the holiday calendar the engine uses (a loaded notice, the calendar
// shipped with the program, or derived from the national rules — provisional), every loaded version,
// and the agency's load of a new notice (validated, audited; evaluations use it from the next request).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, userOf } from "../../auth/plugin.ts";
import { staffRoles } from "../../auth/roles.ts";
import type { Db } from "../../db/connect.ts";
import type { Role } from "../../db/schema.ts";
import { calendarSourceLabel } from "../../glossary.ts";
import { badInput } from "../../http/errors.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { calendarTask, coverage, currentNotices, loadNotice, noticeHistory } from "./notices.ts";

/** Who may load a notice: the agency (the calendar is the same for every county of the instance). */
export const calendarLoaders = ["agency_head", "agency_staff"] as const satisfies readonly Role[];

const yearView = z.object({
  year: z.number(),
  source: z.enum(["notice", "package", "derived"]),
  sourceLabel: z.string(),
  provisional: z.boolean(),
  reference: z.string(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  loaded: z
    .object({ version: z.number(), fileName: z.string(), loadedByName: z.string(), loadedAt: z.string() })
    .nullable(),
});
const versionView = z.object({
  id: z.number(),
  year: z.number(),
  version: z.number(),
  source: z.string(),
  holidays: z.number(),
  workdays: z.number(),
  fileName: z.string(),
  loadedByName: z.string(),
  loadedAt: z.string(),
});

/** Forgets what was computed with the old calendar: the engine's notices and Today's office states. */
function calendarChanged(app: FastifyInstance): void {
  app.policies.calendar.forget();
  app.today.clear();
}

export function calendarRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  api.get(
    "/api/calendar",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["calendar"],
        summary:
          "节假日安排：规则引擎计算工作日所用的各年度节假日（已载入的国务院通知、随软件提供的数据，或按法定节假日推算的暂定安排）及载入记录",
        response: {
          200: z.object({
            today: z.string(),
            years: z.array(yearView),
            versions: z.array(versionView),
            task: z.object({ year: z.number(), dueBy: z.string(), overdue: z.boolean() }).nullable(),
            canLoad: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(app.clock.now());
      const year = Number(today.slice(0, 4));
      const [notices, history] = await Promise.all([currentNotices(k), noticeHistory(k)]);
      const years = coverage(notices, year - 1, year + 2);
      for (const n of notices)
        if (n.year < year - 1 || n.year > year + 2) years.push(...coverage(notices, n.year, n.year));
      years.sort((a, b) => a.year - b.year);
      return {
        today,
        years: years.map((y) => ({
          ...y,
          sourceLabel: calendarSourceLabel[y.source],
          provisional: y.source === "derived",
          loaded: y.loaded ? { ...y.loaded, loadedAt: cstIso(y.loaded.loadedAt) } : null,
        })),
        versions: history.map((n) => ({
          id: n.id,
          year: n.year,
          version: n.version,
          source: n.source,
          holidays: n.holidays.length,
          workdays: n.workdays.length,
          fileName: n.fileName,
          loadedByName: n.loadedByName,
          loadedAt: cstIso(n.loadedAt),
        })),
        task: calendarTask(notices, today),
        canLoad: (calendarLoaders as readonly Role[]).includes(user.role),
      };
    },
  );

  api.post(
    "/api/calendar/notices",
    {
      config: { access: { roles: calendarLoaders } },
      schema: {
        tags: ["calendar"],
        summary:
          "载入国务院办公厅的年度节假日安排通知（JSON 文件：year、source、holidays、workdays）；每次载入为该年度的新版本，留痕",
        body: z.strictObject({
          fileName: z.string().trim().min(1).max(200).describe("所载入文件的名称"),
          notice: z.unknown().describe("文件内容：{year, source, holidays: [日期], workdays: [调休上班日]}"),
        }),
        response: { 201: z.object({ year: z.number(), version: z.number(), source: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { fileName, notice } = request.body;
      const outcome = await loadNotice(
        k,
        notice,
        fileName,
        actorOf(request),
        app.clock.now(),
        user.county.id,
      );
      if (!outcome.ok)
        throw badInput(`notice.${outcome.problem.field}`.replace(/\.\(root\)$/, ""), outcome.problem.message);
      calendarChanged(app);
      reply.code(201);
      return { year: outcome.notice.year, version: outcome.notice.version, source: outcome.notice.source };
    },
  );
}
