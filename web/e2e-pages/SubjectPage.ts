import type { Locator, Page } from "playwright-core";
import { cellTexts, qa, text } from "./qa.ts";

export type SectionId = "basic" | "judgment" | "risk" | "levels" | "events";

export class SubjectPage {
  readonly name: Locator;
  readonly idNumber: Locator;
  readonly unmaskButton: Locator;
  readonly minorTag: Locator;
  readonly forbidden: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.name = qa(page, "subject-name");
    this.idNumber = qa(page, "subject-id-number");
    this.unmaskButton = qa(page, "unmask-button");
    this.minorTag = qa(page, "minor-tag").first();
    this.forbidden = qa(page, "forbidden");
    this.notFound = qa(page, "not-found");
  }

  async goto(id: string, baseUrl = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/subjects/${encodeURIComponent(id)}`);
    await this.page
      .locator('[data-qa="subject-name"], [data-qa="forbidden"], [data-qa="not-found"]')
      .first()
      .waitFor();
  }

  section(id: SectionId): Locator {
    return qa(this.page, `section-${id}`);
  }

  /** The value shown for a label inside a section, e.g. field("judgment", "决定机关"). */
  async field(section: SectionId, label: string): Promise<string> {
    const labelCell = this.section(section)
      .locator(".ant-descriptions-item-label", { hasText: label })
      .first();
    const content = labelCell.locator("xpath=following-sibling::*[1]");
    return text(content);
  }

  /** "拟定…，待司法所决定" while the level is registration's proposal; "" once decided. */
  async levelPending(): Promise<string> {
    const tag = qa(this.page, "level-pending");
    return (await tag.count()) ? text(tag) : "";
  }

  async displayedName(): Promise<string> {
    return text(this.name);
  }

  async displayedIdNumber(): Promise<string> {
    return text(this.idNumber);
  }

  /** Opens the purpose dialog, types the purpose and confirms; waits for the full number to show. */
  async unmask(purpose: string): Promise<string> {
    await this.openUnmaskDialog(purpose);
    await qa(this.page, "unmask-confirm").click();
    await qa(this.page, "mask-button").waitFor();
    return this.displayedIdNumber();
  }

  /** Confirms the dialog with `purpose` and returns the error shown (field error or general error). */
  async unmaskExpectingError(purpose: string): Promise<string> {
    await this.openUnmaskDialog(purpose);
    await qa(this.page, "unmask-confirm").click();
    const error = this.page
      .locator('.ant-modal .ant-form-item-explain-error, [data-qa="unmask-error"]')
      .first();
    await error.waitFor();
    return text(error);
  }

  async cancelUnmask(): Promise<void> {
    await qa(this.page, "unmask-cancel").click();
    await qa(this.page, "unmask-purpose").waitFor({ state: "detached" });
  }

  private async openUnmaskDialog(purpose: string): Promise<void> {
    await this.unmaskButton.click();
    const input = qa(this.page, "unmask-purpose");
    await input.waitFor();
    await input.fill(purpose);
  }

  /** The rows of the recent-events table as text cells (时间, 类型, 事项, 摘要). */
  async eventRows(): Promise<string[][]> {
    return cellTexts(qa(this.section("events"), "event-row"));
  }

  /** The rows of the level history (起始日期, 管理等级, 调整原因). */
  async levelRows(): Promise<string[][]> {
    return cellTexts(this.section("levels").locator("tbody tr.ant-table-row"));
  }

  async backToList(): Promise<void> {
    await qa(this.page, "back-to-list").click();
    await qa(this.page, "subject-table").waitFor();
  }
}
