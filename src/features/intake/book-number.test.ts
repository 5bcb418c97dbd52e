import { describe, expect, it } from "vitest";
import {
  BookNumberFormatError,
  bookNumberPattern,
  checkBookNumberFormat,
  DEFAULT_BOOK_NUMBER_FORMAT,
  formatBookNumber,
} from "./book-number.ts";

describe("book number format", () => {
  it("formats the default as <county>-<year>-<4 digits>", () => {
    expect(formatBookNumber(DEFAULT_BOOK_NUMBER_FORMAT, "990121", 2026, 7)).toBe("990121-2026-0007");
    expect(formatBookNumber(DEFAULT_BOOK_NUMBER_FORMAT, "990121", 2026, 12345)).toBe("990121-2026-12345");
  });

  it("reads back the sequence of this county and year only", () => {
    const pattern = bookNumberPattern(DEFAULT_BOOK_NUMBER_FORMAT, "990121", 2026);
    expect(pattern.exec("990121-2026-0042")?.[1]).toBe("0042");
    expect(pattern.exec("990121-2025-0042")).toBeNull();
    expect(pattern.exec("990122-2026-0042")).toBeNull();
    const other = "青矫{year}第{seq:3}号（{county}）";
    expect(formatBookNumber(other, "990121", 2026, 5)).toBe("青矫2026第005号（990121）");
    expect(bookNumberPattern(other, "990121", 2026).exec("青矫2026第005号（990121）")?.[1]).toBe("005");
  });

  it("refuses a format without county, year or sequence", () => {
    expect(() => checkBookNumberFormat("{county}-{seq:4}")).toThrow(BookNumberFormatError);
    expect(() => checkBookNumberFormat("{county}-{year}")).toThrow(/\{seq\}/);
    expect(checkBookNumberFormat(DEFAULT_BOOK_NUMBER_FORMAT)).toBe(DEFAULT_BOOK_NUMBER_FORMAT);
  });
});
