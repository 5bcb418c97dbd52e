// Violations in Chromium, the story of issue 10: the office opens a case from a lost-contact alert, two
// workers investigate, the ladder proposes a warning, the office head signs, the agency returns it once
// and then approves; the warning's decision downloads as a real .docx holding the facts; the person's
// classification proposal now shows K4.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../test/helpers/docx-text.ts";
import { LoginPage, qa } from "../web/e2e-pages/index.ts";
import { chooseListed } from "../web/e2e-pages/qa.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

const FACTS = "手机关机、不在居住地，经查找于第十二日在外地务工处找到，脱离监管十二日";

/** A call to the API from the signed-in page (the session cookie and the CSRF token of the console). */
async function apiCall(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split("; ")
        .find((c) => c.startsWith("onebook_csrf="))
        ?.slice("onebook_csrf=".length);
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": decodeURIComponent(csrf ?? "") },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

describe("violations in Chromium", () => {
  let product: Product;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await product?.stop();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await product.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, "onebook2025");
    return page;
  }
  const stageIs = (page: Page, stage: string) =>
    page.locator(`[data-qa="case-file"][data-stage="${stage}"]`).waitFor({ timeout: 15_000 });

  it("opens a case from a lost-contact alert, returns once, approves a warning; the document and K4 follow", async () => {
    const assistant = await signedIn("chengguan.assistant");
    // A probation subject of the office whose classification does not show K4 yet.
    const list = await apiCall(assistant, "GET", "/api/subjects?correctionType=probation&pageSize=50");
    let subject: { id: string; name: string } | null = null;
    for (const s of list.json.items as { id: string; name: string; isMinor: boolean }[]) {
      if (s.isMinor) continue;
      const book = await apiCall(assistant, "GET", `/api/subjects/${s.id}/book`);
      const ids = (book.json.classification.criteria as { id: string }[]).map((c) => c.id);
      if (!ids.includes("K4")) {
        subject = s;
        break;
      }
    }
    expect(subject, "a probation subject without K4").not.toBeNull();
    const check = await apiCall(assistant, "POST", `/api/subjects/${subject!.id}/information-checks`, {
      method: "phone",
      result: "abnormal",
      abnormalKind: "lost_contact",
      note: "电话关机，家属称其已离家多日",
    });
    expect(check.status).toBe(201);
    const staff = await apiCall(assistant, "GET", `/api/violations/investigators?subjectId=${subject!.id}`);
    const [first, second] = (staff.json.items as { name: string; roleLabel: string; role: string }[]).filter(
      (s) => s.role === "office_assistant" || s.role === "social_worker",
    );

    // 预警 → 立案: the form comes filled with the person, the alert and the kind.
    await assistant.goto("/alerts");
    const row = assistant.locator("tr", { hasText: "失联" }).filter({ hasText: subject!.name }).first();
    await row.locator('[data-qa="alert-open-case"]').click();
    await qa(assistant, "case-modal").waitFor();
    // antd puts the test id on the number input itself or on its wrapper, by version.
    const days = qa(assistant, "field-days");
    await ((await days.evaluate((e) => e.tagName)) === "INPUT" ? days : days.locator("input")).fill("12");
    await qa(assistant, "field-facts").fill(FACTS);
    // One investigator is refused, next to the field.
    await qa(assistant, "field-investigators").click();
    const dropdown = assistant.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
    await chooseListed(
      assistant,
      dropdown.locator(".ant-select-item-option", { hasText: first!.name }).first(),
    );
    await assistant.keyboard.press("Escape");
    await qa(assistant, "case-submit").click();
    await expect
      .poll(() => assistant.locator(".ant-form-item-explain-error").allTextContents())
      .toContain("违规调查须由两名以上工作人员进行");
    await qa(assistant, "field-investigators").click();
    await chooseListed(
      assistant,
      dropdown.locator(".ant-select-item-option", { hasText: second!.name }).first(),
    );
    await assistant.keyboard.press("Escape");
    await qa(assistant, "case-submit").click();
    await qa(assistant, "case-file").waitFor();
    const caseUrl = new URL(assistant.url()).pathname;
    expect(await qa(assistant, "facts").textContent()).toBe(FACTS);

    // The ladder proposes a warning (more than 10 days out of supervision), with its basis.
    const proposal = qa(assistant, "proposal");
    expect(await proposal.getAttribute("data-step")).toBe("warning");
    expect(await proposal.textContent()).toContain("脱离监管或未按规定时间报到，超过十日");
    expect(await proposal.textContent()).toContain("《社区矫正法》第28条");
    await assistant.screenshot({ path: join(screenshotDir, "violation-case.png"), fullPage: true });
    await qa(assistant, "propose").click();
    await stageIs(assistant, "proposed");

    const head = await signedIn("chengguan.head");
    await head.goto(caseUrl);
    await qa(head, "sign").click();
    await stageIs(head, "signed");

    // The agency returns it once with its reasons; the case goes back.
    const agency = await signedIn("agency.staff1");
    await agency.goto("/violations");
    await agency.locator(`[data-qa="case-row"] a[href="${caseUrl}"]`).click();
    await qa(agency, "field-decision").getByText("退回补充调查").click();
    await qa(agency, "field-reasons").fill("请补充其家属的询问笔录");
    await qa(agency, "review-submit").click();
    await stageIs(agency, "returned");
    await assistant.reload();
    await stageIs(assistant, "returned");
    expect(await qa(assistant, "return-reasons").textContent()).toContain("请补充其家属的询问笔录");
    await qa(assistant, "propose").click();
    await stageIs(assistant, "proposed");
    await head.reload();
    await qa(head, "sign").click();
    await stageIs(head, "signed");
    await agency.reload();
    await qa(agency, "review-submit").click();
    await stageIs(agency, "approved");
    expect(await qa(agency, "decision-measure").textContent()).toBe("警告");
    await agency.screenshot({ path: join(screenshotDir, "violation-approved.png"), fullPage: true });

    // The warning's decision is a real Word document holding the facts.
    const href = await qa(agency, "doc-decision").getAttribute("href");
    const download = await agency.request.get(href!);
    expect(download.status()).toBe(200);
    const text = docxText(await download.body());
    expect(text).toContain("警告决定书");
    expect(text).toContain(FACTS);

    // The person's classification proposal now shows K4.
    await assistant.goto(`/book/${encodeURIComponent(subject!.id)}`);
    await qa(assistant, "criteria").waitFor();
    expect(await qa(assistant, "criteria").textContent()).toContain("K4");
  });
});
