// The subject's phone app in Chromium: the office assistant gives a person the one-time code on the
// case page; the person activates the app on a 390×844 phone with a simulated position, checks in and
// sees it counted; goes offline, checks in, sees 待发送; back online, sees 已发送; the server holds each
// check-in once, even when the phone sends the same keys again.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_TODAY } from "../test/helpers/fixed-now.ts";
import { AppCard, AppSignIn, AppToday, LoginPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const PASSWORD = "qinghe2026a";
const HERE = { longitude: 120.21, latitude: 30.25, accuracy: 12 };

/** A request from the signed-in console page, with the CSRF header the console sends. */
async function staffFetch<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )onebook_csrf=([^;]*)/)?.[1] ?? "");
      const r = await fetch(url, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return r.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

describe("the subject's phone app in Chromium", () => {
  let product: Product;
  let staff: BrowserContext;
  let staffPage: Page;
  let phone: BrowserContext;
  let phonePage: Page;
  let subjectId = "";
  let idNumber = "";
  let code = "";

  beforeAll(async () => {
    product = await startProduct();
    staff = await product.newContext();
    staffPage = await staff.newPage();
    await new LoginPage(staffPage).goto();
    await new LoginPage(staffPage).login("chengguan.assistant", "onebook2025");
    // A key person of the office (three location reports a day), whose ID number the office reveals.
    const list = await staffFetch<{ items: { id: string }[] }>(
      staffPage,
      "GET",
      "/api/subjects?level=key&status=in_correction&pageSize=50",
    );
    subjectId = list.items[0]?.id ?? "";
    expect(subjectId).not.toBe("");
    const revealed = await staffFetch<{ idNumber: string }>(
      staffPage,
      "POST",
      `/api/subjects/${subjectId}/unmask`,
      {
        purpose: "开通手机端，核对身份",
      },
    );
    idNumber = revealed.idNumber;
    phone = await product.browser.newContext({
      baseURL: product.baseUrl,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      permissions: ["geolocation"],
      geolocation: HERE,
    });
    phonePage = await phone.newPage();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("the office gives the person a one-time code on the case page", async () => {
    await staffPage.goto(`/subjects/${subjectId}`);
    const card = new AppCard(staffPage);
    await card.root.waitFor();
    // (The demo gives some persons an app account already: then the button resets it.)
    expect(["未开通", "已激活"]).toContain(await card.state());
    code = await card.giveCode();
    expect(code).toMatch(/^[0-9]{8}$/);
    await staffPage.waitForFunction(
      () => document.querySelector('[data-qa="app-state"]')?.textContent === "已生成激活码，待激活",
    );
  });

  it("the person activates the app on the phone, checks in and sees it counted", async () => {
    const signIn = new AppSignIn(phonePage);
    await signIn.goto();
    await phonePage.screenshot({ path: join(screenshotDir, "app-sign-in.png") });
    await signIn.activate(idNumber, code, PASSWORD);
    const today = new AppToday(phonePage);
    const before = await today.checkInsToday();
    expect(before).toBeGreaterThanOrEqual(0);
    expect(await phonePage.locator('[data-qa="app-location-reports"]').textContent()).toContain(
      "今日须报告位置 3 次",
    );
    expect(await today.checkIn()).toBe("签到已提交");
    await phonePage.waitForFunction(
      (n) => document.querySelector('[data-qa="app-checkins-today"]')?.textContent?.includes(`${n} 次`),
      before + 1,
    );
    expect(await today.states()).toEqual(["sent"]);
    expect(await today.stateLabels()).toEqual(["已发送"]);
    await phonePage.screenshot({ path: join(screenshotDir, "app-today.png"), fullPage: true });
  });

  it("a check-in made offline waits as 待发送 and is sent once the network is back", async () => {
    const today = new AppToday(phonePage);
    const before = await today.checkInsToday();
    await phone.setOffline(true);
    expect(await today.checkIn()).toContain("没有网络");
    expect(await today.states()).toEqual(["queued", "sent"]);
    expect((await today.stateLabels())[0]).toBe("待发送");
    await phonePage.locator('[data-qa="app-offline"]').waitFor();
    await phonePage.screenshot({ path: join(screenshotDir, "app-offline-queued.png"), fullPage: true });

    await phone.setOffline(false); // the app sends what waits when `online` fires
    await phonePage.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-qa="app-checkin-state"]')].every(
          (e) => e.getAttribute("data-state") === "sent",
        ),
      undefined,
      { timeout: 20_000 },
    );
    expect(await today.stateLabels()).toEqual(["已发送", "已发送"]);
    await phonePage.waitForFunction(
      (n) => document.querySelector('[data-qa="app-checkins-today"]')?.textContent?.includes(`${n} 次`),
      before + 1,
    );
    await phonePage.screenshot({ path: join(screenshotDir, "app-offline-sent.png"), fullPage: true });
  });

  it("the server holds each check-in once, even when the phone sends the same keys again", async () => {
    const purpose = `?from=${FIXED_TODAY}&to=${FIXED_TODAY}&purpose=${encodeURIComponent("核对手机端签到")}`;
    const count = async () =>
      (
        await staffFetch<{ reports: { source: string }[] }>(
          staffPage,
          "GET",
          `/api/subjects/${subjectId}/locations${purpose}`,
        )
      ).reports.filter((r) => r.source === "app").length;
    const held = await count();
    // The phone sends what it keeps (same idempotency keys, same times) once more.
    const statuses = await phonePage.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("onebook-app");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const rows = await new Promise<{ key: string; at: string; lon: number; lat: number }[]>((resolve) => {
        const all = db.transaction("checkins").objectStore("checkins").getAll();
        all.onsuccess = () => resolve(all.result);
      });
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )onebook_csrf=([^;]*)/)?.[1] ?? "");
      const r = await fetch("/api/app/reports", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({ reports: rows.map(({ key, at, lon, lat }) => ({ key, at, lon, lat })) }),
      });
      return ((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status);
    });
    expect(statuses).toEqual(["duplicate", "duplicate"]);
    expect(await count()).toBe(held);

    await staffPage.reload();
    const card = new AppCard(staffPage);
    await card.root.waitFor();
    await staffPage.waitForFunction(
      () => document.querySelector('[data-qa="app-state"]')?.textContent === "已激活",
    );
    expect(await card.lastCheckIn()).toContain(FIXED_TODAY);
    await staffPage.screenshot({ path: join(screenshotDir, "app-case-card.png"), fullPage: true });
  });
});
