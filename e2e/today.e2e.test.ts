// 今日工作 in Chromium: an office assistant opens Today, records an in-person report and an
// information check, sees the report's item leave the list and the coverage figure change; the
// agency then sees that office's coverage.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_TODAY } from "../test/helpers/fixed-now.ts";
import { LoginPage, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("今日工作 in Chromium", () => {
  let product: Product;
  let officeId = "";
  let keyCoverage = { done: 0, required: 0 };

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("an office assistant records an in-person report and a check from Today", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.assistant", "onebook2025");
    const today = new TodayPage(page);
    await page.waitForURL(/\/today/);
    await today.waitForData();
    officeId = (await today.officeIds())[0] ?? "";
    expect(await page.locator("body").textContent()).toContain("今日工作");

    // Most urgent first: what is overdue, then what is due today (by time), then the rest.
    const statuses = await today.statuses();
    const rank: Record<string, number> = { overdue: 0, due_today: 1, open: 2 };
    expect(statuses.length).toBeGreaterThan(0);
    expect(["overdue", "due_today"]).toContain(statuses[0]);
    for (let i = 1; i < statuses.length; i++)
      expect(rank[statuses[i - 1]!]!).toBeLessThanOrEqual(rank[statuses[i]!]!);
    // Each row shows the rule itself in Chinese, not a paragraph number alone.
    const rules = await today.basisTexts();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule).not.toBe("");
      expect(rule).not.toMatch(/[A-Za-z]{2,}/);
    }
    expect(rules.some((r) => /每(日|周|半月|月|季度)/.test(r))).toBe(true);

    // An in-person report due in this period (not one already past): record it, and it leaves the list.
    await today.showWithin("本月");
    const day = FIXED_TODAY;
    const keys = await today.keys();
    const report = keys.find((k) => k.includes(":in_person_report:") && k.slice(-10) >= day);
    expect(report, "an in-person report is due").toBeDefined();
    expect(await today.titleOf(report!)).toBe("当面报告");
    const modal = await today.openAction(report!);
    await modal.locator('[data-qa="field-content"]').fill("到所当面报告：近期在家务农，思想稳定");
    await today.submitRecord();
    await today.row(report!).waitFor({ state: "detached" });
    expect(await today.keys()).not.toContain(report);

    // The key persons not yet checked today: check one, and the coverage figure moves.
    const before = await today.standard("office_key_coverage", officeId);
    const coverageKey = (await today.keys()).find((k) => k.endsWith(":office_key_coverage"));
    if (coverageKey && before.required > before.done) {
      const check = await today.openAction(coverageKey);
      await check.locator('[data-qa="field-note"]').fill("电话联系本人，在家");
      await today.submitRecord();
      await page.waitForFunction(
        (n) =>
          Number(
            document
              .querySelector('[data-qa="standard"][data-id="office_key_coverage"]')
              ?.getAttribute("data-done"),
          ) === n,
        before.done + 1,
      );
      keyCoverage = await today.standard("office_key_coverage", officeId);
      expect(keyCoverage.done).toBe(before.done + 1);
    } else {
      keyCoverage = before;
    }
    await page.screenshot({ path: join(screenshotDir, "today-office.png"), fullPage: true });
    await context.close();
  }, 180_000); // a shared machine under load takes well over the default minute

  it("the agency sees the office's coverage", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).login("agency.staff1", "onebook2025");
    const today = new TodayPage(page);
    await today.goto();
    const offices = await today.officeIds();
    expect(offices.length).toBe(3);
    expect(offices).toContain(officeId);
    expect(await today.standard("office_key_coverage", officeId)).toEqual(keyCoverage);
    expect(await today.standard("agency_key_sample", officeId)).toHaveProperty("required");
    await page.screenshot({ path: join(screenshotDir, "today-agency.png"), fullPage: true });
    await context.close();
  });
});
