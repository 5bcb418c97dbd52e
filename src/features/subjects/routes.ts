// /api/subjects: the list a user may see (search, filters, paging), one subject's profile, and the
// audited reveal of a masked ID number or minor's name.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { staffRoles, unmaskRoles } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import {
  bookSectionLabel,
  eventTypeLabel,
  leaveKindLabel,
  levelLabel,
  returnMethodLabel,
  riskLevelLabel,
  sanctionKindLabel,
  violationKindLabel,
} from "../../glossary.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { MASKED_BIRTH_DATE } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { officeVisible } from "../places/queries.ts";
import { findSubject, listSubjects, subjectHistory } from "./queries.ts";
import { crimeCategoriesView, isMinorSubject, subjectDetail, subjectListItem, toListItem } from "./view.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });

const kindLabels: Record<string, Record<string, string>> = {
  sanction: sanctionKindLabel,
  violation: violationKindLabel,
  book_section: bookSectionLabel,
  leave: leaveKindLabel,
  leave_approval: leaveKindLabel,
  leave_return: returnMethodLabel,
};

function eventSummary(data: Record<string, unknown>): string {
  const text = [
    data.summary,
    data.reason,
    data.result === "abnormal" ? "结果异常" : undefined,
    data.destination,
    // A leave's period and a late return (销假 after the last day), as the leave feature writes them.
    typeof data.days === "number" ? `${data.days} 日` : undefined,
    data.late === true ? "逾期销假" : undefined,
  ]
    .filter((part): part is string => typeof part === "string" && part.length > 0)
    .join("；");
  if (text) return text;
  if (typeof data.hours === "number") return `${data.hours} 小时`;
  return "";
}

export function subjectRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/subjects",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["subjects"],
        summary: "社区矫正对象列表：按姓名、拼音首字母或身份证号搜索，按司法所、类别、等级、状态筛选",
        querystring: z.object({
          q: z.string().max(50).optional(),
          officeId: z.string().max(32).optional(),
          correctionType: z.enum(["probation", "parole", "control", "temporary_release"]).optional(),
          level: z.enum(["key", "strict", "normal", "lenient"]).optional(),
          status: z
            .enum(["in_correction", "released", "terminated", "transferred_out", "all"])
            .default("in_correction"),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(subjectListItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const filter = request.query;
      if (filter.officeId && !(await officeVisible(db.kysely, user, filter.officeId))) {
        throw forbidden("您无权查看该司法所的记录");
      }
      const { total, rows } = await listSubjects(db.kysely, user, filter);
      // A search names a person (by name or ID number): who looked for whom is kept.
      if (filter.q?.trim()) {
        await writeAudit(db.kysely, actorOf(request), {
          action: "subject.search",
          // The terms and whom they found (this page), so a look-up of a masked minor is traced too.
          details: { q: filter.q.trim(), found: total, subjectIds: rows.map((row) => row.id) },
        });
      }
      const today = cstDate(app.clock.now());
      return {
        items: rows.map((row) => toListItem(row, today)),
        total,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },
  );

  api.get(
    "/api/subjects/:id",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["subjects"],
        summary: "社区矫正对象档案（身份证号遮蔽；未成年人姓名遮蔽）；每次查看记入审计日志",
        params: idParams,
        response: { 200: subjectDetail },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await findSubject(db.kysely, user, request.params.id);
      if (!row) throw notFound("社区矫正对象");
      const history = await subjectHistory(db.kysely, row.id);
      await writeAudit(db.kysely, actorOf(request), {
        action: "subject.view",
        recordType: "subject",
        recordId: row.id,
        subjectId: row.id,
        placeId: row.office_id,
      });
      return {
        ...toListItem(row, cstDate(app.clock.now())),
        ethnicity: row.ethnicity,
        // A minor's ID number is masked and carries the birth date: the date is masked with it.
        birthDate: isMinorSubject(row) ? MASKED_BIRTH_DATE : row.birth_date,
        phone: row.phone,
        address: row.address,
        education: row.education,
        occupation: row.occupation,
        crimeCategories: crimeCategoriesView(row.crime_categories),
        decidingOrgan: row.deciding_organ,
        judgmentNumber: row.judgment_number,
        judgmentEffectiveDate: row.judgment_effective_date,
        sentenceText: row.sentence_text,
        releaseDate: row.release_date,
        riskLevel: row.risk_level,
        riskLevelLabel: riskLevelLabel[row.risk_level],
        priorConvictions: row.prior_convictions,
        priorBadRecords: row.prior_bad_records,
        stableResidence: row.stable_residence,
        stableIncome: row.stable_income,
        emotionalInstability: row.emotional_instability,
        familyIncomplete: row.family_incomplete,
        rebellious: row.rebellious,
        resistsSupervision: row.resists_supervision,
        responsible: history.responsible
          ? { id: history.responsible.id, displayName: history.responsible.display_name }
          : null,
        levelHistory: history.levels.map((level) => ({
          fromDate: level.from_date,
          level: level.level,
          levelLabel: levelLabel[level.level],
          reason: level.reason,
        })),
        recentEvents: history.events.map((event) => ({
          id: event.id,
          type: event.type,
          typeLabel: eventTypeLabel[event.type] ?? event.type,
          at: cstIso(event.at),
          kind: event.kind,
          kindLabel: event.kind ? (kindLabels[event.type]?.[event.kind] ?? null) : null,
          summary: eventSummary(event.data),
        })),
      };
    },
  );

  api.post(
    "/api/subjects/:id/unmask",
    {
      config: { access: { roles: unmaskRoles, readsOnly: true } },
      schema: {
        tags: ["subjects"],
        summary: "查看完整身份证号（及未成年人姓名）；须说明查看目的，记入审计日志",
        params: idParams,
        body: z.object({ purpose: z.string().trim().min(2, "请填写查看目的（至少2个字）").max(200) }),
        response: { 200: z.object({ name: z.string(), idNumber: z.string(), birthDate: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const row = await findSubject(db.kysely, user, request.params.id);
      if (!row) throw notFound("社区矫正对象");
      await writeAudit(db.kysely, actorOf(request), {
        action: isMinorSubject(row) ? "subject.unmask_minor" : "subject.unmask",
        recordType: "subject",
        recordId: row.id,
        subjectId: row.id,
        placeId: row.office_id,
        details: { purpose: request.body.purpose },
      });
      return { name: row.name, idNumber: row.id_number, birthDate: row.birth_date };
    },
  );
}
