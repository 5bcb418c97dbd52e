// 执行地变更 in Chromium: a request filed by the office (through the console's API) appears on the
// agency's 今日工作; one click opens the 执行地变更 tab of the 请销假 page, where the agency sends the
// letter and the answer clock appears with its due day.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedDay } from "../test/helpers/fixed-now.ts";
import { LoginPage, qa, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("执行地变更 in Chromium", () => {
  let product: Product;
  let transferId = "";

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("the office files a request for a person of its office", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).login("chengguan.assistant", "onebook2025");
    await page.waitForURL(/\/today/);
    const created = await page.evaluate(async () => {
      const list = await (await fetch("/api/subjects?status=in_correction&pageSize=5")).json();
      const csrf = decodeURIComponent(
        document.cookie
          .split(";")
          .map((c) => c.trim())
          .find((c) => c.startsWith("onebook_csrf="))
          ?.slice("onebook_csrf=".length) ?? "",
      );
      const r = await fetch("/api/transfers", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({
          subjectId: list.items[0].id,
          newCounty: "990122",
          newAddress: "石岭镇府前路12号",
          reason: "随子女迁居",
        }),
      });
      return { status: r.status, body: await r.json() };
    });
    expect(created.status).toBe(201);
    transferId = created.body.id;
    await context.close();
  });

  it("the agency opens it from 今日工作 in one click and sends the letter", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).login("agency.head", "onebook2025");
    await page.waitForURL(/\/today/);
    const today = new TodayPage(page);
    await today.waitForData();
    const key = `transfer_send:${transferId}`;
    expect(await today.keys()).toContain(key);
    await qa(today.row(key), "today-action").click();
    await page.waitForURL(/\/leave\?status=transfer/);
    const row = page.locator(`[data-qa="transfer-row"][data-id="${transferId}"]`);
    await row.waitFor();
    expect(await qa(row, "transfer-status").textContent()).toBe("待机构发函");
    await qa(row, "transfer-send").click();
    await page.getByText("邮寄", { exact: true }).click();
    await page.locator(".ant-modal-footer .ant-btn-primary").click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-qa="transfer-row"][data-id="${id}"] [data-qa="transfer-status"]`)
          ?.textContent === "待新执行地回复",
      transferId,
    );
    const clock = qa(row, "transfer-clock");
    expect(await clock.textContent()).toContain(fixedDay(5));
    await page.screenshot({ path: join(screenshotDir, "transfer-sent.png"), fullPage: true });
    await context.close();
  });
});
