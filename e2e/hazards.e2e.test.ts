// 安全隐患 in Chromium: an office head records a person's hazard with its measure, owner and deadline;
// the measure is on the owner's Today; the head records a follow-up that marks it done, then holds the
// month's risk-analysis meeting with the persons pre-filled and downloads the minutes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../test/helpers/docx-text.ts";
import { HazardsPage, LoginPage, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("安全隐患 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("an office records a hazard and its measure, the owner sees it on Today, a follow-up marks it done", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.head", "onebook2025");
    const subjects = await (await page.request.get("/api/subjects?status=in_correction&pageSize=5")).json();
    const person = subjects.items.find((s: { isMinor: boolean }) => !s.isMinor);
    const hazards = new HazardsPage(page);
    await hazards.goto();
    await hazards.record({
      subject: person.name,
      kind: "债务纠纷",
      description: "与同村村民因借款发生纠纷，对方多次上门催讨",
      measure: "联系村调委会组织调解",
      owner: "李婷",
      deadline: "2026-11-22",
    });
    const row = hazards.row(person.name);
    await row.waitFor();
    expect(await row.textContent()).toContain("债务纠纷");
    expect(await row.textContent()).toContain("0/1 项完成");
    await page.screenshot({ path: join(screenshotDir, "hazards.png"), fullPage: true });

    // The owner (the office assistant) finds the measure on Today.
    const other = await product.newContext();
    const assistantPage = await other.newPage();
    const assistantLogin = new LoginPage(assistantPage);
    await assistantLogin.goto();
    await assistantLogin.login("chengguan.assistant", "onebook2025");
    const today = new TodayPage(assistantPage);
    await today.goto();
    const keys = (await today.keys()).filter((k) => k.startsWith("hazard:"));
    expect(keys.length).toBe(1);
    expect(await today.titleOf(keys[0]!)).toBe("安全隐患整改：联系村调委会组织调解");
    await other.close();

    const detail = await hazards.followUpDone(
      person.name,
      "已组织调解，双方签订还款协议",
      "联系村调委会组织调解",
    );
    expect(detail).toContain("已组织调解，双方签订还款协议");
    expect(await row.textContent()).toContain("1/1 项完成");

    // The month's risk-analysis meeting: the persons come pre-filled (the hazard's person among them).
    const names = await hazards.holdMeeting({
      place: "城关司法所会议室",
      host: "周卫东",
      attendees: ["周卫东", "李婷"],
      summary: "本月风险总体可控，债务纠纷已调解。",
    });
    expect(names).toContain(person.name);
    await page.screenshot({ path: join(screenshotDir, "risk-meeting.png"), fullPage: true });
    const minutes = await hazards.downloadMinutes();
    expect(minutes.suggestedFilename()).toBe("城关司法所2026-11风险研判分析会议记录.docx");
    const text = docxText(readFileSync((await minutes.path())!));
    expect(text).toContain("社区矫正风险研判分析会议记录");
    expect(text).toContain(person.name);
    expect(text).toContain("本月风险总体可控");
    await context.close();
  }, 240_000);
});
