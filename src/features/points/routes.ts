// /api/subjects/:id/points — points-based levels (积分考核, seed 004) where the county's profile turns
// them on: the month's score from the person's recorded events, line by line, and the level it
// proposes. The office head decides the level as any other (POST /api/subjects/:id/level-decisions);
// the breakdown is the evidence the case page shows with the proposal.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { userOf } from "../../auth/plugin.ts";
import { type Level, levelFromScore, monthlyScore, type PointsEvent } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import { basisText, levelLabel, pointsItemLabel } from "../../glossary.ts";
import { monthField } from "../../http/fields.ts";
import { cstDate } from "../../shared/time.ts";
import { monthBounds } from "../risk-meetings/service.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";

const POINTS_EVENT_TYPES = [
  "phone_report",
  "in_person_report",
  "education",
  "public_service",
  "violation",
  "sanction",
];

const pointsReadRoles = [
  "office_head",
  "office_assistant",
  "agency_head",
  "agency_staff",
  "prosecutor",
] as const;

/** The month before `today`'s: the last whole month, the one a score is decided on. */
function lastWholeMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function pointsRoutes(app: FastifyInstance, db: Db): void {
  const k = db.kysely;
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/subjects/:id/points",
    {
      config: { access: { roles: pointsReadRoles } },
      schema: {
        tags: ["subjects"],
        summary: "积分考核：某月积分（逐项明细）及据此建议的管理等级（本县规则启用积分考核时）",
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({ month: monthField("考核月份").optional().describe("默认上一个整月") }),
        response: {
          200: z.object({
            enabled: z.boolean(),
            month: z.string(),
            base: z.number(),
            max: z.number(),
            score: z.number().nullable(),
            lines: z.array(
              z.object({
                item: z.string(),
                label: z.string(),
                count: z.number(),
                points: z.number(),
                subtotal: z.number(),
              }),
            ),
            level: z.string(),
            levelLabel: z.string(),
            proposedLevel: z.string().nullable(),
            proposedLevelLabel: z.string().nullable(),
            basis: z.string(),
            lenientEnabled: z.boolean().describe("本县规则是否启用宽管等级"),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const { profile } = await app.policies.forCounty(user.county.id);
      const rule = profile.points;
      const month = request.query.month ?? lastWholeMonth(cstDate(app.clock.now()));
      const level = subject.level as Level;
      const common = {
        month,
        base: rule.base,
        max: rule.max,
        level,
        levelLabel: levelLabel[level],
        basis: basisText(rule.basis),
        lenientEnabled: profile.levels.lenientEnabled,
      };
      if (!rule.enabled)
        return {
          ...common,
          enabled: false,
          score: null,
          lines: [],
          proposedLevel: null,
          proposedLevelLabel: null,
        };
      const b = monthBounds(month);
      const rows = await k
        .selectFrom("case_event")
        .select(["type", "kind", "at", sql<string | null>`data->>'hours'`.as("hours")])
        .where("subject_id", "=", subject.id)
        .where("type", "in", POINTS_EVENT_TYPES)
        .where("at", ">=", b.from)
        .where("at", "<", b.to)
        .execute();
      const events: PointsEvent[] = rows.map((r) => ({
        type: r.type,
        kind: r.kind,
        hours: r.hours === null ? null : Number(r.hours),
        date: cstDate(new Date(r.at)),
      }));
      const score = monthlyScore(events, month, rule);
      const proposed =
        subject.status === "in_correction"
          ? levelFromScore(level, score.score, rule, profile.levels.lenientEnabled)
          : null;
      return {
        ...common,
        enabled: true,
        score: score.score,
        lines: score.lines.map((l) => ({ ...l, label: pointsItemLabel[l.item] ?? l.item })),
        proposedLevel: proposed,
        proposedLevelLabel: proposed ? levelLabel[proposed] : null,
      };
    },
  );
}
