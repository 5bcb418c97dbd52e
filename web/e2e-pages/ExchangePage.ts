import type { Locator, Page } from "playwright-core";
import { chooseOption, qa, text } from "./qa.ts";

/** 信息共享: the partner organisations, the key shown once, the dead letters. */
export class ExchangePage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/exchange");
    await qa(this.page, "exchange-partners").waitFor();
  }

  /** Registers a partner; answers the key id and secret the dialog shows, and closes it. */
  async register(p: {
    kind: string;
    name: string;
    /** Kinds of exchange to allow beside the form's defaults (交付接收, 人员状态查询), by label. */
    alsoAllow?: string[];
  }): Promise<{ keyId: string; secret: string }> {
    await qa(this.page, "exchange-register").click();
    await chooseOption(this.page, "exchange-kind", p.kind);
    await qa(this.page, "exchange-name").fill(p.name);
    for (const label of p.alsoAllow ?? [])
      await qa(this.page, "exchange-scopes").locator("label", { hasText: label }).click();
    await qa(this.page, "exchange-register-save").click();
    const secret = qa(this.page, "exchange-secret");
    await secret.waitFor();
    const shown = { keyId: await text(qa(this.page, "exchange-key-id")), secret: await text(secret) };
    await qa(this.page, "exchange-secret-close").click();
    await secret.waitFor({ state: "detached" });
    return shown;
  }

  row(name: string): Locator {
    return qa(this.page, "exchange-partners").locator("tr.ant-table-row", { hasText: name }).first();
  }

  /** Opens a partner's row: its subscriptions, recent calls and deliveries. */
  async openActivity(name: string): Promise<Locator> {
    await this.row(name).locator(".ant-table-row-expand-icon").click();
    const activity = qa(this.page, "exchange-activity");
    await activity.waitFor();
    return activity;
  }

  /** 立即推送 in an open partner's row; answers the sentence the page says. */
  async pushNow(activity: Locator): Promise<string> {
    // An earlier push's message may still be showing (for 3 s): wait for it to go, so that the text
    // read is this push's own.
    const notices = this.page.locator(".ant-message-notice");
    await notices.first().waitFor({ state: "detached" });
    await qa(activity, "exchange-push").click();
    const notice = notices.last();
    await notice.waitFor();
    return text(notice);
  }
}
