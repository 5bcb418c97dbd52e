import type { Locator, Page } from "playwright-core";
import { cellTexts, chooseOption, qa, text } from "./qa.ts";

export interface SubjectFilters {
  office?: string | null;
  type?: string | null;
  level?: string | null;
  status?: string;
}

export class SubjectListPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = qa(page, "subject-table");
    this.rows = qa(page, "subject-row");
    this.search = qa(page, "subject-search");
    this.total = qa(page, "subject-total");
  }

  async goto(baseUrl = "", query = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/subjects${query ? `?${query.replace(/^\?/, "")}` : ""}`);
    await this.waitForData();
  }

  /**
   * Waits until the table shows the final rows for the query now in the address bar (the page marks
   * its table with the query its rows belong to, so stale rows of the previous search never count).
   */
  async waitForData(): Promise<void> {
    await this.page.waitForFunction(() => {
      const table = document.querySelector<HTMLElement>('[data-qa="subject-table"]');
      if (!table) return document.querySelector('[data-qa="forbidden"], [data-qa="load-error"]') !== null;
      const current = new URLSearchParams(window.location.search).toString();
      return table.dataset.ready === "true" && table.dataset.query === current;
    });
  }

  /** Types into the search box and waits for the list to follow the URL. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press("Enter");
    await this.page.waitForURL((url) => (url.searchParams.get("q") ?? "") === text.trim());
    await this.waitForData();
  }

  async filter(filters: SubjectFilters): Promise<void> {
    if (filters.office !== undefined) await chooseOption(this.page, "filter-office", filters.office);
    if (filters.type !== undefined) await chooseOption(this.page, "filter-type", filters.type);
    if (filters.level !== undefined) await chooseOption(this.page, "filter-level", filters.level);
    if (filters.status !== undefined) await chooseOption(this.page, "filter-status", filters.status);
    await this.waitForData();
  }

  /** The office filter is hidden for users who see only one office. */
  officeFilter(): Locator {
    return qa(this.page, "filter-office");
  }

  /** The total the server reports ("共 N 人"). */
  async totalCount(): Promise<number> {
    const total = await text(this.total);
    return Number(/\d+/.exec(total)?.[0] ?? Number.NaN);
  }

  /** The names in the visible rows, in order. */
  async names(): Promise<string[]> {
    return (await qa(this.page, "subject-link").allTextContents()).map((t) => t.trim());
  }

  /** The cells of each visible row, as text, in column order (姓名 … 状态). */
  async rowTexts(): Promise<string[][]> {
    return cellTexts(this.rows);
  }

  /** Opens the subject page by clicking a name (the first row whose name matches). */
  async open(name: string | RegExp): Promise<void> {
    await qa(this.page, "subject-link").filter({ hasText: name }).first().click();
    await qa(this.page, "subject-name").waitFor();
  }

  /** Opens the subject page of the n-th visible row (0-based). */
  async openRow(index: number): Promise<void> {
    await qa(this.rows.nth(index), "subject-link").click();
    await qa(this.page, "subject-name").waitFor();
  }

  async gotoPage(n: number): Promise<void> {
    await this.page.locator(`.ant-pagination-item-${n}`).click();
    await this.page.waitForURL((url) => (url.searchParams.get("page") ?? "1") === String(n));
    await this.waitForData();
  }
}
