// The yearly review of the books in Chromium: the agency head draws the year's random sample; the page
// shows its seed, confirms that the pick is reproduced from it, and lists the picked books.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginPage, qa } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("yearly review of the books in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  }, 240_000);
  afterAll(async () => {
    await product?.stop();
  });

  it("draws the random sample with a recorded seed that reproduces the pick", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("agency.head", "onebook2025");
    await page.goto("/review");
    await qa(page, "review-draw").click();
    const seed = qa(page, "review-seed");
    await seed.waitFor();
    expect((await seed.textContent())?.trim()).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.getByText("已按种子复核一致").count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, "review-sample.png"), fullPage: true });
    await context.close();
  }, 120_000);
});
