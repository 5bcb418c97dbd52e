// Change of place of execution through the API on a real database with the demo counties: inside one
// onebook (青禾县 → 石岭县) the person ends in the receiving county's office with the book and the
// history; outside (→ 杭州市上城区) the case ends here as transferred out. The answer clock falls
// overdue on 今日工作; wrong roles and wrong order are refused; bad input names its field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { clockStartingAt } from "../../shared/clock.ts";

const NOW = new Date(`${DEMO_TODAY}T09:00:00+08:00`); // 2026-11-20
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
const SHILING = "990122";
const SHILING_OFFICE = "990122100";
const HANGZHOU_SHANGCHENG = "330102";

interface TodayBody {
  items: {
    key: string;
    status: string;
    title: string;
    basis: string;
    action: { kind: string; transferId?: string } | null;
  }[];
}

describe(`change of place of execution (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let agencyHead: Client;
  let agencyStaff: Client;
  let receivingAgency: Client;
  let receivingHead: Client;
  let moving: string;
  let leaving: string;
  let chengguan: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: clockStartingAt(NOW) });
    const k = t.database.db.kysely;
    // The demo's other county has no agency account: give 石岭县 one, with the demo password.
    const model = await k
      .selectFrom("app_user")
      .select("password_hash")
      .where("username", "=", "agency.head")
      .executeTakeFirstOrThrow();
    await k
      .insertInto("app_user")
      .values({
        id: "shiling-agency-head",
        username: "shiling.agency",
        display_name: "石岭县机构负责人",
        role: "agency_head",
        place_id: SHILING,
        password_hash: model.password_hash,
      })
      .execute();
    assistant = await t.signIn("chengguan.assistant");
    agencyHead = await t.signIn("agency.head");
    agencyStaff = await t.signIn("agency.staff1");
    receivingAgency = await t.signIn("shiling.agency");
    receivingHead = await t.signIn("shiling.head");
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.assistant")
      .executeTakeFirstOrThrow();
    chengguan = office.place_id;
    const people = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", chengguan)
      .where("status", "=", "in_correction")
      .orderBy("id")
      .limit(2)
      .execute();
    moving = people[0]!.id;
    leaving = people[1]!.id;
  }, 180_000);
  afterAll(() => t?.close());

  const errorOf = (body: string) =>
    JSON.parse(body).error as { code: string; message: string; field?: string };
  const fileFor = (subjectId: string, newCounty: string, extra: Record<string, unknown> = {}) =>
    assistant.post("/api/transfers", {
      subjectId,
      newCounty,
      newAddress: "石岭镇府前路12号",
      reason: "随子女迁居，已购房",
      proofs: [{ fileName: "房产证明.pdf", contentBase64: PDF }],
      ...extra,
    });
  const today = async (client: Client) => JSON.parse((await client.get("/api/today")).body) as TodayBody;

  it("refuses bad input naming the field, and the wrong role", async () => {
    const noCounty = await fileFor(moving, "999999");
    expect([noCounty.statusCode, errorOf(noCounty.body).field]).toEqual([400, "newCounty"]);
    const sameCounty = await fileFor(moving, "990121");
    expect([sameCounty.statusCode, errorOf(sameCounty.body).field]).toEqual([400, "newCounty"]);
    const notPdf = await fileFor(moving, SHILING, {
      proofs: [{ fileName: "x.pdf", contentBase64: Buffer.from("hello").toString("base64") }],
    });
    expect(notPdf.statusCode).toBe(400);
    expect(errorOf(notPdf.body).field).toMatch(/^proofs\[0\]\./);
    const noAddress = await fileFor(moving, SHILING, { newAddress: " " });
    expect([noAddress.statusCode, errorOf(noAddress.body).field]).toEqual([400, "newAddress"]);
    const byAgency = await agencyHead.post("/api/transfers", {
      subjectId: moving,
      newCounty: SHILING,
      newAddress: "x",
      reason: "x",
    });
    expect(byAgency.statusCode).toBe(403);
    const stored = await t.database.db.kysely.selectFrom("transfer_request").select("id").execute();
    expect(stored).toEqual([]);
  });

  let inside: string;
  it("the office requests, the agency sends the letter; the answer clock falls overdue on Today", async () => {
    const filed = await fileFor(moving, SHILING);
    expect(filed.statusCode, filed.body).toBe(201);
    inside = JSON.parse(filed.body).id;
    expect((await fileFor(moving, SHILING)).statusCode).toBe(409);
    const detail = JSON.parse((await assistant.get(`/api/transfers/${inside}`)).body);
    expect(detail).toMatchObject({
      status: "requested",
      internal: true,
      newCountyName: expect.stringContaining("石岭"),
    });
    expect(detail.proofs).toHaveLength(1);
    // The agency's Today has the letter to send, one click away.
    const sendItem = (await today(agencyHead)).items.find((i) => i.key === `transfer_send:${inside}`);
    expect(sendItem?.action).toMatchObject({ kind: "transfer", transferId: inside });
    // Wrong order: no answer nor report before the letter; wrong role: the office cannot send.
    const early = await agencyHead.post(`/api/transfers/${inside}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
    });
    expect(early.statusCode).toBe(409);
    expect(
      (await assistant.post(`/api/transfers/${inside}/send`, { sentOn: "2026-11-14", method: "post" }))
        .statusCode,
    ).toBe(403);
    // The receiving county does not see a request before the letter is sent.
    expect((await receivingAgency.get(`/api/transfers/${inside}`)).statusCode).toBe(404);
    const badDate = await agencyStaff.post(`/api/transfers/${inside}/send`, {
      sentOn: "2026-02-30",
      method: "post",
    });
    expect([badDate.statusCode, errorOf(badDate.body).field]).toEqual([400, "sentOn"]);
    const future = await agencyStaff.post(`/api/transfers/${inside}/send`, {
      sentOn: "2026-11-21",
      method: "post",
    });
    expect([future.statusCode, errorOf(future.body).field]).toEqual([400, "sentOn"]);
    // Backdate the request so that a letter six days ago is in order (filed "today" by the clock).
    await t.database.db.kysely
      .updateTable("transfer_request")
      .set({ requested_at: new Date("2026-11-13T09:00:00+08:00") })
      .where("id", "=", inside)
      .execute();
    const sent = await agencyStaff.post(`/api/transfers/${inside}/send`, {
      sentOn: "2026-11-14",
      method: "post",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(JSON.parse(sent.body)).toEqual({ status: "sent", answerDue: "2026-11-19" });
    expect(
      (await agencyStaff.post(`/api/transfers/${inside}/send`, { sentOn: "2026-11-14", method: "post" }))
        .statusCode,
    ).toBe(409);

    // Five days after the letter, no answer: overdue on the receiving agency's Today, with its action,
    // and on the sending agency's Today as something to chase.
    const receiving = (await today(receivingAgency)).items.find((i) => i.key === `transfer_answer:${inside}`);
    expect(receiving).toMatchObject({ status: "overdue", action: { kind: "transfer", transferId: inside } });
    expect(receiving?.title).toContain("回复是否同意接收");
    expect(receiving?.basis).toBeTruthy();
    const sending = (await today(agencyHead)).items.find((i) => i.key === `transfer_answer:${inside}`);
    expect(sending).toMatchObject({ status: "overdue", action: { kind: "transfer", transferId: inside } });
    expect(sending?.title).toContain("等待新执行地回复");
    const listed = JSON.parse((await receivingAgency.get("/api/transfers")).body).items;
    expect(listed).toContainEqual(
      expect.objectContaining({
        id: inside,
        side: "receiving",
        answerClock: { due: "2026-11-19", status: "overdue" },
      }),
    );
  });

  it("the proof files download as stored, audited on each side; out of scope is not found", async () => {
    const detail = JSON.parse((await agencyHead.get(`/api/transfers/${inside}`)).body);
    const proofId = detail.proofs[0].id as string;
    const sent = await agencyHead.get(`/api/transfers/${inside}/proofs/${proofId}`);
    expect(sent.statusCode).toBe(200);
    expect(sent.headers["content-type"]).toBe("application/pdf");
    expect(sent.rawPayload.equals(Buffer.from(PDF, "base64"))).toBe(true);
    expect(sent.headers["x-content-sha256"]).toBe(detail.proofs[0].sha256);
    // The receiving agency sees the request once the letter is sent, and its proof.
    expect((await receivingAgency.get(`/api/transfers/${inside}/proofs/${proofId}`)).statusCode).toBe(200);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["action", "place_id", "subject_id"])
      .where("record_id", "=", proofId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["transfer.proof_download", "transfer.proof_download"]);
    expect(audit.every((a) => a.subject_id === moving)).toBe(true);
    expect(new Set(audit.map((a) => a.place_id)).size).toBe(2);
    expect((await agencyHead.get(`/api/transfers/${inside}/proofs/nope`)).statusCode).toBe(404);
    const otherOffice = await t.signIn("hexi.head");
    expect((await otherOffice.get(`/api/transfers/${inside}/proofs/${proofId}`)).statusCode).toBe(404);
  });

  it("inside onebook the receiving agency accepts and the person moves with the book in one step", async () => {
    const k = t.database.db.kysely;
    const eventsBefore = await k
      .selectFrom("case_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("subject_id", "=", moving)
      .executeTakeFirstOrThrow();
    // Only the receiving agency answers a request of this onebook.
    const bySender = await agencyHead.post(`/api/transfers/${inside}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
    });
    expect(bySender.statusCode).toBe(403);
    const detail = JSON.parse((await receivingAgency.get(`/api/transfers/${inside}`)).body);
    expect(detail.can).toEqual({ send: false, answer: true, report: false });
    expect(detail.receivingOffices.map((o: { id: string }) => o.id)).toContain(SHILING_OFFICE);
    const noOffice = await receivingAgency.post(`/api/transfers/${inside}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
    });
    expect([noOffice.statusCode, errorOf(noOffice.body).field]).toEqual([400, "receivingOfficeId"]);
    const wrongOffice = await receivingAgency.post(`/api/transfers/${inside}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
      receivingOfficeId: chengguan,
    });
    expect([wrongOffice.statusCode, errorOf(wrongOffice.body).field]).toEqual([400, "receivingOfficeId"]);
    const accepted = await receivingAgency.post(`/api/transfers/${inside}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
      note: "经核实居住地属实，同意接收",
      receivingOfficeId: SHILING_OFFICE,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(JSON.parse(accepted.body)).toEqual({ status: "accepted", reportDue: "2026-11-27" });
    expect(
      (
        await receivingAgency.post(`/api/transfers/${inside}/answer`, {
          decision: "refused",
          answeredOn: "2026-11-20",
        })
      ).statusCode,
    ).toBe(409);

    // The person is now of 石岭镇司法所: its head opens the person and the book; 城关 no longer can.
    const subject = await k
      .selectFrom("subject")
      .select(["county_id", "office_id", "status", "address"])
      .where("id", "=", moving)
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({
      county_id: SHILING,
      office_id: SHILING_OFFICE,
      status: "in_correction",
      address: "石岭镇府前路12号",
    });
    expect((await receivingHead.get(`/api/subjects/${moving}`)).statusCode).toBe(200);
    const book = await receivingHead.get(`/api/subjects/${moving}/book`);
    expect(book.statusCode, book.body).toBe(200);
    expect((await assistant.get(`/api/subjects/${moving}`)).statusCode).toBe(404);
    const eventsAfter = await k
      .selectFrom("case_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("subject_id", "=", moving)
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(eventsBefore.n) + 1); // the history kept, plus the hand-over
    // Audited on both sides, in the same step.
    const audit = await k
      .selectFrom("audit_log")
      .select(["action", "place_id"])
      .where("subject_id", "=", moving)
      .where("action", "like", "transfer.%")
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "transfer.request", place_id: chengguan },
        { action: "transfer.send", place_id: "990121" },
        { action: "transfer.hand_over", place_id: chengguan },
        { action: "transfer.receive", place_id: SHILING_OFFICE },
        { action: "transfer.answer", place_id: SHILING },
      ]),
    );
    // The sending office still sees its request, now waiting for the report on the receiving side.
    expect(JSON.parse((await assistant.get(`/api/transfers/${inside}`)).body)).toMatchObject({
      status: "accepted",
      side: "sending",
      can: { report: false },
    });
  });

  it("the receiving office records the report within the 7 days; then the clocks leave Today", async () => {
    const item = (await today(receivingHead)).items.find((i) => i.key === `transfer_report:${inside}`);
    expect(item).toMatchObject({ status: "open", action: { kind: "transfer", transferId: inside } });
    expect(
      (await assistant.post(`/api/transfers/${inside}/report`, { reportedOn: "2026-11-20" })).statusCode,
    ).toBe(403);
    const early = await receivingHead.post(`/api/transfers/${inside}/report`, { reportedOn: "2026-11-19" });
    expect([early.statusCode, errorOf(early.body).field]).toEqual([400, "reportedOn"]);
    const reported = await receivingHead.post(`/api/transfers/${inside}/report`, {
      reportedOn: "2026-11-20",
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(
      (await receivingHead.post(`/api/transfers/${inside}/report`, { reportedOn: "2026-11-20" })).statusCode,
    ).toBe(409);
    const left = [...(await today(receivingAgency)).items, ...(await today(agencyHead)).items].filter((i) =>
      i.key.endsWith(inside),
    );
    expect(left).toEqual([]);
  });

  it("outside onebook the sending agency records the answer, the case ends as transferred out, with letters", async () => {
    const filed = await fileFor(leaving, HANGZHOU_SHANGCHENG, { newAddress: "杭州市上城区解放路1号" });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = JSON.parse(filed.body).id as string;
    expect(JSON.parse((await assistant.get(`/api/transfers/${id}`)).body).internal).toBe(false);
    expect(
      (await agencyHead.post(`/api/transfers/${id}/send`, { sentOn: "2026-11-20", method: "fax" }))
        .statusCode,
    ).toBe(200);
    const letter = await agencyHead.get(`/api/transfers/${id}/letter?kind=request`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers["content-type"]).toContain("wordprocessingml");
    expect((await agencyHead.get(`/api/transfers/${id}/letter?kind=handover`)).statusCode).toBe(400);
    const withOffice = await agencyHead.post(`/api/transfers/${id}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
      receivingOfficeId: SHILING_OFFICE,
    });
    expect([withOffice.statusCode, errorOf(withOffice.body).field]).toEqual([400, "receivingOfficeId"]);
    const answered = await agencyHead.post(`/api/transfers/${id}/answer`, {
      decision: "accepted",
      answeredOn: "2026-11-20",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const subject = await t.database.db.kysely
      .selectFrom("subject")
      .select(["status", "office_id", "release_date"])
      .where("id", "=", leaving)
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({ status: "transferred_out", office_id: chengguan, release_date: "2026-11-20" });
    const handover = await agencyHead.get(`/api/transfers/${id}/letter?kind=handover`);
    expect(handover.statusCode).toBe(200);
    // The report clock is the sending side's; the office records it.
    const item = (await today(assistant)).items.find((i) => i.key === `transfer_report:${id}`);
    expect(item).toMatchObject({ status: "open", action: { kind: "transfer", transferId: id } });
    expect(
      (await assistant.post(`/api/transfers/${id}/report`, { reportedOn: "2026-11-20" })).statusCode,
    ).toBe(200);
  });
});
