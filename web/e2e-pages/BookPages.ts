// Page objects of intake (handover list, handover page) and the book page, by their `data-qa` ids.
import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** Types a date into an antd DatePicker and confirms it. */
export async function typeDate(page: Page, id: string, date: string): Promise<void> {
  const input = qa(page, id).locator("input").first();
  const target = (await input.count()) ? input : qa(page, id);
  await target.click();
  await target.fill(date);
  await target.press("Enter");
}

/** Picks an option in an antd Select by its label (typing narrows the list). */
export async function pick(page: Page, root: Locator, label: string): Promise<void> {
  await root.click();
  const dropdown = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
  await dropdown.locator(".ant-select-item-option", { hasText: label }).first().click();
}

export class IntakePage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/intake");
    await qa(this.page, "handover-table").waitFor();
  }

  async newHandover(fields: {
    name: string;
    idNumber: string;
    organ: string;
    judgmentNumber: string;
    effective: string;
    received: string;
    type: string;
    termStart: string;
    termEnd: string;
    crime: string;
    category: string;
    office: string;
  }): Promise<void> {
    const page = this.page;
    await qa(page, "new-handover").click();
    await qa(page, "handover-form").waitFor();
    await qa(page, "f-personName").fill(fields.name);
    await qa(page, "f-personIdNumber").fill(fields.idNumber);
    await qa(page, "f-decidingOrgan").fill(fields.organ);
    await qa(page, "f-judgmentNumber").fill(fields.judgmentNumber);
    await typeDate(page, "f-judgmentEffectiveDate", fields.effective);
    await typeDate(page, "f-receivedOn", fields.received);
    await pick(page, qa(page, "f-correctionType"), fields.type);
    const range = page.locator(".ant-form-item", { hasText: "矫正期限" }).locator("input");
    await range.nth(0).click();
    await range.nth(0).fill(fields.termStart);
    await range.nth(0).press("Enter");
    await range.nth(1).fill(fields.termEnd);
    await range.nth(1).press("Enter");
    await pick(page, qa(page, "f-proposedOfficeId"), fields.office);
    await qa(page, "f-crimeText").fill(fields.crime);
    await pick(page, qa(page, "f-crimeCategories"), fields.category);
    await page.keyboard.press("Escape");
    await qa(page, "handover-submit").click();
    await qa(page, "handover-name").waitFor();
  }
}

export class HandoverPage {
  constructor(readonly page: Page) {}

  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await qa(this.page, "document-file").setInputFiles(file);
    await qa(this.page, "document-table").locator("tr", { hasText: file.name }).first().waitFor();
  }

  async register(fields: { name: string; idNumber: string; birth: string; gender: string }): Promise<string> {
    const page = this.page;
    await qa(page, "r-name").fill(fields.name);
    await qa(page, "r-idNumber").fill(fields.idNumber);
    await typeDate(page, "r-birthDate", fields.birth);
    await pick(page, qa(page, "r-gender"), fields.gender);
    await qa(page, "register-submit").click();
    await qa(page, "open-book").waitFor();
    return text(page.locator(".ant-result-title"));
  }

  async registerExpectingError(): Promise<string> {
    await qa(this.page, "register-submit").click();
    const error = this.page.locator('.ant-form-item-explain-error, [data-qa="register-error"]').first();
    await error.waitFor();
    return text(error);
  }
}

export class BookPage {
  constructor(readonly page: Page) {}

  async goto(subjectId: string): Promise<void> {
    await this.page.goto(`/book/${encodeURIComponent(subjectId)}`);
    await qa(this.page, "book-page").waitFor();
  }

  section(id: string): Locator {
    return qa(this.page, `book-section-${id}`);
  }

  async status(id: string): Promise<string> {
    return (await this.section(id).getAttribute("data-status")) ?? "";
  }

  async statusLabel(id: string): Promise<string> {
    return text(qa(this.section(id), "section-status").first());
  }

  /** Opens a section's form, fills text fields by name, and saves (marking it done when asked). */
  async fill(id: string, values: Record<string, string>, complete = true): Promise<void> {
    const section = this.section(id);
    await qa(section, "edit-section").click();
    for (const [name, value] of Object.entries(values)) {
      const field = qa(section, `field-${name}`);
      if ((await field.getAttribute("class"))?.includes("ant-select")) await pick(this.page, field, value);
      else await field.fill(value);
    }
    await qa(section, complete ? "save-complete" : "save-draft").click();
    const problem = section.locator(
      '[data-qa="save-error"], [data-qa="stale-warning"], .ant-form-item-explain-error',
    );
    await Promise.race([
      qa(section, `editor-${id}`).waitFor({ state: "detached" }),
      problem
        .first()
        .waitFor()
        .then(async () => {
          throw new Error(`saving ${id} was refused: ${await text(problem.first())}`);
        }),
    ]);
  }

  async decideLevel(level: string, reason: string): Promise<void> {
    const card = this.section("classification");
    await pick(this.page, qa(card, "decide-level"), level);
    await qa(card, "decide-reason").fill(reason);
    await qa(card, "decide-submit").click();
    await qa(card, "decided-level").filter({ hasText: level }).waitFor();
  }

  async reminder(): Promise<string> {
    return text(qa(this.page, "special-reminder"));
  }

  async bookNumber(): Promise<string> {
    return text(qa(this.page, "book-number"));
  }
}
