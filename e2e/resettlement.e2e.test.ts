// 安置帮教 in Chromium: the office assistant registers a prison's pre-release notice; the verification and
// receipt rates count one more notified person; recording the verification and the receipt counts them
// done on the cards a person reads; the ledger downloads as a real workbook listing the person.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginPage, ResettlementPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

/** "3/4人" → [3, 4]. */
function counted(count: string): [number, number] {
  const m = /^(\d+)\/(\d+)人$/.exec(count);
  if (!m) throw new Error(`not a count: ${count}`);
  return [Number(m[1]), Number(m[2])];
}

describe("安置帮教 in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("a pre-release notice is registered, verified and receipted, the rates follow, the ledger downloads", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("chengguan.assistant", "onebook2025");
    const care = new ResettlementPage(page);
    await care.goto();
    const [verifiedBefore, notifiedBefore] = counted((await care.indicator("verification")).count);
    const [receiptedBefore] = counted((await care.indicator("receipt")).count);

    await care.registerNotice({
      person: { name: "邓志强", gender: "男", birthDate: "1979-09-03", address: "城关镇西街42号" },
      prison: "省第一监狱",
      crime: "盗窃罪",
      releaseOn: "2026-12-18",
    });
    // One more person notified this year, not yet verified nor receipted.
    await expect
      .poll(async () => (await care.indicator("verification")).count)
      .toBe(`${verifiedBefore}/${notifiedBefore + 1}人`);
    expect((await care.indicator("receipt")).count).toBe(`${receiptedBefore}/${notifiedBefore + 1}人`);

    await care.recordStep("邓志强", "verify");
    await expect
      .poll(async () => (await care.indicator("verification")).count)
      .toBe(`${verifiedBefore + 1}/${notifiedBefore + 1}人`);
    const detail = await care.recordStep("邓志强", "receipt");
    await expect
      .poll(async () => (await care.indicator("receipt")).count)
      .toBe(`${receiptedBefore + 1}/${notifiedBefore + 1}人`);
    expect(await detail.textContent()).toContain("基本信息核查 2026-11-20");
    expect(await detail.textContent()).toContain("发送衔接回执 2026-11-20");
    expect(await care.row("邓志强").textContent()).toContain("2/7");
    await page.screenshot({ path: join(screenshotDir, "resettlement.png"), fullPage: true });

    const download = await care.downloadLedger();
    expect(download.suggestedFilename()).toBe("安置帮教台账_2026-11-20.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((row) => {
      rows.push(
        (row.values as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join("|"),
      );
    });
    const row = rows.find((r) => r.includes("邓志强"));
    expect(row, "the ledger lists the person").toBeDefined();
    expect(row).toContain("省第一监狱");
    await context.close();
  }, 120_000);
});
