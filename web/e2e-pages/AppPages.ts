// Page objects of the subject's phone app (/app) and of the case page's 手机端 card.
import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** The 手机端 card of the case page (staff console). */
export class AppCard {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = qa(page, "section-app");
  }

  /** Gives (or resets) the one-time code and returns it as the dialog shows it. */
  async giveCode(): Promise<string> {
    await qa(this.root, "app-give-code").click();
    await this.page.locator(".ant-popconfirm .ant-btn-primary").click();
    const shown = qa(this.page, "app-code-shown");
    await shown.waitFor();
    const code = await text(shown);
    await this.page.locator(".ant-modal-footer .ant-btn-primary").click();
    await shown.waitFor({ state: "hidden" });
    return code;
  }

  /** The account's state, once the card has loaded it. */
  async state(): Promise<string> {
    await this.page.waitForFunction(() => {
      const shown = document.querySelector('[data-qa="app-state"]')?.textContent;
      return shown !== undefined && shown !== null && shown !== "—";
    });
    return text(qa(this.root, "app-state"));
  }

  async lastCheckIn(): Promise<string> {
    return text(qa(this.root, "app-last-checkin"));
  }
}

/** The app's sign-in page: 登录 or 首次使用（激活）. */
export class AppSignIn {
  constructor(readonly page: Page) {}

  async goto(baseUrl = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/app/`);
    await qa(this.page, "app-idNumber").waitFor();
  }

  async activate(idNumber: string, code: string, password: string): Promise<void> {
    await this.page.getByText("首次使用（激活）").click();
    await qa(this.page, "app-idNumber").fill(idNumber);
    await qa(this.page, "app-code").fill(code);
    await qa(this.page, "app-password").fill(password);
    await qa(this.page, "app-confirm").fill(password);
    await qa(this.page, "app-submit").click();
    await qa(this.page, "app-checkin").waitFor();
  }

  async login(idNumber: string, password: string): Promise<void> {
    await qa(this.page, "app-idNumber").fill(idNumber);
    await qa(this.page, "app-password").fill(password);
    await qa(this.page, "app-submit").click();
    await qa(this.page, "app-checkin").waitFor();
  }
}

/** The app's 今日 tab. */
export class AppToday {
  constructor(readonly page: Page) {}

  /** Presses 签到 and waits for the app to say what became of it. */
  async checkIn(): Promise<string> {
    const message = qa(this.page, "app-message");
    const before = (await message.count()) > 0 ? await text(message) : "";
    await qa(this.page, "app-checkin").click();
    await this.page.waitForFunction((old) => {
      const el = document.querySelector('[data-qa="app-message"]');
      return el !== null && el.textContent !== old && !document.querySelector(".adm-button-loading");
    }, before);
    return text(message);
  }

  /** "今日已签到 N 次" → N. */
  async checkInsToday(): Promise<number> {
    const shown = await text(qa(this.page, "app-checkins-today"));
    return Number(/(\d+)/.exec(shown)?.[1] ?? Number.NaN);
  }

  /** The states of the check-ins kept on the phone, newest first (queued / sent / rejected). */
  async states(): Promise<string[]> {
    return qa(this.page, "app-checkin-state").evaluateAll((els) =>
      els.map((e) => e.getAttribute("data-state") ?? ""),
    );
  }

  /** The labels shown for them (待发送 / 已发送 …). */
  async stateLabels(): Promise<string[]> {
    return (await qa(this.page, "app-checkin-state").allTextContents()).map((t) => t.trim());
  }
}
