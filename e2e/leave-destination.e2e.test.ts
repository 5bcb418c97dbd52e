// Leave destinations as areas in Chromium (issue 12): the agency sees the demo's loaded division
// boundaries on the zones page; the office opens the map of the demo's person on leave today — away in
// 石岭县, whose boundary is loaded — and sees the leave with its destination's area drawn; then sets a
// circle for it and sees the card say it is judged by the circle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXED_TODAY } from "../test/helpers/fixed-now.ts";
import { TrajectoryPage, ZonesPage } from "../web/e2e-pages/index.ts";
import { PATIENCE_MS, type Product, screenshotDir, staffPage, startProduct } from "./harness.ts";

describe("leave destinations as areas in Chromium", () => {
  let product: Product;

  beforeAll(async () => {
    product = await startProduct();
  }, 900_000);
  afterAll(async () => {
    await product?.stop();
  });

  it("the zones page lists the loaded division boundaries", async () => {
    const page = await staffPage(product, "agency.head");
    const zones = new ZonesPage(page);
    await zones.goto();
    const rows = await zones.divisionRows();
    expect(rows.some((r) => r.includes("990122") && r.includes("石岭县"))).toBe(true);
    await page.screenshot({ path: `${screenshotDir}/leave-destination-zones.png`, fullPage: true });
  }, 300_000);

  it("the map of a person on leave shows the destination's area, then the circle the office sets", async () => {
    const page = await staffPage(product, "agency.head");
    const away = await page.evaluate(async () => {
      const r = await fetch("/api/leave?status=away");
      return (await r.json()) as {
        items: { subject: { id: string }; destinationName: string; away: boolean }[];
      };
    });
    const leave = away.items.find((l) => l.away && l.destinationName.includes("石岭县"));
    expect(leave).toBeDefined();
    const map = new TrajectoryPage(page);
    await map.goto(leave?.subject.id ?? "", FIXED_TODAY);
    await map.statePurpose("请假期间核查");
    const listed = await map.leaveDestinations();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain("按“石岭县”区划边界判断越界");
    // The destination's boundary is drawn (a green dashed path besides the county's and the zone's).
    expect(await page.locator('path[stroke="#52c41a"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${screenshotDir}/leave-destination-map.png`, fullPage: true });

    await map.setDestinationCircle(120.1, 28.45, 15);
    await expect
      .poll(async () => (await map.leaveDestinations())[0], { timeout: PATIENCE_MS })
      .toContain("圆形区域");
  }, 300_000);
});
