// /api/risk-meetings — the monthly risk-analysis meeting of an office or of the agency (seed 002 二):
// the month's persons pre-filled from the records, the meeting recorded once per month, the minutes in
// Word. Office roles hold their office's meeting; agency roles the agency's (over the whole county).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../audit/audit.ts";
import { type CurrentUser, scopeOf } from "../../auth/access.ts";
import { actorOf, userOf } from "../../auth/plugin.ts";
import type { Db } from "../../db/connect.ts";
import { riskMeetingDocx } from "../../documents/risk-meeting-docx.ts";
import { riskReasonLabel, roleLabel } from "../../glossary.ts";
import { badInput, conflict, forbidden, notFound } from "../../http/errors.ts";
import { dateField, monthField, text } from "../../http/fields.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { ownerInCounty } from "../hazards/service.ts";
import { officesOf } from "../today/routes.ts";
import { displayName } from "../violations/service.ts";
import { doneOf, unitOfUser, unitsOf } from "./decisions.ts";
import { riskMeetingReadRoles, riskMeetingWriteRoles } from "./roles.ts";
import { candidates, monthBounds } from "./service.ts";
import type { Attendee, Decision, DiscussedPerson } from "./tables.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const meetingBody = z.object({
  month: monthField("研判月份"),
  heldOn: dateField("会议日期"),
  place: text("会议地点", 200),
  host: text("主持人", 50),
  attendeeIds: z
    .array(z.string().min(1).max(64), { error: "请选择参会人员" })
    .min(2, "参会人员至少二人")
    .max(50, "参会人员不能超过 50 人"),
  persons: z
    .array(z.object({ subjectId: z.string().min(1).max(64), assessment: text("研判意见", 1000) }), {
      error: "请填写研判对象",
    })
    .max(500),
  decisions: z
    .array(
      z.object({
        text: text("决定事项", 500),
        ownerId: z.string().min(1).max(64),
        deadline: dateField("完成时限"),
      }),
    )
    .max(50)
    .default([]),
  summary: text("会议小结", 4000),
});

/** The offices a meeting covers: an office's own, or (the agency's meeting) every office of the county. */
async function meetingOffices(db: Db, user: CurrentUser) {
  const agency = scopeOf(user).kind === "county";
  return { agency, offices: await officesOf(db, user), officeId: agency ? null : user.officeId };
}

const meetingView = z.object({
  id: z.number(),
  officeId: z.string().nullable(),
  unit: z.string(),
  month: z.string(),
  heldOn: z.string(),
  place: z.string(),
  host: z.string(),
  attendees: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
  persons: z.array(
    z.object({
      subjectId: z.string(),
      name: z.string(),
      reasons: z.array(z.string()),
      assessment: z.string(),
    }),
  ),
  decisions: z.array(
    z.object({
      text: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      deadline: z.string(),
      done: z.object({ note: z.string(), by: z.string(), at: z.string() }).nullable(),
    }),
  ),
  summary: z.string(),
  recordedAt: z.string(),
});

export function riskMeetingRoutes(app: FastifyInstance, db: Db): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const k = db.kysely;

  /** Meetings the user sees; `anyUnit`: any of the county's (a decision owned by the user's unit). */
  const listOf = async (user: CurrentUser, filter: { year?: number; id?: number; anyUnit?: boolean }) => {
    const { agency, offices } = await meetingOffices(db, user);
    let q = k
      .selectFrom("risk_meeting")
      .leftJoin("place", "place.id", "risk_meeting.office_id")
      .selectAll("risk_meeting")
      .select("place.name as office_name")
      .where("risk_meeting.county_id", "=", user.county.id);
    // The agency sees every meeting of the county; an office its own.
    if (!agency && !filter.anyUnit)
      q = q.where("risk_meeting.office_id", "in", offices.length ? offices : ["-"]);
    if (filter.year) q = q.where("risk_meeting.month", "like", `${filter.year}-%`);
    if (filter.id !== undefined) q = q.where("risk_meeting.id", "=", filter.id);
    const rows = await q.orderBy("risk_meeting.month", "desc").orderBy("risk_meeting.id", "desc").execute();
    const done = await doneOf(
      k,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      officeId: r.office_id,
      unit:
        r.office_name ??
        (user.county.name.endsWith("机构") ? user.county.name : `${user.county.name}社区矫正机构`),
      month: r.month,
      heldOn: r.held_on,
      place: r.place,
      host: r.host,
      attendees: r.attendees as unknown as Attendee[],
      persons: r.persons as unknown as DiscussedPerson[],
      decisions: (r.decisions as unknown as Decision[]).map((d, i) => ({
        ...d,
        done: done.get(`${r.id}:${i}`) ?? null,
      })),
      summary: r.summary,
      recordedAt: cstIso(new Date(r.recorded_at)),
    }));
  };

  api.get(
    "/api/risk-meetings/candidates",
    {
      config: { access: { roles: riskMeetingWriteRoles } },
      schema: {
        tags: ["risk-meetings"],
        summary: "本月风险研判的对象：由本月预警、违规、安全隐患、等级调整、重大事项及重点人员自动列出",
        querystring: z.object({ month: monthField("研判月份") }),
        response: {
          200: z.object({
            month: z.string(),
            persons: z.array(
              z.object({
                subjectId: z.string(),
                name: z.string(),
                officeId: z.string(),
                officeName: z.string(),
                reasons: z.array(z.string()),
                reasonLabels: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { offices } = await meetingOffices(db, userOf(request));
      return { month: request.query.month, persons: await candidates(k, offices, request.query.month) };
    },
  );

  api.get(
    "/api/risk-meetings",
    {
      config: { access: { roles: riskMeetingReadRoles } },
      schema: {
        tags: ["risk-meetings"],
        summary: "风险研判分析会议记录（机构看全县，司法所看本所）",
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2199).optional() }),
        response: { 200: z.object({ items: z.array(meetingView) }) },
      },
    },
    async (request) => ({ items: await listOf(userOf(request), { year: request.query.year }) }),
  );

  api.post(
    "/api/risk-meetings",
    {
      config: { access: { roles: riskMeetingWriteRoles } },
      schema: {
        tags: ["risk-meetings"],
        summary:
          "登记本月风险研判分析会议：参会人员、研判对象及意见、决定事项（责任人、时限）、会议小结；每月一次",
        body: meetingBody,
        response: { 201: meetingView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const body = request.body;
      const now = app.clock.now();
      const { offices, officeId } = await meetingOffices(db, user);
      const bounds = monthBounds(body.month);
      if (body.month > cstDate(now).slice(0, 7)) throw badInput("month", "研判月份不能晚于本月");
      if (body.heldOn > cstDate(now)) throw badInput("heldOn", "会议日期不能晚于今天");
      if (body.heldOn < bounds.start) throw badInput("heldOn", "会议日期不能早于研判月份");
      if (new Set(body.attendeeIds).size !== body.attendeeIds.length)
        throw badInput("attendeeIds", "参会人员有重复");
      const attendees: Attendee[] = [];
      for (const [i, id] of body.attendeeIds.entries()) {
        const a = await ownerInCounty(k, user.county.id, id, `attendeeIds.${i}`);
        const role = await k
          .selectFrom("app_user")
          .select("role")
          .where("id", "=", a.id)
          .executeTakeFirstOrThrow();
        attendees.push({ userId: a.id, name: a.display_name, role: roleLabel[role.role] ?? role.role });
      }
      const pre = new Map((await candidates(k, offices, body.month)).map((c) => [c.subjectId, c]));
      const persons: DiscussedPerson[] = [];
      for (const [i, p] of body.persons.entries()) {
        const found = pre.get(p.subjectId);
        let name = found?.name;
        if (!found) {
          const s = await k
            .selectFrom("subject")
            .select(["name", "birth_date", "intake_date"])
            .where("id", "=", p.subjectId)
            .where("office_id", "in", offices.length ? offices : ["-"])
            .executeTakeFirst();
          if (!s) throw badInput(`persons.${i}.subjectId`, "研判对象不在本辖区");
          name = displayName(s);
        }
        persons.push({
          subjectId: p.subjectId,
          name: name!,
          reasons: found?.reasons ?? [],
          assessment: p.assessment,
        });
      }
      const decisions: Decision[] = [];
      for (const [i, d] of body.decisions.entries()) {
        const owner = await ownerInCounty(k, user.county.id, d.ownerId, `decisions.${i}.ownerId`);
        decisions.push({
          text: d.text,
          ownerId: owner.id,
          ownerName: owner.display_name,
          deadline: d.deadline,
        });
      }
      const id = await k.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("risk_meeting")
          .select("id")
          .where("county_id", "=", user.county.id)
          .where((eb) => (officeId ? eb("office_id", "=", officeId) : eb("office_id", "is", null)))
          .where("month", "=", body.month)
          .executeTakeFirst();
        if (existing) throw conflict(`${body.month} 的风险研判分析会议已登记`);
        const row = await trx
          .insertInto("risk_meeting")
          .values({
            county_id: user.county.id,
            office_id: officeId,
            month: body.month,
            held_on: body.heldOn,
            place: body.place,
            host: body.host,
            attendees: JSON.stringify(attendees),
            persons: JSON.stringify(persons),
            decisions: JSON.stringify(decisions),
            summary: body.summary,
            recorded_by: user.id,
            recorded_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: "risk_meeting.record",
          recordType: "risk_meeting",
          recordId: String(row.id),
          placeId: officeId ?? user.county.id,
          details: {
            month: body.month,
            persons: persons.map((p) => p.subjectId),
            decisions: decisions.length,
          },
        });
        return row.id;
      });
      const [view] = await listOf(user, { id });
      return reply.code(201).send(view!);
    },
  );

  api.get(
    "/api/risk-meetings/:id/minutes",
    {
      config: { access: { roles: riskMeetingReadRoles } },
      schema: {
        tags: ["risk-meetings"],
        summary: "风险研判分析会议记录（Word）；下载记入审计日志",
        produces: [DOCX],
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      if (!/^\d{1,15}$/.test(request.params.id)) throw notFound("会议记录");
      const [m] = await listOf(user, { id: Number(request.params.id) });
      if (!m) throw notFound("会议记录");
      const recorder = await k
        .selectFrom("risk_meeting")
        .innerJoin("app_user", "app_user.id", "risk_meeting.recorded_by")
        .select("app_user.display_name")
        .where("risk_meeting.id", "=", m.id)
        .executeTakeFirstOrThrow();
      const offices = new Map(
        (
          await k.selectFrom("place").select(["id", "name"]).where("parent_id", "=", user.county.id).execute()
        ).map((o) => [o.id, o.name]),
      );
      const officeOf = new Map(
        (m.persons.length
          ? await k
              .selectFrom("subject")
              .select(["id", "office_id"])
              .where(
                "id",
                "in",
                m.persons.map((p) => p.subjectId),
              )
              .execute()
          : []
        ).map((s) => [s.id, offices.get(s.office_id) ?? ""]),
      );
      const buffer = await riskMeetingDocx({
        unit: m.unit,
        month: m.month,
        heldOn: m.heldOn,
        place: m.place,
        host: m.host,
        attendees: m.attendees.map((a) => `${a.name}（${a.role}）`).join("、"),
        persons: m.persons.map((p) => ({
          name: p.name,
          office: officeOf.get(p.subjectId) ?? "",
          reasons: p.reasons.map((r) => riskReasonLabel[r] ?? r).join("、") || "其他",
          assessment: p.assessment,
        })),
        decisions: m.decisions.map((d) => ({ text: d.text, owner: d.ownerName, deadline: d.deadline })),
        summary: m.summary,
        recordedBy: recorder.display_name,
      });
      await writeAudit(k, actorOf(request), {
        action: "risk_meeting.minutes",
        recordType: "risk_meeting",
        recordId: String(m.id),
        placeId: m.officeId ?? user.county.id,
        details: { month: m.month },
      });
      const name = `${m.unit}${m.month}风险研判分析会议记录.docx`;
      return reply
        .header("content-type", DOCX)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer);
    },
  );

  api.post(
    "/api/risk-meetings/:id/decisions/:index/done",
    {
      config: { access: { roles: riskMeetingWriteRoles } },
      schema: {
        tags: ["risk-meetings"],
        summary: "办结风险研判会议的一项决定事项（责任人所在单位或召开会议的单位），写明办理情况；只办结一次",
        params: z.object({
          id: z.string().max(100).describe("会议编号"),
          index: z.string().max(10).describe("决定事项序号（从 0 起）"),
        }),
        body: z.object({ note: text("办理情况", 1000) }),
        response: { 201: meetingView },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { id, index } = request.params;
      if (!/^\d{1,15}$/.test(id) || !/^\d{1,3}$/.test(index)) throw notFound("决定事项");
      const [m] = await listOf(user, { id: Number(id), anyUnit: true });
      const decision = m?.decisions[Number(index)];
      if (!m || !decision) throw notFound("决定事项");
      // The owner's unit does it; the unit that held the meeting may close it for them. Another
      // office does not learn of the meeting.
      const ownerUnit = (await unitsOf(k, [decision.ownerId])).get(decision.ownerId);
      const unit = unitOfUser(user);
      const held = m.officeId ?? "agency";
      if (unit !== ownerUnit && unit !== held) {
        if (unit !== "agency" && !m.decisions.some((d) => d.ownerId === user.id)) throw notFound("决定事项");
        throw forbidden("该决定事项由责任人所在单位办结");
      }
      if (decision.done) throw conflict("该决定事项已办结");
      const now = app.clock.now();
      await k
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto("risk_decision_done")
            .values({
              meeting_id: m.id,
              decision_index: Number(index),
              note: request.body.note,
              done_by: user.id,
              done_at: now,
            })
            .execute();
          await writeAudit(trx, actorOf(request), {
            action: "risk_meeting.decision_done",
            recordType: "risk_meeting",
            recordId: String(m.id),
            placeId: m.officeId ?? user.county.id,
            details: { index: Number(index), text: decision.text, note: request.body.note },
          });
        })
        .catch((error: unknown) => {
          throw (error as { code?: string })?.code === "23505" ? conflict("该决定事项已办结") : error;
        });
      const [view] = await listOf(user, { id: m.id, anyUnit: true });
      return reply.code(201).send(view!);
    },
  );
}
