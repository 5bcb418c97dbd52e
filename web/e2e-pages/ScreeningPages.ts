import type { Locator, Page } from "playwright-core";
import { qa } from "./qa.ts";

/** 排查谈话: the form Today's screening item (or the 季度排查 tab) opens for one person. */
export class ScreeningForm {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = qa(page, "screening-form");
  }

  /** Answers every topic of the talk outline and marks each of the five clears (those in `unclear` 未清). */
  async fill(f: { talk: string; unclear?: string[]; risks?: string }): Promise<void> {
    await this.form.waitFor();
    for (const area of await this.form.locator('[data-qa^="screening-talk-"]').all()) await area.fill(f.talk);
    for (const group of await this.form.locator('[data-qa^="screening-clear-"]').all()) {
      const id = ((await group.getAttribute("data-qa")) ?? "").replace("screening-clear-", "");
      await group.getByText(f.unclear?.includes(id) ? "未清" : "已清", { exact: true }).click();
    }
    if (f.risks) await qa(this.form, "screening-risks").fill(f.risks);
  }

  async save(): Promise<void> {
    await qa(this.page, "screening-save").click();
    try {
      await this.form.waitFor({ state: "detached", timeout: 20_000 });
    } catch (error) {
      const shown = await this.page
        .locator(".ant-form-item-explain-error, .ant-message-notice")
        .allTextContents();
      throw new Error(`the screening form stayed open; it shows: ${shown.join(" | ") || "(no message)"}`, {
        cause: error,
      });
    }
  }
}

/** 季度排查: the quarter's campaign, its completion per office and its persons. */
export class ScreeningTabPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/hazards?tab=screening");
    await qa(this.page, "screening-persons").waitFor();
  }

  /** Done per office as the progress bars show it. */
  async doneByOffice(): Promise<number[]> {
    const bars = await qa(this.page, "screening-office").all();
    return Promise.all(bars.map(async (b) => Number(await b.getAttribute("data-done"))));
  }

  /** The persons' row of `subjectId`. */
  row(subjectId: string): Locator {
    return this.page.locator(`[data-qa="screening-persons"] [data-subject="${subjectId}"]`);
  }
}
