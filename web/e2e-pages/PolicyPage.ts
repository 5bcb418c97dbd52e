import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** 本县规则: the county's rules, read-only. */
export class PolicyPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = qa(page, "policy-page");
  }

  async goto(baseUrl = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/policy`);
    await this.waitForData();
  }

  async waitForData(): Promise<void> {
    await this.page.waitForSelector('[data-qa="policy-page"][data-ready="true"] [data-qa="policy-rule"]');
  }

  async profileName(): Promise<string> {
    return text(qa(this.page, "policy-name"));
  }

  async origin(): Promise<string> {
    return text(qa(this.page, "policy-origin"));
  }

  /** The group titles, in order. */
  async groups(): Promise<string[]> {
    return (await qa(this.page, "policy-group").locator(".ant-card-head-title").allTextContents()).map((t) =>
      t.trim(),
    );
  }

  /** A rule by its profile path: its cells (规则, 要求, 依据) as text. */
  async rule(key: string): Promise<{ label: string; value: string; basis: string }> {
    const cells = (
      await this.page.locator(`[data-qa="policy-rule"][data-key="${key}"] td`).allTextContents()
    ).map((t) => t.trim());
    return { label: cells[0] ?? "", value: cells[1] ?? "", basis: cells[2] ?? "" };
  }
}
