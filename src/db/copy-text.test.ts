import { describe, expect, it } from "vitest";
import { copyText, copyValue } from "./copy-text.ts";

describe("COPY text format", () => {
  it("writes null as \\N, booleans as t/f, numbers as they print", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(true)).toBe("t");
    expect(copyValue(false)).toBe("f");
    expect(copyValue(120.123456789)).toBe("120.123456789");
    expect(copyValue(1e-7)).toBe("1e-7");
  });

  it("escapes what would end a value or a row, and the escape itself", () => {
    expect(copyValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    // A key that spells \N is text, not null.
    expect(copyValue("\\N")).toBe("\\\\N");
    expect(copyValue("签到-1")).toBe("签到-1");
  });

  it("joins values with tabs and ends every row with a newline", () => {
    expect(
      copyText([
        ["x", 1, null],
        ["y\tz", 2, true],
      ]),
    ).toBe("x\t1\t\\N\ny\\tz\t2\tt\n");
  });
});
