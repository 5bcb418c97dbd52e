import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** The leave application form (a drawer on the 请销假 page or the case page). */
export class LeaveForm {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = qa(page, "leave-form");
  }

  /** Sets a date picker by typing the date, as a keyboard user would. */
  private async date(id: string, day: string): Promise<void> {
    const input = this.root.locator(`[data-qa="${id}"] input, input[data-qa="${id}"]`).first();
    await input.click();
    await input.fill(day);
    await input.press("Enter");
  }

  async fill(values: { from: string; to: string; destination: string[]; reason: string }): Promise<void> {
    await this.date("leave-from", values.from);
    await this.date("leave-to", values.to);
    await qa(this.root, "leave-destination").click();
    for (const [i, name] of values.destination.entries()) {
      const menu = this.page
        .locator(".ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu")
        .nth(i);
      await menu.locator(".ant-cascader-menu-item", { hasText: name }).first().click();
    }
    await this.root
      .locator('textarea[data-qa="leave-reason"], [data-qa="leave-reason"] textarea')
      .first()
      .fill(values.reason);
  }

  /** The approver the engine names in its advice (office | agency). */
  async approver(): Promise<string> {
    const advice = qa(this.root, "leave-advice");
    await advice.waitFor();
    return (await advice.getAttribute("data-approver")) ?? "";
  }

  async submit(): Promise<void> {
    await qa(this.page, "leave-submit").click();
    await this.root.waitFor({ state: "detached" });
  }
}

/** The detail drawer of one application, with its approval and 销假 forms. */
export class LeaveDetail {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = qa(page, "leave-detail");
  }

  async status(): Promise<string> {
    await this.root.waitFor();
    return (await this.root.getAttribute("data-status")) ?? "";
  }

  async warnings(): Promise<string[]> {
    const all = await qa(this.root, "advice-warning").all();
    return Promise.all(all.map(async (w) => (await w.getAttribute("data-id")) ?? ""));
  }

  async approve(comment: string, overrideReason?: string): Promise<void> {
    const form = qa(this.root, "leave-decision");
    await form.locator('[data-qa="decision-comment"]').fill(comment);
    if (overrideReason !== undefined)
      await form.locator('[data-qa="decision-override"]').fill(overrideReason);
    await qa(form, "decision-submit").click();
    await this.page.waitForFunction(
      () => document.querySelector('[data-qa="leave-detail"]')?.getAttribute("data-status") === "approved",
    );
  }

  async statusLabel(): Promise<string> {
    return text(qa(this.root, "leave-status"));
  }
}
