import { describe, expect, it } from "vitest";
import { dateField, instantField, monthField, optionalDateField } from "./fields.ts";

const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe("the API's date fields", () => {
  const date = dateField("判决日期");

  it("accept real days, leap days in leap years only", () => {
    expect(date.safeParse("2026-11-30").success).toBe(true);
    expect(date.safeParse("2024-02-29").success).toBe(true);
    expect(message(date.safeParse("2026-11-31"))).toBe("判决日期不是有效的日期");
    expect(message(date.safeParse("2026-02-30"))).toBe("判决日期不是有效的日期");
    expect(message(date.safeParse("2025-02-29"))).toBe("判决日期不是有效的日期");
    expect(message(date.safeParse("2026/11/30"))).toBe("判决日期的格式应为 YYYY-MM-DD");
  });

  it("refuse year 0000 and other years no case speaks of", () => {
    expect(message(date.safeParse("0000-01-01"))).toContain("1900–2199");
    expect(date.safeParse("1899-12-31").success).toBe(false);
    expect(date.safeParse("2200-01-01").success).toBe(false);
    expect(date.safeParse("1900-01-01").success).toBe(true);
  });

  it("let the book's optional dates be empty, never impossible", () => {
    const optional = optionalDateField("告知日期");
    expect(optional.safeParse("").success).toBe(true);
    expect(optional.safeParse(undefined).success).toBe(true);
    expect(message(optional.safeParse("2026-11-31"))).toBe("告知日期不是有效的日期");
    expect(optional.safeParse("0000-03-01").success).toBe(false);
  });

  it("check months and instants the same way", () => {
    expect(monthField("反馈月份").safeParse("2026-11").success).toBe(true);
    expect(monthField("反馈月份").safeParse("0000-11").success).toBe(false);
    expect(monthField("反馈月份").safeParse("2026-13").success).toBe(false);
    const instant = instantField();
    expect(instant.safeParse("2026-11-20T09:30:00+08:00").success).toBe(true);
    expect(instant.safeParse("2026-11-31T09:30:00+08:00").success).toBe(false);
    expect(instant.safeParse("0000-01-01T00:00:00+08:00").success).toBe(false);
    expect(instant.safeParse("2026-11-20T09:30:00").success).toBe(false);
  });
});
