import type { Locator, Page } from "playwright-core";
import { qa, text, waitForSubmitted } from "./qa.ts";

/** 今日工作 and the record modal it opens. */
export class TodayPage {
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.table = qa(page, "today-table");
    this.rows = qa(page, "today-row");
  }

  async goto(): Promise<void> {
    await this.page.goto("/today");
    await this.waitForData();
  }

  async waitForData(): Promise<void> {
    await this.page.waitForFunction(() => {
      const table = document.querySelector<HTMLElement>('[data-qa="today-table"]');
      return table?.dataset.ready === "true";
    });
  }

  /** 今日 / 7天内 / 本月: how far ahead the list reaches. */
  async showWithin(label: "今日" | "7天内" | "本月"): Promise<void> {
    await qa(this.page, "today-horizon").getByText(label, { exact: true }).click();
    await this.page.waitForTimeout(100);
    await this.waitForData();
  }

  /** An office's standard of the day (`office_key_coverage`, …): done and required. */
  async standard(id: string, officeId?: string): Promise<{ done: number; required: number }> {
    const scope = officeId
      ? this.page.locator(`[data-qa="office-standards"][data-office="${officeId}"]`)
      : this.page;
    const el = scope.locator(`[data-qa="standard"][data-id="${id}"]`).first();
    return {
      done: Number(await el.getAttribute("data-done")),
      required: Number(await el.getAttribute("data-required")),
    };
  }

  async officeIds(): Promise<string[]> {
    const cards = await qa(this.page, "office-standards").all();
    return Promise.all(cards.map(async (c) => (await c.getAttribute("data-office")) ?? ""));
  }

  /** Keys of the visible rows (each item's stable key). */
  async keys(): Promise<string[]> {
    return Promise.all((await this.rows.all()).map(async (r) => (await r.getAttribute("data-key")) ?? ""));
  }

  /** Statuses of the visible rows in order (overdue, due_today, open). */
  async statuses(): Promise<string[]> {
    return Promise.all((await this.rows.all()).map(async (r) => (await r.getAttribute("data-status")) ?? ""));
  }

  /** How many items each visible row stands for (a person's alerts for old misses make one row). */
  async counts(): Promise<number[]> {
    return Promise.all((await this.rows.all()).map(async (r) => Number(await r.getAttribute("data-count"))));
  }

  /** The rule each visible row shows as its basis. */
  async basisTexts(): Promise<string[]> {
    return Promise.all((await qa(this.table, "today-basis").all()).map((el) => text(el)));
  }

  row(key: string): Locator {
    return this.page.locator(`[data-qa="today-row"][data-key="${key}"]`);
  }

  async titleOf(key: string): Promise<string> {
    return text(qa(this.row(key), "today-title"));
  }

  /** Clicks an action that completes the row at once (the initial level): waits until the row goes. */
  async completeAtOnce(key: string): Promise<void> {
    await qa(this.row(key), "today-action").click();
    await this.row(key).waitFor({ state: "detached", timeout: 20_000 });
  }

  /** The label of the row's action button (what the click does). */
  async actionLabel(key: string): Promise<string> {
    return text(qa(this.row(key), "today-action"));
  }

  /** Clicks the row's action and waits for the record modal. */
  async openAction(key: string): Promise<Locator> {
    await qa(this.row(key), "today-action").click();
    const modal = qa(this.page, "record-modal");
    await modal.waitFor();
    return modal;
  }

  async submitRecord(): Promise<void> {
    await qa(this.page, "record-submit").click();
    await waitForSubmitted(this.page, qa(this.page, "record-modal"), "the record form");
    await this.page.waitForTimeout(100);
    await this.waitForData();
  }
}
