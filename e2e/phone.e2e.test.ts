// The office assistant's daily loop on a phone (390 × 844, touch) in Chromium: log in, open Today
// from the menu drawer, record an in-person report and an information check from Today's cards,
// record a field visit with a photo (a large camera-sized image, shrunk in the browser), handle the
// alert an abnormal check raised. Along the way: the page never runs wider than the screen, no
// heading or figure wraps one character a line, and the fields and buttons are at least 44 px high.
// Screenshots go to test-results/e2e/phone-*.png.
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_TODAY } from "../test/helpers/fixed-now.ts";
import { LeaveForm, LoginPage, qa, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, phone, screenshotDir, startProduct } from "./harness.ts";

const TOUCH_PX = 44;

/** Things a person would see as broken on a phone: a page wider than the screen, text one character a line. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1)
      problems.push(`page is ${root.scrollWidth} px wide on a ${window.innerWidth} px screen`);
    const selector =
      ".ant-card-head-title, .ant-statistic-title, .ant-statistic-content-value, h1, h2, h3, h4, h5, .ant-tag, .ant-btn, .ant-segmented-item-label";
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const text = (el.textContent ?? "").trim();
      const rect = el.getBoundingClientRect();
      if (text.length < 2 || rect.width === 0) continue;
      // The lines the text is laid out in: the distinct tops of its rectangles.
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      const lines = tops.size;
      if (lines >= 2 && text.length / lines < 2.5)
        problems.push(`"${text.slice(0, 20)}" wraps into ${lines} lines of ${rect.width.toFixed(0)} px`);
    }
    return problems;
  });
}

/** The height of what a finger hits: a field's whole box (an input with an icon sits inside one). */
async function height(locator: Locator): Promise<number> {
  return locator.evaluate(
    (el) =>
      (el.closest(".ant-input-affix-wrapper, .ant-picker, .ant-select") ?? el).getBoundingClientRect().height,
  );
}

/** A 24-bit BMP of width × height (a camera-sized photo is several hundred KB and not a JPEG). */
function bitmap(width: number, heightPx: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * heightPx;
  const b = Buffer.alloc(size);
  b.write("BM", 0);
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(heightPx, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * heightPx, 34);
  for (let y = 0; y < heightPx; y++)
    for (let x = 0; x < width; x++) {
      const at = 54 + y * row + x * 3;
      b[at] = (x * 7 + y * 3) & 255;
      b[at + 1] = (x * y) & 255;
      b[at + 2] = (y * 5) & 255;
    }
  return b;
}

describe("the daily loop on a phone (390 × 844)", () => {
  let product: Product;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    const context = await product.newContext(phone);
    page = await context.newPage();
  });
  afterAll(async () => {
    await product?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `phone-${name}.png`) });

  async function openFromMenu(nav: string, label: string) {
    await page.getByRole("button", { name: "打开菜单" }).click();
    const drawer = qa(page, "menu-drawer");
    await drawer.getByText(label, { exact: true }).waitFor();
    await shot("menu");
    await qa(drawer, nav).click();
    await drawer.waitFor({ state: "hidden" });
  }

  it("logs in and opens Today from the menu drawer", { timeout: 180_000 }, async () => {
    const login = new LoginPage(page);
    await login.goto();
    expect(await layoutProblems(page)).toEqual([]);
    expect(await height(login.username)).toBeGreaterThanOrEqual(TOUCH_PX);
    expect(await height(login.submit)).toBeGreaterThanOrEqual(TOUCH_PX);
    await login.login("chengguan.assistant", "onebook2025");
    // No side menu keeping half the screen: the menu is behind a named button.
    expect(await qa(page, "side-menu").count()).toBe(0);
    const menuButton = page.getByRole("button", { name: "打开菜单" });
    expect(await height(menuButton)).toBeGreaterThanOrEqual(TOUCH_PX);
    await openFromMenu("nav-subjects", "社区矫正对象");
    await page.waitForURL(/\/subjects/);
    await openFromMenu("nav-today", "今日工作");
    await page.waitForURL(/\/today/);
    const today = new TodayPage(page);
    await today.waitForData();
    expect(await page.locator("body").textContent()).toContain("今日工作");
    // Rows are cards: no table header, each row a block as wide as the screen's content.
    expect(await page.locator('[data-qa="today-table"] thead').isVisible()).toBe(false);
    const firstRow = today.rows.first();
    expect(await firstRow.evaluate((el) => getComputedStyle(el).display)).toBe("block");
    expect(await height(qa(firstRow, "today-action"))).toBeGreaterThanOrEqual(TOUCH_PX);
    await shot("today");
    expect(await layoutProblems(page)).toEqual([]);
  });

  it("records an in-person report from Today, with touch-sized fields", { timeout: 180_000 }, async () => {
    const today = new TodayPage(page);
    await today.showWithin("本月");
    const report = (await today.keys()).find(
      (k) => k.includes(":in_person_report:") && k.slice(-10) >= FIXED_TODAY,
    );
    expect(report, "an in-person report is due").toBeDefined();
    const modal = await today.openAction(report!);
    await shot("report-form");
    expect(await layoutProblems(page)).toEqual([]);
    await expect.poll(() => height(qa(page, "record-submit"))).toBeGreaterThanOrEqual(TOUCH_PX);
    expect(await height(modal.locator('[data-qa="field-at"]'))).toBeGreaterThanOrEqual(TOUCH_PX);
    await modal.locator('[data-qa="field-content"]').fill("到所当面报告：近期在家务农，思想稳定");
    await today.submitRecord();
    await today.row(report!).waitFor({ state: "detached" });
    expect(await today.keys()).not.toContain(report);
  });

  it("records an information check of a key person not yet checked today", { timeout: 180_000 }, async () => {
    const today = new TodayPage(page);
    const officeId = (await today.officeIds())[0] ?? "";
    const before = await today.standard("office_key_coverage", officeId);
    const coverageKey = (await today.keys()).find((k) => k.endsWith(":office_key_coverage"));
    expect(coverageKey, "key persons are still to be checked today").toBeDefined();
    expect(before.required).toBeGreaterThan(before.done);
    const check = await today.openAction(coverageKey!);
    await check.locator('[data-qa="field-note"]').fill("电话联系本人，在家");
    await today.submitRecord();
    await page.waitForFunction(
      ({ office, n }) =>
        Number(
          document
            .querySelector(
              `[data-qa="office-standards"][data-office="${office}"] [data-qa="standard"][data-id="office_key_coverage"]`,
            )
            ?.getAttribute("data-done"),
        ) === n,
      { office: officeId, n: before.done + 1 },
    );
  });

  it("records a field visit with a photo from the camera", { timeout: 180_000 }, async () => {
    const subject = qa(page, "today-subject").first();
    const name = (await subject.textContent())?.trim() ?? "";
    await subject.click();
    await page.waitForURL(/\/supervision\//);
    await page.locator('[data-qa="timeline"][data-ready="true"]').waitFor();
    const rowsBefore = await qa(page, "timeline-row").count();
    await qa(page, "record-field_visit").click();
    const modal = qa(page, "record-modal");
    await modal.waitFor();
    // Two workers: the assistant herself and one more.
    const me = ((await qa(page, "current-user").textContent()) ?? "").trim();
    await qa(modal, "field-workers").click();
    const options = page.locator(
      ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option",
    );
    // Each chosen worker shows as "姓名（角色）" in the field.
    const chosen = async () =>
      ((await qa(modal, "field-workers").textContent()) ?? "").split("（").length - 1;
    await options.filter({ hasText: me }).first().click();
    await expect.poll(chosen).toBe(1);
    // Team members do not make the pair (seed 000 §九.2(3)): the second is another staff account.
    await options.filter({ hasNotText: me }).filter({ hasNotText: "矫正小组成员" }).first().click();
    await expect.poll(chosen).toBe(2);
    await page.keyboard.press("Escape");
    await qa(modal, "field-place").fill("家中");
    await qa(modal, "field-peopleMet").fill("本人、家属");
    await qa(modal, "field-findings").fill("在家务农，家庭关系和睦，未见异常");
    const input = modal.locator('input[type="file"]');
    expect(await input.getAttribute("accept")).toBe("image/*");
    expect(await input.getAttribute("capture")).toBe("environment");
    const photo = bitmap(640, 480);
    expect(photo.length).toBeGreaterThan(300 * 1024); // larger than the server takes: shrunk on saving
    await input.setInputFiles({ name: "现场.bmp", mimeType: "image/bmp", buffer: photo });
    await modal.locator(".ant-upload-list-item").first().waitFor();
    await shot("visit-form");
    expect(await layoutProblems(page)).toEqual([]);
    await qa(page, "record-submit").click();
    await modal.waitFor({ state: "detached" });
    // The visit is on the timeline with its photo, which the browser can show.
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-qa="timeline-row"]').length > n || n >= 20,
      rowsBefore,
    );
    const visitRow = qa(page, "timeline-row").filter({ hasText: "查访" }).first();
    const img = visitRow.locator("img").first();
    await img.waitFor();
    await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    expect(await qa(page, "supervision-name").textContent()).toContain(name.slice(0, 1));
    await shot("visit-recorded");
    expect(await layoutProblems(page)).toEqual([]);
  });

  it("handles the alert an abnormal check raised", { timeout: 180_000 }, async () => {
    // On the visited person's page: an information check found abnormal raises an alert at once.
    await qa(page, "record-information_check").click();
    const check = qa(page, "record-modal");
    await check.waitFor();
    await check.getByText("异常", { exact: true }).click();
    await qa(check, "field-note").fill("电话无人接听，微信未回复");
    await qa(page, "record-submit").click();
    await check.waitFor({ state: "detached" });
    await page.getByText("核查异常已生成预警").waitFor();
    await openFromMenu("nav-alerts", "预警");
    await page.waitForURL(/\/alerts/);
    // The open alerts, newest first: the one just raised is a card with its 处置 button.
    const row = qa(page, "alert-row")
      .filter({ has: qa(page, "alert-handle") })
      .first();
    await row.waitFor();
    const id = await row.getAttribute("data-row-key");
    const handle = qa(row, "alert-handle");
    expect(await height(handle)).toBeGreaterThanOrEqual(TOUCH_PX);
    await shot("alerts");
    expect(await layoutProblems(page)).toEqual([]);
    await handle.click();
    const modal = qa(page, "alert-handle-modal");
    await modal.waitFor();
    // (measured once the modal's opening animation, a zoom, has ended)
    await expect.poll(() => height(qa(page, "alert-handle-submit"))).toBeGreaterThanOrEqual(TOUCH_PX);
    await qa(modal, "alert-note").fill("已电话联系本人核实，系手机没电，已批评教育");
    await shot("alert-form");
    await qa(page, "alert-handle-submit").click();
    await modal.waitFor({ state: "detached" });
    // Handled, it leaves the list of open alerts.
    await page.locator(`[data-qa="alert-row"][data-row-key="${id}"]`).waitFor({ state: "detached" });
  });
});

// A tablet rotating across 768 px, or a full-page capture resizing the page, crosses the console's
// phone breakpoint: the chrome switches (side menu ↔ menu drawer) but the page, and any form open on
// it with what was typed, must stay as it was.
describe("an open form survives the window crossing the phone width", () => {
  let product: Product;
  let page: Page;
  const desk = { width: 1440, height: 900 };

  beforeAll(async () => {
    product = await startProduct();
    const context = await product.newContext();
    page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.assistant", "onebook2025");
    await page.waitForURL(/\/today/);
  });
  afterAll(async () => {
    await product?.stop();
  });

  /** To a phone's width and back, checking the chrome really switched each way. */
  async function rotate(check: () => Promise<void>) {
    await page.setViewportSize(desk);
    await qa(page, "side-menu").waitFor();
    await page.setViewportSize({ width: phone.viewport!.width, height: phone.viewport!.height });
    await page.getByRole("button", { name: "打开菜单" }).waitFor();
    expect(await qa(page, "side-menu").count()).toBe(0);
    await check();
    await page.setViewportSize(desk);
    await qa(page, "side-menu").waitFor();
    expect(await page.getByRole("button", { name: "打开菜单" }).count()).toBe(0);
    await check();
  }

  it("keeps the leave application drawer open with its typed reason", { timeout: 180_000 }, async () => {
    const subjectId = await page.evaluate(async () => {
      const r = await fetch("/api/subjects?level=normal&status=in_correction&pageSize=1");
      return ((await r.json()) as { items: { id: string }[] }).items[0]?.id ?? "";
    });
    expect(subjectId).not.toBe("");
    await page.goto(`/subjects/${subjectId}`);
    await qa(page, "subject-leave-new").click();
    const form = new LeaveForm(page);
    await form.root.waitFor();
    const reason = "探望住院的母亲，需陪护三天";
    await form.change({ reason });
    const typed = form.root
      .locator('textarea[data-qa="leave-reason"], [data-qa="leave-reason"] textarea')
      .first();
    await rotate(async () => {
      expect(await form.root.isVisible()).toBe(true);
      expect(await typed.inputValue()).toBe(reason);
    });
    // A full-page capture (which resizes the page) leaves it open too.
    await page.screenshot({ path: join(screenshotDir, "resize-leave-form.png"), fullPage: true });
    expect(await typed.inputValue()).toBe(reason);
  });

  it("keeps a check being typed on Today", { timeout: 180_000 }, async () => {
    await page.setViewportSize(desk);
    const today = new TodayPage(page);
    await today.goto();
    await today.showWithin("本月");
    const coverageKey = (await today.keys()).find((k) => k.endsWith(":office_key_coverage"));
    expect(coverageKey, "key persons are still to be checked today").toBeDefined();
    const modal = await today.openAction(coverageKey!);
    const note = "电话联系本人，在家，情绪稳定";
    await qa(modal, "field-note").fill(note);
    await rotate(async () => {
      expect(await modal.isVisible()).toBe(true);
      expect(await qa(modal, "field-note").inputValue()).toBe(note);
    });
  });
});
