// 后续照管 in Chromium: the office assistant finds a person's monthly phone follow-up on 今日工作, one
// click opens its form on the 后续照管 page, saving it takes the item off Today and the care rate up.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AftercarePage, LoginPage, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("后续照管 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("records the month's phone follow-up from Today in one click", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.assistant", "onebook2025");
    const aftercare = new AftercarePage(page);
    await aftercare.goto();
    const before = await aftercare.indicator("care");

    const today = new TodayPage(page);
    await today.goto();
    await today.showWithin("本月");
    const key = (await today.keys()).find((k) => k.startsWith("aftercare_phone:"));
    expect(key, "a phone follow-up is due this month").toBeDefined();
    expect(await today.titleOf(key!)).toMatch(/^后续照管：电话回访（.+）$/);
    await today.row(key!).locator('[data-qa="today-action"]').click();
    await aftercare.recordFollowup("电话联系本人，在家务农，情绪稳定");
    await page.screenshot({ path: join(screenshotDir, "aftercare.png"), fullPage: true });
    // The rate follows once the page has fetched it again.
    await expect.poll(() => aftercare.indicator("care"), { timeout: 15_000 }).not.toBe(before);

    await today.goto();
    await today.showWithin("本月");
    expect(await today.keys()).not.toContain(key);
    await context.close();
  });
});
