// Leave, the rest of issue 9 through the API on a real database with the demo county: an application
// returned for more proof is edited and filed again (every version kept, the advice recomputed, a
// stale edit refused), the calendar of who is away, and the bad input the issue lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { type Clock, clockStartingAt } from "../../shared/clock.ts";

const NOW = new Date(`${DEMO_TODAY}T09:00:00+08:00`); // 2026-11-20, a Friday
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
).toString("base64");
const HANGZHOU_SHANGCHENG = "330102";
const BEIJING_DONGCHENG = "110101";

interface Detail {
  status: string;
  version: number;
  from: string;
  to: string;
  destinationCounty: string;
  reason: string;
  approver: string;
  revisions: { version: number; from: string; to: string; reason: string; destinationName: string }[];
  proofs: { id: string }[];
  advice: { approver: { by: string }; warnings: { id: string }[] };
  can: { edit: boolean; resubmit: boolean; decide: boolean };
}

describe(`leave: return, edit and resubmit; the calendar of who is away (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let agencyHead: Client;
  let agencyStaff: Client;
  let otherOffice: Client;
  let subject: string;
  // The product's clock, moved on once to see a leave fall overdue.
  let running = clockStartingAt(NOW);
  const clock: Clock = { now: () => running.now() };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agencyHead = await t.signIn("agency.head");
    agencyStaff = await t.signIn("agency.staff1");
    otherOffice = await t.signIn("hexi.head");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    const row = await k
      .selectFrom("subject")
      .select("id")
      .where("office_id", "=", office.place_id)
      .where("status", "=", "in_correction")
      .where("level", "=", "normal")
      .where("term_end", ">", "2027-06-01")
      .where(
        "id",
        "not in",
        k
          .selectFrom("case_event")
          .select("subject_id")
          .where("type", "=", "leave")
          .where("end_date", ">=", "2026-10-01"),
      )
      .orderBy("id")
      .executeTakeFirstOrThrow();
    subject = row.id;
  }, 180_000);
  afterAll(() => t?.close());

  const file = (client: Client, body: Record<string, unknown>) =>
    client.post("/api/leave", {
      subjectId: subject,
      kind: "ordinary",
      destinationCounty: HANGZHOU_SHANGCHENG,
      reason: "探望住院的母亲",
      proofs: [{ fileName: "住院证明.pdf", contentBase64: PDF }],
      ...body,
    });
  const decide = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post(`/api/leave/${id}/decision`, { decision: "approve", comment: "同意", ...body });
  const detail = async (client: Client, id: string) =>
    JSON.parse((await client.get(`/api/leave/${id}`)).body) as Detail;
  const errorOf = (body: string) =>
    JSON.parse(body).error as { code: string; message: string; field?: string };
  const revise = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post(`/api/leave/${id}/revision`, {
      from: "2026-12-01",
      to: "2026-12-05",
      destinationCounty: HANGZHOU_SHANGCHENG,
      reason: "探望住院的母亲",
      ...body,
    });

  let returned: string;
  it("the approver returns an application; only a returned one is edited, by the office", async () => {
    const filed = await file(assistant, { from: "2026-12-01", to: "2026-12-05", proofs: [] });
    expect(filed.statusCode, filed.body).toBe(201);
    returned = JSON.parse(filed.body).id;
    // Pending: not yet editable.
    const early = await revise(assistant, returned, { version: 1 });
    expect([early.statusCode, errorOf(early.body).code]).toEqual([409, "conflict"]);
    const back = await decide(head, returned, { decision: "return", comment: "请补充住院证明" });
    expect(back.statusCode, back.body).toBe(200);
    const d = await detail(assistant, returned);
    expect(d).toMatchObject({ status: "returned", version: 1, revisions: [], can: { edit: true } });
    expect(d.advice.warnings.map((w) => w.id)).toEqual(["proof_missing"]);
    // Approving a returned application is refused until it is filed again.
    expect((await decide(head, returned, {})).statusCode).toBe(409);
    // Not the office's to edit elsewhere, nor the agency's, nor the head of another office's.
    expect((await revise(agencyStaff, returned, { version: 1 })).statusCode).toBe(403);
    expect((await revise(otherOffice, returned, { version: 1 })).statusCode).toBe(404);
  });

  it("bad edits are a 400 naming the field, and nothing changes", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ version: 1, from: "2026-12-05", to: "2026-12-01" }, "to"],
      [{ version: 1, from: "2026-11-31", to: "2026-12-02" }, "from"],
      [{ version: 1, destinationCounty: "999999" }, "destinationCounty"],
      [{ version: 1, destinationCounty: "990121" }, "destinationCounty"],
      [{ version: 0 }, "version"],
      [{ version: "1" }, "version"],
      [
        {
          version: 1,
          proofs: [{ fileName: "证明.pdf", contentBase64: Buffer.from("hello").toString("base64") }],
        },
        "proofs[0].contentBase64",
      ],
      [
        {
          version: 1,
          proofs: [{ fileName: "证明.pdf", contentType: "application/pdf", contentBase64: PNG }],
        },
        "proofs[0].contentType",
      ],
    ];
    for (const [body, field] of cases) {
      const response = await revise(assistant, returned, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(response.body).field, response.body).toBe(field);
      expect(errorOf(response.body).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const d = await detail(assistant, returned);
    expect(d).toMatchObject({ version: 1, from: "2026-12-01", to: "2026-12-05", proofs: [] });
    const rows = await t.database.db.kysely
      .selectFrom("leave_revision")
      .select("id")
      .where("application_id", "=", returned)
      .execute();
    expect(rows).toEqual([]);
  });

  it("the office edits it (longer, elsewhere, with proof) and files it again: the advice is recomputed, the old version kept", async () => {
    const edited = await revise(assistant, returned, {
      version: 1,
      from: "2026-12-01",
      to: "2026-12-10",
      destinationCounty: BEIJING_DONGCHENG,
      reason: "陪同母亲赴京复诊",
      proofs: [{ fileName: "复诊预约单.png", contentBase64: PNG }],
      resubmit: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const result = JSON.parse(edited.body);
    expect(result).toMatchObject({ version: 2, status: "pending", advice: { days: 10 } });
    // Ten days: the agency now approves it, and the proof is there.
    expect(result.advice.approver.by).toBe("agency");
    expect(result.advice.warnings).toEqual([]);
    const d = await detail(agencyHead, returned);
    expect(d).toMatchObject({
      status: "pending",
      version: 2,
      from: "2026-12-01",
      to: "2026-12-10",
      destinationCounty: BEIJING_DONGCHENG,
      reason: "陪同母亲赴京复诊",
      approver: "agency",
      can: { decide: true, edit: false },
    });
    expect(d.proofs).toHaveLength(1);
    expect(d.revisions).toEqual([
      expect.objectContaining({
        version: 1,
        from: "2026-12-01",
        to: "2026-12-05",
        reason: "探望住院的母亲",
        destinationName: "浙江省 杭州市 上城区",
      }),
    ]);
    const k = t.database.db.kysely;
    const kept = await k
      .selectFrom("leave_revision")
      .select(["advice", "approver"])
      .where("application_id", "=", returned)
      .executeTakeFirstOrThrow();
    expect(kept.approver).toBe("office");
    expect((kept.advice as { warnings: { id: string }[] }).warnings.map((w) => w.id)).toEqual([
      "proof_missing",
    ]);
    const audit = await k
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_id", "=", returned)
      .where("action", "=", "leave.revise")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      version: 2,
      before: { to: "2026-12-05", destinationCounty: HANGZHOU_SHANGCHENG },
      after: { to: "2026-12-10", destinationCounty: BEIJING_DONGCHENG },
      approver: "agency",
      resubmitted: true,
    });
    // A replaced version is never changed nor removed.
    await expect(
      k.updateTable("leave_revision").set({ reason: "x" }).where("application_id", "=", returned).execute(),
    ).rejects.toThrow(/append-only/);
    // The office head no longer decides it; the agency head does.
    expect((await decide(head, returned, {})).statusCode).toBe(403);
  });

  it("a stale edit is refused (409 naming the version); a second round keeps both old versions", async () => {
    const back = await decide(agencyHead, returned, { decision: "return", comment: "请补充复诊时间的证明" });
    expect(back.statusCode, back.body).toBe(200);
    const stale = await revise(assistant, returned, { version: 1, to: "2026-12-04" });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale.body)).toMatchObject({ code: "stale_version", field: "version" });
    expect(errorOf(stale.body).message).toContain("第 2 版");
    // Two edits of version 2 at once: one wins, the other is stale.
    const both = await Promise.all([
      revise(assistant, returned, { version: 2, to: "2026-12-03", reason: "陪同母亲复诊（甲）" }),
      revise(head, returned, { version: 2, to: "2026-12-03", reason: "陪同母亲复诊（乙）" }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const d = await detail(assistant, returned);
    expect(d.version).toBe(3);
    expect(d.status).toBe("returned");
    expect(d.revisions.map((r) => [r.version, r.to])).toEqual([
      [1, "2026-12-05"],
      [2, "2026-12-10"],
    ]);
    // Filed again with the existing action; back to the office head (up to 7 days).
    expect((await assistant.post(`/api/leave/${returned}/resubmit`)).statusCode).toBe(200);
    const again = await detail(head, returned);
    expect(again).toMatchObject({ status: "pending", approver: "office", can: { decide: true } });
    expect((await decide(head, returned, { comment: "材料齐全，同意" })).statusCode).toBe(200);
    expect((await decide(head, returned, {})).statusCode).toBe(409);
  });

  it("the calendar of the month shows who is away, day by day, with destination and state", async () => {
    // A two-day leave from today, approved; three days later the person is not back: overdue.
    const filed = JSON.parse((await file(assistant, { from: "2026-11-20", to: "2026-11-21" })).body);
    expect((await decide(head, filed.id, { overrideReason: "当日急事，已电话核实" })).statusCode).toBe(200);
    const first = JSON.parse((await head.get("/api/leave/calendar")).body) as {
      month: string;
      leaves: { id: string; state: string }[];
    };
    expect(first.month).toBe("2026-11");
    expect(first.leaves.find((l) => l.id === filed.id)?.state).toBe("away");
    running = clockStartingAt(new Date("2026-11-23T10:00:00+08:00"));
    // Three days on, the sessions have lapsed: sign in again.
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agencyHead = await t.signIn("agency.head");
    agencyStaff = await t.signIn("agency.staff1");
    otherOffice = await t.signIn("hexi.head");
    const response = await head.get("/api/leave/calendar?month=2026-11");
    expect(response.statusCode, response.body).toBe(200);
    const cal = JSON.parse(response.body) as {
      month: string;
      today: string;
      days: string[];
      leaves: {
        id: string;
        state: string;
        stateLabel: string;
        destinationName: string;
        days: Record<string, string>;
      }[];
    };
    expect(cal.month).toBe("2026-11");
    expect(cal.today).toBe("2026-11-23");
    expect(cal.days).toHaveLength(30);
    const overdue = cal.leaves.find((l) => l.id === filed.id)!;
    expect(overdue).toMatchObject({
      state: "overdue",
      stateLabel: "逾期未归",
      destinationName: "浙江省 杭州市 上城区",
    });
    expect(overdue.days).toEqual({
      "2026-11-20": "away",
      "2026-11-21": "away",
      "2026-11-22": "overdue",
      "2026-11-23": "overdue",
    });
    // December: the approved leave of 12-01..12-03 is still to come.
    const dec = JSON.parse((await head.get("/api/leave/calendar?month=2026-12")).body) as typeof cal;
    const planned = dec.leaves.find((l) => l.id === returned)!;
    expect(planned.state).toBe("planned");
    expect(Object.values(planned.days)).toEqual(["planned", "planned", "planned"]);
    // The person reports back today: the leave is back, its late day still shown as overdue.
    const closed = await assistant.post(`/api/leave/${filed.id}/return`, { method: "phone" });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = JSON.parse((await agencyHead.get("/api/leave/calendar?month=2026-11")).body) as typeof cal;
    expect(after.leaves.find((l) => l.id === filed.id)).toMatchObject({
      state: "back",
      days: { "2026-11-20": "away", "2026-11-21": "away", "2026-11-22": "overdue", "2026-11-23": "overdue" },
    });
    // Another office sees none of these; bad months are a 400 naming the field.
    const other = JSON.parse((await otherOffice.get("/api/leave/calendar?month=2026-11")).body) as typeof cal;
    expect(other.leaves.some((l) => l.id === filed.id)).toBe(false);
    const bad = await head.get("/api/leave/calendar?month=2026-13");
    expect([bad.statusCode, errorOf(bad.body).field]).toEqual([400, "month"]);
  });

  it("the rest of the issue's bad input: lying files, wrong roles, bad return times", async () => {
    // A PNG declared as a PDF, at filing and when adding proof.
    const lying = await file(assistant, {
      from: "2026-12-20",
      to: "2026-12-21",
      proofs: [{ fileName: "证明.pdf", contentType: "application/pdf", contentBase64: PNG }],
    });
    expect([lying.statusCode, errorOf(lying.body).field]).toEqual([400, "proofs[0].contentType"]);
    const ok = JSON.parse((await file(assistant, { from: "2026-12-20", to: "2026-12-21" })).body);
    const added = await assistant.post(`/api/leave/${ok.id}/proofs`, {
      fileName: "x.jpg",
      contentType: "image/jpeg",
      contentBase64: PDF,
    });
    expect([added.statusCode, errorOf(added.body).field]).toEqual([400, "contentType"]);
    // The agency's staff neither file nor decide; an office assistant does not decide.
    expect((await file(agencyStaff, { from: "2026-12-20", to: "2026-12-21" })).statusCode).toBe(403);
    expect((await decide(agencyStaff, ok.id, {})).statusCode).toBe(403);
    expect((await decide(assistant, ok.id, {})).statusCode).toBe(403);
    expect((await decide(head, ok.id, { decision: "maybe" })).statusCode).toBe(400);
    // 销假 at a time that does not exist.
    expect((await decide(head, ok.id, {})).statusCode).toBe(200);
    const badAt = await assistant.post(`/api/leave/${ok.id}/return`, {
      method: "phone",
      at: "2026-11-31T10:00:00+08:00",
    });
    expect([badAt.statusCode, errorOf(badAt.body).field]).toEqual([400, "at"]);
  });
});
