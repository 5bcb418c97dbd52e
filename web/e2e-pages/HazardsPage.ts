import type { Download, Locator, Page } from "playwright-core";
import { chooseListed, chooseOption, qa, text, waitForSubmitted } from "./qa.ts";

/** 安全隐患: the register, the form that records a hazard with its measure, and follow-ups. */
export class HazardsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/hazards");
    await qa(this.page, "hazard-list").waitFor();
  }

  private async pickDate(root: Locator, day: string): Promise<void> {
    // antd puts the test id on the picker's input itself (or on its wrapper).
    const input = (await root.evaluate((el) => el.tagName)) === "INPUT" ? root : root.locator("input");
    await input.click();
    await input.fill(day);
    await input.press("Enter");
  }

  /** Records a person's hazard with one measure; returns when the list shows it. */
  async record(h: {
    subject: string;
    kind: string;
    description: string;
    measure: string;
    owner: string;
    deadline: string;
  }) {
    await qa(this.page, "hazard-new").click();
    const subject = qa(this.page, "hazard-subject");
    await subject.click();
    await subject.locator("input").fill(h.subject);
    const dropdown = this.page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
    await dropdown.locator(".ant-select-item-option", { hasText: h.subject }).first().click();
    await chooseOption(this.page, "hazard-kind", h.kind);
    await qa(this.page, "hazard-description").fill(h.description);
    await qa(this.page, "measure-text").fill(h.measure);
    await chooseOption(this.page, "measure-owner", h.owner);
    await this.pickDate(qa(this.page, "measure-deadline"), h.deadline);
    await qa(this.page, "hazard-save").click();
    await qa(this.page, "hazard-save").waitFor({ state: "detached" });
  }

  row(name: string): Locator {
    return qa(this.page, "hazard-list").locator("tr.ant-table-row", { hasText: name }).first();
  }

  /** Opens a hazard's detail and records a follow-up that marks its (first open) measure done. */
  async followUpDone(name: string, note: string, measure: string): Promise<string> {
    await this.row(name).click();
    const detail = qa(this.page, "hazard-detail").first();
    await detail.waitFor();
    await qa(detail, "followup-text").fill(note);
    await chooseOption(this.page, "followup-measure", measure);
    await qa(detail, "followup-done").check();
    await qa(detail, "followup-save").click();
    await detail.locator('[data-qa="measure-status"]', { hasText: "已完成" }).first().waitFor();
    return text(detail);
  }

  /** Records the month's risk-analysis meeting; returns the names pre-filled as persons to discuss. */
  async holdMeeting(m: {
    place: string;
    host: string;
    attendees: string[];
    summary: string;
  }): Promise<string[]> {
    await this.page.locator(".ant-tabs-tab", { hasText: "风险研判会议" }).click();
    await qa(this.page, "meeting-new").click();
    const persons = qa(this.page, "meeting-persons");
    await persons.locator("tbody tr.ant-table-row").first().waitFor();
    const names = (await persons.locator("tbody tr.ant-table-row td:nth-child(2)").allTextContents()).map(
      (x) => x.trim(),
    );
    await qa(this.page, "meeting-place").fill(m.place);
    await qa(this.page, "meeting-host").fill(m.host);
    await qa(this.page, "meeting-attendees").click();
    const dropdown = this.page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
    for (const name of m.attendees)
      await chooseListed(this.page, dropdown.locator(".ant-select-item-option", { hasText: name }).first());
    await this.page.keyboard.press("Escape");
    await qa(this.page, "meeting-summary").fill(m.summary);
    await qa(this.page, "meeting-save").click();
    await waitForSubmitted(this.page, qa(this.page, "meeting-save"), "the meeting form");
    await qa(this.page, "meeting-list").locator("tbody tr.ant-table-row").first().waitFor();
    return names;
  }

  async downloadMinutes(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      qa(this.page, "meeting-minutes").first().click(),
    ]);
    return download;
  }
}
