// Records people can trust, in Chromium: an assistant enters yesterday's check today — the form asks
// why (补录) and the timeline marks it 补录 with the reason; two workers edit the same book section
// at once — the second save is refused next to its button, with the user's text beside the newer
// version, and after merging it saves on top of it.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedDay } from "../test/helpers/fixed-now.ts";
import { BookPage, LoginPage, qa, SupervisionPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

describe("records people can trust in Chromium", () => {
  let product: Product;
  let subjectId = "";

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, "onebook2025");
    return { context, page };
  }

  it("a check entered hours after it was made asks why and shows 补录 on the timeline", async () => {
    const { context, page } = await signedIn("chengguan.assistant");
    const list = await (
      await context.request.get("/api/subjects?level=normal&status=in_correction&pageSize=5")
    ).json();
    subjectId = list.items[0].id;
    const supervision = new SupervisionPage(page);
    await supervision.goto(subjectId);
    const modal = await supervision.open("information_check");
    await supervision.setTime(`${fixedDay(-1)} 16:20`);
    await qa(modal, "field-note").fill("昨日下午电话核查，本人在家");
    // Past the county's 2 hours the form asks for the reason before it is sent.
    await qa(modal, "field-lateReason").fill("昨日外出走访，回所后补录");
    await supervision.submit();
    const row = supervision.rows().filter({ hasText: "昨日下午电话核查" });
    await qa(row, "late-tag").waitFor();
    expect(await qa(row, "late-tag").textContent()).toBe("补录");
    expect(await qa(row, "late-detail").textContent()).toContain("补录原因：昨日外出走访，回所后补录");
    await page.screenshot({ path: join(screenshotDir, "records-late-entry.png"), fullPage: true });
    await context.close();
  }, 240_000);

  it("a stale save keeps the typed text beside the newer version, next to its button", async () => {
    const head = await signedIn("chengguan.head");
    const assistant = await signedIn("chengguan.assistant");
    const headBook = new BookPage(head.page);
    const assistantBook = new BookPage(assistant.page);
    await headBook.goto(subjectId);
    await assistantBook.goto(subjectId);
    // Both open the same section's form before either saves.
    const mine = assistantBook.section("team_notified");
    const theirs = headBook.section("team_notified");
    await qa(theirs, "edit-section").click();
    await qa(mine, "edit-section").click();
    await qa(theirs, "field-duties").fill("所长填写：告知小组成员监督报到与走访");
    await qa(theirs, "save-draft").click();
    await qa(theirs, "editor-team_notified").waitFor({ state: "detached" });

    await qa(mine, "field-duties").fill("协理员填写：告知小组成员每月填报反馈表");
    await qa(mine, "save-draft").click();
    const warning = qa(mine, "stale-warning");
    await warning.waitFor();
    // The refusal is where the user pressed save, below the button, not at the top of the form.
    const button = await qa(mine, "save-draft").boundingBox();
    const box = await warning.boundingBox();
    expect(box!.y).toBeGreaterThan(button!.y);
    expect(await qa(warning, "stale-mine").first().textContent()).toBe(
      "协理员填写：告知小组成员每月填报反馈表",
    );
    expect(await qa(warning, "stale-theirs").first().textContent()).toBe(
      "所长填写：告知小组成员监督报到与走访",
    );
    // The typed text is still in the form.
    expect(await qa(mine, "field-duties").inputValue()).toBe("协理员填写：告知小组成员每月填报反馈表");
    await assistant.page.screenshot({ path: join(screenshotDir, "records-stale-save.png"), fullPage: true });

    // Merge and save on top of the newer version.
    await qa(warning, "stale-continue").click();
    await qa(mine, "field-duties").fill("所长填写：告知小组成员监督报到与走访；协理员补充：每月填报反馈表");
    await qa(mine, "save-draft").click();
    await qa(mine, "editor-team_notified").waitFor({ state: "detached" });
    expect(await qa(mine, "value-duties").textContent()).toContain("协理员补充：每月填报反馈表");
    expect(await qa(mine, "entry-version").textContent()).toContain("第 2 版");
    await head.context.close();
    await assistant.context.close();
  }, 240_000);
});
