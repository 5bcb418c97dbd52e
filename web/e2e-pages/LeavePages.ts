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

  /** Changes the dates and the reason of the form as it stands (an edit keeps the rest). */
  async change(values: { from?: string; to?: string; reason?: string }): Promise<void> {
    if (values.from) await this.date("leave-from", values.from);
    if (values.to) await this.date("leave-to", values.to);
    if (values.reason !== undefined)
      await this.root
        .locator('textarea[data-qa="leave-reason"], [data-qa="leave-reason"] textarea')
        .first()
        .fill(values.reason);
  }

  async fill(values: { from: string; to: string; destination: string[]; reason: string }): Promise<void> {
    await this.date("leave-from", values.from);
    await this.date("leave-to", values.to);
    await qa(this.root, "leave-destination").click();
    const menus = this.page.locator(".ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu");
    for (const [i, name] of values.destination.entries()) {
      const item = menus.nth(i).locator(".ant-cascader-menu-item", { hasText: name }).first();
      // A click during the dropdown's opening animation can land on a neighbouring row: click until the
      // row is the active one (the last level closes the dropdown, so it is clicked once).
      for (let attempt = 0; ; attempt++) {
        await item.click();
        if (i === values.destination.length - 1) break;
        const active = menus.nth(i).locator(".ant-cascader-menu-item-active", { hasText: name });
        if ((await active.count()) > 0 || attempt === 4) break;
        await this.page.waitForTimeout(200);
      }
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

  /** Waits until the open application has this status. */
  async waitForStatus(status: string): Promise<void> {
    await this.page.waitForFunction(
      (s) => document.querySelector('[data-qa="leave-detail"]')?.getAttribute("data-status") === s,
      status,
    );
  }

  /** Decides with one of the three answers, by its label (批准, 不予批准, 退回补充材料). */
  async decide(label: string, comment: string, status: string): Promise<void> {
    const form = qa(this.root, "leave-decision");
    await qa(form, "decision-kind").getByText(label, { exact: true }).click();
    await form.locator('[data-qa="decision-comment"]').fill(comment);
    await qa(form, "decision-submit").click();
    await this.waitForStatus(status);
  }

  /** Opens the edit form of a returned application. */
  async edit(): Promise<LeaveForm> {
    await qa(this.root, "leave-edit").click();
    const form = new LeaveForm(this.page);
    await form.root.waitFor();
    return form;
  }

  /** The versions replaced by edits, as listed (oldest first). */
  async revisions(): Promise<string[]> {
    const all = await qa(this.root, "leave-revision").all();
    return Promise.all(all.map(async (r) => (await r.getAttribute("data-version")) ?? ""));
  }
}

/** 外出日历 on the 请销假 page: one row per leave, a cell per day with its state. */
export class LeaveCalendar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = qa(page, "leave-calendar");
  }

  async goto(): Promise<void> {
    await this.page.goto("/leave?status=calendar");
    await this.waitForData();
  }

  async waitForData(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-qa="leave-calendar"]')?.dataset.ready === "true",
    );
  }

  row(leaveId: string): Locator {
    return this.root.locator(`[data-qa="calendar-row"][data-id="${leaveId}"]`);
  }

  /** The state shown for the leave as of today (its tag's text). */
  async state(leaveId: string): Promise<string> {
    return text(qa(this.row(leaveId), "calendar-state"));
  }

  /** Day → state of the leave's cells. */
  async days(leaveId: string): Promise<Record<string, string>> {
    const cells = await qa(this.row(leaveId), "calendar-day").all();
    const out: Record<string, string> = {};
    for (const cell of cells)
      out[(await cell.getAttribute("data-day")) ?? ""] = (await cell.getAttribute("data-state")) ?? "";
    return out;
  }
}
