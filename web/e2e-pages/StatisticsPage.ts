import type { Download, Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

/** 统计: the register, the indicators (each with its definition), the drill-down and the workbook. */
export class StatisticsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/stats");
    await qa(this.page, "indicators").waitFor();
  }

  async registerTotal(): Promise<number> {
    return Number(
      (await text(qa(this.page, "stats-register").locator(".ant-statistic-content-value"))).replace(
        /\D/g,
        "",
      ),
    );
  }

  /** The figure as shown ("87.5%", "12人", "18.3人/社工"). */
  async figure(id: string): Promise<string> {
    return text(qa(this.page, `figure-${id}`));
  }

  async definition(id: string): Promise<string> {
    return text(qa(this.page, `definition-${id}`));
  }

  /** Opens the persons behind a figure; returns the drawer. */
  async drill(id: string): Promise<Locator> {
    await qa(this.page, `figure-${id}`).click();
    const drawer = qa(this.page, "drill");
    await drawer.waitFor();
    return drawer;
  }

  /** The names listed in the open drill-down's current page. */
  async drillNames(): Promise<string[]> {
    const rows = qa(this.page, "drill-table").locator("tbody tr.ant-table-row");
    return (await rows.locator("td:first-child").allTextContents()).map((s) => s.trim());
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      qa(this.page, "stats-export").click(),
    ]);
    return download;
  }
}
