// Page object of one case's daily supervision (日常监管): the record buttons, the record modal and
// the timeline, by their `data-qa` ids.
import type { Locator, Page } from "playwright-core";
import { typeDate } from "./BookPages.ts";
import { qa } from "./qa.ts";

export class SupervisionPage {
  constructor(readonly page: Page) {}

  async goto(subjectId: string): Promise<void> {
    await this.page.goto(`/supervision/${encodeURIComponent(subjectId)}`);
    await this.page.locator('[data-qa="timeline"][data-ready="true"]').waitFor();
  }

  /** Opens a record form (`information_check`, `phone_report`…) and waits for it. */
  async open(kind: string): Promise<Locator> {
    await qa(this.page, `record-${kind}`).click();
    const modal = qa(this.page, "record-modal");
    await modal.waitFor();
    return modal;
  }

  /** Types the event time ("YYYY-MM-DD HH:mm") into the form's date picker. */
  async setTime(value: string): Promise<void> {
    await typeDate(this.page, "field-at", value);
  }

  async submit(): Promise<void> {
    await qa(this.page, "record-submit").click();
    await qa(this.page, "record-modal").waitFor({ state: "detached" });
    await this.page.locator('[data-qa="timeline"][data-ready="true"]').waitFor();
  }

  rows(): Locator {
    return qa(this.page, "timeline-row");
  }
}
