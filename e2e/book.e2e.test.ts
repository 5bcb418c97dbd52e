// Intake and the book in Chromium, as new users would do it: agency staff record a handover, upload
// the judgment and register the person (the book gets its number); the office assistant fills the
// basic information; the psychologist writes an evaluation with a special reminder; the office head
// writes the case-file review summary and a plan and decides the level; the book page shows the
// statuses; the printed book and the Word export carry the name and the number.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../src/shared/id-number.ts";
import { docxText } from "../test/helpers/docx-text.ts";
import { fixedDay } from "../test/helpers/fixed-now.ts";
import {
  BookPage,
  HandoverPage,
  IntakePage,
  LoginPage,
  qa,
  SubjectPage,
  TodayPage,
} from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const day = fixedDay; // days from the fixed day the product runs at (ONEBOOK_NOW)
const NAME = "郑国强";
const BIRTH = "1986-04-12";
const ID_NUMBER = makeIdNumber("990121", BIRTH, 517);

describe("intake and the book in Chromium", () => {
  let product: Product;
  let subjectId = "";
  let bookNumber = "";

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, "onebook2025");
    return { context, page };
  }

  it("agency staff record a handover, upload the judgment and register the person", async () => {
    const { context, page } = await signedIn("agency.staff1");
    const intake = new IntakePage(page);
    await intake.goto();
    // The demo county has handovers waiting; one is past the reporting deadline and flagged.
    await qa(page, "handover-row").first().waitFor();
    expect(await page.locator('[data-qa="handover-row"][data-status="overdue"]').count()).toBeGreaterThan(0);
    await page.locator(".ant-spin-blur").waitFor({ state: "detached" });
    await page.screenshot({ path: join(screenshotDir, "intake-list.png"), fullPage: true });
    await intake.newHandover({
      name: NAME,
      idNumber: ID_NUMBER,
      organ: "青禾县人民法院",
      judgmentNumber: "（2026）青刑初517号",
      effective: day(-2),
      received: day(-1),
      type: "缓刑",
      termStart: day(-2),
      termEnd: day(700),
      crime: "危险驾驶罪",
      category: "危险驾驶",
      office: "城关",
    });
    expect(await qa(page, "clock-tag").first().textContent()).toContain("等待报到");
    const handover = new HandoverPage(page);
    await handover.upload({
      name: "判决书.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    });
    // A birth date that does not match the ID number is refused next to the field.
    await qa(page, "r-name").fill(NAME);
    await qa(page, "r-idNumber").fill(ID_NUMBER);
    const wrong = await (async () => {
      const { typeDate, pick } = await import("../web/e2e-pages/BookPages.ts");
      await typeDate(page, "r-birthDate", "1986-04-13");
      await pick(page, qa(page, "r-gender"), "男");
      return handover.registerExpectingError();
    })();
    expect(wrong).toContain("出生日期与身份证号不一致");
    const title = await handover.register({ name: NAME, idNumber: ID_NUMBER, birth: BIRTH, gender: "男" });
    bookNumber = /编号\s*(\S+)/.exec(title)?.[1] ?? "";
    expect(bookNumber).toMatch(new RegExp(`^\\d{6}-${day(0).slice(0, 4)}-\\d{4}$`));
    await page.screenshot({ path: join(screenshotDir, "intake-registered.png"), fullPage: true });
    await qa(page, "open-book").click();
    await qa(page, "book-page").waitFor();
    subjectId = page.url().split("/book/")[1] ?? "";
    expect(await new BookPage(page).bookNumber()).toBe(bookNumber);
    await context.close();
  });

  it("the office assistant fills the basic information; others may only read it", async () => {
    const { context, page } = await signedIn("chengguan.assistant");
    const book = new BookPage(page);
    await book.goto(subjectId);
    expect(await book.status("basic_info")).toBe("open");
    await book.fill("basic_info", {
      phone: "13912345678",
      address: "青禾县城关镇人民路12号",
      familyMembers: "妻子 李梅；儿子 郑小明",
    });
    await qa(book.section("basic_info"), "section-status").filter({ hasText: "按期完成" }).waitFor();
    expect(await qa(book.section("file_review_summary"), "edit-section").count()).toBe(0);
    await context.close();
  });

  it("the psychologist writes an evaluation with a special reminder shown on the case", async () => {
    const { context, page } = await signedIn("chengguan.psych");
    const book = new BookPage(page);
    await book.goto(subjectId);
    await book.fill("psych_evaluation", {
      mentalHealth: "焦虑自评量表提示轻度焦虑",
      conclusion: "心理状态基本稳定，建议每月谈心一次",
      specialReminder: "醉酒后情绪易失控，谈话避免饮酒场合",
    });
    expect(await book.reminder()).toContain("醉酒后情绪易失控");
    await page.goto(`/subjects/${subjectId}`);
    await qa(page, "special-reminder").waitFor();
    await context.close();
  });

  it("the case shows the level registration proposed; the head agrees on 今日工作 in one click", async () => {
    const { context, page } = await signedIn("chengguan.head");
    const subject = new SubjectPage(page);
    await subject.goto(subjectId);
    expect(await subject.levelPending()).toBe("拟定普管，待司法所决定");
    const today = new TodayPage(page);
    await today.goto();
    const key = `level:${subjectId}`;
    expect(await today.titleOf(key)).toBe("决定管理等级（入矫登记拟定普管）");
    expect(await today.actionLabel(key)).toBe("同意拟定等级");
    await today.completeAtOnce(key);
    await subject.goto(subjectId);
    expect(await subject.levelPending()).toBe("");
    await context.close();
  });

  it("the office head writes the review summary and the plan, decides the level; statuses, print and Word", async () => {
    const { context, page } = await signedIn("chengguan.head");
    const book = new BookPage(page);
    const started = Date.now();
    await book.goto(subjectId);
    const loadMs = Date.now() - started;
    await book.fill("file_review_summary", {
      crimeCause: "酒后驾驶，法律意识淡薄",
      supervisionRisks: "有饮酒习惯，存在再次酒驾风险",
      summary: "初犯，认罪悔罪，家庭支持较好",
    });
    await book.fill("correction_plan", {
      basicSituation: "男，40岁，个体经营，已婚",
      comprehensiveAssessment: "再犯风险中等",
      psychologicalAnalysis: "轻度焦虑，醉酒后情绪易失控",
      supervisionMeasures: "每半月当面报告一次，节假日重点核查",
      educationMeasures: "交通安全教育、戒酒辅导",
    });
    await book.decideLevel("严管", "节假日期间饮酒风险较高，先按严管");
    expect(await book.statusLabel("file_review_summary")).toBe("按期完成");
    expect(await book.statusLabel("correction_plan")).toBe("按期完成");
    expect(await book.status("basic_info")).toBe("met");
    expect(await book.status("intake_summary")).toBe("open");
    expect(await qa(page, "book-summary").textContent()).toContain("按期完成 4 项");
    await page.screenshot({ path: join(screenshotDir, "book-page.png"), fullPage: true });

    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(screenshotDir, "book-printed.png"), fullPage: true });
    writeFileSync(
      join(screenshotDir, "book-printed.pdf"),
      await page.pdf({ format: "A4", printBackground: false }),
    );
    await page.emulateMedia({ media: "screen" });

    const exported = await context.request.get(`/api/subjects/${subjectId}/book/export`);
    expect(exported.status()).toBe(200);
    const text = docxText(Buffer.from(await exported.body()));
    expect(text).toContain(NAME);
    expect(text).toContain(bookNumber);
    expect(text).toContain("初犯，认罪悔罪，家庭支持较好");
    expect(text).toContain("醉酒后情绪易失控");
    writeFileSync(join(screenshotDir, "book.docx"), Buffer.from(await exported.body()));
    console.log(`book page of a new case loaded in ${loadMs} ms`);
    await context.close();
  });

  it("loads the book of a demo person with a year of records", async () => {
    const { context, page } = await signedIn("chengguan.head");
    await page.goto("/book");
    await qa(page, "book-link").first().waitFor();
    const hrefs = (
      await qa(page, "book-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")))
    ).slice(0, 5);
    const times: number[] = [];
    for (const href of hrefs) {
      if (!href) continue;
      const started = Date.now();
      await page.goto(href);
      await qa(page, "book-page").waitFor();
      await qa(page, "book-section-annual_evaluation").waitFor();
      times.push(Date.now() - started);
    }
    await page.screenshot({ path: join(screenshotDir, "book-page-demo.png"), fullPage: true });
    console.log(`book pages of demo people (a year of records) loaded in ${times.join(", ")} ms`);
    expect(Math.max(...times)).toBeLessThan(5000);
    await context.close();
  });
});
