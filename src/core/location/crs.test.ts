import { describe, expect, it } from "vitest";
import { fromWgs84, toWgs84 } from "./crs.ts";
import { distanceM } from "./geometry.ts";

describe("toWgs84", () => {
  it("leaves WGS-84 as it is", () => {
    expect(toWgs84(119.1, 29.1, "WGS84")).toEqual([119.1, 29.1]);
    expect(fromWgs84(119.1, 29.1, "WGS84")).toEqual([119.1, 29.1]);
  });

  it("undoes the GCJ-02 and BD-09 offsets (hundreds of metres in China) to within a metre", () => {
    const wgs = [119.3, 29.2] as const;
    const gcj = fromWgs84(wgs[0], wgs[1], "GCJ02");
    const bd = fromWgs84(wgs[0], wgs[1], "BD09");
    expect(distanceM(wgs, gcj)).toBeGreaterThan(300);
    expect(distanceM(wgs, bd)).toBeGreaterThan(800);
    expect(distanceM(wgs, toWgs84(gcj[0], gcj[1], "GCJ02"))).toBeLessThan(1);
    expect(distanceM(wgs, toWgs84(bd[0], bd[1], "BD09"))).toBeLessThan(1);
  });
});
