// 本县规则 in Chromium: each county's staff open their county's rules from the menu and read every rule
// with its basis (numbers the sources leave open marked 本县设定); 石岭县 runs a profile derived from the
// default one, and the rules it changed say so.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppHeader, LoginPage, PolicyPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const NORMAL_IN_PERSON = "obligations.in_person_report.byLevel.normal";

describe("本县规则 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  const open = async (username: string) => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, "onebook2025");
    await page.waitForURL(/\/today/);
    await new AppHeader(page).navigate("本县规则");
    const policy = new PolicyPage(page);
    await policy.waitForData();
    return { context, page, policy };
  };

  it("青禾县 runs the shipped profile: a normal person reports in person monthly", async () => {
    const { context, page, policy } = await open("chengguan.assistant");
    expect(await policy.profileName()).toBe("社区矫正“一人一册”精准矫正实施方案（试行）");
    expect(await policy.origin()).toBe("内置规则，未调整");
    expect(await policy.groups()).toEqual(
      expect.arrayContaining(["报告", "实地查访", "预警", "请假", "矫正小组与人员配备"]),
    );
    expect(await policy.rule(NORMAL_IN_PERSON)).toEqual({
      label: "普管：当面报告",
      value: "每月1次",
      basis: "《一人一册实施方案》§九.2(4)",
    });
    expect(await page.locator("body").textContent()).not.toContain("本县调整");
    // The resettlement days the seeds leave open are marked as the county's own choice.
    const days = await policy.rule("care.resettlement.verifyWithinDays");
    expect(days.label).toBe("安置帮教衔接期限本县设定");
    expect(days.basis).toMatch(/^本县设定（天数，所依文件未规定）；相关规定：/);
    expect(await policy.rule("care.resettlement.followUpYears")).toMatchObject({
      label: "刑释人员跟踪年限",
      value: "释放后5年内回访，跟踪重新犯罪情况",
    });
    await page.screenshot({ path: join(screenshotDir, "policy-qinghe.png"), fullPage: true });
    await context.close();
  });

  it("石岭县 runs its derived profile, and the changed rules are marked", async () => {
    const { context, page, policy } = await open("shiling.assistant");
    expect(await policy.profileName()).toBe("石岭县社区矫正“一人一册”实施细则");
    expect(await policy.origin()).toContain("调整（2 项）");
    const rule = await policy.rule(NORMAL_IN_PERSON);
    expect(rule.label).toBe("普管：当面报告本县调整");
    expect(rule.value).toBe("每半月1次");
    expect(rule.basis).toContain("《石岭县社区矫正分类管理实施细则》第五条");
    await page.screenshot({ path: join(screenshotDir, "policy-shiling.png"), fullPage: true });
    await context.close();
  });
});
