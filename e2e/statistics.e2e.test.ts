// 统计 in Chromium: the agency head opens the statistics, reads the individual-correction rate with its
// definition beside it, drills from the rate to the persons counted (as many as the API's numerator),
// and downloads the month's workbook, whose table sent upward totals the register shown on screen.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginPage, StatisticsPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("统计 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("the agency opens 统计, drills from a rate to its persons and downloads the monthly workbook", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("agency.head", "onebook2025");
    const stats = new StatisticsPage(page);
    await stats.goto();

    const api = await (await page.request.get("/api/statistics?period=month&date=2026-11-20")).json();
    const rate = api.indicators.find((f: { id: string }) => f.id === "individual_correction");
    expect(await stats.registerTotal()).toBe(api.register.total);
    expect(await stats.figure("individual_correction")).toBe(`${rate.value}%`);
    expect(await stats.definition("individual_correction")).toContain("个性化矫正方案");
    await page.screenshot({ path: join(screenshotDir, "statistics.png"), fullPage: true });

    const drawer = await stats.drill("individual_correction");
    expect(await drawer.textContent()).toContain(`计入的人员（${rate.numerator}）`);
    const names = await stats.drillNames();
    expect(names.length).toBe(Math.min(20, rate.numerator));
    await page.screenshot({ path: join(screenshotDir, "statistics-drill.png") });
    await page.keyboard.press("Escape");

    const download = await stats.download();
    expect(download.suggestedFilename()).toMatch(/^社区矫正统计表_2026-11-01_2026-11-30\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("统计表")!;
    const header = sheet.getRow(3).values as unknown[];
    let total: number | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "合计") total = row.getCell(header.indexOf("期末在册")).value as number;
    });
    expect(total).toBe(api.register.total);
    await context.close();
  }, 240_000);
});
