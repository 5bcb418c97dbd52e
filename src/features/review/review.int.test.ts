// The yearly review of the books on a real database: the random sample drawn once and reproducible
// from its seed, reviews by the three methods with scores per section, the results per office and the
// Word report, excellent cases and their booklet with minors masked unless made for a stated purpose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxPart, docxText } from "../../../test/helpers/docx-text.ts";
import { maskName } from "../../shared/id-number.ts";
import { isMinorSubject, type SubjectRowWithPlaces } from "../subjects/view.ts";
import { drawSample } from "../supervision/sampling.ts";

const year = 2026;

describe(`yearly review of the books (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let staff: Client;
  let officeHead: Client;
  let countyId: string;
  let offices: string[];
  let books: Array<{ id: string; name: string; office_id: string; birth_date: string; intake_date: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    agency = await t.signIn("agency.head");
    staff = await t.signIn("agency.staff1");
    officeHead = await t.signIn("chengguan.head");
    const k = t.database.db.kysely;
    countyId = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "agency.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    offices = (
      await k
        .selectFrom("place")
        .select("id")
        .where("parent_id", "=", countyId)
        .where("kind", "=", "office")
        .orderBy("id")
        .execute()
    ).map((o) => o.id);
    books = await k
      .selectFrom("subject")
      .select(["id", "name", "office_id", "birth_date", "intake_date"])
      .where("county_id", "=", countyId)
      .where("book_number", "is not", null)
      .where("status", "=", "in_correction")
      .orderBy("id")
      .execute();
  }, 180_000);
  afterAll(() => t?.close());

  it("draws the random sample once, with a seed from which anyone gets the same books", async () => {
    expect((await officeHead.post("/api/book-reviews/sample", { year, count: 5 })).statusCode).toBe(403);
    const drawn = await staff.post("/api/book-reviews/sample", { year, count: 5 });
    expect(drawn.statusCode, drawn.body).toBe(201);
    const sample = drawn.json() as { seed: string; population: string[]; picked: string[] };
    expect(sample.picked).toHaveLength(5);
    expect(sample.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(drawSample(sample.population, 5, sample.seed)).toEqual(sample.picked);
    // The same seed over the population in another order picks the same books.
    expect(drawSample([...sample.population].reverse(), 5, sample.seed)).toEqual(sample.picked);
    expect((await staff.post("/api/book-reviews/sample", { year, count: 3 })).statusCode).toBe(409);
    const view = (await agency.get(`/api/book-reviews?year=${year}`)).json();
    expect(view.sample).toMatchObject({ seed: sample.seed, count: 5, reproduced: true });
    expect(view.sample.picked.map((p: { id: string }) => p.id)).toEqual(sample.picked);
  });

  it("records reviews by each method with scores per section, and sums them per office", async () => {
    const view = (await agency.get(`/api/book-reviews?year=${year}`)).json();
    const picked: string[] = view.sample.picked.map((p: { id: string }) => p.id);
    const notPicked = books.find((b) => !picked.includes(b.id))!;
    const book = books[0]!;
    const central = await staff.post("/api/book-reviews", {
      year,
      subjectId: book.id,
      method: "central",
      scores: { correction_plan: 90, file_review_summary: 81 },
      remarks: { correction_plan: "方案针对性强" },
      overall: "整体较好",
    });
    expect(central.statusCode, central.body).toBe(201);
    expect(central.json().total).toBe(86); // (90 + 81) / 2 rounded
    expect(
      (
        await staff.post("/api/book-reviews", {
          year,
          subjectId: book.id,
          method: "central",
          scores: { correction_plan: 70 },
        })
      ).statusCode,
    ).toBe(409);
    const badScore = await staff.post("/api/book-reviews", {
      year,
      subjectId: book.id,
      method: "mutual",
      reviewerOfficeId: offices.find((o) => o !== book.office_id),
      scores: { correction_plan: 120 },
    });
    expect(badScore.statusCode).toBe(400);
    expect(badScore.json().error.field).toContain("scores");
    const own = await staff.post("/api/book-reviews", {
      year,
      subjectId: book.id,
      method: "mutual",
      reviewerOfficeId: book.office_id,
      scores: { correction_plan: 80 },
    });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.field).toBe("reviewerOfficeId");
    const mutual = await staff.post("/api/book-reviews", {
      year,
      subjectId: book.id,
      method: "mutual",
      reviewerOfficeId: offices.find((o) => o !== book.office_id),
      scores: { correction_plan: 70 },
    });
    expect(mutual.statusCode, mutual.body).toBe(201);
    const outside = await staff.post("/api/book-reviews", {
      year,
      subjectId: notPicked.id,
      method: "random",
      scores: { correction_plan: 70 },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe("subjectId");
    const random = await staff.post("/api/book-reviews", {
      year,
      subjectId: picked[0],
      method: "random",
      scores: { correction_plan: 60, release_analysis: 64 },
    });
    expect(random.statusCode, random.body).toBe(201);

    const after = (await agency.get(`/api/book-reviews?year=${year}`)).json();
    expect(after.reviews).toHaveLength(3);
    const office = after.results.find((r: { office: { id: string } }) => r.office.id === book.office_id);
    expect(office.byMethod.central).toEqual({ reviewed: 1, average: 86 });
    expect(office.byMethod.mutual).toEqual({ reviewed: 1, average: 70 });
    const reviewed = after.reviews.find((r: { method: string }) => r.method === "central");
    expect(reviewed.sections).toContainEqual({
      section: "correction_plan",
      label: "矫正方案",
      score: 90,
      remark: "方案针对性强",
    });

    const report = await agency.get(`/api/book-reviews/report?year=${year}`);
    expect(report.statusCode).toBe(200);
    const text = docxText(report.rawPayload);
    expect(text).toContain("各司法所评查结果");
    expect(text).toContain(view.sample.seed);
    expect(text).toContain("方案针对性强");
    expect(docxPart(report.rawPayload, "word/styles.xml")).toContain("黑体");
  });

  it("compiles the excellent cases into a booklet, a minor's name masked unless made for a purpose", async () => {
    const minor = books.find((b) => isMinorSubject(b as unknown as SubjectRowWithPlaces));
    const adult = books.find((b) => !isMinorSubject(b as unknown as SubjectRowWithPlaces))!;
    expect(minor, "the demo county has a minor with a book").toBeTruthy();
    for (const b of [adult, minor!]) {
      const marked = await staff.post("/api/book-reviews/excellent", {
        year,
        subjectId: b.id,
        reason: "矫正方案精准，帮扶成效明显",
      });
      expect(marked.statusCode, marked.body).toBe(201);
    }
    expect(
      (await staff.post("/api/book-reviews/excellent", { year, subjectId: adult.id, reason: "再次评选理由" }))
        .statusCode,
    ).toBe(409);
    const masked = docxText((await agency.get(`/api/book-reviews/booklet?year=${year}`)).rawPayload);
    expect(masked).toContain("优秀案例汇编");
    expect(masked).toContain(adult.name);
    expect(masked).toContain(maskName(minor!.name));
    expect(masked).not.toContain(minor!.name);
    const full = docxText(
      (
        await agency.get(
          `/api/book-reviews/booklet?year=${year}&purpose=${encodeURIComponent("报送表彰材料")}`,
        )
      ).rawPayload,
    );
    expect(full).toContain(minor!.name);
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["review.booklet", "review.booklet_minor"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["review.booklet", "review.booklet_minor"]);
    expect((await officeHead.get(`/api/book-reviews?year=${year}`)).statusCode).toBe(403);
  });
});
