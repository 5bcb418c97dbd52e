// The book of one subject: every section in the paper book's order with its author roles, its
// versions, and its deadline and status from the rules engine (never recomputed here); the
// classification proposal and decisions; the team's feedback forms. Saving a section checks the
// author's role and the version edited (a stale save is refused, never lost silently), keeps the
// engine's facts up to date, and records completion as a `book_section` case event — all in one
// transaction with its audit row.
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { PolicyProfile } from "../../core/index.ts";
import type { Database, Level, Role } from "../../db/schema.ts";
import {
  basisText,
  bookStateLabel,
  calendarWarningText,
  criterionLabel,
  endKindLabel,
  levelLabel,
  levelProposalText,
  roleLabel,
  sectionStatusLabel,
} from "../../glossary.ts";
import { ApiError, badInput, conflict, forbidden, notFound } from "../../http/errors.ts";
import { MASKED_BIRTH_DATE } from "../../shared/id-number.ts";
import { cstDate, cstIso } from "../../shared/time.ts";
import { handoverClock } from "../intake/clock.ts";
import { subjectDocuments, toDocumentView } from "../intake/queries.ts";
import "../intake/tables.ts";
import { type CountyPolicies, countyWorkingRules } from "../policy/county-policy.ts";
import { bookClosure, sectionWritable } from "../release/closure.ts";
import "../release/tables.ts";
import { evaluateSubjects } from "../rules/case-facts.ts";
import { findSubject } from "../subjects/queries.ts";
import { headTakesKeyPerson } from "../subjects/responsible.ts";
import { isMinorSubject, type SubjectRowWithPlaces, toListItem } from "../subjects/view.ts";
import { evidenceText } from "./evidence.ts";
import {
  contentSchema,
  isFilled,
  SECTIONS,
  type SectionDef,
  sectionById,
  type TeamMember,
} from "./sections.ts";
import { teamProblems } from "./team.ts";

export type SectionStatus = "met" | "open" | "overdue" | "late" | "done" | "not_due" | "not_applicable";

const statusRank: Record<string, number> = { overdue: 5, open: 4, late: 3, met: 2, done: 1 };

export interface VersionView {
  version: number;
  complete: boolean;
  authorName: string;
  authorRole: string;
  authorRoleLabel: string;
  at: string;
  changed: string[];
  note: string | null;
}

export interface EntryView {
  entry: string;
  version: number;
  content: Record<string, unknown>;
  complete: boolean;
  completedAt: string | null;
  updatedAt: string;
  updatedBy: string;
  history: VersionView[];
}

function fieldLabels(section: SectionDef, names: string[]): string[] {
  return names.map((name) =>
    name === "members" ? "矫正小组成员" : (section.fields.find((f) => f.name === name)?.label ?? name),
  );
}

/** Names of the fields whose value differs between two contents. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => JSON.stringify(before[n] ?? null) !== JSON.stringify(after[n] ?? null))
    .sort();
}

/**
 * The period an evaluation covers, in words: the initial one the first months after intake, a
 * quarterly one its calendar quarter, an annual one its year of the term (seed 000 §十).
 */
export function evaluationPeriod(
  section: string,
  periodEnd: string | undefined,
  intakeDate: string,
  profile: PolicyProfile,
): string | null {
  if (!periodEnd) return null;
  if (section === "initial_evaluation")
    return `初期（入矫满${profile.book.initial_evaluation.afterIntakeMonths}个月：${intakeDate} 至 ${periodEnd}）`;
  if (section === "quarterly_evaluation") {
    const month = Number(periodEnd.slice(5, 7));
    const quarter = Math.ceil(month / 3);
    const start = `${periodEnd.slice(0, 4)}-${String(quarter * 3 - 2).padStart(2, "0")}-01`;
    return `${periodEnd.slice(0, 4)}年第${quarter}季度（${start} 至 ${periodEnd}）`;
  }
  if (section === "annual_evaluation") {
    const years = Number(periodEnd.slice(0, 4)) - Number(intakeDate.slice(0, 4));
    return `入矫第${years}年（至 ${periodEnd}）`;
  }
  return null;
}

export async function loadBook(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  subjectId: string,
  now: Date,
) {
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  const policy = await policies.forCounty(subject.county_id);
  const today = cstDate(now);
  const isMinor = isMinorSubject(subject);
  const [evaluation, versions, decisions, handover, docs, feedback, bookEvents, end] = await Promise.all([
    evaluateSubjects(db, [subject.id], now, policies),
    db
      .selectFrom("book_section_version")
      .selectAll()
      .where("subject_id", "=", subject.id)
      .orderBy("section")
      .orderBy("entry")
      .orderBy("version")
      .execute(),
    db
      .selectFrom("level_decision")
      .leftJoin("app_user", "app_user.id", "level_decision.decided_by")
      .select([
        "level_decision.from_date",
        "level_decision.level",
        "level_decision.reason",
        "level_decision.created_at",
        "app_user.display_name",
      ])
      .where("level_decision.subject_id", "=", subject.id)
      .orderBy("level_decision.from_date")
      .orderBy("level_decision.id")
      .execute(),
    db.selectFrom("handover").selectAll().where("subject_id", "=", subject.id).executeTakeFirst(),
    subjectDocuments(db, subject.id),
    db
      .selectFrom("case_event")
      .leftJoin("app_user", "app_user.id", "case_event.recorded_by")
      .select([
        "case_event.id",
        "case_event.at",
        "case_event.kind",
        "case_event.data",
        "app_user.display_name",
      ])
      .where("case_event.subject_id", "=", subject.id)
      .where("case_event.type", "=", "feedback_form")
      .orderBy("case_event.at", "desc")
      .limit(60)
      .execute(),
    db
      .selectFrom("case_event")
      .select(["kind", "at"])
      .where("subject_id", "=", subject.id)
      .where("type", "=", "book_section")
      .orderBy("at")
      .execute(),
    db
      .selectFrom("case_end")
      .select(["kind", "end_date", "book_closes_on"])
      .where("subject_id", "=", subject.id)
      .executeTakeFirst(),
  ]);
  const closure = bookClosure(
    subject,
    end ?? null,
    today,
    await countyWorkingRules(policies, subject.county_id),
  );
  const evaluated = evaluation.get(subject.id);
  const result = evaluated?.ok ? evaluated.result : null;

  const entriesBySection = new Map<string, Map<string, typeof versions>>();
  for (const v of versions) {
    const bySection = entriesBySection.get(v.section) ?? new Map();
    const list = bySection.get(v.entry) ?? [];
    list.push(v);
    bySection.set(v.entry, list);
    entriesBySection.set(v.section, bySection);
  }

  const sections = SECTIONS.map((section) => {
    const fields = section.fields.filter((f) => !f.juvenileOnly || isMinor);
    const deadlines = (result?.deadlines ?? [])
      .filter((d) => d.section === section.id)
      .map((d) => ({
        dueBy: d.dueBy,
        dueDate: d.dueBy.slice(0, 10),
        /** A recurring evaluation's period in words (初期、某季度、某年度), null for other sections. */
        period: evaluationPeriod(section.id, d.periodEnd, subject.intake_date, policy.profile),
        doneAt: d.doneAt,
        status: d.status,
        statusLabel: sectionStatusLabel[d.status] ?? d.status,
        basis: basisText(d.basis),
      }));
    const bySection = entriesBySection.get(section.id) ?? new Map<string, typeof versions>();
    const entries: EntryView[] = [...bySection.entries()].map(([entry, list]) => {
      const latest = list.at(-1)!;
      const firstComplete = list.find((v) => v.complete);
      return {
        entry,
        version: latest.version,
        content: latest.content,
        complete: latest.complete,
        completedAt: firstComplete ? cstIso(firstComplete.created_at) : null,
        updatedAt: cstIso(latest.created_at),
        updatedBy: latest.author_name,
        history: list
          .map((v) => ({
            version: v.version,
            complete: v.complete,
            authorName: v.author_name,
            authorRole: v.author_role,
            authorRoleLabel: roleLabel[v.author_role as Role] ?? v.author_role,
            at: cstIso(v.created_at),
            changed: fieldLabels(section, v.changed),
            note: v.note,
          }))
          .reverse(),
      };
    });
    const doneEvents = bookEvents.filter((e) => e.kind === section.id).map((e) => cstIso(e.at));
    let status: SectionStatus | null = null;
    if (section.engine) {
      if (deadlines.length > 0)
        status = deadlines.reduce(
          (worst, d) => ((statusRank[d.status] ?? 0) > (statusRank[worst] ?? 0) ? d.status : worst),
          deadlines[0]!.status as SectionStatus,
        );
      else if (doneEvents.length > 0) status = "done";
      else status = result?.book.applies ? "not_due" : "not_applicable";
    } else if (entries.length > 0) status = "done";
    const team =
      section.id === "team_formed"
        ? teamProblems(
            ((entries[0]?.content.members as TeamMember[] | undefined) ?? []) as TeamMember[],
            { gender: subject.gender, isMinor },
            policy.profile.team,
          )
        : null;
    return {
      id: section.id,
      label: section.label,
      paragraph: section.paragraph,
      shape: section.shape,
      authors: section.authors.map((role) => ({ role, label: roleLabel[role] })),
      canWrite: section.authors.includes(user.role) && sectionWritable(closure.state, section.id),
      fields: fields.map((f) => ({ ...f, required: section.required.includes(f.name) })),
      status,
      statusLabel: status ? (sectionStatusLabel[status] ?? status) : null,
      deadlines,
      doneEvents,
      entries,
      teamProblems: team,
    };
  });

  const psych = entriesBySection.get("psych_evaluation")?.get("main")?.at(-1);
  const reminder =
    typeof psych?.content.specialReminder === "string" ? psych.content.specialReminder.trim() : "";
  const keyOverride = subject.key_override;
  return {
    subject: {
      ...toListItem(subject, today),
      birthDate: isMinor ? MASKED_BIRTH_DATE : subject.birth_date,
      riskLevel: subject.risk_level,
    },
    row: subject,
    asOf: cstIso(now),
    specialReminder: reminder || null,
    closure: {
      ...closure,
      endKind: end?.kind ?? null,
      endKindLabel: end ? endKindLabel[end.kind] : null,
      stateLabel: bookStateLabel[closure.state],
    },
    book: result
      ? { applies: result.book.applies, since: result.book.since, basis: basisText(result.book.basis) }
      : null,
    engineProblem: evaluated && !evaluated.ok ? evaluated.problem : null,
    /** Years whose holidays were derived (no State Council notice loaded): the deadlines are provisional. */
    calendarWarnings: (result?.warnings ?? []).map((w) => calendarWarningText(w.year)),
    registration: {
      bookNumber: subject.book_number,
      intakeDate: subject.intake_date,
      decidingOrgan: subject.deciding_organ,
      judgmentNumber: subject.judgment_number,
      judgmentEffectiveDate: subject.judgment_effective_date,
      sentenceText: subject.sentence_text,
      noticeNumber: handover?.notice_number ?? null,
      registeredAt: handover?.registered_at ? cstIso(handover.registered_at) : null,
      clock: handover?.registered_at
        ? handoverClock(
            handover.judgment_effective_date,
            handover.correction_type,
            cstDate(handover.registered_at),
            today,
            policy.profile,
          )
        : null,
      documents: docs.map(toDocumentView),
    },
    sections,
    classification: {
      proposedKey: result?.classification.proposedKey ?? false,
      criteria: (result?.classification.criteria ?? []).map((c) => ({
        id: c.id,
        label: criterionLabel[c.id] ?? c.id,
        basis: basisText(c.basis),
        evidence: evidenceText(c.evidence),
      })),
      decidedLevel: subject.level,
      decidedLevelLabel: levelLabel[subject.level],
      mismatch: result?.classification.mismatch ?? false,
      keyOverride: keyOverride ? { key: keyOverride.key, reason: keyOverride.reason } : null,
      canDecide: user.role === "office_head" && subject.status === "in_correction",
      decisions: decisions.map((d) => ({
        fromDate: d.from_date,
        level: d.level,
        levelLabel: levelLabel[d.level],
        reason: d.reason,
        decidedBy: d.display_name,
        at: cstIso(d.created_at),
      })),
    },
    feedbackForms: feedback.map((f) => {
      const d = f.data as Record<string, unknown>;
      const text = (key: string) => (typeof d[key] === "string" && d[key] ? String(d[key]) : null);
      const parts = [
        text("situation") ?? text("summary"),
        text("risks") ? `风险或异常：${text("risks")}` : null,
        text("suggestions") ? `建议：${text("suggestions")}` : null,
      ].filter((part): part is string => part !== null);
      return {
        id: f.id,
        month: f.kind,
        at: cstIso(f.at),
        by: text("memberName") ?? f.display_name,
        summary: parts.join("；"),
      };
    }),
  };
}

export type Book = Awaited<ReturnType<typeof loadBook>>;

export interface SaveSection {
  entry: string;
  baseVersion: number;
  content: Record<string, unknown>;
  complete: boolean;
  note?: string | null;
}

/** Facts of the subject the rules engine reads, kept up to date from the sections that establish them. */
function subjectFacts(section: string, c: Record<string, unknown>): Record<string, unknown> {
  const pick = (pairs: Array<[string, string]>) => {
    const out: Record<string, unknown> = {};
    for (const [from, to] of pairs) if (c[from] !== undefined && c[from] !== "") out[to] = c[from];
    return out;
  };
  if (section === "basic_info")
    return pick([
      ["phone", "phone"],
      ["address", "address"],
      ["education", "education"],
      ["occupation", "occupation"],
      ["stableResidence", "stable_residence"],
      ["stableIncome", "stable_income"],
    ]);
  if (section === "intake_evaluation")
    return pick([
      ["riskLevel", "risk_level"],
      ["priorConvictions", "prior_convictions"],
      ["priorBadRecords", "prior_bad_records"],
      ["familyIncomplete", "family_incomplete"],
    ]);
  if (section === "psych_evaluation")
    return pick([
      ["emotionalInstability", "emotional_instability"],
      ["rebellious", "rebellious"],
    ]);
  return {};
}

export async function saveSection(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  sectionId: string,
  body: SaveSection,
  now: Date,
) {
  const section = sectionById.get(sectionId);
  if (!section) throw notFound("工作记录本章节");
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  if (!section.authors.includes(user.role))
    throw forbidden(
      `“${section.label}”由${section.authors.map((r) => roleLabel[r]).join("或")}填写，您可以查看但不能修改`,
    );
  const end = await db
    .selectFrom("case_end")
    .select(["end_date", "book_closes_on"])
    .where("subject_id", "=", subject.id)
    .executeTakeFirst();
  const closure = bookClosure(
    subject,
    end ?? null,
    cstDate(now),
    await countyWorkingRules(policies, subject.county_id),
  );
  if (!sectionWritable(closure.state, section.id))
    throw conflict(
      closure.state === "release_analysis"
        ? `该对象已解除矫正，工作记录本只能填写“解矫分析总结”（至 ${closure.closesOn}）`
        : `该对象已解除或终止矫正，工作记录本已于 ${closure.closesOn} 封存，不能再修改`,
    );
  if (section.shape === "one_off" && body.entry !== "main") throw badInput("entry", "本部分只有一份记录");
  if (section.shape !== "one_off" && !/^[\w-]{1,40}$/.test(body.entry))
    throw badInput("entry", "记录编号只能包含字母、数字、下划线和连字符");

  const parsed = contentSchema(section).safeParse(body.content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ["content", ...issue.path.map(String)].join(".");
    throw badInput(field, issue.message);
  }
  const content = parsed.data as Record<string, unknown>;
  const isMinor = isMinorSubject(subject);
  if (body.complete) {
    for (const name of section.required) {
      if (!isFilled(content[name])) {
        const label = section.fields.find((f) => f.name === name)?.label ?? name;
        throw badInput(`content.${name}`, `标记完成前请填写“${label}”`);
      }
    }
    if (section.id === "team_formed") {
      const problems = teamProblems(
        (content.members as TeamMember[] | undefined) ?? [],
        { gender: subject.gender, isMinor },
        (await policies.forCounty(subject.county_id)).profile.team,
      );
      if (problems.length > 0)
        throw badInput(problems[0]!.field, `${problems[0]!.message}（${basisText(problems[0]!.basis)}）`);
    }
  }

  try {
    return await db.transaction().execute(async (trx) => {
      const previous = await trx
        .selectFrom("book_section_version")
        .select(["version", "content", "complete"])
        .where("subject_id", "=", subject.id)
        .where("section", "=", section.id)
        .where("entry", "=", body.entry)
        .orderBy("version", "desc")
        .limit(1)
        .executeTakeFirst();
      const current = previous?.version ?? 0;
      if (body.baseVersion !== current) throw staleVersion();
      const changed = changedFields(previous?.content ?? {}, content);
      if (previous && changed.length === 0 && previous.complete === body.complete)
        throw badInput("content", "内容没有变化，无需保存");
      const version = current + 1;
      await trx
        .insertInto("book_section_version")
        .values({
          subject_id: subject.id,
          section: section.id,
          entry: body.entry,
          version,
          content: JSON.stringify(content),
          complete: body.complete,
          changed: JSON.stringify(changed),
          note: body.note?.trim() || null,
          author_id: user.id,
          author_name: user.displayName,
          author_role: user.role,
          created_at: now,
        })
        .execute();
      // First completion of this entry: the rules engine now sees the section as done.
      const wasComplete = await trx
        .selectFrom("book_section_version")
        .select("id")
        .where("subject_id", "=", subject.id)
        .where("section", "=", section.id)
        .where("entry", "=", body.entry)
        .where("complete", "=", true)
        .where("version", "<", version)
        .executeTakeFirst();
      const completedNow = body.complete && !wasComplete;
      if (completedNow && section.engine) {
        await trx
          .insertInto("case_event")
          .values({
            subject_id: subject.id,
            office_id: subject.office_id,
            type: "book_section",
            at: now,
            kind: section.id,
            by_role: user.role,
            data: JSON.stringify({ entry: body.entry, version, summary: section.label }),
            recorded_by: user.id,
            recorded_at: now,
          })
          .execute();
      }
      const facts = subjectFacts(section.id, content);
      if (Object.keys(facts).length > 0) {
        await trx
          .updateTable("subject")
          .set((eb) => ({ ...facts, version: eb("version", "+", 1), updated_at: now }))
          .where("id", "=", subject.id)
          .execute();
      }
      await writeAudit(trx, actor, {
        action: "book.section_save",
        recordType: "book_section",
        recordId: `${subject.id}/${section.id}/${body.entry}`,
        subjectId: subject.id,
        placeId: subject.office_id,
        details: { section: section.id, entry: body.entry, version, complete: body.complete, changed },
      });
      return { section: section.id, entry: body.entry, version, complete: body.complete, completedNow };
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "23505") throw staleVersion();
    throw error;
  }
}

const staleVersion = () =>
  new ApiError(409, "stale_version", "这一部分已被他人修改，您的内容尚未保存：请对照最新版本合并后再保存");

export interface LevelDecisionBody {
  level: Level;
  fromDate: string;
  reason?: string | null;
}

/** The office head decides the level; against the engine's proposal only with a written reason. */
export async function decideLevel(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  actor: Actor,
  subjectId: string,
  body: LevelDecisionBody,
  now: Date,
) {
  const subject = await findSubject(db, user, subjectId);
  if (!subject) throw notFound("社区矫正对象");
  if (subject.status !== "in_correction") throw conflict("该对象已解除或终止矫正，不能调整管理等级");
  const today = cstDate(now);
  if (
    body.level === "lenient" &&
    !(await policies.forOffice(subject.office_id)).profile.levels.lenientEnabled
  )
    throw badInput("level", "本县规则未启用宽管等级");
  if (body.fromDate > today) throw badInput("fromDate", "生效日期不能晚于今天");
  if (body.fromDate < subject.intake_date)
    throw badInput("fromDate", `生效日期不能早于入矫日期（${subject.intake_date}）`);
  const evaluated = (await evaluateSubjects(db, [subject.id], now, policies)).get(subject.id);
  const proposedKey = evaluated?.ok ? evaluated.result.classification.proposedKey : false;
  const decidesKey = body.level === "key";
  const reason = body.reason?.trim() ?? "";
  const against = proposedKey !== decidesKey;
  // The first decision after registration: departing from the level registration proposed needs a
  // reason too.
  if (subject.level_pending && body.level !== subject.level && reason.length < 4)
    throw badInput(
      "reason",
      levelProposalText.reasonRequired(levelLabel[subject.level as Level] ?? subject.level),
    );
  if (against && reason.length < 4)
    throw badInput(
      "reason",
      proposedKey
        ? "规则引擎建议列为重点人员；不列为重点人员须写明理由（至少4个字）"
        : "规则引擎未建议列为重点人员；列为重点人员须写明理由（至少4个字）",
    );
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("level_decision")
      .select(["from_date"])
      .where("subject_id", "=", subject.id)
      .orderBy("from_date", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (last && body.fromDate < last.from_date)
      throw badInput("fromDate", `生效日期不能早于上一次等级决定的日期（${last.from_date}）`);
    await trx
      .insertInto("level_decision")
      .values({
        subject_id: subject.id,
        from_date: body.fromDate,
        level: body.level,
        reason: reason || `决定为${levelLabel[body.level]}`,
        decided_by: user.id,
        created_at: now,
      })
      .execute();
    const keyOverride = against ? JSON.stringify({ key: decidesKey, reason }) : null;
    await trx
      .updateTable("subject")
      .set((eb) => ({
        level: body.level,
        key_override: keyOverride,
        level_pending: false,
        version: eb("version", "+", 1),
        updated_at: now,
      }))
      .where("id", "=", subject.id)
      .execute();
    await writeAudit(trx, actor, {
      action: "book.level_decision",
      recordType: "level_decision",
      recordId: subject.id,
      subjectId: subject.id,
      placeId: subject.office_id,
      details: {
        level: body.level,
        fromDate: body.fromDate,
        proposedKey,
        against,
        reason,
        initial: subject.level_pending,
      },
    });
    // A key person's responsible worker is the office head (seed 000 §九.3(4)).
    if (decidesKey)
      await headTakesKeyPerson(trx, actor, {
        id: subject.id,
        officeId: subject.office_id,
        responsibleUserId: subject.responsible_user_id,
      });
    return { level: body.level, levelLabel: levelLabel[body.level], against };
  });
}

export type { SubjectRowWithPlaces };
