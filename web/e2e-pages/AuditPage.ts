import type { Locator, Page } from "playwright-core";
import { cellTexts, qa } from "./qa.ts";

export class AuditPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly forbidden: Locator;

  constructor(readonly page: Page) {
    this.table = qa(page, "audit-table");
    this.rows = qa(page, "audit-row");
    this.forbidden = qa(page, "forbidden");
  }

  /** Opens /audit and waits for the table or the 无权访问 page. */
  async goto(baseUrl = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/audit`);
    await this.page.waitForFunction(() => {
      const table = document.querySelector<HTMLElement>('[data-qa="audit-table"]');
      if (!table) return document.querySelector('[data-qa="forbidden"], [data-qa="load-error"]') !== null;
      return table.dataset.ready === "true";
    });
  }

  /** The rows as text cells (时间, 操作人, 角色, 操作, 记录, 说明, 来源地址). */
  async rowTexts(): Promise<string[][]> {
    return cellTexts(this.rows);
  }
}
