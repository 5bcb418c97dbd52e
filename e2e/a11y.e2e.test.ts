// Accessibility of the console's main pages, checked with axe-core (WCAG 2.0/2.1 A and AA) in Chromium
// for the demo county's roles, on a desktop screen and on a phone (390 × 844): none may have a
// violation. A failure lists each rule broken, with the elements and why.
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginPage } from "../web/e2e-pages/index.ts";
import { type AxeViolation, axeViolations, formatViolations } from "./axe.ts";
import { type Product, phone, startProduct } from "./harness.ts";

const PASSWORD = "onebook2025";

/** The main pages; a role checks those its menu shows (and a case page and a book opened from the lists). */
const mainPages = [
  "/today",
  "/subjects",
  "/book",
  "/dashboards",
  "/alerts",
  "/leave",
  "/violations",
  "/release",
];

/** Waits until the page has its data and its animations have ended (axe judges what is painted). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  // Colours caught mid-transition, or of a button left hovered where the last tap landed on the page
  // before, are not what a person reads: axe judges the resting state.
  await page.mouse.move(0, 0);
  await page.addStyleTag({
    content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
  });
  await page.waitForFunction(
    () => !document.querySelector(".ant-spin-spinning, .ant-skeleton-active, .ant-spin-dot-spin"),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(400);
}

async function check(page: Page, where: string, found: string[]): Promise<void> {
  await settle(page);
  const violations: AxeViolation[] = await axeViolations(page);
  if (violations.length) found.push(formatViolations(where, violations));
}

describe("accessibility (axe-core, WCAG 2 A/AA)", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  for (const [size, options] of [
    ["desktop", {}],
    ["phone", phone],
  ] as const) {
    it(`the log-in page has no violation (${size})`, async () => {
      const context = await product.newContext(options);
      const page = await context.newPage();
      await new LoginPage(page).goto();
      const found: string[] = [];
      await check(page, `${size} /login`, found);
      await context.close();
      expect(found, found.join("\n")).toEqual([]);
    });
  }

  // The office's head and the agency's head have the widest menus of their places (their staff's pages,
  // and the decisions); the assistant's phone covers the phone layout of the daily loop. Each role's
  // round is ≈ 30 s, so the staff roles are not repeated here.
  const roles: [string, BrowserContextOptions, string][] = [
    ["chengguan.head", {}, "desktop"],
    ["agency.head", {}, "desktop"],
    ["chengguan.assistant", phone, "phone"],
  ];
  for (const [username, options, size] of roles) {
    it(`${username}: the main pages have no violation (${size})`, { timeout: 240_000 }, async () => {
      const context = await product.newContext(options);
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      await login.login(username, PASSWORD);
      const menu = await page.evaluate(() =>
        [...document.querySelectorAll("[data-qa^='nav-']")].map((el) => el.getAttribute("data-qa")),
      );
      const found: string[] = [];
      for (const path of mainPages) {
        // The phone's menu is a drawer: its items are not in the page until opened; the role's
        // desktop menu is the same list.
        if (size === "desktop" && !menu.includes(`nav-${path.slice(1)}`)) continue;
        const response = await page.goto(path);
        expect(response?.ok()).toBe(true);
        if (await page.locator('[data-qa="forbidden"]').count()) continue;
        await check(page, `${username} ${size} ${path}`, found);
        const link = path === "/subjects" ? "subject-link" : path === "/book" ? "book-link" : null;
        if (link) {
          const first = page.locator(`[data-qa="${link}"]`).first();
          if (await first.count()) {
            const href = (await first.getAttribute("href")) ?? "";
            await first.click();
            await page.waitForURL((url) => url.pathname === href);
            await check(page, `${username} ${size} ${href}`, found);
          }
        }
      }
      await context.close();
      expect(found, found.join("\n\n")).toEqual([]);
    });
  }
});
