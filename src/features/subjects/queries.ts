// Reading subjects, always through the user's scope (auth/access.ts): a record outside it is not found.
import type { ExpressionBuilder, Kysely } from "kysely";
import type { CurrentUser } from "../../auth/access.ts";
import { subjectScope } from "../../auth/access.ts";
import type { CorrectionType, Database, Level, SubjectStatus } from "../../db/schema.ts";
import type { SubjectRowWithPlaces } from "./view.ts";

export interface SubjectFilter {
  q?: string;
  officeId?: string;
  correctionType?: CorrectionType;
  level?: Level;
  status?: SubjectStatus | "all";
  page: number;
  pageSize: number;
}

function baseQuery(db: Kysely<Database>, user: CurrentUser) {
  return db
    .selectFrom("subject")
    .innerJoin("place as office", "office.id", "subject.office_id")
    .leftJoin("place as village", "village.id", "subject.village_id")
    .where(subjectScope(user));
}

/** How a search box entry is read: ID digits, pinyin initials / full pinyin, or part of a name. */
function searchCondition(q: string) {
  const text = q.trim();
  return (eb: ExpressionBuilder<Database, "subject">) => {
    if (/^\d{4,17}[\dXx]?$/.test(text)) return eb("subject.id_number", "like", `%${text.toUpperCase()}%`);
    if (/^[a-zA-Z]+$/.test(text)) {
      const lower = text.toLowerCase();
      return eb.or([
        eb("subject.name_initials", "like", `${lower}%`),
        eb("subject.name_pinyin", "like", `${lower}%`),
      ]);
    }
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    return eb("subject.name", "like", `%${escaped}%`);
  };
}

export async function listSubjects(db: Kysely<Database>, user: CurrentUser, filter: SubjectFilter) {
  let query = baseQuery(db, user);
  if (filter.q?.trim()) query = query.where(searchCondition(filter.q));
  if (filter.officeId) query = query.where("subject.office_id", "=", filter.officeId);
  if (filter.correctionType) query = query.where("subject.correction_type", "=", filter.correctionType);
  if (filter.level) query = query.where("subject.level", "=", filter.level);
  if (filter.status && filter.status !== "all") query = query.where("subject.status", "=", filter.status);

  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .selectAll("subject")
      .select(["office.name as office_name", "village.name as village_name"])
      .orderBy("subject.office_id")
      .orderBy("subject.name_pinyin")
      .orderBy("subject.id")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  return { total: Number(total), rows: rows as SubjectRowWithPlaces[] };
}

export async function findSubject(db: Kysely<Database>, user: CurrentUser, id: string) {
  const row = await baseQuery(db, user)
    .selectAll("subject")
    .select(["office.name as office_name", "village.name as village_name"])
    .where("subject.id", "=", id)
    .executeTakeFirst();
  return row as SubjectRowWithPlaces | undefined;
}

export async function subjectHistory(db: Kysely<Database>, subjectId: string) {
  const [levels, events, responsible] = await Promise.all([
    db
      .selectFrom("level_decision")
      .select(["from_date", "level", "reason"])
      .where("subject_id", "=", subjectId)
      .orderBy("from_date")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("case_event")
      .select(["id", "type", "at", "kind", "data"])
      .where("subject_id", "=", subjectId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(20)
      .execute(),
    db
      .selectFrom("subject")
      .innerJoin("app_user", "app_user.id", "subject.responsible_user_id")
      .select(["app_user.id", "app_user.display_name"])
      .where("subject.id", "=", subjectId)
      .executeTakeFirst(),
  ]);
  return { levels, events, responsible };
}
