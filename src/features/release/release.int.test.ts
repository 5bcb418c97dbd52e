// The end of a case on a real database: the coming releases and their Today item, release only from
// the last day of the term, recorded once with its documents made once, the release analysis
// writable by the office head for a month and then the book closed, and termination closing the book.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxPart, docxText } from "../../../test/helpers/docx-text.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";

describe(`release and termination (${databaseLabel})`, () => {
  let t: TestApp;
  let head: Client;
  let assistant: Client;
  let prosecutor: Client;
  let headId: string;
  /** Demo persons of 城关 under correction, adults, taken in id order and given the term ends we need. */
  const people: Array<{ id: string; name: string }> = [];

  const setTermEnd = (id: string, termEnd: string) =>
    t.database.db.kysely.updateTable("subject").set({ term_end: termEnd }).where("id", "=", id).execute();
  const release = (client: Client, id: string, body: Record<string, unknown> = {}) =>
    client.post(`/api/subjects/${id}/release`, {
      date: FIXED_TODAY,
      place: "城关司法所宣告室",
      present: [{ userId: headId }, { name: "王秀英", role: "家属" }],
      ...body,
    });
  const save = (client: Client, id: string, section: string, baseVersion: number, content: object) =>
    client.request({
      method: "PUT",
      url: `/api/subjects/${id}/book/sections/${section}`,
      payload: { baseVersion, content, complete: true },
    });

  beforeAll(async () => {
    t = await startTestApp();
    head = await t.signIn("chengguan.head");
    assistant = await t.signIn("chengguan.assistant");
    prosecutor = await t.signIn("prosecutor");
    const k = t.database.db.kysely;
    const account = await k
      .selectFrom("app_user")
      .select(["id", "place_id"])
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    headId = account.id;
    const rows = await k
      .selectFrom("subject")
      .select(["id", "name"])
      .where("office_id", "=", account.place_id)
      .where("status", "=", "in_correction")
      .where("birth_date", "<", "1990-01-01")
      .where("intake_date", "<", fixedDay(-120))
      .orderBy("id")
      .limit(5)
      .execute();
    expect(rows.length).toBe(5);
    people.push(...rows);
    await setTermEnd(people[0]!.id, fixedDay(3)); // ends in 3 days
    await setTermEnd(people[1]!.id, FIXED_TODAY); // ends today
    await setTermEnd(people[2]!.id, fixedDay(-40)); // ended 40 days ago, not yet released
    await setTermEnd(people[3]!.id, fixedDay(-20)); // ended 20 days ago, not yet released
  }, 180_000);
  afterAll(() => t?.close());

  it("lists the coming releases with what is open in their books, and puts each on the office's Today", async () => {
    const coming = await head.get("/api/releases/coming");
    expect(coming.statusCode, coming.body).toBe(200);
    const list = coming.json() as Array<{
      subject: { id: string; name: string };
      termEnd: string;
      daysLeft: number;
      canReleaseToday: boolean;
      openItems: Array<{ label: string }>;
    }>;
    const inThree = list.find((r) => r.subject.id === people[0]!.id)!;
    expect(inThree).toMatchObject({ termEnd: fixedDay(3), daysLeft: 3, canReleaseToday: false });
    expect(Array.isArray(inThree.openItems)).toBe(true);
    expect(list.find((r) => r.subject.id === people[1]!.id)).toMatchObject({
      daysLeft: 0,
      canReleaseToday: true,
    });
    // Nobody whose term ends more than 30 days ahead.
    for (const r of list) expect(r.termEnd <= fixedDay(30)).toBe(true);

    const today = await head.get("/api/today?horizon=7");
    expect(today.statusCode, today.body).toBe(200);
    const items = today.json().items as Array<{
      key: string;
      status: string;
      action: { kind: string; subjectId: string } | null;
      basis: string;
    }>;
    const item = items.find((i) => i.key === `release:${people[0]!.id}:${fixedDay(3)}`);
    expect(item, "the coming release is on Today").toBeTruthy();
    expect(item!.action).toMatchObject({ kind: "release", subjectId: people[0]!.id });
    expect(item!.basis).toBe("Community Correction Law Art. 44"); // the console shows it as 《社区矫正法》第44条
    expect(items.find((i) => i.key === `release:${people[1]!.id}:${FIXED_TODAY}`)?.status).toBe("due_today");
  });

  it("refuses a release before the last day of the term", async () => {
    const early = await release(head, people[0]!.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(fixedDay(3));
    const view = (await head.get(`/api/subjects/${people[0]!.id}/end`)).json();
    expect(view.end).toBeNull();
    expect(view.book.state).toBe("open");
  });

  it("releases on the last day once, with the certificate and three notices made once, audited", async () => {
    const id = people[1]!.id;
    const bad = await release(head, id, { present: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("present");
    expect((await release(prosecutor, id)).statusCode).toBe(403);

    const done = await release(head, id);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ kind: "release", endDate: FIXED_TODAY });
    const again = await release(head, id);
    expect(again.statusCode).toBe(409);

    const subject = (await head.get(`/api/subjects/${id}`)).json();
    expect(subject.status).toBe("released");
    expect(subject.releaseDate).toBe(FIXED_TODAY);

    const view = (await head.get(`/api/subjects/${id}/end`)).json();
    expect(view.end.present.map((p: { name: string }) => p.name)).toContain("王秀英");
    expect(view.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      "certificate",
      "notice_court",
      "notice_police",
      "notice_procuratorate",
    ]);
    expect(view.book.state).toBe("release_analysis");

    const first = await head.get(`/api/subjects/${id}/end/documents/certificate`);
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toContain("wordprocessingml");
    const text = docxText(first.rawPayload);
    expect(text).toContain("解除社区矫正证明书");
    expect(text).toContain(people[1]!.name);
    expect(text).toContain(`至${FIXED_TODAY}`);
    expect(docxPart(first.rawPayload, "word/styles.xml")).toContain("宋体");
    expect(docxPart(first.rawPayload, "word/document.xml")).toContain("黑体");
    const second = await head.get(`/api/subjects/${id}/end/documents/certificate`);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    const court = await head.get(`/api/subjects/${id}/end/documents/notice_court`);
    expect(docxText(court.rawPayload)).toContain("解除社区矫正通知书");

    const sent = await head.post(`/api/subjects/${id}/end/documents/notice_court/sent`, {
      sentAt: `${FIXED_TODAY}T09:30:00+08:00`,
      method: "post",
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const sentAgain = await head.post(`/api/subjects/${id}/end/documents/notice_court/sent`, {
      sentAt: `${FIXED_TODAY}T09:40:00+08:00`,
      method: "fax",
    });
    expect(sentAgain.statusCode).toBe(409);
    const after = (await head.get(`/api/subjects/${id}/end`)).json();
    expect(after.documents.find((d: { kind: string }) => d.kind === "notice_court").sent).toMatchObject({
      method: "post",
      methodLabel: "邮寄",
    });

    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select(["action"])
      .where("subject_id", "=", id)
      .where("action", "like", "release.%")
      .execute();
    expect(audit.filter((a) => a.action === "release.record")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "release.notice_sent")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "release.document_download").length).toBeGreaterThanOrEqual(3);

    // The coming list no longer shows a released person.
    const coming = (await head.get("/api/releases/coming")).json() as Array<{ subject: { id: string } }>;
    expect(coming.some((r) => r.subject.id === id)).toBe(false);
  });

  it("keeps the release analysis writable by the office head for a month after release, the rest read-only", async () => {
    const id = people[3]!.id; // term ended 20 days ago
    const done = await release(head, id);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().endDate).toBe(fixedDay(-20));
    const book = (await head.get(`/api/subjects/${id}/book`)).json();
    expect(book.closure.state).toBe("release_analysis");
    const writable = book.sections
      .filter((s: { canWrite: boolean }) => s.canWrite)
      .map((s: { id: string }) => s.id);
    expect(writable).toEqual(["release_analysis"]);
    const other = await save(assistant, id, "basic_info", 0, { phone: "13800000000" });
    expect(other.statusCode).toBe(409);
    // Its deadline is on the office head's Today, one click from the book.
    const due = (await head.get("/api/today?horizon=30"))
      .json()
      .items.find((i: { key: string }) => i.key.startsWith(`deadline:${id}:release_analysis:`));
    expect(due, "the release analysis is on Today").toBeTruthy();
    expect(due.dueBy.slice(0, 10)).toBe(book.closure.closesOn);
    expect(due.action).toMatchObject({ kind: "book", subjectId: id });
    const analysis = book.sections.find((s: { id: string }) => s.id === "release_analysis");
    const saved = await save(head, id, "release_analysis", analysis.entries[0]?.version ?? 0, {
      summary: "矫正方案执行到位，解矫后衔接安置帮教。",
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().completedNow).toBe(true);
  });

  it("closes the book when the month after release has passed", async () => {
    const id = people[2]!.id; // term ended 40 days ago
    const done = await release(head, id);
    expect(done.statusCode, done.body).toBe(201);
    const book = (await head.get(`/api/subjects/${id}/book`)).json();
    expect(book.closure.state).toBe("closed");
    expect(book.closure.closesOn < FIXED_TODAY).toBe(true);
    expect(book.sections.some((s: { canWrite: boolean }) => s.canWrite)).toBe(false);
    const cover = docxText((await head.get(`/api/subjects/${id}/book/export`)).rawPayload);
    expect(cover).toContain(`封存日期：${book.closure.closesOn}`);
    const late = await save(head, id, "release_analysis", 0, { summary: "补写" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain("封存");
  });

  it("terminates with its date and document: the book is closed at once, the notices made, no certificate", async () => {
    const id = people[4]!.id;
    const missing = await head.post(`/api/subjects/${id}/termination`, {
      kind: "imprisonment",
      date: fixedDay(-1),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("documentText");
    const done = await head.post(`/api/subjects/${id}/termination`, {
      kind: "imprisonment",
      date: fixedDay(-1),
      documentText: "青禾县人民法院收监执行决定书（2026）青刑执12号",
    });
    expect(done.statusCode, done.body).toBe(201);
    const view = (await head.get(`/api/subjects/${id}/end`)).json();
    expect(view.status).toBe("terminated");
    expect(view.book).toMatchObject({ state: "closed", closesOn: fixedDay(-1) });
    expect(view.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      "notice_court",
      "notice_police",
      "notice_procuratorate",
    ]);
    expect((await head.get(`/api/subjects/${id}/end/documents/certificate`)).statusCode).toBe(404);
    const notice = await head.get(`/api/subjects/${id}/end/documents/notice_police`);
    expect(docxText(notice.rawPayload)).toContain("终止社区矫正通知书");
    const book = (await head.get(`/api/subjects/${id}/book`)).json();
    expect(book.sections.some((s: { canWrite: boolean }) => s.canWrite)).toBe(false);
    expect((await save(head, id, "release_analysis", 0, { summary: "写不了" })).statusCode).toBe(409);
    expect((await release(head, id)).statusCode).toBe(409);
    // No release analysis is asked of a terminated case.
    const items = (await head.get("/api/today?horizon=30")).json().items as Array<{ key: string }>;
    expect(items.some((i) => i.key.startsWith(`deadline:${id}:release_analysis:`))).toBe(false);
  });
});
