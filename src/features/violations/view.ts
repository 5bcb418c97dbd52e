// What a case file and the case list show: the facts, investigators, interviews, evidence, the ladder's
// proposal with its grounds and basis, the decision steps, the measure and the court clocks — with the
// Chinese labels of the glossary (the engine's codes stay in the API next to them).
import type { Kysely } from "kysely";
import { type CurrentUser, scopeOf } from "../../auth/access.ts";
import type { CourtClock } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import {
  basisText,
  caseReviewTriggerLabel,
  correctionTypeLabel,
  courtClockLabel,
  courtClockStatusLabel,
  ladderGroundLabel,
  ladderStepLabel,
  roleLabel,
  severityLabel,
  violationKindLabel,
  violationSourceLabel,
  violationStageLabel,
  violationStepLabel,
} from "../../glossary.ts";
import { cstIso } from "../../shared/time.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { ladderFor, measureId } from "./ladder.ts";
import { displayName } from "./service.ts";
import "./tables.ts";

const iso = (d: Date | null) => (d ? cstIso(d) : null);

export function clockView(c: CourtClock) {
  return {
    id: c.id,
    label: courtClockLabel[c.id] ?? c.id,
    startedAt: c.startedAt,
    dueBy: c.dueBy,
    doneAt: c.doneAt,
    status: c.status,
    statusLabel: courtClockStatusLabel[c.status] ?? c.status,
    basis: c.basis,
    basisText: basisText(c.basis),
  };
}
export type ClockView = ReturnType<typeof clockView>;

async function userNames(db: Kysely<Database>, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = wanted.length
    ? await db
        .selectFrom("app_user")
        .select(["id", "display_name", "role"])
        .where("id", "in", wanted)
        .execute()
    : [];
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.display_name, role: r.role, roleLabel: roleLabel[r.role] }]),
  );
}

/** The whole case file. */
export async function caseFile(db: Kysely<Database>, policies: CountyPolicies, caseId: string, now: Date) {
  const row = await db
    .selectFrom("violation_case")
    .selectAll()
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const [subject, office, investigators, interviews, evidence, steps, ladder, reviews] = await Promise.all([
    db
      .selectFrom("subject")
      .select([
        "id",
        "name",
        "birth_date",
        "intake_date",
        "correction_type",
        "resists_supervision",
        "resists_supervision_reason",
      ])
      .where("id", "=", row.subject_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom("place").select(["id", "name"]).where("id", "=", row.office_id).executeTakeFirstOrThrow(),
    db.selectFrom("violation_investigator").select("user_id").where("case_id", "=", caseId).execute(),
    db
      .selectFrom("violation_interview")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("violation_evidence")
      .select([
        "id",
        "description",
        "file_name",
        "content_type",
        "size_bytes",
        "sha256",
        "uploaded_at",
        "uploaded_by",
      ])
      .where("case_id", "=", caseId)
      .orderBy("uploaded_at")
      .execute(),
    db.selectFrom("violation_step").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
    ladderFor(db, policies, row.subject_id, now),
    db.selectFrom("case_review").selectAll().where("case_id", "=", caseId).orderBy("event_at").execute(),
  ]);
  const names = await userNames(db, [
    ...investigators.map((i) => i.user_id),
    ...interviews.flatMap((i) => [i.asked_by, i.recorded_by]),
    ...steps.map((s) => s.by_user),
    row.proposed_by,
    row.signed_by,
    row.approved_by,
    ...reviews.flatMap((r) => [r.office_by, r.agency_by]),
  ]);
  const person = (id: string | null) => (id ? (names.get(id) ?? null) : null);

  // `because` names cases (violations) and their measures: label each by kind and date.
  const others = await db
    .selectFrom("violation_case")
    .select(["id", "kind", "occurred_at", "proposed_measure", "approved_at"])
    .where("subject_id", "=", row.subject_id)
    .execute();
  const labelOf = (id: string) => {
    for (const c of others) {
      if (c.id === id)
        return `${violationKindLabel[c.kind] ?? c.kind}（${cstIso(c.occurred_at).slice(0, 10)}）`;
      if (measureId(c.id) === id && c.proposed_measure && c.approved_at)
        return `${ladderStepLabel[c.proposed_measure]}（${cstIso(c.approved_at).slice(0, 10)}）`;
    }
    return id;
  };
  const lastReturn = [...steps].reverse().find((s) => s.step === "returned");

  return {
    id: row.id,
    subject: {
      id: subject.id,
      name: displayName(subject),
      correctionType: subject.correction_type,
      correctionTypeLabel: correctionTypeLabel[subject.correction_type],
      resistsSupervision: subject.resists_supervision,
      resistsSupervisionReason: subject.resists_supervision_reason,
    },
    office: { id: office.id, name: office.name },
    source: row.source,
    sourceLabel: violationSourceLabel[row.source] ?? row.source,
    alertId: row.alert_id,
    kind: row.kind,
    kindLabel: violationKindLabel[row.kind] ?? row.kind,
    severity: row.severity,
    severityLabel: row.severity ? severityLabel[row.severity] : null,
    days: row.days,
    occurredAt: cstIso(row.occurred_at),
    facts: row.facts,
    stage: row.stage,
    stageLabel: violationStageLabel[row.stage] ?? row.stage,
    openedAt: cstIso(row.opened_at),
    investigators: investigators.map((i) => person(i.user_id)!).filter(Boolean),
    interviews: interviews.map((i) => ({
      id: i.id,
      interviewee: i.interviewee,
      at: cstIso(i.at),
      place: i.place,
      askedBy: person(i.asked_by),
      recordedBy: person(i.recorded_by),
      content: i.content,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      description: e.description,
      fileName: e.file_name,
      contentType: e.content_type,
      sizeBytes: e.size_bytes,
      sha256: e.sha256,
      uploadedAt: cstIso(e.uploaded_at),
    })),
    proposal: {
      step: ladder.proposal.step,
      stepLabel: ladderStepLabel[ladder.proposal.step] ?? ladder.proposal.step,
      because: ladder.proposal.because.map((id) => ({ id, label: labelOf(id) })),
      basis: ladder.proposal.basis,
      basisText: ladder.proposal.basis ? basisText(ladder.proposal.basis) : null,
      grounds: ladder.grounds.map((g) => ({
        ground: g.ground,
        label: ladderGroundLabel[g.ground] ?? g.ground,
      })),
    },
    decision: {
      measure: row.proposed_measure,
      measureLabel: row.proposed_measure ? ladderStepLabel[row.proposed_measure] : null,
      engineStep: row.engine_step,
      engineStepLabel: row.engine_step ? (ladderStepLabel[row.engine_step] ?? row.engine_step) : null,
      engineBasis: row.engine_basis,
      engineBasisText: row.engine_basis ? basisText(row.engine_basis) : null,
      engineGrounds: (row.engine_grounds ?? []).map((g) => ({ ground: g, label: ladderGroundLabel[g] ?? g })),
      reason: row.proposal_reason,
      proposedBy: person(row.proposed_by),
      proposedAt: iso(row.proposed_at),
      signedBy: person(row.signed_by),
      signedAt: iso(row.signed_at),
      approvedBy: person(row.approved_by),
      approvedAt: iso(row.approved_at),
      returnReasons: row.stage === "returned" ? (lastReturn?.note ?? null) : null,
    },
    corrected: row.corrected,
    correctedNote: row.corrected_note,
    court: row.court_requested_at
      ? {
          requestedAt: cstIso(row.court_requested_at),
          arrestRequested: row.arrest_requested ?? false,
          arrestDecidedAt: iso(row.arrest_decided_at),
          detainedAt: iso(row.detained_at),
          ruledAt: iso(row.ruled_at),
        }
      : null,
    clocks: (ladder.clocksByCase.get(row.id) ?? []).map(clockView),
    reviews: reviews.map((r) => {
      const done = r.office_text !== null && r.agency_text !== null;
      return {
        id: r.id,
        trigger: r.trigger,
        triggerLabel: caseReviewTriggerLabel[r.trigger] ?? r.trigger,
        eventAt: cstIso(r.event_at),
        dueDate: r.due_date,
        status: done ? "done" : cstIso(now).slice(0, 10) > r.due_date ? "overdue" : "open",
        basis: "seed 000 §十一",
        basisText: basisText("seed 000 §十一"),
        officeText: r.office_text,
        officeBy: person(r.office_by),
        officeAt: iso(r.office_at),
        agencyText: r.agency_text,
        agencyBy: person(r.agency_by),
        agencyAt: iso(r.agency_at),
      };
    }),
    steps: steps.map((s) => ({
      step: s.step,
      label: violationStepLabel[s.step] ?? s.step,
      by: person(s.by_user),
      at: cstIso(s.at),
      note: s.note,
    })),
  };
}
export type CaseFile = Awaited<ReturnType<typeof caseFile>>;

/** The cases a user may see (the office's, or the county's for the agency and the procuratorate). */
export async function listCases(
  db: Kysely<Database>,
  policies: CountyPolicies,
  user: CurrentUser,
  filter: { stage: "open" | "all" | string; subjectId?: string | undefined },
  now: Date,
) {
  const scope = scopeOf(user);
  let query = db
    .selectFrom("violation_case")
    .innerJoin("subject", "subject.id", "violation_case.subject_id")
    .innerJoin("place", "place.id", "violation_case.office_id")
    .select([
      "violation_case.id",
      "violation_case.subject_id",
      "violation_case.kind",
      "violation_case.stage",
      "violation_case.occurred_at",
      "violation_case.proposed_measure",
      "violation_case.court_requested_at",
      "violation_case.corrected",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "place.id as office_id",
      "place.name as office_name",
    ]);
  switch (scope.kind) {
    case "county":
      query = query.where("violation_case.county_id", "=", scope.countyId);
      break;
    case "office":
      query = query
        .where("violation_case.county_id", "=", scope.countyId)
        .where("violation_case.office_id", "=", scope.officeId);
      break;
    default:
      return [];
  }
  if (filter.subjectId) query = query.where("violation_case.subject_id", "=", filter.subjectId);
  if (filter.stage === "open")
    query = query.where((eb) =>
      eb.or([
        eb("violation_case.stage", "!=", "approved"),
        eb.and([
          eb("violation_case.court_requested_at", "is not", null),
          eb("violation_case.ruled_at", "is", null),
        ]),
      ]),
    );
  else if (filter.stage !== "all") query = query.where("violation_case.stage", "=", filter.stage as never);
  const rows = await query
    .orderBy("violation_case.occurred_at", "desc")
    .orderBy("violation_case.id")
    .limit(500)
    .execute();

  const clocksBySubject = new Map<string, Map<string, CourtClock[]>>();
  for (const subjectId of new Set(rows.filter((r) => r.court_requested_at).map((r) => r.subject_id)))
    clocksBySubject.set(subjectId, (await ladderFor(db, policies, subjectId, now)).clocksByCase);
  return rows.map((r) => ({
    id: r.id,
    subject: { id: r.subject_id, name: displayName(r) },
    office: { id: r.office_id, name: r.office_name },
    kind: r.kind,
    kindLabel: violationKindLabel[r.kind] ?? r.kind,
    occurredAt: cstIso(r.occurred_at),
    stage: r.stage,
    stageLabel: violationStageLabel[r.stage] ?? r.stage,
    measure: r.proposed_measure,
    measureLabel: r.proposed_measure ? ladderStepLabel[r.proposed_measure] : null,
    corrected: r.corrected,
    clocks: (clocksBySubject.get(r.subject_id)?.get(r.id) ?? []).map(clockView),
  }));
}
