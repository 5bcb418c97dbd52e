// A new user's first visit to the staff console, in Chromium: log in, see the subject list in
// Chinese, search by pinyin initials, open a subject; another role is refused a page it may not see.
import { join } from "node:path";
import { pinyin } from "pinyin-pro";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppHeader, AuditPage, LoginPage, SubjectListPage, SubjectPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("staff console in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct({ fresh: true });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("prints where to log in and the demo accounts at start", () => {
    expect(product.output()).toContain(product.baseUrl);
    expect(product.output()).toContain("chengguan.assistant");
    expect(product.output()).toContain("onebook2025");
  });

  it("an office assistant logs in, searches by pinyin initials and opens a subject", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    expect(await login.loginExpectingError("chengguan.assistant", "wrong-password")).toContain(
      "用户名或密码错误",
    );
    await login.login("chengguan.assistant", "onebook2025");

    const header = new AppHeader(page);
    expect(await header.role.textContent()).toContain("司法协理员");
    expect(await header.place.textContent()).toContain("司法所");

    const list = new SubjectListPage(page);
    await list.goto();
    expect(await page.locator("body").textContent()).toContain("社区矫正对象");
    const rows = await list.rowTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.join(" ")).toMatch(/缓刑|假释|管制|暂予监外执行/);
    expect(rows[0]!.join(" ")).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    await page.screenshot({ path: join(screenshotDir, "subject-list.png"), fullPage: true });

    const names = (await list.names()).filter((name) => !name.includes("*"));
    const target = names[0]!;
    const initials = pinyin(target, {
      pattern: "first",
      toneType: "none",
      type: "array",
      surname: "head",
    }).join("");
    await list.searchFor(initials);
    const found = await list.names();
    expect(found).toContain(target);
    for (const name of found) {
      if (name.includes("*")) continue;
      expect(
        pinyin(name, { pattern: "first", toneType: "none", type: "array", surname: "head" }).join(""),
      ).toMatch(new RegExp(`^${initials}`));
    }

    await list.open(target);
    const subject = new SubjectPage(page);
    expect(await subject.displayedName()).toBe(target);
    expect(await subject.section("basic").textContent()).toContain("基本信息");
    expect(await subject.section("judgment").textContent()).toMatch(/人民法院|监狱|公安/);
    await page.screenshot({ path: join(screenshotDir, "subject-page.png"), fullPage: true });
    await context.close();
  });

  it("refuses the audit log to a social worker and shows it to the agency head", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).login("chengguan.social", "onebook2025");
    const audit = new AuditPage(page);
    await audit.goto();
    await audit.forbidden.waitFor();
    expect(await audit.forbidden.textContent()).toContain("无权访问");
    await page.screenshot({ path: join(screenshotDir, "forbidden.png") });
    await new AppHeader(page).logout();

    await new LoginPage(page).login("agency.head", "onebook2025");
    await audit.goto();
    const rows = await audit.rowTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.join(" ")).join("\n")).toContain("登录");
    await context.close();
  });
});
