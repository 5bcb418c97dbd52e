// Registration (入矫登记): identity verified against the handed-over documents, the subject created with
// the book's unified number, the PROPOSED level (the office head decides it: policy.md Classification,
// seed 000 §九.1 — the proposal is key whenever the engine's criteria K1–K6 hold), and the transfer to
// the judicial office of the place of execution — all in one transaction, so a failure leaves nothing
// half-written and gives the number back.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { pinyin } from "pinyin-pro";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import type { CurrentUser } from "../../auth/access.ts";
import { EvaluationContext } from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import { levelLabel } from "../../glossary.ts";
import { badInput, conflict, notFound } from "../../http/errors.ts";
import { idNumberProblemText, parseIdNumber } from "../../shared/id-number.ts";
import { cstDate } from "../../shared/time.ts";
import { type CountyPolicies, evaluateCountyCase } from "../policy/county-policy.ts";
import { loadCases } from "../rules/case-facts.ts";
import { nextBookNumber } from "./book-number.ts";
import type { RegisterBody } from "./schemas.ts";
import "./tables.ts";

export const namePinyin = (name: string) =>
  pinyin(name, { toneType: "none", type: "array", surname: "head", v: true }).join("").toLowerCase();
export const nameInitials = (name: string) =>
  pinyin(name, { pattern: "first", toneType: "none", type: "array", surname: "head" }).join("").toLowerCase();

export interface Registered {
  subjectId: string;
  bookNumber: string;
  office: { id: string; name: string };
  /** The level proposed to the office (its head decides it). */
  proposedLevel: "key" | "strict" | "normal";
}

export async function registerHandover(
  db: Kysely<Database>,
  user: CurrentUser,
  actor: Actor,
  handoverId: string,
  body: RegisterBody,
  bookNumberFormat: string,
  now: Date,
  policies: CountyPolicies,
): Promise<Registered> {
  const today = cstDate(now);
  // The county's rules and the holiday calendar are read before the transaction: inside it, only the
  // transaction's connection may be used (embedded PGlite has one).
  const policy = await policies.forCounty(user.county.id);
  const calendar = await policies.calendar.current();
  return db.transaction().execute(async (trx) => {
    // The handover row is locked: two staff registering the same handover cannot both succeed.
    const handover = await trx
      .selectFrom("handover")
      .selectAll()
      .where("id", "=", handoverId)
      .where("county_id", "=", user.county.id)
      .forUpdate()
      .executeTakeFirst();
    if (!handover) throw notFound("交付材料");
    if (handover.status !== "pending") throw conflict("该交付材料已办理入矫登记，不能重复登记");

    const id = parseIdNumber(body.idNumber);
    if (!id.ok) throw badInput("idNumber", idNumberProblemText[id.problem]);
    const idNumber = body.idNumber.trim().toUpperCase();
    if (idNumber !== handover.person_id_number)
      throw badInput("idNumber", "身份证号与法律文书记载的不一致，请核对");
    if (body.name.trim() !== handover.person_name)
      throw badInput("name", `姓名与法律文书记载的（${handover.person_name}）不一致，请核对`);
    if (body.birthDate !== id.info.birthDate)
      throw badInput("birthDate", `出生日期与身份证号不一致（身份证号中的出生日期为 ${id.info.birthDate}）`);
    if (body.gender !== id.info.gender)
      throw badInput("gender", "性别与身份证号不一致（身份证号第17位奇数为男、偶数为女）");
    if (body.intakeDate > today) throw badInput("intakeDate", "入矫日期不能晚于今天");
    if (body.intakeDate < handover.judgment_effective_date)
      throw badInput("intakeDate", `入矫日期不能早于判决生效日期（${handover.judgment_effective_date}）`);
    if (body.intakeDate > handover.term_end)
      throw badInput("intakeDate", `入矫日期不能晚于矫正期限止日（${handover.term_end}）`);

    const office = await trx
      .selectFrom("place")
      .select(["id", "name"])
      .where("id", "=", body.officeId)
      .where("kind", "=", "office")
      .where("parent_id", "=", user.county.id)
      .executeTakeFirst();
    if (!office) throw badInput("officeId", "请选择本县的执行地司法所");
    if (body.villageId) {
      const village = await trx
        .selectFrom("place")
        .select("id")
        .where("id", "=", body.villageId)
        .where("kind", "=", "village")
        .where("parent_id", "=", office.id)
        .executeTakeFirst();
      if (!village) throw badInput("villageId", "所选村（社区）不属于该司法所");
    }
    const active = await trx
      .selectFrom("subject")
      .select("id")
      .where("id_number", "=", idNumber)
      .where("status", "=", "in_correction")
      .executeTakeFirst();
    if (active) throw conflict("该身份证号已有一条在矫记录，不能重复登记");

    const bookNumber = await nextBookNumber(
      trx,
      bookNumberFormat,
      user.county.id,
      Number(body.intakeDate.slice(0, 4)),
    );
    const subjectId = randomUUID();
    const name = handover.person_name;
    await trx
      .insertInto("subject")
      .values({
        id: subjectId,
        county_id: user.county.id,
        office_id: office.id,
        village_id: body.villageId ?? null,
        name,
        name_pinyin: namePinyin(name),
        name_initials: nameInitials(name),
        gender: body.gender,
        ethnicity: body.ethnicity?.trim() || "汉族",
        birth_date: body.birthDate,
        id_number: idNumber,
        phone: body.phone || null,
        address: body.address ?? null,
        correction_type: handover.correction_type,
        crime_categories: JSON.stringify(handover.crime_categories),
        crime_text: handover.crime_text,
        deciding_organ: handover.deciding_organ,
        judgment_number: handover.judgment_number,
        judgment_effective_date: handover.judgment_effective_date,
        sentence_text: handover.sentence_text,
        term_start: handover.term_start,
        term_end: handover.term_end,
        intake_date: body.intakeDate,
        level: body.level,
        level_pending: true,
        book_number: bookNumber,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // The engine's criteria on what is known at intake: where they make the person key, so is the
    // proposal (the office head may still decide otherwise, with a reason).
    const input = (await loadCases(trx, [subjectId], now)).get(subjectId);
    const evaluated = input
      ? evaluateCountyCase(policy, input, {
          context: new EvaluationContext(),
          calendar,
        })
      : undefined;
    const engineKey = evaluated?.ok === true && evaluated.result.classification.proposedKey;
    const level = engineKey ? "key" : body.level;
    if (level !== body.level)
      await trx.updateTable("subject").set({ level }).where("id", "=", subjectId).execute();
    const criteria = evaluated?.ok
      ? evaluated.result.classification.criteria.map((c) => c.id).join("、")
      : "";
    await trx
      .insertInto("level_decision")
      .values({
        subject_id: subjectId,
        from_date: body.intakeDate,
        level,
        reason:
          (engineKey && body.level !== "key" ? `符合重点人员情形（${criteria}）；` : "") +
          (body.levelReason?.trim() || `入矫登记拟定为${levelLabel[level]}，待司法所决定`),
        decided_by: user.id,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable("handover")
      .set({ status: "registered", subject_id: subjectId, registered_at: now })
      .where("id", "=", handover.id)
      .execute();
    await trx
      .insertInto("case_event")
      .values([
        {
          subject_id: subjectId,
          office_id: office.id,
          type: "intake",
          at: now,
          by_role: user.role,
          data: JSON.stringify({
            handoverId: handover.id,
            bookNumber,
            summary: `入矫登记，编号 ${bookNumber}`,
          }),
          recorded_by: user.id,
          recorded_at: now,
        },
        {
          subject_id: subjectId,
          office_id: office.id,
          type: "transfer",
          at: now,
          by_role: user.role,
          data: JSON.stringify({ officeId: office.id, summary: `移交${office.name}` }),
          recorded_by: user.id,
          recorded_at: now,
        },
      ])
      .execute();
    await writeAudit(trx, actor, {
      action: "intake.register",
      recordType: "subject",
      recordId: subjectId,
      subjectId,
      placeId: office.id,
      details: { handoverId: handover.id, bookNumber, officeId: office.id, proposedLevel: level, engineKey },
    });
    return { subjectId, bookNumber, office, proposedLevel: level };
  });
}
