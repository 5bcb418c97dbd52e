// /api/screening — the quarterly safety-hazard screening (seed 002): the agency opens the quarter's
// campaign (or the sweep does); each office records, per person, the talk (谈话提纲), the checklist and
// the five clears (五清), and turns risks found into a hazard of the register; completion per office;
// the campaign's report in Word.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { screeningReportDocx } from "../../documents/screening-docx.ts";
import {
  fiveClearLabel,
  hazardKindLabel,
  levelLabel,
  screeningCampaignStatusLabel,
  screeningCheckLabel,
  screeningCheckResultLabel,
  screeningMethodLabel,
  screeningTalkLabel,
} from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { dateField, optionalText, text } from "../../http/fields.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { measureBody } from "../hazards/routes.ts";
import { recordHazard } from "../hazards/service.ts";
import { HAZARD_KINDS, HAZARD_LEVELS } from "../hazards/tables.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { officesOf } from "../today/routes.ts";
import { screeningOpenRoles, screeningReadRoles, screeningRecordRoles } from "./roles.ts";
import { campaignPersons, openCampaign, progressByOffice, quarterBounds } from "./service.ts";
import { FIVE_CLEARS, SCREENING_CHECKS, SCREENING_METHODS, TALK_TOPICS } from "./tables.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** An object with one field per key (the checklist, the talk outline, the five clears). */
function shapeOf<K extends string, T extends z.ZodType>(keys: readonly K[], field: (key: K) => T) {
  return z.object(Object.fromEntries(keys.map((key) => [key, field(key)])) as Record<K, T>);
}

const recordBody = z.object({
  subjectId: z.string({ error: "请选择社区矫正对象" }).min(1, "请选择社区矫正对象").max(64),
  talkedOn: dateField("谈话日期"),
  method: z.enum(SCREENING_METHODS, { error: "请选择排查方式：入户走访、社区走访或当面谈话" }),
  checklist: shapeOf(SCREENING_CHECKS, (c) =>
    z.enum(["ok", "issue"], { error: `请选择“${screeningCheckLabel[c]}”的排查结果` }),
  ),
  talk: shapeOf(TALK_TOPICS, (t) => text(`谈话内容（${screeningTalkLabel[t]}）`, 1000)),
  clears: shapeOf(FIVE_CLEARS, (c) => z.boolean({ error: `请标记“${fiveClearLabel[c]}”` })),
  risks: optionalText("发现的风险", 2000),
  hazard: z
    .object({
      kind: z.enum(HAZARD_KINDS, { error: "请选择隐患类别" }),
      level: z.enum(HAZARD_LEVELS, { error: "请选择隐患等级：重大、较大或一般" }),
      description: text("隐患情况", 2000),
      measures: z
        .array(measureBody, { error: "请至少填写一项整改措施" })
        .min(1, "请至少填写一项整改措施")
        .max(10, "整改措施不能超过 10 项"),
    })
    .optional()
    .describe("发现的风险登记为安全隐患（隐患台账）"),
});

const progressView = z.object({
  officeId: z.string(),
  officeName: z.string(),
  done: z.number(),
  total: z.number(),
  remaining: z.number(),
});

const campaignView = z.object({
  id: z.string(),
  quarter: z.string(),
  quarterLabel: z.string(),
  openedOn: z.string(),
  dueOn: z.string(),
  openedBy: z.string(),
  open: z.boolean(),
  status: z.string(),
  statusLabel: z.string(),
  basis: z.string(),
  done: z.number(),
  total: z.number(),
  offices: z.array(progressView),
});

const recordView = z.object({
  id: z.string(),
  subjectId: z.string(),
  talkedOn: z.string(),
  method: z.string(),
  methodLabel: z.string(),
  checklist: z.array(
    z.object({ id: z.string(), label: z.string(), result: z.string(), resultLabel: z.string() }),
  ),
  talk: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  clears: z.array(z.object({ id: z.string(), label: z.string(), clear: z.boolean() })),
  risks: z.string().nullable(),
  hazardId: z.number().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

const idParams = z.object({ id: z.string().max(100).describe("排查活动编号") });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const quarterLabel = (quarter: string) => `${quarter.slice(0, 4)}年第${quarter.slice(6)}季度`;

export function screeningRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  const officeRefs = async (user: CurrentUser) => {
    const ids = await officesOf(db, user);
    const rows = ids.length
      ? await k.selectFrom("place").select(["id", "name"]).where("id", "in", ids).orderBy("id").execute()
      : [];
    return rows;
  };

  /** A campaign of the user's county, or 404. */
  const campaignOf = async (user: CurrentUser, id: string) => {
    if (!UUID.test(id)) throw notFound("排查活动");
    const row = await k
      .selectFrom("screening_campaign")
      .leftJoin("app_user", "app_user.id", "screening_campaign.opened_by")
      .selectAll("screening_campaign")
      .select("app_user.display_name as opened_by_name")
      .where("screening_campaign.id", "=", id)
      .where("screening_campaign.county_id", "=", user.county.id)
      .executeTakeFirst();
    if (!row) throw notFound("排查活动");
    return row;
  };

  const viewOf = async (
    user: CurrentUser,
    c: Awaited<ReturnType<typeof campaignOf>>,
    offices: { id: string; name: string }[],
  ) => {
    const persons = await campaignPersons(
      k,
      c,
      offices.map((o) => o.id),
    );
    const progress = progressByOffice(persons, offices);
    const done = progress.reduce((n, o) => n + o.done, 0);
    const total = progress.reduce((n, o) => n + o.total, 0);
    const today = cstDate(app.clock.now());
    const open = today <= quarterBounds(c.quarter).end;
    const status = done === total ? "done" : today > c.due_on ? "overdue" : "open";
    const policy = await app.policies.forCounty(user.county.id);
    return {
      persons,
      view: {
        id: c.id,
        quarter: c.quarter,
        quarterLabel: quarterLabel(c.quarter),
        openedOn: c.opened_on,
        dueOn: c.due_on,
        openedBy: c.opened_by_name ?? "系统（按季度自动开启）",
        open,
        status,
        statusLabel: screeningCampaignStatusLabel[status] ?? status,
        basis: policy.profile.screening.basis,
        done,
        total,
        offices: progress,
      },
    };
  };

  api.get(
    "/api/screening/campaigns",
    {
      config: { access: { roles: screeningReadRoles } },
      schema: {
        tags: ["screening"],
        summary: "季度安全隐患排查：各季度的排查活动及各司法所完成情况（已排查/在册人数）",
        response: { 200: z.object({ items: z.array(campaignView), canOpen: z.boolean() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const offices = await officeRefs(user);
      const rows = await k
        .selectFrom("screening_campaign")
        .leftJoin("app_user", "app_user.id", "screening_campaign.opened_by")
        .selectAll("screening_campaign")
        .select("app_user.display_name as opened_by_name")
        .where("screening_campaign.county_id", "=", user.county.id)
        .orderBy("screening_campaign.quarter", "desc")
        .limit(12)
        .execute();
      const items = [];
      for (const r of rows) items.push((await viewOf(user, r, offices)).view);
      const canOpen =
        (screeningOpenRoles as readonly string[]).includes(user.role) && !items.some((i) => i.open);
      return { items, canOpen };
    },
  );

  api.post(
    "/api/screening/campaigns",
    {
      config: { access: { roles: screeningOpenRoles } },
      schema: {
        tags: ["screening"],
        summary: "开启本季度安全隐患排查（每季度一次；完成时限按本县规则）",
        body: z.object({}).optional(),
        response: { 201: campaignView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const policy = await app.policies.forCounty(user.county.id);
      const id = await openCampaign(
        k,
        actorOf(request),
        user.county.id,
        policy.profile.screening,
        app.clock.now(),
      );
      const { view } = await viewOf(user, await campaignOf(user, id), await officeRefs(user));
      return reply.code(201).send(view);
    },
  );

  api.get(
    "/api/screening/campaigns/:id",
    {
      config: { access: { roles: screeningReadRoles } },
      schema: {
        tags: ["screening"],
        summary: "一次排查活动：完成情况和逐人排查记录（司法所看本所人员）",
        params: idParams,
        response: {
          200: campaignView.extend({
            persons: z.array(
              z.object({
                subjectId: z.string(),
                name: z.string(),
                officeId: z.string(),
                officeName: z.string(),
                level: z.string(),
                levelLabel: z.string(),
                record: recordView.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const offices = await officeRefs(user);
      const { view, persons } = await viewOf(user, await campaignOf(user, request.params.id), offices);
      const records = await recordsOf(request.params.id, persons.map((p) => p.recordId).filter(isString));
      const officeName = new Map(offices.map((o) => [o.id, o.name]));
      return {
        ...view,
        persons: persons.map((p) => ({
          subjectId: p.subjectId,
          name: p.name,
          officeId: p.officeId,
          officeName: officeName.get(p.officeId) ?? "",
          level: p.level,
          levelLabel: levelLabel[p.level as keyof typeof levelLabel] ?? p.level,
          record: (p.recordId && records.get(p.recordId)) || null,
        })),
      };
    },
  );

  const recordsOf = async (campaignId: string, ids: string[]) => {
    if (ids.length === 0) return new Map<string, z.infer<typeof recordView>>();
    const rows = await k
      .selectFrom("screening_record")
      .innerJoin("app_user", "app_user.id", "screening_record.recorded_by")
      .selectAll("screening_record")
      .select("app_user.display_name")
      .where("screening_record.campaign_id", "=", campaignId)
      .where("screening_record.id", "in", ids)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          subjectId: r.subject_id,
          talkedOn: r.talked_on,
          method: r.method,
          methodLabel: screeningMethodLabel[r.method] ?? r.method,
          checklist: SCREENING_CHECKS.map((c) => ({
            id: c,
            label: screeningCheckLabel[c]!,
            result: r.checklist[c],
            resultLabel: screeningCheckResultLabel[r.checklist[c]] ?? "",
          })),
          talk: TALK_TOPICS.map((t) => ({ id: t, label: screeningTalkLabel[t]!, text: r.talk[t] ?? "" })),
          clears: FIVE_CLEARS.map((c) => ({ id: c, label: fiveClearLabel[c]!, clear: r.clears[c] === true })),
          risks: r.risks,
          hazardId: r.hazard_id,
          recordedBy: r.display_name,
          recordedAt: cstIso(new Date(r.recorded_at)),
        },
      ]),
    );
  };

  api.post(
    "/api/screening/campaigns/:id/records",
    {
      config: { access: { roles: screeningRecordRoles } },
      schema: {
        tags: ["screening"],
        summary:
          "登记一人的排查谈话：排查方式、谈话提纲各项、排查清单、五清；发现的风险可登记为安全隐患；每人每季度一次",
        params: idParams,
        body: recordBody,
        response: { 201: recordView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const now = app.clock.now();
      const today = cstDate(now);
      const campaign = await campaignOf(user, request.params.id);
      if (today > quarterBounds(campaign.quarter).end) throw conflict("该季度的排查活动已结束，不能再登记");
      const subject = await subjectInScope(k, user, body.subjectId);
      if (subject.status !== "in_correction") throw badInput("subjectId", "该对象已不在矫正期内");
      if (body.talkedOn > today) throw badInput("talkedOn", "谈话日期不能晚于今天");
      if (body.talkedOn < campaign.opened_on)
        throw badInput("talkedOn", `谈话日期不能早于排查活动开启日期（${campaign.opened_on}）`);
      const found =
        Object.values(body.checklist).includes("issue") || Object.values(body.clears).includes(false);
      if (found && !body.risks && !body.hazard)
        throw badInput("risks", "排查清单有问题或五清未清，请填写发现的风险");
      const id = await k.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("screening_record")
          .select("id")
          .where("campaign_id", "=", campaign.id)
          .where("subject_id", "=", subject.id)
          .executeTakeFirst();
        if (existing) throw conflict("该对象本季度已完成排查");
        const hazardId = body.hazard
          ? await recordHazard(
              trx,
              actorOf(request),
              user,
              {
                officeId: subject.officeId,
                subjectId: subject.id,
                placeText: null,
                kind: body.hazard.kind,
                level: body.hazard.level,
                description: body.hazard.description,
                foundOn: body.talkedOn,
                measures: body.hazard.measures,
              },
              now,
              "hazard.measures",
            )
          : null;
        const row = await trx
          .insertInto("screening_record")
          .values({
            campaign_id: campaign.id,
            subject_id: subject.id,
            office_id: subject.officeId,
            talked_on: body.talkedOn,
            method: body.method,
            checklist: JSON.stringify(body.checklist),
            talk: JSON.stringify(body.talk),
            clears: JSON.stringify(body.clears),
            risks: body.risks || null,
            hazard_id: hazardId,
            recorded_by: user.id,
            recorded_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: "screening.record",
          recordType: "screening_record",
          recordId: row.id,
          subjectId: subject.id,
          placeId: subject.officeId,
          details: {
            quarter: campaign.quarter,
            unclear: FIVE_CLEARS.filter((c) => !body.clears[c]),
            issues: SCREENING_CHECKS.filter((c) => body.checklist[c] === "issue"),
            hazardId,
          },
        });
        return row.id;
      });
      const record = (await recordsOf(campaign.id, [id])).get(id)!;
      return reply.code(201).send(record);
    },
  );

  api.get(
    "/api/screening/campaigns/:id/report",
    {
      config: { access: { roles: screeningReadRoles } },
      schema: {
        tags: ["screening"],
        summary:
          "季度安全隐患排查工作报告（Word）：各所完成情况、发现的问题和隐患、尚未排查人员；下载记入审计日志",
        produces: [DOCX],
        params: idParams,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const offices = await officeRefs(user);
      const campaign = await campaignOf(user, request.params.id);
      const { view, persons } = await viewOf(user, campaign, offices);
      const records = await recordsOf(campaign.id, persons.map((p) => p.recordId).filter(isString));
      const hazardKinds = new Map(
        (
          await k
            .selectFrom("hazard")
            .select(["id", "kind"])
            .where("id", "in", [...records.values()].map((r) => r.hazardId ?? -1).concat(-1))
            .execute()
        ).map((h) => [h.id, hazardKindLabel[h.kind] ?? h.kind]),
      );
      const officeName = new Map(offices.map((o) => [o.id, o.name]));
      const findings = [];
      for (const p of persons) {
        const r = p.recordId ? records.get(p.recordId) : undefined;
        if (!r) continue;
        const issues = [
          ...r.checklist.filter((c) => c.result === "issue").map((c) => c.label),
          ...r.clears.filter((c) => !c.clear).map((c) => `${c.label.slice(0, -1)}不清`),
        ];
        if (issues.length === 0 && !r.risks && r.hazardId === null) continue;
        findings.push({
          name: p.name,
          office: officeName.get(p.officeId) ?? "",
          talkedOn: r.talkedOn,
          issues: issues.join("、") || "—",
          risks: r.risks ?? "—",
          hazard: r.hazardId !== null ? `已登记（${hazardKinds.get(r.hazardId) ?? ""}）` : "—",
        });
      }
      const buffer = await screeningReportDocx({
        county: user.county.name,
        quarter: view.quarterLabel,
        openedOn: view.openedOn,
        dueOn: view.dueOn,
        offices: view.offices.map((o) => ({ name: o.officeName, done: o.done, total: o.total })),
        findings,
        remaining: persons
          .filter((p) => p.recordId === null)
          .map((p) => ({ name: p.name, office: officeName.get(p.officeId) ?? "" })),
      });
      await writeAudit(k, actorOf(request), {
        action: "screening.report",
        recordType: "screening_campaign",
        recordId: campaign.id,
        placeId: user.officeId ?? user.county.id,
        details: { quarter: campaign.quarter },
      });
      const name = `${user.county.name}${view.quarterLabel}安全隐患排查工作报告.docx`;
      return reply
        .header("content-type", DOCX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer);
    },
  );
}

const isString = (x: string | null): x is string => x !== null;
