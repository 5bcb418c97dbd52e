// 信息共享 in Chromium: the agency registers a court and sees its secret once (the list never shows it
// again); a handover signed with that key by the court's server (this test) appears in 交付接收.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { methodPathTimestampBodyHash, signText } from "../src/http/signed-request.ts";
import { makeIdNumber } from "../src/shared/id-number.ts";
import { FIXED_NOW, fixedDay } from "../test/helpers/fixed-now.ts";
import { ExchangePage, IntakePage, LoginPage, qa, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("信息共享 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("registers a court with its secret shown once; the court's signed handover lands in 交付接收", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("agency.staff1", "onebook2025");
    const exchange = new ExchangePage(page);
    await exchange.goto();
    const key = await exchange.register({ kind: "人民法院", name: "青禾市中级人民法院" });
    expect(key.secret).toMatch(/^[0-9a-f]{64}$/);
    const row = exchange.row("青禾市中级人民法院");
    await row.waitFor();
    expect(await row.textContent()).toContain(key.keyId);
    expect(await page.content()).not.toContain(key.secret);
    await page.screenshot({ path: join(screenshotDir, "exchange-partners.png"), fullPage: true });

    // The court's server: a signed POST with the body's hash, at the product's clock.
    const path = "/api/exchange/v1/handovers";
    const body = JSON.stringify({
      decidingOrgan: "青禾市中级人民法院",
      judgmentNumber: "（2026）青中刑终55号",
      judgmentEffectiveDate: fixedDay(-2),
      receivedOn: fixedDay(0),
      correctionType: "probation",
      termStart: fixedDay(-2),
      termEnd: "2028-06-30",
      crimeText: "盗窃罪",
      crimeCategories: ["theft"],
      personName: "孙志远",
      personIdNumber: makeIdNumber("990121", "1984-09-09", 551),
    });
    const timestamp = new Date(FIXED_NOW).toISOString();
    const signature = signText(
      key.secret,
      methodPathTimestampBodyHash({ method: "POST", path, timestamp, rawBody: body }),
    );
    const sent = await fetch(`${product.baseUrl}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-onebook-key": key.keyId,
        "x-onebook-timestamp": timestamp,
        "x-onebook-signature": signature,
      },
      body,
    });
    expect(sent.status, await sent.clone().text()).toBe(201);

    const intake = new IntakePage(page);
    await intake.goto();
    const handover = qa(page, "handover-table").locator("tr", { hasText: "（2026）青中刑终55号" }).first();
    await handover.waitFor();
    expect(await handover.textContent()).toContain("孙志远");

    // The demo's dead letter is on the agency's Today; one click sends it again and it goes.
    const today = new TodayPage(page);
    await today.goto();
    const dead = today.rows.filter({ hasText: "信息共享推送未送达" }).first();
    await dead.waitFor();
    const deadKey = (await dead.getAttribute("data-key")) ?? "";
    expect(deadKey).toMatch(/^exchange_dead:/);
    await qa(dead, "today-action").click();
    await page.locator(`[data-key="${deadKey}"]`).waitFor({ state: "detached" });

    // The case page of the person those notices were about lists them: delivered, and queued again.
    const subjectId = await page.evaluate(async () => {
      const list = await (await fetch("/api/subjects?status=in_correction&pageSize=200")).json();
      for (const s of list.items as { id: string }[]) {
        const sent = await (await fetch(`/api/subjects/${s.id}/exchange-deliveries`)).json();
        if (sent.items.length > 0) return s.id;
      }
      return "";
    });
    expect(subjectId).not.toBe("");
    await page.goto(`/subjects/${subjectId}`);
    const rows = qa(qa(page, "subject-exchange"), "exchange-delivery");
    await rows.first().waitFor();
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).sort()).toEqual([
      "delivered",
      "pending",
    ]);
    expect(await qa(page, "subject-exchange").textContent()).toContain("已送达");
    await context.close();
  });
});
