// 季度排查 in Chromium: a person still to screen is on the office assistant's Today; one click opens the
// screening form for that person; the talk and the five clears recorded, the item goes from Today and
// the office's completion on the 季度排查 tab counts one more.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginPage, ScreeningForm, ScreeningTabPage, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("季度排查 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("the assistant screens a person from Today in one click", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.assistant", "onebook2025");
    const tab = new ScreeningTabPage(page);
    await tab.goto();
    const before = (await tab.doneByOffice()).reduce((a, b) => a + b, 0);

    const today = new TodayPage(page);
    await today.goto();
    await today.showWithin("本月");
    const keys = (await today.keys()).filter((k) => k.startsWith("screening:"));
    expect(keys.length).toBeGreaterThan(0);
    expect(await today.titleOf(keys[0]!)).toBe("季度安全隐患排查谈话");
    await today.row(keys[0]!).locator('[data-qa="today-action"]').click();
    const form = new ScreeningForm(page);
    await form.fill({ talk: "情况正常，思想稳定", unclear: ["thinking"], risks: "近期情绪低落，需跟进" });
    // A full-page capture resizes the page; the form stays open (the frame no longer re-mounts the page).
    await page.screenshot({ path: join(screenshotDir, "screening-form.png"), fullPage: true });
    await form.save();
    await today.waitForData();
    await page.waitForTimeout(300);
    expect(await today.keys()).not.toContain(keys[0]);

    await tab.goto();
    expect((await tab.doneByOffice()).reduce((a, b) => a + b, 0)).toBe(before + 1);
    const subjectId = keys[0]!.split(":")[2]!;
    expect(await tab.row(subjectId).textContent()).toContain("思想动态未清");
    await page.screenshot({ path: join(screenshotDir, "screening.png"), fullPage: true });
    await context.close();
  });
});
