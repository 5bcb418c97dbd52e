// Page objects of the location screens: the trajectory map (/location/:id) and the zones (/zones).
import type { Locator, Page } from "playwright-core";
import { chooseOption, qa, text } from "./qa.ts";

export class TrajectoryPage {
  constructor(readonly page: Page) {}

  async goto(subjectId: string, from?: string): Promise<void> {
    await this.page.goto(`/location/${encodeURIComponent(subjectId)}${from ? `?from=${from}` : ""}`);
    await qa(this.page, "trajectory-title").waitFor();
  }

  /** States the purpose (asked before anything is shown) and waits for the map. */
  async statePurpose(purpose: string): Promise<void> {
    await chooseOption(this.page, "purpose-select", purpose);
    await qa(this.page, "purpose-submit").click();
    await qa(this.page, "location-map").waitFor();
  }

  /** What the residence card says of the person's residence point. */
  async residence(): Promise<string> {
    return text(qa(this.page, "residence-point"));
  }

  /** Registers the residence point (WGS-84) and waits until the card shows it. */
  async setResidence(lon: number, lat: number): Promise<void> {
    await numberInput(this.page, "residence-lon").fill(String(lon));
    await numberInput(this.page, "residence-lat").fill(String(lat));
    await qa(this.page, "residence-save").click();
    await qa(this.page, "residence-point")
      .filter({ hasText: lon.toFixed(6) })
      .waitFor();
  }

  /** The report markers drawn on the map. */
  points(): Locator {
    return this.page.locator("path.qa-report-point");
  }

  async reportRows(): Promise<string[]> {
    return (await qa(this.page, "report-row").allTextContents()).map((t) => t.trim());
  }

  /** The alerts listed beside the map, as text. */
  async alerts(): Promise<string[]> {
    return (await qa(this.page, "trajectory-alert").allTextContents()).map((t) => t.trim());
  }

  /** Moves the time slider to its first position (the track up to the first report). */
  async slideToStart(): Promise<void> {
    await qa(this.page, "time-slider").locator(".ant-slider-handle").focus();
    await this.page.keyboard.press("Home");
  }

  /** Handles the listed alert whose text contains `kind`. */
  async handleAlert(kind: string, note: string): Promise<void> {
    const row = qa(this.page, "trajectory-alert").filter({ hasText: kind }).first();
    await qa(row, "trajectory-alert-handle").click();
    await qa(this.page, "alert-note").fill(note);
    await qa(this.page, "alert-handle-submit").click();
    await qa(this.page, "alert-handle-modal").waitFor({ state: "hidden" });
  }

  /** Records the day's trajectory analysis (an information check by location). */
  async recordAnalysis(note: string): Promise<void> {
    await qa(this.page, "record-analysis").click();
    await qa(this.page, "analysis-note").fill(note);
    await qa(this.page, "analysis-submit").click();
    await this.page.getByText("轨迹分析已记录").waitFor();
  }

  /** The 请假外出 card: each leave of the days shown with the area its destination is judged by. */
  async leaveDestinations(): Promise<string[]> {
    return (await qa(this.page, "leave-destination-item").allTextContents()).map((t) => t.trim());
  }

  /** Sets a leave destination's circle (centre WGS-84, radius in km) from the 请假外出 card. */
  async setDestinationCircle(lon: number, lat: number, radiusKm: number): Promise<void> {
    await qa(this.page, "set-circle").first().click();
    await numberInput(this.page, "circle-lon").fill(String(lon));
    await numberInput(this.page, "circle-lat").fill(String(lat));
    await numberInput(this.page, "circle-radius").fill(String(radiusKm));
    await qa(this.page, "circle-save").click();
    await this.page.getByText("已设置目的地圆形区域").waitFor();
  }
}

/** An antd InputNumber marked with `data-qa` (on the input itself or on its wrapper). */
const numberInput = (page: Page, id: string): Locator =>
  page.locator(`input[data-qa="${id}"], [data-qa="${id}"] input`).first();

export class ZonesPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/zones");
    await qa(this.page, "location-map").waitFor();
    // The list arrives after the map: wait for its first row (a county always has its execution area).
    await qa(this.page, "zone-row").first().waitFor();
  }

  async rows(): Promise<string[]> {
    return (await qa(this.page, "zone-row").allTextContents()).map((t) => t.trim());
  }

  /** Adds a prohibited circle; answers the error shown, or "" once saved. */
  async addCircle(name: string, lon: number, lat: number, radiusM: number): Promise<void> {
    await qa(this.page, "zone-add").click();
    await qa(this.page, "zone-name").fill(name);
    await this.page.getByText("圆形（中心点和半径）").click();
    await numberInput(this.page, "zone-lon").fill(String(lon));
    await numberInput(this.page, "zone-lat").fill(String(lat));
    await numberInput(this.page, "zone-radius").fill(String(radiusM));
    await qa(this.page, "zone-submit").click();
    await this.page.getByText(`已载入“${name}”`).waitFor();
  }

  /** Loads a GeoJSON file as a prohibited zone; answers the error the page shows. */
  async loadFileExpectingError(name: string, fileName: string, content: string): Promise<string> {
    await qa(this.page, "zone-add").click();
    await qa(this.page, "zone-name").fill(name);
    await this.page.locator('.ant-modal input[type="file"]').setInputFiles({
      name: fileName,
      mimeType: "application/json",
      buffer: Buffer.from(content),
    });
    await this.page.getByText(fileName).waitFor();
    await qa(this.page, "zone-submit").click();
    const error = qa(this.page, "zone-error");
    await error.waitFor();
    const message = await text(error);
    await this.page.locator(".ant-modal-footer .ant-btn").first().click();
    return message;
  }

  /** The loaded division boundaries (leave destinations), as text. */
  async divisionRows(): Promise<string[]> {
    await qa(this.page, "division-row").first().waitFor();
    return (await qa(this.page, "division-row").allTextContents()).map((t) => t.trim());
  }
}
