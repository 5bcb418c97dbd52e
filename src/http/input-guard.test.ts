import { describe, expect, it } from "vitest";
import { findBadText } from "./input-guard.ts";

describe("the input guard's search for text PostgreSQL cannot store", () => {
  it("finds a NUL or a lone surrogate at any depth and names its field", () => {
    expect(findBadText({ a: "ok", b: ["x", "y\u0000"] })?.[0]).toBe("b.1");
    expect(findBadText({ content: { note: "情况\ud800" } })?.[0]).toBe("content.note");
    expect(findBadText({ text: "尾部\udfff" })?.[0]).toBe("text");
    expect(findBadText("\u0000")?.[0]).toBe("");
    expect(findBadText({ a: "\u0000" })?.[1]).toContain("U+0000");
    expect(findBadText({ a: "\ud800" })?.[1]).toContain("代理项");
  });

  it("checks field names too, naming them with the bad character replaced", () => {
    expect(findBadText({ content: { "x\u0000y": 1 } })?.[0]).toBe("content.x\ufffdy");
  });

  it("lets through well-formed text: emoji (surrogate pairs), other control characters, numbers", () => {
    expect(findBadText({ a: "好👍", b: "tab\tline\n\u0001", c: 3, d: null, e: [true] })).toBeNull();
  });

  it("walks a very deep value without overflowing the call stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findBadText({ deep })?.[0]).toMatch(/^deep(\.0)+$/);
  });
});
