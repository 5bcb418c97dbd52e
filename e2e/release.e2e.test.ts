// Release in Chromium, as the story goes: a person whose term ends in 3 days appears on the
// 解矫 list; on the last day of the term (the product restarted 3 days later on the same data) the
// office head announces the release, and the certificate downloads as a real .docx with the person's
// name and term; the office head then writes the release analysis; a month and more later the book
// shows itself closed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../src/shared/id-number.ts";
import { docxPart, docxText } from "../test/helpers/docx-text.ts";
import { fixedDay } from "../test/helpers/fixed-now.ts";
import { BookPage, LoginPage, qa } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const day = fixedDay;
const NAME = "罗建平";
const BIRTH = "1979-08-15";
const ID_NUMBER = makeIdNumber("990121", BIRTH, 733);
const TERM_START = day(-200);
const TERM_END = day(3);

describe("release in Chromium", () => {
  let product: Product | undefined;
  let subjectId = "";

  afterAll(async () => {
    await product?.stop();
  });

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await product!.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, "onebook2025");
    return { context, page };
  }

  /** A write through the API with the session's CSRF token (setting up the person, not under test). */
  async function post(context: BrowserContext, url: string, data: unknown) {
    const csrf = (await context.cookies()).find((c) => c.name === "onebook_csrf")?.value ?? "";
    const response = await context.request.post(url, {
      data: data as object,
      headers: { "x-csrf-token": csrf },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return response.json();
  }

  it("lists a person whose term ends in 3 days among the coming releases", async () => {
    product = await startProduct();
    const agency = await signedIn("agency.staff1");
    const places = await (await agency.context.request.get("/api/places")).json();
    const office = places.offices.find((o: { name: string }) => o.name.includes("城关"));
    const handover = await post(agency.context, "/api/handovers", {
      decidingOrgan: "青禾县人民法院",
      judgmentNumber: "（2026）青刑初733号",
      judgmentEffectiveDate: TERM_START,
      receivedOn: day(-199),
      correctionType: "probation",
      termStart: TERM_START,
      termEnd: TERM_END,
      crimeText: "盗窃罪",
      crimeCategories: ["theft"],
      personName: NAME,
      personIdNumber: ID_NUMBER,
    });
    const registered = await post(agency.context, `/api/handovers/${handover.id}/register`, {
      name: NAME,
      idNumber: ID_NUMBER,
      birthDate: BIRTH,
      gender: "male",
      officeId: office.id,
      intakeDate: day(-195),
    });
    subjectId = registered.subjectId;
    await agency.context.close();

    const { context, page } = await signedIn("chengguan.head");
    await page.goto("/release");
    const row = page.locator(`[data-qa="coming-release"][data-subject="${subjectId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("还有 3 天");
    expect(await row.textContent()).toContain(NAME);
    await page.screenshot({ path: join(screenshotDir, "release-coming.png"), fullPage: true });
    await qa(row, "open-release").click();
    await qa(page, "release-form").waitFor();
    // Before the last day the announcement cannot be made.
    expect(await qa(page, "release-submit").isDisabled()).toBe(true);
    await context.close();
  }, 240_000);

  it("on the last day the office head releases; the certificate is a .docx with the name and the term", async () => {
    const dataDir = product!.dataDir;
    await product!.stop({ keepData: true });
    product = await startProduct({ now: `${TERM_END}T10:00:00+08:00`, dataDir });
    const { context, page } = await signedIn("chengguan.head");
    await page.goto(`/release/${subjectId}`);
    await qa(page, "release-place").fill("城关司法所宣告室");
    await qa(page, "release-others").fill("王秀英、村委会代表李明");
    await qa(page, "release-submit").click();
    await qa(page, "case-end").waitFor();
    expect(await qa(page, "book-state").textContent()).toContain("解矫分析总结");
    await page.screenshot({ path: join(screenshotDir, "release-done.png"), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      qa(page, "download-certificate").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/解除社区矫正证明书\.docx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe("PK");
    const text = docxText(file);
    expect(text).toContain("解除社区矫正证明书");
    expect(text).toContain(NAME);
    expect(text).toContain(`${TERM_START}至${TERM_END}`);
    expect(docxPart(file, "word/styles.xml")).toContain("宋体");

    // The office head writes the release analysis; the rest of the book is read-only.
    const book = new BookPage(page);
    await book.goto(subjectId);
    expect(await qa(page, "book-closure").getAttribute("data-state")).toBe("release_analysis");
    expect(await qa(book.section("basic_info"), "edit-section").count()).toBe(0);
    await book.fill("release_analysis", { summary: "矫正方案执行到位，期满解矫，已衔接安置帮教。" });
    expect(await book.status("release_analysis")).toBe("met");
    await context.close();
  }, 240_000);

  it("a month and more after release the book shows itself closed", async () => {
    const dataDir = product!.dataDir;
    await product!.stop({ keepData: true });
    product = await startProduct({ now: `${day(40)}T10:00:00+08:00`, dataDir });
    const { context, page } = await signedIn("chengguan.head");
    const book = new BookPage(page);
    await book.goto(subjectId);
    const closure = qa(page, "book-closure");
    expect(await closure.getAttribute("data-state")).toBe("closed");
    expect(await closure.textContent()).toContain("已封存");
    expect(await qa(book.section("release_analysis"), "edit-section").count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, "release-book-closed.png"), fullPage: true });
    await context.close();
  }, 240_000);
});
