// Handover, documents and registration on a real database: clear errors naming the field, documents
// stored with size and SHA-256 and never overwritten, the unified book number consecutive under
// concurrent registrations, and the office seeing the new case at once.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import { nextBookNumber } from "./book-number.ts";

const today = FIXED_TODAY;
const daysAgo = (n: number) => fixedDay(-n);
const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let seq = 100;
function handoverFor(officeId: string | null, overrides: Record<string, unknown> = {}) {
  seq += 2;
  const birth = "1988-06-15";
  return {
    decidingOrgan: "青禾县人民法院",
    judgmentNumber: `（2026）青刑初${seq}号`,
    judgmentDate: daysAgo(12),
    judgmentEffectiveDate: daysAgo(3),
    noticeNumber: `青法执通〔2026〕${seq}号`,
    receivedOn: daysAgo(2),
    correctionType: "probation",
    termStart: daysAgo(3),
    termEnd: "2028-12-31",
    sentenceText: "判处有期徒刑一年，缓刑二年",
    crimeText: "危险驾驶罪",
    crimeCategories: ["dangerous_driving"],
    personName: "王建国",
    personIdNumber: makeIdNumber("990121", birth, seq + 1),
    proposedOfficeId: officeId,
    ...overrides,
  };
}

describe(`intake: handover, documents, registration (${databaseLabel})`, () => {
  let t: TestApp;
  let staff: Client;
  let officeId: string;
  let countyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.signIn("agency.staff1");
    const places = JSON.parse((await staff.get("/api/places")).body);
    officeId = places.offices[0].id;
    countyId = places.county.id;
  }, 180_000);
  afterAll(() => t?.close());

  const create = async (body: unknown) => staff.post("/api/handovers", body);
  const registerBody = (h: { personName: string; personIdNumber: string }, extra = {}) => ({
    name: h.personName,
    idNumber: h.personIdNumber,
    birthDate: `${h.personIdNumber.slice(6, 10)}-${h.personIdNumber.slice(10, 12)}-${h.personIdNumber.slice(12, 14)}`,
    gender: Number(h.personIdNumber[16]) % 2 === 1 ? "male" : "female",
    officeId,
    intakeDate: today,
    ...extra,
  });

  it("refuses bad input naming the field, in Chinese", async () => {
    const badId = await create(handoverFor(officeId, { personIdNumber: "990121198806151230" }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ field: "personIdNumber", message: "身份证号校验位不正确" });
    const noOrgan = await create(handoverFor(officeId, { decidingOrgan: "" }));
    expect(noOrgan.json().error.field, noOrgan.body).toBe("decidingOrgan");
    expect(noOrgan.json().error.message).toContain("请填写决定机关");
    const badDate = await create(handoverFor(officeId, { judgmentEffectiveDate: "2026-02-30" }));
    expect(badDate.json().error.message).toContain("判决生效日期不是有效的日期");
    const future = await create(handoverFor(officeId, { receivedOn: "2999-01-01" }));
    expect(future.json().error).toMatchObject({ field: "receivedOn" });
    const term = await create(handoverFor(officeId, { termEnd: "2020-01-01" }));
    expect(term.json().error).toMatchObject({ field: "termEnd", message: "矫正期限止日不能早于起日" });
    const crime = await create(handoverFor(officeId, { crimeCategories: ["piracy"] }));
    expect(crime.json().error.message).toContain("罪名类别不在规则引擎的类别中");
  });

  it("shows the statutory clock from the effective date and flags those not registered in time", async () => {
    const late = handoverFor(officeId, {
      judgmentDate: daysAgo(20),
      judgmentEffectiveDate: daysAgo(15),
      termStart: daysAgo(15),
    });
    const onTime = handoverFor(officeId);
    const ra = await create(late);
    expect(ra.statusCode, ra.body).toBe(201);
    const a = ra.json();
    const b = (await create(onTime)).json();
    expect(a.clock).toMatchObject({
      status: "overdue",
      reportBy: daysAgo(5),
      statusLabel: "逾期未登记（漏管风险）",
    });
    expect(b.clock).toMatchObject({
      status: "open",
      reportBy: fixedDay(7),
    });
    expect(b.clock.basis).toContain("社区矫正法");
    const list = (await staff.get("/api/handovers?status=pending")).json();
    const ids = list.items.map((h: { id: string }) => h.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    // The demo county has a person waiting past the deadline: flagged on the agency's list.
    const waiting = list.items.find((h: { personName: string }) => h.personName === "冯志刚");
    expect(waiting.clock).toMatchObject({ status: "overdue" });
    // The procuratorate reads the list; an office does not see handovers at all.
    const prosecutor = await t.signIn("prosecutor");
    expect((await prosecutor.get("/api/handovers")).statusCode).toBe(200);
    expect((await prosecutor.post("/api/handovers", onTime)).statusCode).toBe(403);
    const assistant = await t.signIn("chengguan.assistant");
    expect((await assistant.get("/api/handovers")).statusCode).toBe(403);
  });

  it("stores documents with size and SHA-256, checks the type by content, never overwrites", async () => {
    const h = (await create(handoverFor(officeId))).json();
    const up = (body: Record<string, unknown>) =>
      staff.post(`/api/handovers/${h.id}/documents`, {
        kind: "judgment",
        fileName: "判决书.pdf",
        contentType: "application/pdf",
        contentBase64: pdf.toString("base64"),
        ...body,
      });
    const first = await up({});
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      contentType: "application/pdf",
      kindLabel: "判决书（裁定书、决定书）",
    });
    const again = await up({});
    expect(again.json().id).not.toBe(first.json().id);
    const notPdf = await up({
      fileName: "判决书.pdf",
      contentBase64: Buffer.from("hello").toString("base64"),
    });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.message).toContain("只能上传 PDF、JPEG 或 PNG 文件");
    const mismatch = await up({ contentType: "image/png" });
    expect(mismatch.json().error.field).toBe("contentType");
    const empty = await up({ contentBase64: "" });
    expect(empty.json().error.message).toContain("请选择要上传的文件");
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    pdf.copy(big);
    const tooBig = await up({ contentBase64: big.toString("base64") });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toContain("不能超过 20 MB");

    const detail = (await staff.get(`/api/handovers/${h.id}`)).json();
    expect(detail.documents).toHaveLength(2);
    const download = await staff.get(`/api/handovers/${h.id}/documents/${first.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
    // The database itself refuses to change a stored document.
    await expect(
      t.database.db.kysely.updateTable("handover_document").set({ file_name: "x" }).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it("verifies identity, numbers the book and transfers to the office, which sees the case at once", async () => {
    const body = handoverFor(officeId);
    const h = (await create(body)).json();
    await staff.post(`/api/handovers/${h.id}/documents`, {
      kind: "judgment",
      fileName: "判决书.pdf",
      contentBase64: pdf.toString("base64"),
    });
    const wrongBirth = await staff.post(
      `/api/handovers/${h.id}/register`,
      registerBody(body, { birthDate: "1988-06-16" }),
    );
    expect(wrongBirth.json().error).toMatchObject({ field: "birthDate" });
    expect(wrongBirth.json().error.message).toContain("出生日期与身份证号不一致");
    const wrongName = await staff.post(
      `/api/handovers/${h.id}/register`,
      registerBody(body, { name: "王建华" }),
    );
    expect(wrongName.json().error).toMatchObject({ field: "name" });
    const wrongOffice = await staff.post(
      `/api/handovers/${h.id}/register`,
      registerBody(body, { officeId: "nowhere" }),
    );
    expect(wrongOffice.json().error).toMatchObject({ field: "officeId" });

    const k = t.database.db.kysely;
    const year = Number(today.slice(0, 4));
    const numbers = await k
      .selectFrom("subject")
      .select("book_number")
      .where("county_id", "=", countyId)
      .execute();
    const max = Math.max(
      0,
      ...numbers
        .map((n) => n.book_number ?? "")
        .filter((n) => n.startsWith(`${countyId}-${year}-`))
        .map((n) => Number(n.slice(-4))),
    );
    const ok = await staff.post(`/api/handovers/${h.id}/register`, registerBody(body));
    expect(ok.statusCode).toBe(201);
    const result = ok.json();
    expect(result.bookNumber).toBe(`${countyId}-${year}-${String(max + 1).padStart(4, "0")}`);
    const again = await staff.post(`/api/handovers/${h.id}/register`, registerBody(body));
    expect(again.statusCode).toBe(409);

    const subject = await k
      .selectFrom("subject")
      .selectAll()
      .where("id", "=", result.subjectId)
      .executeTakeFirstOrThrow();
    expect(subject).toMatchObject({
      name: "王建国",
      name_initials: "wjg",
      name_pinyin: "wangjianguo",
      office_id: officeId,
    });
    const levels = await k
      .selectFrom("level_decision")
      .selectAll()
      .where("subject_id", "=", subject.id)
      .execute();
    expect(levels).toHaveLength(1);
    const audit = await k
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "intake.register")
      .where("subject_id", "=", subject.id)
      .execute();
    expect(audit).toHaveLength(1);

    const assistant = await t.signIn("chengguan.assistant");
    const own = (await assistant.get(`/api/subjects?q=${encodeURIComponent("王建国")}`)).json();
    expect(own.items.map((s: { id: string }) => s.id)).toContain(subject.id);
    const docs = (await assistant.get(`/api/subjects/${subject.id}/documents`)).json();
    expect(docs.items).toHaveLength(1);
    const file = await assistant.get(`/api/subjects/${subject.id}/documents/${docs.items[0].id}`);
    expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);
    const downloads = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["record_id", "actor_role", "subject_id"])
      .where("action", "=", "document.download")
      .where("record_id", "=", docs.items[0].id)
      .execute();
    expect(downloads.map((row) => row.actor_role)).toContain("office_assistant");
    expect(downloads.every((row) => row.subject_id === subject.id)).toBe(true);
    const otherOffice = await t.signIn("hexi.assistant");
    expect((await otherOffice.get(`/api/subjects/${subject.id}/documents`)).statusCode).toBe(404);
  });

  it("gives consecutive numbers with no gaps or repeats to 20 registrations at once; a rollback gives its number back", async () => {
    const bodies = Array.from({ length: 20 }, () => handoverFor(officeId));
    const handovers = [];
    for (const body of bodies) handovers.push((await create(body)).json());
    const clients = [staff, await t.signIn("agency.staff2"), await t.signIn("agency.head")];
    const results = await Promise.all(
      handovers.map((h, i) =>
        clients[i % clients.length]!.post(`/api/handovers/${h.id}/register`, registerBody(bodies[i]!)),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const seqs = results.map((r) => Number(r.json().bookNumber.slice(-4))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs.at(-1)! - seqs[0]!).toBe(19);

    const k = t.database.db.kysely;
    const year = Number(today.slice(0, 4));
    await expect(
      k.transaction().execute(async (trx) => {
        await nextBookNumber(trx, "{county}-{year}-{seq:4}", countyId, year);
        throw new Error("registration failed after drawing a number");
      }),
    ).rejects.toThrow(/after drawing/);
    const next = await k
      .transaction()
      .execute((trx) => nextBookNumber(trx, "{county}-{year}-{seq:4}", countyId, year));
    expect(Number(next.slice(-4))).toBe(seqs.at(-1)! + 1);
  });
});
