// 调查评估 in Chromium: the agency registers a court's commission received by hand and assigns it to an
// office; the office head records the investigation and the opinion; the opinion downloads as a real
// .docx addressed to the court, holding the person, the finding and the reasons.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../test/helpers/docx-text.ts";
import { InvestigationPage, LoginPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("调查评估 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("a commission is received, assigned, investigated and concluded, and the opinion downloads", async () => {
    const person = {
      name: "韩立新",
      gender: "男",
      birthDate: "1988-04-12",
      address: "城关镇东街18号",
    } as const;
    const agencyContext = await product.newContext();
    const agencyPage = await agencyContext.newPage();
    const agencyLogin = new LoginPage(agencyPage);
    await agencyLogin.goto();
    await agencyLogin.login("agency.head", "onebook2025");
    const agency = new InvestigationPage(agencyPage);
    await agency.goto();
    await agency.receive({
      court: "本县人民法院",
      commissionNo: "（2026）刑调字第088号",
      charge: "危险驾驶罪",
      person,
    });
    expect(await agency.status(person.name)).toBe("待分配");
    expect(await agency.row(person.name).textContent()).toContain("未分配");
    await agency.assign(person.name, "城关司法所");
    await expect.poll(() => agency.status(person.name)).toBe("调查中");
    expect(await agency.row(person.name).textContent()).toContain("城关司法所");
    await agencyContext.close();

    // The office the commission went to investigates and gives its opinion.
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.head", "onebook2025");
    const office = new InvestigationPage(page);
    await office.goto();
    await office.recordFinding(person.name, "走访村委会，被告人平时表现良好，家庭关系和睦，有固定住所");
    await office.giveOpinion(person.name, "被告人认罪悔罪，居住地村委会和家属愿意协助监管");
    await expect.poll(() => office.status(person.name)).toBe("待回复");
    await page.screenshot({ path: join(screenshotDir, "investigation.png"), fullPage: true });

    const download = await office.downloadOpinion(person.name);
    expect(download.suggestedFilename()).toBe("调查评估意见书-（2026）刑调字第088号.docx");
    const text = docxText(readFileSync((await download.path())!));
    expect(text).toContain("调查评估意见书");
    expect(text).toContain("本县人民法院：");
    expect(text).toContain("被告人韩立新（男，");
    expect(text).toContain("走访村委会，被告人平时表现良好");
    expect(text).toContain("评估意见：适宜社区矫正。理由：被告人认罪悔罪");
    await context.close();
  }, 120_000);
});
