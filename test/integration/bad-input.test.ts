// Bad input is refused with 400 naming the field — never a 500, never stored: NUL characters and
// lone surrogates anywhere in a request, invalid UTF-8 in JSON, impossible dates and year 0000, and
// photos whose bytes are not the image they claim to be. The fuzzer (fuzz.test.ts) tries the same at
// random over every operation; these are the cases the issue names, checked one by one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_PASSWORD, startTestApp, type TestApp } from "../helpers/app.ts";
import { databaseLabel } from "../helpers/database.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString("base64");
const HTML = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>").toString(
  "base64",
);

describe(`bad input never gives a 5xx (${databaseLabel})`, () => {
  let t: TestApp;
  let assistant: Client;
  let head: Client;
  let agency: Client;
  let subjectId: string;
  let workers: string[];

  /** The 400 a bad request must get: our error shape, a Chinese message and the field. */
  const refused = (response: { statusCode: number; body: string }, field: string) => {
    expect(response.statusCode, response.body).toBe(400);
    const error = JSON.parse(response.body).error;
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    return error as { code: string; message: string; field: string };
  };
  const events = async () =>
    Number(
      (
        await t.database.db.kysely
          .selectFrom("case_event")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("subject_id", "=", subjectId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    assistant = await t.signIn("chengguan.assistant");
    head = await t.signIn("chengguan.head");
    agency = await t.signIn("agency.staff1");
    const k = t.database.db.kysely;
    const office = await k
      .selectFrom("app_user")
      .select("place_id")
      .where("username", "=", "chengguan.head")
      .executeTakeFirstOrThrow();
    subjectId = (
      await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", office.place_id)
        .where("status", "=", "in_correction")
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    const staff = JSON.parse((await assistant.get(`/api/subjects/${subjectId}/workers`)).body).items;
    // The recorder and the office head: two staff accounts, the recorder among them.
    const role = (r: string) => staff.find((s: { role: string }) => s.role === r).id;
    workers = [role("office_assistant"), role("office_head")];
  }, 180_000);
  afterAll(() => t?.close());

  it("refuses a NUL character in the log-in name, a path id and a query string", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/auth/session");
    refused(
      await anonymous.post("/api/auth/login", { username: "agency\u0000.head", password: DEMO_PASSWORD }),
      "username",
    );
    refused(await assistant.get(`/api/subjects/${subjectId.slice(0, 4)}%00${subjectId.slice(4)}`), "id");
    refused(await assistant.get("/api/subjects?q=%E5%BC%A0%00"), "q");
    refused(await assistant.get(`/api/subjects/${subjectId}/timeline?type=field_visit%00`), "type");
  });

  it("refuses NUL and lone surrogates in body fields, at any depth and in field names, storing nothing", async () => {
    const before = await events();
    const report = (content: unknown) =>
      assistant.post(`/api/subjects/${subjectId}/reports`, { type: "phone_report", content });
    const nul = refused(await report("近期情况稳定\u0000"), "content");
    expect(nul.message).toContain("U+0000");
    refused(await report("近期情况稳定\ud800"), "content");
    refused(await report("近期情况稳定\udc00后文"), "content");
    const visit = await assistant.post(`/api/subjects/${subjectId}/field-visits`, {
      workers: [workers[0], `${workers[1]}\ud83d`],
      place: "家中",
      peopleMet: "本人",
      findings: "在家",
    });
    refused(visit, "workers.1");
    refused(
      await head.request({
        method: "PUT",
        url: `/api/subjects/${subjectId}/book/sections/team_formed`,
        payload: { baseVersion: 0, content: { "leader\u0000": "张三" } },
      }),
      "content.leader\ufffd",
    );
    expect(await events()).toBe(before);
    // A well-formed pair (an emoji) is text like any other.
    const ok = await report("近期情况稳定 👍");
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("refuses invalid UTF-8 inside a JSON string and malformed JSON, naming the body", async () => {
    const raw = (bytes: Buffer) =>
      assistant.request({
        method: "POST",
        url: `/api/subjects/${subjectId}/reports`,
        headers: { "content-type": "application/json" },
        payload: bytes,
      });
    const before = await events();
    const invalid = Buffer.concat([
      Buffer.from('{"type":"phone_report","content":"近期', "utf8"),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}', "utf8"),
    ]);
    expect(refused(await raw(invalid), "body").message).toContain("UTF-8");
    refused(await raw(Buffer.from('{"type":"phone_report","content":"近期', "utf8")), "body");
    refused(await raw(Buffer.from("", "utf8")), "body");
    expect(await events()).toBe(before);
  });

  it("refuses a lone surrogate in the URL path with 400 in the API's shape", async () => {
    const response = await assistant.get(`/api/subjects/${subjectId}%ED%A0%80`);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatchObject({ code: "invalid_input", field: "path" });
  });

  it("refuses impossible dates and year 0000 in the dashboards' window", async () => {
    for (const date of ["2026-11-31", "2026-02-30", "0000-11-20"])
      refused(await head.get(`/api/dashboards?period=week&date=${date}`), "date");
    refused(await head.get("/api/dashboards/export?date=2026-11-31"), "date");
  });

  it("refuses impossible dates and year 0000 in handover dates, storing nothing", async () => {
    const handover = {
      decidingOrgan: "青禾县人民法院",
      judgmentNumber: "（2026）青刑初901号",
      judgmentEffectiveDate: "2026-11-02",
      receivedOn: "2026-11-03",
      correctionType: "probation",
      termStart: "2026-11-02",
      termEnd: "2027-11-01",
      crimeText: "危险驾驶罪",
      crimeCategories: ["dangerous_driving"],
      personName: "钱多多",
      personIdNumber: "110101199005171234",
    };
    const count = async () =>
      Number(
        (
          await t.database.db.kysely
            .selectFrom("handover")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    refused(
      await agency.post("/api/handovers", { ...handover, judgmentEffectiveDate: "0000-01-01" }),
      "judgmentEffectiveDate",
    );
    refused(await agency.post("/api/handovers", { ...handover, termStart: "0000-11-02" }), "termStart");
    refused(await agency.post("/api/handovers", { ...handover, judgmentDate: "2026-02-30" }), "judgmentDate");
    refused(await agency.post("/api/handovers", { ...handover, termEnd: "2026-11-31" }), "termEnd");
    expect(await count()).toBe(before);
  });

  it("refuses impossible dates in the book's date fields; an empty date stays allowed", async () => {
    const save = (content: Record<string, unknown>) =>
      head.request({
        method: "PUT",
        url: `/api/subjects/${subjectId}/book/sections/team_formed`,
        payload: { baseVersion: 0, content },
      });
    expect(refused(await save({ letterSignedOn: "2026-11-31" }), "content.letterSignedOn").message).toContain(
      "不是有效的日期",
    );
    refused(await save({ announcementOn: "2026-02-30" }), "content.announcementOn");
    refused(await save({ announcementOn: "0000-03-01" }), "content.announcementOn");
    // Past validation, the save goes on to the version check: the dates themselves were accepted.
    const empty = await save({ announcementOn: "", letterSignedOn: "2026-02-28" });
    expect(empty.statusCode, empty.body).not.toBe(400);
  });

  it("checks a photo's bytes: HTML sent as a PNG is refused; a real one is served as itself with nosniff", async () => {
    const visit = (photos: string[]) =>
      assistant.post(`/api/subjects/${subjectId}/field-visits`, {
        workers,
        place: "家中",
        peopleMet: "本人及其母亲",
        findings: "在家务农，情绪稳定",
        photos,
      });
    const before = await events();
    const html = refused(
      await visit([`data:image/png;base64,${PNG}`, `data:image/png;base64,${HTML}`]),
      "photos.1",
    );
    expect(html.message).toContain("第 2 张照片");
    refused(await visit([`data:image/png;base64,${JPEG}`]), "photos.0");
    expect(await events()).toBe(before);

    const saved = await visit([`data:image/png;base64,${PNG}`]);
    expect(saved.statusCode, saved.body).toBe(201);
    const timeline = JSON.parse(
      (await assistant.get(`/api/subjects/${subjectId}/timeline?type=field_visit`)).body,
    );
    const image = await assistant.get(`/api/subjects/${subjectId}/photos/${timeline.items[0].photos[0]}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.headers["x-content-type-options"]).toBe("nosniff");
    expect(image.rawPayload.equals(Buffer.from(PNG, "base64"))).toBe(true);
  });
});
