// The location story in Chromium (issue 12): a key person of 城关 checks in with the phone app inside
// the county (no alert), then twice outside it 20 minutes apart (the product restarted 20 minutes
// later) — a red 越界 alert appears on the office's board; the assistant opens the map from it (the
// purpose asked first), sees the three check-ins and the alert, records the day's trajectory analysis
// and handles the alert. The agency sees the demo's zones, draws a circle and is told in Chinese what is
// wrong with a broken GeoJSON file.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_NOW, FIXED_TODAY } from "../test/helpers/fixed-now.ts";
import { AppCard, AppSignIn, AppToday, qa, TrajectoryPage, ZonesPage } from "../web/e2e-pages/index.ts";
import { PATIENCE_MS, type Product, screenshotDir, staffPage, startProduct } from "./harness.ts";

const PASSWORD = "qinghe2026a";
/** In 青禾县 (near 东门社区), away from the demo's prohibited card room. */
const INSIDE = { longitude: 119.906, latitude: 28.405, accuracy: 15 };
/** 杭州 — far outside the county, no leave. */
const OUTSIDE = { longitude: 120.155, latitude: 30.274, accuracy: 20 };
const LATER = new Date(Date.parse(FIXED_NOW) + 20 * 60_000).toISOString();

interface BoardAlert {
  id: number;
  kind: string;
  colour: string;
  subject: { id: string } | null;
  handledAt: string | null;
}

/** A request from the signed-in console page, with the CSRF header the console sends. */
async function staffFetch<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )onebook_csrf=([^;]*)/)?.[1] ?? "");
      const r = await fetch(url, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return r.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

async function phoneContext(product: Product, where: typeof INSIDE): Promise<BrowserContext> {
  return product.browser.newContext({
    baseURL: product.baseUrl,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ["geolocation"],
    geolocation: where,
  });
}

const locationAlertsOf = async (page: Page, subjectId: string) =>
  (
    await staffFetch<{ items: BoardAlert[] }>(
      page,
      "GET",
      `/api/alerts?status=all&subjectId=${subjectId}&pageSize=200`,
    )
  ).items.filter((a) => ["out_of_area", "possible_out_of_area"].includes(a.kind));

describe("the location story in Chromium", () => {
  let product: Product;
  let subjectId = "";
  let idNumber = "";

  beforeAll(async () => {
    product = await startProduct();
  }, 900_000);
  afterAll(async () => {
    await product?.stop();
  });

  it("the person checks in inside the county (no alert), then outside it (a yellow possible 越界)", async () => {
    const staff = await staffPage(product, "chengguan.assistant");
    const list = await staffFetch<{ items: { id: string }[] }>(
      staff,
      "GET",
      "/api/subjects?level=key&status=in_correction&pageSize=50",
    );
    subjectId = list.items[0]?.id ?? "";
    expect(subjectId).not.toBe("");
    idNumber = (
      await staffFetch<{ idNumber: string }>(staff, "POST", `/api/subjects/${subjectId}/unmask`, {
        purpose: "开通手机端，核对身份",
      })
    ).idNumber;
    await staff.goto(`/subjects/${subjectId}`);
    const code = await new AppCard(staff).giveCode();

    const phone = await phoneContext(product, INSIDE);
    const phonePage = await phone.newPage();
    phonePage.setDefaultTimeout(PATIENCE_MS);
    const signIn = new AppSignIn(phonePage);
    await signIn.goto();
    await signIn.activate(idNumber, code, PASSWORD);
    const today = new AppToday(phonePage);
    expect(await today.checkIn()).toBe("签到已提交");
    expect(await locationAlertsOf(staff, subjectId)).toEqual([]);

    await phone.setGeolocation(OUTSIDE);
    // A fresh page: the app's message of the first check-in would read the same as the second's.
    await phonePage.reload();
    await qa(phonePage, "app-checkin").waitFor();
    expect(await today.checkIn()).toBe("签到已提交");
    const alerts = await locationAlertsOf(staff, subjectId);
    expect(alerts.map((a) => [a.kind, a.colour])).toEqual([["possible_out_of_area", "yellow"]]);
    await product.stop({ keepData: true });
  }, 300_000);

  it("20 minutes later, outside again: a red 越界 alert on the office's board", async () => {
    product = await startProduct({ now: LATER, dataDir: product.dataDir });
    const phone = await phoneContext(product, OUTSIDE);
    const phonePage = await phone.newPage();
    phonePage.setDefaultTimeout(PATIENCE_MS);
    const signIn = new AppSignIn(phonePage);
    await signIn.goto();
    await signIn.login(idNumber, PASSWORD);
    expect(await new AppToday(phonePage).checkIn()).toBe("签到已提交");

    const staff = await staffPage(product, "chengguan.assistant");
    await staff.goto("/alerts");
    const row = qa(staff, "alert-row").filter({ hasText: "越界" }).filter({ hasText: "红色预警" }).first();
    await row.waitFor();
    await staff.screenshot({ path: join(screenshotDir, "location-alert-board.png"), fullPage: true });
    const alerts = await locationAlertsOf(staff, subjectId);
    expect(alerts.map((a) => [a.kind, a.colour])).toEqual([["out_of_area", "red"]]);

    // From the board to the map: the purpose first, then the three check-ins and the alert.
    await qa(row, "alert-open-map").click();
    const map = new TrajectoryPage(staff);
    await qa(staff, "purpose-form").waitFor();
    expect(await staff.locator("path.qa-report-point").count()).toBe(0); // nothing before the purpose
    try {
      await map.statePurpose("预警核查处置");
    } catch (error) {
      await staff.screenshot({ path: join(screenshotDir, "location-trajectory-failed.png"), fullPage: true });
      throw error;
    }
    const reports = await staffFetch<{ reports: { at: string; source: string }[] }>(
      staff,
      "GET",
      `/api/subjects/${subjectId}/locations?from=${FIXED_TODAY}&to=${FIXED_TODAY}&purpose=${encodeURIComponent("核对")}`,
    );
    // The demo's reports of the morning, and the three check-ins of the story from 10:00 on.
    const story = reports.reports.filter((r) => Date.parse(r.at) >= Date.parse(FIXED_NOW));
    expect(story.map((r) => r.source)).toEqual(["app", "app", "app"]);
    await staff.waitForFunction(
      (n) => document.querySelectorAll("path.qa-report-point").length === n,
      reports.reports.length,
    );
    expect((await map.alerts()).join()).toContain("越界");
    expect((await map.alerts()).join()).toContain("2 次报告");
    // Separation is judged against the residence point, once the office registers it here.
    expect(await map.residence()).toContain("尚未登记");
    await map.setResidence(119.95, 28.36);
    expect(await map.residence()).toContain("经度 119.950000，纬度 28.360000");
    await staff.screenshot({ path: join(screenshotDir, "location-trajectory.png"), fullPage: true });
    // The slider shows the track up to a chosen moment: at its start, one point only.
    await map.slideToStart();
    await staff.waitForFunction(() => document.querySelectorAll("path.qa-report-point").length === 1);

    await map.recordAnalysis("轨迹显示对象10时后位于杭州市，已电话联系核实");
    await map.handleAlert("越界", "已电话联系本人，系未经批准外出，责令立即返回并制作谈话笔录");
    const handled = await locationAlertsOf(staff, subjectId);
    expect(handled.every((a) => a.kind !== "out_of_area" || a.handledAt !== null)).toBe(true);
    // The read was audited with its purpose.
    const audit = await staffFetch<{ items: { action: string; details: Record<string, unknown> }[] }>(
      await staffPage(product, "agency.head"),
      "GET",
      `/api/audit?subjectId=${subjectId}`,
    );
    expect(JSON.stringify(audit)).toContain("预警核查处置");
  }, 400_000);

  it("the agency sees the county's zones, draws a circle and reads a broken file's error in Chinese", async () => {
    const page = await staffPage(product, "agency.head");
    const zones = new ZonesPage(page);
    await zones.goto();
    const before = await zones.rows();
    expect(before.join()).toContain("青禾县行政区域");
    expect(before.join()).toContain("城关某棋牌室");
    await zones.addCircle("某娱乐场所", 119.95, 28.36, 200);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-qa="zone-row"]').length === n,
      before.length + 1,
    );
    const unclosed = {
      type: "Polygon",
      coordinates: [
        [
          [119.9, 28.4],
          [119.91, 28.4],
          [119.91, 28.41],
          [119.9, 28.41],
        ],
      ],
    };
    const message = await zones.loadFileExpectingError("某网吧", "wangba.geojson", JSON.stringify(unclosed));
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).toContain("闭合");
    await page.screenshot({ path: join(screenshotDir, "location-zones.png"), fullPage: true });
  }, 200_000);
});
