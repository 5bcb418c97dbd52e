// /api/leave — leave and movement (请销假, issue 9): applications filed by the office for a person, the
// engine's advice shown at once, the approval chain (office head up to 7 days, the agency beyond, for
// standing approvals and moves), proof files, 销假, and the checks while away recorded from 今日工作.
// /api/divisions serves the destination pickers.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { type CurrentUser, scopeOf, staffRoles, subjectScope } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { LeaveAdvice } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import { leaveDocx } from "../../documents/leave-docx.ts";
import {
  leaveApproverLabel,
  leaveCalendarStateLabel,
  leaveCheckLabel,
  leaveCheckMethodLabel,
  leaveDecisionLabel,
  leaveKindLabel,
  leaveRefusalLabel,
  leaveReturnStatusLabel,
  leaveStatusLabel,
  leaveWarningLabel,
  roleLabel,
} from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { dateField, instantField, monthField, optionalText, text } from "../../http/fields.ts";
import { conflictResponse } from "../../http/openapi.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { documentContentTypes, UPLOAD_BODY_LIMIT } from "../intake/documents.ts";
import { sendDocument } from "../intake/routes.ts";
import { officeVisible } from "../places/queries.ts";
import { isMinorSubject } from "../subjects/view.ts";
import { lateReasonField } from "../supervision/late-entry.ts";
import { eventTime, recordCheck } from "../supervision/record.ts";
import { abnormalKinds } from "../supervision/schemas.ts";
import { subjectInScope } from "../supervision/subject-ref.ts";
import { advise, leaveInput } from "./advice.ts";
import { leaveDays, leaveState, monthDays } from "./calendar.ts";
import { divisionsBelow } from "./divisions.ts";
import { dueMonth, handInBy, monthApplications, registerWorkbook } from "./files.ts";
import {
  addProof,
  adviceFor,
  applicationInScope,
  closeLeave,
  decide,
  fileApplication,
  leaveRoles,
  resubmit,
  reviseApplication,
  subjectForLeave,
} from "./service.ts";
import type { LeaveApplication } from "./tables.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });
const proofParams = idParams.extend({ proofId: z.string().min(1).max(64) });
const kindField = z.enum(["ordinary", "standing", "move_house"], {
  error: "请选择申请类别：请假外出、经常性跨市县活动或迁居",
});
const countyField = z
  .string({ error: "请选择目的地所在的县（市、区）" })
  .regex(/^[0-9]{6}$/, "请选择目的地所在的县（市、区）");

const proofUpload = z.object({
  fileName: text("文件名", 200),
  contentType: z.string().max(100).optional(),
  contentBase64: z.string({ error: "请选择要上传的文件" }).min(1, "请选择要上传的文件"),
});

const applicationBody = z.object({
  subjectId: z.string({ error: "请选择社区矫正对象" }).min(1).max(64),
  kind: kindField,
  from: dateField("开始日期"),
  to: dateField("结束日期").nullish(),
  destinationCounty: countyField,
  destinationAddress: optionalText("详细地址", 200),
  reason: z.string({ error: "请填写事由" }).max(1000, "事由不能超过 1000 个字"),
  proofs: z.array(proofUpload).max(10, "一次最多上传 10 个证明材料").default([]),
});

const revisionBody = applicationBody.omit({ subjectId: true, kind: true }).extend({
  version: z
    .number({ error: "请注明所修改的版本号（version）" })
    .int("版本号应为正整数")
    .min(1, "版本号应为正整数")
    .max(1_000_000, "版本号应为正整数"),
  resubmit: z.boolean().default(false),
});

const draftBody = applicationBody.omit({ proofs: true, destinationAddress: true }).extend({
  proofAttached: z.boolean().default(false),
});

const labelled = z.object({ id: z.string(), label: z.string(), basis: z.string() });
/** The engine's advice on an application as screens get it (labels from the glossary); the app shows it too. */
export const adviceView = z.object({
  days: z.number().nullable(),
  approver: z.object({ by: z.string(), label: z.string(), basis: z.string() }),
  refusals: z.array(labelled.extend({ ids: z.array(z.string()).optional() })),
  warnings: z.array(labelled),
  checksWhileAway: z.array(
    labelled.extend({ by: z.string(), perDay: z.number(), from: z.string(), to: z.string() }),
  ),
  returnDue: z
    .object({ date: z.string(), dueBy: z.string(), status: z.string(), label: z.string(), basis: z.string() })
    .nullable(),
  overdue: z.boolean(),
});

const proofView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const decisionView = z.object({
  decision: z.string(),
  decisionLabel: z.string(),
  comment: z.string(),
  overrideReason: z.string().nullable(),
  decidedBy: z.string(),
  decidedRole: z.string(),
  decidedAt: z.string(),
});

const applicationView = z.object({
  id: z.string(),
  subject: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  officeId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  days: z.number().nullable(),
  destinationCounty: z.string(),
  destinationName: z.string(),
  destinationAddress: z.string().nullable(),
  reason: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  approver: z.string(),
  approverLabel: z.string(),
  appliedAt: z.string(),
  approvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnMethod: z.string().nullable(),
  returnNote: z.string().nullable(),
  /** Away today (approved ordinary leave covering today, not yet back). */
  away: z.boolean(),
  /** Approved, past its last day, not back. */
  overdue: z.boolean(),
});
const revisionView = z.object({
  version: z.number(),
  from: z.string(),
  to: z.string().nullable(),
  destinationName: z.string(),
  destinationAddress: z.string().nullable(),
  reason: z.string(),
  approverLabel: z.string(),
  replacedAt: z.string(),
  replacedBy: z.string(),
});
const applicationDetail = applicationView.extend({
  /** The current version (1 + the edits made after a return for more proof). */
  version: z.number(),
  /** The versions replaced by edits, oldest first, each kept whole. */
  revisions: z.array(revisionView),
  advice: adviceView,
  proofs: z.array(proofView),
  decisions: z.array(decisionView),
  /** What this user may do now. */
  can: z.object({
    decide: z.boolean(),
    close: z.boolean(),
    addProof: z.boolean(),
    resubmit: z.boolean(),
    edit: z.boolean(),
  }),
});

const decisionBody = z.object({
  decision: z.enum(["approve", "refuse", "return"], {
    error: "请选择审批结果：批准、不予批准或退回补充材料",
  }),
  comment: z.string({ error: "请填写审批意见" }).max(2000, "审批意见不能超过 2000 个字"),
  overrideReason: z.string().max(2000, "理由不能超过 2000 个字").nullish(),
});

const returnBody = z.object({
  at: instantField().optional().describe("销假时间（ISO 8601，含时区）；不填为当前时间"),
  method: z.enum(["in_person", "phone", "app"], { error: "请选择销假方式：当面、电话或手机应用" }),
  note: optionalText("销假情况", 1000),
});

const checkBody = z.object({
  kind: z.enum(["leave_signin_check", "leave_phone_check"], { error: "请选择核查类别" }),
  at: instantField().optional(),
  method: z.enum(["online_signin", "phone", "location", "video"], { error: "请选择核查方式" }),
  result: z.enum(["normal", "abnormal"], { error: "请选择核查结果：正常或异常" }),
  abnormalKind: z.enum(abnormalKinds).optional(),
  note: optionalText("核查情况说明", 1000),
  lateReason: lateReasonField,
});

/** The engine's advice with the glossary's labels (the engine's codes and bases kept). */
export function adviceWithLabels(advice: LeaveAdvice) {
  return {
    days: advice.days,
    approver: { ...advice.approver, label: leaveApproverLabel[advice.approver.by] ?? advice.approver.by },
    refusals: advice.refusals.map((r) => ({ ...r, label: leaveRefusalLabel[r.id] ?? r.id })),
    warnings: advice.warnings.map((w) => ({ ...w, label: leaveWarningLabel[w.id] ?? w.id })),
    checksWhileAway: advice.checksWhileAway.map((c) => ({ ...c, label: leaveCheckLabel[c.id] ?? c.id })),
    returnDue: advice.returnDue
      ? {
          ...advice.returnDue,
          label: leaveReturnStatusLabel[advice.returnDue.status] ?? advice.returnDue.status,
        }
      : null,
    overdue: advice.overdue,
  };
}

function daysOf(a: { from_date: string; to_date: string | null }): number | null {
  if (!a.to_date) return null;
  return Math.round((Date.parse(a.to_date) - Date.parse(a.from_date)) / 86_400_000) + 1;
}

function toView(a: LeaveApplication, subject: { id: string; name: string; level: string }, today: string) {
  const live = a.kind === "ordinary" && a.status === "approved";
  return {
    id: a.id,
    subject,
    officeId: a.office_id,
    kind: a.kind,
    kindLabel: leaveKindLabel[a.kind] ?? a.kind,
    from: a.from_date,
    to: a.to_date,
    days: daysOf(a),
    destinationCounty: a.destination_county,
    destinationName: a.destination_name,
    destinationAddress: a.destination_address,
    reason: a.reason,
    status: a.status,
    statusLabel: leaveStatusLabel[a.status] ?? a.status,
    approver: a.approver,
    approverLabel: leaveApproverLabel[a.approver] ?? a.approver,
    appliedAt: cstIso(a.applied_at),
    approvedAt: a.approved_at ? cstIso(a.approved_at) : null,
    returnedAt: a.returned_at ? cstIso(a.returned_at) : null,
    returnMethod: a.return_method,
    returnNote: a.return_note,
    away: live && a.from_date <= today && today <= (a.to_date ?? ""),
    overdue: live && today > (a.to_date ?? ""),
  };
}

/** The offices whose leave the user sees: their own, or every office of the county. */
async function visibleOffices(db: Db["kysely"], user: CurrentUser): Promise<{ id: string; name: string }[]> {
  const scope = scopeOf(user);
  if (scope.kind === "county")
    return db
      .selectFrom("place")
      .select(["id", "name"])
      .where("parent_id", "=", scope.countyId)
      .where("kind", "=", "office")
      .orderBy("id")
      .execute();
  if (!user.officeId) return [];
  return db.selectFrom("place").select(["id", "name"]).where("id", "=", user.officeId).execute();
}

/** The division pickers' question and answer (the console's and the app's routes ask the same). */
export const divisionsSchema = {
  querystring: z.object({
    parent: z
      .string()
      .regex(/^[0-9]{6}$/, "区划代码为六位数字")
      .optional(),
  }),
  response: {
    200: z.object({
      items: z.array(z.object({ code: z.string(), name: z.string(), leaf: z.boolean() })),
    }),
  },
};

function canDecide(user: CurrentUser, a: LeaveApplication): boolean {
  return a.status === "pending" && user.role === (a.approver === "agency" ? "agency_head" : "office_head");
}

export function leaveRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;
  const now = () => app.clock.now();

  api.get(
    "/api/divisions",
    {
      config: { access: { roles: staffRoles } },
      schema: {
        tags: ["leave"],
        summary:
          "行政区划（GB/T 2260，省、市、县三级）：不带 parent 为各省，带 parent 为其下一级；leaf 为县级",
        ...divisionsSchema,
      },
    },
    async (request) => ({ items: await divisionsBelow(k, request.query.parent) }),
  );

  api.get(
    "/api/leave",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "请假（外出、迁居）申请列表：按状态筛选；外出中、逾期未归另行标出",
        querystring: z.object({
          status: z
            .enum(["pending", "returned", "approved", "refused", "closed", "away", "all"])
            .default("all"),
          subjectId: z.string().max(64).optional(),
        }),
        response: { 200: z.object({ items: z.array(applicationView), today: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(now());
      let query = k
        .selectFrom("leave_application")
        .innerJoin("subject", "subject.id", "leave_application.subject_id")
        .selectAll("leave_application")
        .select(["subject.name", "subject.level", "subject.birth_date", "subject.intake_date"])
        .where(subjectScope(user));
      const status = request.query.status;
      if (status === "away") query = query.where("leave_application.status", "=", "approved");
      else if (status !== "all") query = query.where("leave_application.status", "=", status);
      if (request.query.subjectId)
        query = query.where("leave_application.subject_id", "=", request.query.subjectId);
      const rows = await query.orderBy("leave_application.from_date", "desc").limit(500).execute();
      const items = rows
        .map((r) =>
          toView(
            r,
            { id: r.subject_id, name: isMinorSubject(r) ? maskName(r.name) : r.name, level: r.level },
            today,
          ),
        )
        .filter((v) => status !== "away" || v.away || v.overdue);
      return { items, today };
    },
  );

  api.get(
    "/api/leave/calendar",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "外出日历：一个月内已批准的请假外出，逐日标出外出中、提前返回、逾期未归；机构可按司法所筛选",
        querystring: z.object({
          month: monthField("月份").optional(),
          officeId: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({
            month: z.string(),
            today: z.string(),
            days: z.array(z.string()),
            leaves: z.array(
              z.object({
                id: z.string(),
                subject: z.object({ id: z.string(), name: z.string(), level: z.string() }),
                officeId: z.string(),
                officeName: z.string(),
                from: z.string(),
                to: z.string(),
                destinationName: z.string(),
                returnedAt: z.string().nullable(),
                state: z.enum(["planned", "away", "back", "overdue"]),
                stateLabel: z.string(),
                days: z.record(z.string(), z.enum(["planned", "away", "back", "overdue"])),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(now());
      const month = request.query.month ?? today.slice(0, 7);
      const days = monthDays(month);
      const first = days[0]!;
      const last = days.at(-1)!;
      let query = k
        .selectFrom("leave_application")
        .innerJoin("subject", "subject.id", "leave_application.subject_id")
        .innerJoin("place", "place.id", "leave_application.office_id")
        .selectAll("leave_application")
        .select([
          "subject.name",
          "subject.level",
          "subject.birth_date",
          "subject.intake_date",
          "place.name as office_name",
        ])
        .where(subjectScope(user))
        .where("leave_application.kind", "=", "ordinary")
        .where("leave_application.status", "in", ["approved", "closed"])
        .where("leave_application.from_date", "<=", last)
        // Ends in the month or later, or spills into it: still out (overdue) or back only in it.
        .where((eb) =>
          eb.or([
            eb("leave_application.to_date", ">=", first),
            eb("leave_application.status", "=", "approved"),
            eb("leave_application.returned_at", ">=", new Date(`${first}T00:00:00+08:00`)),
          ]),
        );
      if (request.query.officeId) {
        if (!(await officeVisible(k, user, request.query.officeId))) throw notFound("司法所");
        query = query.where("leave_application.office_id", "=", request.query.officeId);
      }
      const rows = await query
        .orderBy("leave_application.office_id")
        .orderBy("leave_application.from_date")
        .orderBy("leave_application.id")
        .limit(2000)
        .execute();
      const leaves = [];
      for (const r of rows) {
        const leave = {
          from: r.from_date,
          to: r.to_date ?? r.from_date,
          returnedOn: r.returned_at ? cstDate(r.returned_at) : null,
        };
        const byDay = leaveDays(leave, month, today);
        if (Object.keys(byDay).length === 0) continue;
        const state = leaveState(leave, today);
        leaves.push({
          id: r.id,
          subject: {
            id: r.subject_id,
            name: isMinorSubject(r) ? maskName(r.name) : r.name,
            level: r.level,
          },
          officeId: r.office_id,
          officeName: r.office_name,
          from: leave.from,
          to: leave.to,
          destinationName: r.destination_name,
          returnedAt: r.returned_at ? cstIso(r.returned_at) : null,
          state,
          stateLabel: leaveCalendarStateLabel[state],
          days: byDay,
        });
      }
      return { month, today, days, leaves };
    },
  );

  api.post(
    "/api/leave/advice",
    {
      config: { access: { roles: leaveRoles.read, readsOnly: true } },
      schema: {
        tags: ["leave"],
        summary:
          "规则引擎对一份拟提交的申请的意见（不保存）：审批层级、不予批准的情形、须说明理由的情形、外出期间核查、销假期限",
        body: draftBody,
        response: { 200: adviceView },
      },
    },
    async (request) => {
      const user = userOf(request);
      const subject = await subjectForLeave(k, user, request.body.subjectId, app.policies);
      const body = request.body;
      if (body.kind !== "move_house" && !body.to) throw badInput("to", "请填写外出结束日期");
      const at = now();
      const advice = advise(
        await leaveInput(
          k,
          subject,
          {
            id: "draft",
            kind: body.kind,
            from: body.from,
            to: body.kind === "move_house" ? null : (body.to ?? null),
            destinationCounty: body.destinationCounty,
            reason: body.reason,
            proofAttached: body.proofAttached,
            appliedAt: at,
            approvedAt: null,
            returnedAt: null,
          },
          at,
        ),
        subject.policy,
      );
      return adviceWithLabels(advice);
    },
  );

  api.post(
    "/api/leave",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: leaveRoles.file } },
      schema: {
        tags: ["leave"],
        summary:
          "司法所代社区矫正对象提交请假外出、经常性跨市县活动或迁居申请（证明材料：PDF、JPEG 或 PNG，按内容识别类型）；返回规则引擎的意见",
        body: applicationBody,
        response: { 201: z.object({ id: z.string(), advice: adviceView }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectForLeave(k, user, request.body.subjectId, app.policies);
      const body = request.body;
      const { id, advice } = await fileApplication(
        k,
        request,
        subject,
        {
          kind: body.kind,
          from: body.from,
          to: body.to ?? null,
          destinationCounty: body.destinationCounty,
          destinationAddress: body.destinationAddress ?? null,
          reason: body.reason,
          proofs: body.proofs,
        },
        now(),
      );
      return reply.code(201).send({ id, advice: adviceWithLabels(advice) });
    },
  );

  api.get(
    "/api/leave/:id",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "一份申请：规则引擎的意见（即时计算）、证明材料、审批记录、销假",
        params: idParams,
        response: { 200: applicationDetail },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application: a, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const at = now();
      const [advice, proofs, decisions, revisions] = await Promise.all([
        adviceFor(k, subject, a, at),
        k
          .selectFrom("leave_proof")
          .select(["id", "file_name", "content_type", "size_bytes", "sha256", "uploaded_at"])
          .where("application_id", "=", a.id)
          .orderBy("uploaded_at")
          .execute(),
        k
          .selectFrom("leave_decision")
          .innerJoin("app_user", "app_user.id", "leave_decision.decided_by")
          .select([
            "leave_decision.decision",
            "leave_decision.comment",
            "leave_decision.override_reason",
            "leave_decision.decided_role",
            "leave_decision.decided_at",
            "app_user.display_name",
          ])
          .where("leave_decision.application_id", "=", a.id)
          .orderBy("leave_decision.id")
          .execute(),
        k
          .selectFrom("leave_revision")
          .innerJoin("app_user", "app_user.id", "leave_revision.replaced_by")
          .selectAll("leave_revision")
          .select("app_user.display_name")
          .where("leave_revision.application_id", "=", a.id)
          .orderBy("leave_revision.version")
          .execute(),
      ]);
      const office = user.role === "office_head" || user.role === "office_assistant";
      return {
        ...toView(a, { id: subject.id, name: subject.name, level: subject.level }, cstDate(at)),
        version: a.version,
        revisions: revisions.map((r) => ({
          version: r.version,
          from: r.from_date,
          to: r.to_date,
          destinationName: r.destination_name,
          destinationAddress: r.destination_address,
          reason: r.reason,
          approverLabel: leaveApproverLabel[r.approver] ?? r.approver,
          replacedAt: cstIso(r.replaced_at),
          replacedBy: r.display_name,
        })),
        advice: adviceWithLabels(advice),
        proofs: proofs.map((p) => ({
          id: p.id,
          fileName: p.file_name,
          contentType: p.content_type,
          sizeBytes: p.size_bytes,
          sha256: p.sha256,
          uploadedAt: cstIso(p.uploaded_at),
        })),
        decisions: decisions.map((d) => ({
          decision: d.decision,
          decisionLabel: leaveDecisionLabel[d.decision] ?? d.decision,
          comment: d.comment,
          overrideReason: d.override_reason,
          decidedBy: d.display_name,
          decidedRole: roleLabel[d.decided_role as "office_head"] ?? d.decided_role,
          decidedAt: cstIso(d.decided_at),
        })),
        can: {
          decide: canDecide(user, a),
          close: office && a.kind === "ordinary" && a.status === "approved",
          addProof: office && (a.status === "pending" || a.status === "returned"),
          resubmit: office && a.status === "returned",
          edit: office && a.status === "returned",
        },
      };
    },
  );

  api.post(
    "/api/leave/:id/decision",
    {
      config: { access: { roles: leaveRoles.decide } },
      schema: {
        tags: ["leave"],
        summary:
          "审批：批准、不予批准或退回补充材料，均须填写意见。七日以内的请假由司法所负责人审批，超过七日、经常性跨市县活动和迁居由机构负责人审批；存在不予批准的情形时不能批准（409），有须说明理由的情形（如重点人员）时须填写理由",
        params: idParams,
        body: decisionBody,
        response: { 200: z.object({ status: z.string(), advice: adviceView }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const body = request.body;
      const advice = await decide(
        k,
        request,
        subject,
        application,
        { decision: body.decision, comment: body.comment, overrideReason: body.overrideReason ?? null },
        now(),
      );
      const status =
        body.decision === "approve" ? "approved" : body.decision === "refuse" ? "refused" : "returned";
      return { status, advice: adviceWithLabels(advice) };
    },
  );

  api.post(
    "/api/leave/:id/resubmit",
    {
      config: { access: { roles: leaveRoles.file } },
      schema: {
        tags: ["leave"],
        summary: "补充材料后重新提交退回的申请",
        params: idParams,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application } = await applicationInScope(k, user, request.params.id, app.policies);
      await resubmit(k, request, application);
      return { status: "pending" };
    },
  );

  api.post(
    "/api/leave/:id/revision",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: leaveRoles.file } },
      schema: {
        tags: ["leave"],
        summary:
          "修改退回补充材料的申请（日期、目的地、事由，补充证明材料），可同时重新提交；原版本完整保留，规则引擎重新计算意见；version 须为当前版本，否则 409",
        params: idParams,
        body: revisionBody,
        response: {
          200: z.object({ version: z.number(), status: z.string(), advice: adviceView }),
          ...conflictResponse,
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const body = request.body;
      const { version, advice } = await reviseApplication(
        k,
        request,
        subject,
        application,
        {
          version: body.version,
          from: body.from,
          to: body.to ?? null,
          destinationCounty: body.destinationCounty,
          destinationAddress: body.destinationAddress ?? null,
          reason: body.reason,
          proofs: body.proofs,
          resubmit: body.resubmit,
        },
        now(),
      );
      return { version, status: body.resubmit ? "pending" : "returned", advice: adviceWithLabels(advice) };
    },
  );

  api.post(
    "/api/leave/:id/proofs",
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { access: { roles: leaveRoles.file } },
      schema: {
        tags: ["leave"],
        summary: "补充证明材料（PDF、JPEG 或 PNG，按内容识别类型，从不覆盖）",
        params: idParams,
        body: proofUpload,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { application } = await applicationInScope(k, user, request.params.id, app.policies);
      const id = await addProof(k, request, application, request.body);
      return reply.code(201).send({ id });
    },
  );

  api.get(
    "/api/leave/:id/proofs/:proofId",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "查看（下载）一份证明材料；记入审计日志",
        params: proofParams,
        produces: documentContentTypes,
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { application } = await applicationInScope(k, user, request.params.id, app.policies);
      const proof = await k
        .selectFrom("leave_proof")
        .selectAll()
        .where("id", "=", request.params.proofId)
        .where("application_id", "=", application.id)
        .executeTakeFirst();
      if (!proof) throw notFound("证明材料");
      await writeAudit(k, actorOf(request), {
        action: "leave.proof_download",
        recordType: "leave_proof",
        recordId: proof.id,
        subjectId: application.subject_id,
        placeId: application.office_id,
      });
      return sendDocument(reply, proof);
    },
  );

  api.post(
    "/api/leave/:id/return",
    {
      config: { access: { roles: leaveRoles.close } },
      schema: {
        tags: ["leave"],
        summary: "销假：对象当面、电话或通过手机应用报告返回，司法所登记后请假结束（提前返回即提前结束）",
        params: idParams,
        body: returnBody,
        response: { 200: z.object({ status: z.string(), returnedAt: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { application, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const at = request.body.at ? new Date(request.body.at) : now();
      await closeLeave(
        k,
        request,
        subject,
        application,
        { at, method: request.body.method, note: request.body.note ?? null },
        now(),
      );
      return { status: "closed", returnedAt: cstIso(at) };
    },
  );

  api.get(
    "/api/leave/:id/document",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "请假审批表或批准通知书（Word）",
        produces: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        params: idParams,
        querystring: z.object({ kind: z.enum(["approval_form", "notice"]).default("approval_form") }),
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { application, subject } = await applicationInScope(k, user, request.params.id, app.policies);
      const kind = request.query.kind;
      if (kind === "notice" && application.status !== "approved" && application.status !== "closed")
        throw badInput("kind", "申请尚未批准，没有批准通知书");
      const at = now();
      const advice = await adviceFor(k, subject, application, at);
      const decisions = await k
        .selectFrom("leave_decision")
        .innerJoin("app_user", "app_user.id", "leave_decision.decided_by")
        .select([
          "leave_decision.decision",
          "leave_decision.comment",
          "leave_decision.override_reason",
          "leave_decision.decided_role",
          "leave_decision.decided_at",
          "app_user.display_name",
        ])
        .where("leave_decision.application_id", "=", application.id)
        .orderBy("leave_decision.id")
        .execute();
      const buffer = await leaveDocx(kind, {
        application,
        subject: { ...subject, termEnd: subject.termEnd },
        advice,
        decisions,
        now: at,
      });
      await writeAudit(k, actorOf(request), {
        action: "leave.export",
        recordType: "leave_application",
        recordId: application.id,
        subjectId: application.subject_id,
        placeId: application.office_id,
        details: { kind },
      });
      const name = `${kind === "notice" ? "请假批准通知书" : "请假审批表"}-${subject.name}-${application.from_date}.docx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );

  // The shared month field: years 1900–2199 only (year 0000 is no date the database stores).
  const monthSchema = monthField("月份");
  const handinView = z.object({
    id: z.number(),
    handedInAt: z.string(),
    handedInBy: z.string(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewNote: z.string().nullable(),
    applications: z.array(z.string()),
  });

  api.get(
    "/api/leave/files",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "每月请假材料：各司法所当月（按开始日期）的请假申请、报送（次月10日前）和机构审查情况",
        querystring: z.object({ month: monthSchema.optional() }),
        response: {
          200: z.object({
            month: z.string(),
            dueBy: z.string(),
            offices: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                applications: z.array(
                  applicationView
                    .pick({
                      id: true,
                      kind: true,
                      kindLabel: true,
                      from: true,
                      to: true,
                      destinationName: true,
                      status: true,
                      statusLabel: true,
                    })
                    .extend({ subjectName: z.string() }),
                ),
                handin: handinView.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const today = cstDate(now());
      const month = request.query.month ?? dueMonth(today);
      const offices = await visibleOffices(k, user);
      const out = [];
      for (const o of offices) {
        const rows = await monthApplications(k, o.id, month);
        const h = await k
          .selectFrom("leave_file_handin")
          .leftJoin("app_user as a", "a.id", "leave_file_handin.handed_in_by")
          .leftJoin("app_user as r", "r.id", "leave_file_handin.reviewed_by")
          .select([
            "leave_file_handin.id",
            "leave_file_handin.handed_in_at",
            "leave_file_handin.reviewed_at",
            "leave_file_handin.review_note",
            "leave_file_handin.applications",
            "a.display_name as handed_in_name",
            "r.display_name as reviewed_name",
          ])
          .where("office_id", "=", o.id)
          .where("month", "=", month)
          .executeTakeFirst();
        out.push({
          id: o.id,
          name: o.name,
          applications: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            kindLabel: leaveKindLabel[r.kind] ?? r.kind,
            from: r.from_date,
            to: r.to_date,
            destinationName: r.destination_name,
            status: r.status,
            statusLabel: leaveStatusLabel[r.status] ?? r.status,
            subjectName: r.name,
          })),
          handin: h
            ? {
                id: h.id,
                handedInAt: cstIso(h.handed_in_at),
                handedInBy: h.handed_in_name ?? "",
                reviewedAt: h.reviewed_at ? cstIso(h.reviewed_at) : null,
                reviewedBy: h.reviewed_name ?? null,
                reviewNote: h.review_note,
                applications: h.applications,
              }
            : null,
        });
      }
      // The offices shown are all of the user's county: one due day, by the county's profile.
      const { profile } = await app.policies.forCounty(user.county.id);
      return { month, dueBy: handInBy(profile, month), offices: out };
    },
  );

  api.post(
    "/api/leave/files",
    {
      config: { access: { roles: leaveRoles.file } },
      schema: {
        tags: ["leave"],
        summary: "司法所报送一个月的请假材料（列出当月请假申请，生成登记表）；每月一次",
        body: z.object({ month: monthSchema }),
        response: { 201: z.object({ id: z.number(), applications: z.number() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      if (!user.officeId) throw badInput("month", "只有司法所可以报送请假材料");
      const month = request.body.month;
      const today = cstDate(now());
      if (`${month}-01` > today || month === today.slice(0, 7))
        throw badInput("month", "只能报送已结束月份的请假材料");
      const rows = await monthApplications(k, user.officeId, month);
      const id = await k.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("leave_file_handin")
          .values({
            county_id: user.county.id,
            office_id: user.officeId!,
            month,
            applications: JSON.stringify(rows.map((r) => r.id)),
            handed_in_at: now(),
            handed_in_by: user.id,
          })
          .onConflict((oc) => oc.columns(["office_id", "month"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!row) throw conflict(`${month} 的请假材料已经报送`);
        await writeAudit(trx, actorOf(request), {
          action: "leave.files_handin",
          recordType: "leave_file_handin",
          recordId: String(row.id),
          placeId: user.officeId!,
          details: { month, applications: rows.length },
        });
        return row.id;
      });
      return reply.code(201).send({ id, applications: rows.length });
    },
  );

  api.post(
    "/api/leave/files/:id/review",
    {
      config: { access: { roles: ["agency_head", "agency_staff"] } },
      schema: {
        tags: ["leave"],
        summary: "机构审查司法所报送的请假材料",
        params: idParams,
        body: z.object({ note: text("审查意见", 1000) }),
        response: { 200: z.object({ reviewedAt: z.string() }) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const id = Number(request.params.id);
      // Hand-ins are numbered from 1 (bigserial): anything else, or beyond what a number holds exactly,
      // is no hand-in (and must not reach the database as an out-of-range bigint).
      if (!Number.isSafeInteger(id) || id < 1) throw notFound("请假材料");
      const at = now();
      await k.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("leave_file_handin")
          .set({ reviewed_at: at, reviewed_by: user.id, review_note: request.body.note })
          .where("id", "=", id)
          .where("county_id", "=", user.county.id)
          .where("reviewed_at", "is", null)
          .returning(["office_id"])
          .executeTakeFirst();
        if (!updated) {
          const exists = await trx
            .selectFrom("leave_file_handin")
            .select("id")
            .where("id", "=", id)
            .where("county_id", "=", user.county.id)
            .executeTakeFirst();
          if (!exists) throw notFound("请假材料");
          throw conflict("该月请假材料已经审查");
        }
        await writeAudit(trx, actorOf(request), {
          action: "leave.files_review",
          recordType: "leave_file_handin",
          recordId: String(id),
          placeId: updated.office_id,
        });
      });
      return { reviewedAt: cstIso(at) };
    },
  );

  api.get(
    "/api/leave/files/:id/register",
    {
      config: { access: { roles: leaveRoles.read } },
      schema: {
        tags: ["leave"],
        summary: "请假材料登记表（Excel）",
        params: idParams,
        produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const id = Number(request.params.id);
      const h =
        Number.isSafeInteger(id) && id > 0
          ? await k.selectFrom("leave_file_handin").selectAll().where("id", "=", id).executeTakeFirst()
          : undefined;
      const offices = await visibleOffices(k, user);
      const office = h ? offices.find((o) => o.id === h.office_id) : undefined;
      if (!h || !office) throw notFound("请假材料");
      const rows = (await monthApplications(k, h.office_id, h.month)).filter((r) =>
        h.applications.includes(r.id),
      );
      const buffer = await registerWorkbook(office.name, h.month, rows);
      const name = `请假材料登记表-${office.name}-${h.month}.xlsx`;
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header("cache-control", "private, no-store")
        .send(buffer);
    },
  );

  api.post(
    "/api/subjects/:id/leave-checks",
    {
      config: { access: { roles: leaveRoles.close } },
      schema: {
        tags: ["leave"],
        summary:
          "登记请假期间的核查：在线签到核查（每日三次）、重点人员电话核查及轨迹分析（每日一次）；结果异常即生成预警",
        params: idParams,
        body: checkBody,
        response: { 201: z.object({ id: z.number(), at: z.string(), alertId: z.number().nullable() }) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const subject = await subjectInScope(k, user, request.params.id);
      const body = request.body;
      const at = eventTime(subject, body.at, now());
      const policy = (await app.policies.forCounty(subject.countyId)).profile;
      const { id, alertId } = await recordCheck(
        k,
        request,
        subject,
        {
          type: body.kind,
          at,
          method: body.method,
          result: body.result,
          note: body.note,
          abnormalKind: body.abnormalKind,
          lateReason: body.lateReason,
          data: { method: body.method },
        },
        {
          basis: policy.obligations[body.kind].basis,
          raisedAt: at,
          describe: (kind) =>
            `请假期间${leaveCheckMethodLabel[body.method]}发现异常（${kind}）：${body.note ?? ""}`,
        },
        policy,
      );
      return reply.code(201).send({ id, at: cstIso(at), alertId });
    },
  );
}
