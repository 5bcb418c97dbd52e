// The agency's yearly review of the books (seed 000 §十二): books reviewed by another office (互查互评),
// centrally by the agency (集中评查) or drawn at random (随机抽查) with a recorded seed — the same
// `drawSample` (sha256("<seed>:<id>"), smallest first) as the visit samples, so the pick can be
// repeated by anyone. Each review scores the book's sections 0–100 with remarks; the results are
// summed per office. Excellent cases (优秀案例) are marked with a reason and compiled into a booklet.
import type { Kysely } from "kysely";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { reviewMethodLabel } from "../../glossary.ts";
import { ApiError, badInput, conflict, notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { cstIso } from "../../shared/time.ts";
import { sectionById } from "../book/sections.ts";
import { findSubject } from "../subjects/queries.ts";
import { isMinorSubject, type SubjectRowWithPlaces } from "../subjects/view.ts";
import { drawSample, newSeed } from "../supervision/sampling.ts";
import type { ReviewMethod } from "./tables.ts";
import "./tables.ts";

/** The books of a county under review for a year: numbered, and under correction at some time of it. */
export async function reviewPopulation(
  db: Kysely<Database>,
  countyId: string,
  year: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("subject")
    .select("id")
    .where("county_id", "=", countyId)
    .where("book_number", "is not", null)
    .where("intake_date", "<=", `${year}-12-31`)
    .where((eb) => eb.or([eb("release_date", "is", null), eb("release_date", ">=", `${year}-01-01`)]))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Draws the year's random sample once per county (a second draw is refused: the first stands). */
export async function drawReviewSample(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  year: number,
  count: number,
  now: Date,
) {
  const population = await reviewPopulation(db, user.county.id, year);
  if (count > population.length)
    throw badInput("count", `抽查数量不能超过当年的工作记录本数量（${population.length} 本）`);
  const seed = newSeed();
  const picked = drawSample(population, count, seed);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("book_review_sample")
      .values({
        county_id: user.county.id,
        year,
        seed,
        population: JSON.stringify(population),
        count,
        picked: JSON.stringify(picked),
        drawn_by: user.id,
        drawn_at: now,
      })
      .onConflict((oc) => oc.columns(["county_id", "year"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict(`${year} 年的随机抽查名单已抽取，不能重新抽取`);
    await writeAudit(trx, actor, {
      action: "review.sample_draw",
      recordType: "book_review_sample",
      recordId: String(row.id),
      placeId: user.county.id,
      details: { year, seed, count, populationSize: population.length, picked },
    });
    return { year, seed, count, population, picked };
  });
}

export interface ReviewBody {
  year: number;
  subjectId: string;
  method: ReviewMethod;
  reviewerOfficeId?: string | null;
  scores: Record<string, number>;
  remarks?: Record<string, string>;
  overall?: string | null;
}

export async function recordReview(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  body: ReviewBody,
  now: Date,
) {
  const subject = await findSubject(db, user, body.subjectId);
  if (!subject?.book_number) throw notFound("工作记录本");
  const population = await reviewPopulation(db, user.county.id, body.year);
  if (!population.includes(subject.id))
    throw badInput("subjectId", `该工作记录本不在 ${body.year} 年的评查范围内`);
  for (const section of Object.keys(body.scores))
    if (!sectionById.has(section)) throw badInput(`scores.${section}`, "没有这一部分");
  for (const section of Object.keys(body.remarks ?? {}))
    if (!sectionById.has(section)) throw badInput(`remarks.${section}`, "没有这一部分");
  const values = Object.values(body.scores);
  if (values.length === 0) throw badInput("scores", "请至少为一个部分评分");
  if (body.method === "mutual") {
    if (!body.reviewerOfficeId) throw badInput("reviewerOfficeId", "互查互评须写明评查的司法所");
    if (body.reviewerOfficeId === subject.office_id)
      throw badInput("reviewerOfficeId", "互查互评由其他司法所评查，不能评查本所的工作记录本");
    const office = await db
      .selectFrom("place")
      .select("id")
      .where("id", "=", body.reviewerOfficeId)
      .where("parent_id", "=", user.county.id)
      .where("kind", "=", "office")
      .executeTakeFirst();
    if (!office) throw badInput("reviewerOfficeId", "没有这个司法所");
  } else if (body.reviewerOfficeId) {
    throw badInput("reviewerOfficeId", "只有互查互评须写明评查的司法所");
  }
  if (body.method === "random") {
    const sample = await db
      .selectFrom("book_review_sample")
      .select("picked")
      .where("county_id", "=", user.county.id)
      .where("year", "=", body.year)
      .executeTakeFirst();
    if (!sample) throw badInput("method", `${body.year} 年的随机抽查名单尚未抽取`);
    if (!sample.picked.includes(subject.id)) throw badInput("subjectId", "该工作记录本不在随机抽查名单中");
  }
  const total = Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("book_review")
        .values({
          county_id: user.county.id,
          year: body.year,
          subject_id: subject.id,
          office_id: subject.office_id,
          method: body.method,
          reviewer_office_id: body.reviewerOfficeId ?? null,
          scores: JSON.stringify(body.scores),
          remarks: JSON.stringify(body.remarks ?? {}),
          total,
          overall: body.overall?.trim() || null,
          reviewed_by: user.id,
          reviewed_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: "review.record",
        recordType: "book_review",
        recordId: String(row.id),
        subjectId: subject.id,
        placeId: subject.office_id,
        details: { year: body.year, method: body.method, total },
      });
      return { id: Number(row.id), total };
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "23505")
      throw new ApiError(409, "already_reviewed", "该工作记录本本年度已按此方式评查");
    throw error;
  }
}

export async function markExcellent(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  body: { year: number; subjectId: string; reason: string },
  now: Date,
) {
  const subject = await findSubject(db, user, body.subjectId);
  if (!subject?.book_number) throw notFound("工作记录本");
  const population = await reviewPopulation(db, user.county.id, body.year);
  if (!population.includes(subject.id))
    throw badInput("subjectId", `该工作记录本不在 ${body.year} 年的评查范围内`);
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("excellent_case")
        .values({
          year: body.year,
          subject_id: subject.id,
          county_id: user.county.id,
          reason: body.reason.trim(),
          marked_by: user.id,
          marked_at: now,
        })
        .execute();
      await writeAudit(trx, actor, {
        action: "review.excellent",
        recordType: "excellent_case",
        recordId: `${body.year}/${subject.id}`,
        subjectId: subject.id,
        placeId: subject.office_id,
        details: { year: body.year, reason: body.reason.trim() },
      });
      return { year: body.year, subjectId: subject.id };
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "23505") throw conflict("该案例本年度已评为优秀案例");
    throw error;
  }
}

const displayName = (row: { name: string; birth_date: string; intake_date: string }) =>
  isMinorSubject(row as SubjectRowWithPlaces) ? maskName(row.name) : row.name;

/** The year's review of a county: the sample, every review, the results per office, the excellent cases. */
export async function yearReview(db: Kysely<Database>, user: CurrentUser, year: number) {
  const countyId = user.county.id;
  const [sample, reviews, excellent, offices] = await Promise.all([
    db
      .selectFrom("book_review_sample")
      .leftJoin("app_user", "app_user.id", "book_review_sample.drawn_by")
      .selectAll("book_review_sample")
      .select("app_user.display_name")
      .where("book_review_sample.county_id", "=", countyId)
      .where("book_review_sample.year", "=", year)
      .executeTakeFirst(),
    db
      .selectFrom("book_review")
      .innerJoin("subject", "subject.id", "book_review.subject_id")
      .innerJoin("place as office", "office.id", "book_review.office_id")
      .leftJoin("place as reviewer", "reviewer.id", "book_review.reviewer_office_id")
      .select([
        "book_review.id",
        "book_review.subject_id",
        "book_review.office_id",
        "book_review.method",
        "book_review.scores",
        "book_review.remarks",
        "book_review.total",
        "book_review.overall",
        "book_review.reviewed_at",
        "subject.name",
        "subject.birth_date",
        "subject.intake_date",
        "subject.book_number",
        "office.name as office_name",
        "reviewer.name as reviewer_name",
      ])
      .where("book_review.county_id", "=", countyId)
      .where("book_review.year", "=", year)
      .orderBy("book_review.office_id")
      .orderBy("book_review.id")
      .execute(),
    db
      .selectFrom("excellent_case")
      .innerJoin("subject", "subject.id", "excellent_case.subject_id")
      .innerJoin("place as office", "office.id", "subject.office_id")
      .select([
        "excellent_case.subject_id",
        "excellent_case.reason",
        "excellent_case.marked_at",
        "subject.name",
        "subject.birth_date",
        "subject.intake_date",
        "subject.book_number",
        "subject.office_id",
        "office.name as office_name",
      ])
      .where("excellent_case.county_id", "=", countyId)
      .where("excellent_case.year", "=", year)
      .orderBy("subject.book_number")
      .execute(),
    db
      .selectFrom("place")
      .select(["id", "name"])
      .where("parent_id", "=", countyId)
      .where("kind", "=", "office")
      .orderBy("id")
      .execute(),
  ]);
  const names = sample
    ? await db
        .selectFrom("subject")
        .select(["id", "name", "birth_date", "intake_date", "book_number", "office_id"])
        .where("id", "in", sample.picked.length ? sample.picked : ["-"])
        .execute()
    : [];
  const results = offices.map((office) => {
    const mine = reviews.filter((r) => r.office_id === office.id);
    const avg = (list: typeof mine) =>
      list.length ? Math.round(list.reduce((a, r) => a + r.total, 0) / list.length) : null;
    return {
      office,
      reviewed: mine.length,
      average: avg(mine),
      byMethod: Object.fromEntries(
        (["mutual", "central", "random"] as const).map((m) => {
          const list = mine.filter((r) => r.method === m);
          return [m, { reviewed: list.length, average: avg(list) }];
        }),
      ),
      excellent: excellent.filter((e) => e.office_id === office.id).length,
    };
  });
  return {
    year,
    sample: sample
      ? {
          seed: sample.seed,
          count: sample.count,
          populationSize: sample.population.length,
          population: sample.population,
          picked: sample.picked.map((id) => {
            const s = names.find((n) => n.id === id);
            return {
              id,
              name: s ? displayName(s) : id,
              bookNumber: s?.book_number ?? null,
              officeId: s?.office_id ?? null,
            };
          }),
          drawnBy: sample.display_name,
          drawnAt: cstIso(sample.drawn_at),
          // Anyone can repeat the pick: the persons with the smallest sha256("<seed>:<id>").
          reproduced:
            JSON.stringify(drawSample(sample.population, sample.count, sample.seed)) ===
            JSON.stringify(sample.picked),
        }
      : null,
    reviews: reviews.map((r) => ({
      id: Number(r.id),
      subject: { id: r.subject_id, name: displayName(r), bookNumber: r.book_number },
      office: { id: r.office_id, name: r.office_name },
      method: r.method,
      methodLabel: reviewMethodLabel[r.method],
      reviewerOffice: r.reviewer_name,
      total: r.total,
      overall: r.overall,
      sections: Object.entries(r.scores).map(([section, score]) => ({
        section,
        label: sectionById.get(section)?.label ?? section,
        score,
        remark: r.remarks[section] ?? null,
      })),
      reviewedAt: cstIso(r.reviewed_at),
    })),
    results,
    excellent: excellent.map((e) => ({
      subject: { id: e.subject_id, name: displayName(e), bookNumber: e.book_number },
      office: { id: e.office_id, name: e.office_name },
      reason: e.reason,
      markedAt: cstIso(e.marked_at),
    })),
  };
}

export type YearReview = Awaited<ReturnType<typeof yearReview>>;

/** Sections of a book quoted in the excellent-case booklet, in the book's order. */
export const BOOKLET_SECTIONS = ["file_review_summary", "correction_plan", "release_analysis"] as const;

/** The year's excellent cases with the quoted sections' latest text; names as stored (masked by the caller). */
export async function bookletCases(db: Kysely<Database>, user: CurrentUser, year: number) {
  const cases = await db
    .selectFrom("excellent_case")
    .innerJoin("subject", "subject.id", "excellent_case.subject_id")
    .innerJoin("place as office", "office.id", "subject.office_id")
    .select([
      "excellent_case.reason",
      "subject.id",
      "subject.name",
      "subject.birth_date",
      "subject.intake_date",
      "subject.book_number",
      "subject.term_start",
      "subject.term_end",
      "subject.crime_text",
      "office.name as office_name",
    ])
    .where("excellent_case.county_id", "=", user.county.id)
    .where("excellent_case.year", "=", year)
    .orderBy("subject.book_number")
    .execute();
  const versions = cases.length
    ? await db
        .selectFrom("book_section_version")
        .select(["subject_id", "section", "version", "content"])
        .where(
          "subject_id",
          "in",
          cases.map((c) => c.id),
        )
        .where("section", "in", [...BOOKLET_SECTIONS])
        .where("entry", "=", "main")
        .orderBy("version")
        .execute()
    : [];
  return cases.map((c) => {
    const sections = BOOKLET_SECTIONS.map((id) => {
      const latest = versions.filter((v) => v.subject_id === c.id && v.section === id).at(-1);
      const def = sectionById.get(id)!;
      return {
        label: def.label,
        rows: def.fields
          .map((f) => [f.label, latest?.content[f.name]] as const)
          .filter(([, v]) => typeof v === "string" && v.trim() !== "")
          .map(([label, v]) => [label, String(v)] as [string, string]),
      };
    });
    return { ...c, minor: isMinorSubject(c as unknown as SubjectRowWithPlaces), sections };
  });
}
