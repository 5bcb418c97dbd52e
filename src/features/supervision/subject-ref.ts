// The subject a record is about, looked up through the user's scope (auth/access.ts): a subject the
// user may not see is simply not found. Names of minors are masked as everywhere else.
import type { Kysely } from "kysely";
import { type CurrentUser, subjectScope } from "../../auth/access.ts";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { maskName } from "../../shared/id-number.ts";
import { isMinorSubject } from "../subjects/view.ts";

export interface SubjectRef {
  id: string;
  name: string;
  officeId: string;
  countyId: string;
  villageId: string | null;
  level: string;
  status: string;
  intakeDate: string;
  releaseDate: string | null;
  termEnd: string;
}

export async function subjectInScope(
  db: Kysely<Database>,
  user: CurrentUser,
  subjectId: string,
): Promise<SubjectRef> {
  const row = await db
    .selectFrom("subject")
    .select([
      "id",
      "name",
      "office_id",
      "county_id",
      "village_id",
      "level",
      "status",
      "intake_date",
      "release_date",
      "term_end",
      "birth_date",
    ])
    .where(subjectScope(user))
    .where("id", "=", subjectId)
    .executeTakeFirst();
  if (!row) throw notFound("社区矫正对象");
  return {
    id: row.id,
    name: isMinorSubject(row) ? maskName(row.name) : row.name,
    officeId: row.office_id,
    countyId: row.county_id,
    villageId: row.village_id,
    level: row.level,
    status: row.status,
    intakeDate: row.intake_date,
    releaseDate: row.release_date,
    termEnd: row.term_end,
  };
}
