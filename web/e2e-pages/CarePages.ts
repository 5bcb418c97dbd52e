import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** 后续照管: the list, the indicator cards, and the follow-up form opened from 今日工作. */
export class AftercarePage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/aftercare");
    await qa(this.page, "aftercare-list").waitFor();
  }

  /** The rate an indicator card shows ("—" when nobody counts). */
  async indicator(id: "care" | "abstinence"): Promise<string> {
    const card = qa(this.page, `indicator-${id}`);
    await card.waitFor();
    return text(card.locator(".ant-statistic-content"));
  }

  /** The follow-up form is open (from Today's action); fills it and saves. */
  async recordFollowup(content: string): Promise<void> {
    const modal: Locator = this.page.locator(".ant-modal").filter({ has: qa(this.page, "contact-content") });
    await modal.waitFor();
    await qa(this.page, "contact-content").fill(content);
    await qa(this.page, "aftercare-form-save").click();
    await modal.waitFor({ state: "detached", timeout: 20_000 });
  }

  row(name: string): Locator {
    return qa(this.page, "aftercare-list").locator("tr", { hasText: name });
  }
}
