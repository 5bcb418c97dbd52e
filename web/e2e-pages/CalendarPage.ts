import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** 节假日安排: the years of the holiday calendar and the agency's load of a notice file. */
export class CalendarPage {
  private attempts = 0;

  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/calendar");
    await this.waitForData();
  }

  async waitForData(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-qa="calendar-years"]')?.dataset.ready === "true",
    );
  }

  year(year: number): Locator {
    return this.page.locator(`[data-qa="calendar-year"][data-year="${year}"]`);
  }

  /** Where a year's holidays come from: notice, package or derived. */
  async sourceOf(year: number): Promise<string> {
    return (await this.year(year).getAttribute("data-source")) ?? "";
  }

  /** Loads a notice file (name and JSON text) through the screen's button; returns the message shown. */
  async load(name: string, content: string): Promise<{ ok: boolean; message: string }> {
    const chooser = this.page.waitForEvent("filechooser");
    await qa(this.page, "calendar-load").click();
    await (await chooser).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
    const n = ++this.attempts;
    const shown = this.page
      .locator(
        `[data-qa="calendar-done"][data-attempt="${n}"], [data-qa="calendar-problem"][data-attempt="${n}"]`,
      )
      .first();
    await shown.waitFor();
    const ok = (await shown.getAttribute("data-qa")) === "calendar-done";
    return { ok, message: await text(shown) };
  }
}
