// 节假日安排 in Chromium: on the fixed day (2026-11-20, after 1 November) the agency head finds the
// task to load the 2027 calendar on Today, opens the calendar screen from it in one click, sees 2027
// derived (provisional), has a bad file refused with the field and the date, loads a good one — and
// the task leaves Today.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalendarPage, LoginPage, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const notice2027 = {
  year: 2027,
  source: "测试用通知",
  holidays: [
    "2027-01-01",
    "2027-01-02",
    "2027-01-03",
    "2027-02-05",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
  ],
  workdays: [],
};

describe("节假日安排 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("the agency loads the 2027 notice from Today's task", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("agency.head", "onebook2025");
    const today = new TodayPage(page);
    await today.goto();
    expect(await today.keys()).toContain("calendar:2027");
    expect(await today.titleOf("calendar:2027")).toBe("载入2027年度节假日安排");

    await today.row("calendar:2027").locator('[data-qa="today-action"]').click();
    await page.waitForURL(/\/calendar$/);
    const calendar = new CalendarPage(page);
    await calendar.waitForData();
    expect(await calendar.sourceOf(2026)).toBe("package");
    expect(await calendar.sourceOf(2027)).toBe("derived");
    expect(await calendar.year(2027).textContent()).toContain("按法定节假日推算（暂定）");

    const refused = await calendar.load(
      "2027.json",
      JSON.stringify({ ...notice2027, holidays: ["2026-12-31"] }),
    );
    expect(refused).toEqual({
      ok: false,
      message: "未载入：放假日期第 1 项：日期 2026-12-31 不在 2027 年内",
    });
    const loaded = await calendar.load("2027.json", JSON.stringify(notice2027));
    expect(loaded).toEqual({ ok: true, message: "已载入 2027 年节假日安排（测试用通知，第 1 版）" });
    await calendar.waitForData();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-qa="calendar-year"][data-year="2027"]')?.getAttribute("data-source") ===
        "notice",
    );
    await page.screenshot({ path: join(screenshotDir, "calendar.png"), fullPage: true });

    await today.goto();
    expect(await today.keys()).not.toContain("calendar:2027");
    await context.close();
  });
});
