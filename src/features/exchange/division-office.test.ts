import { describe, expect, it } from "vitest";
import { divisionCandidates } from "./division-office.ts";

describe("divisionCandidates", () => {
  it("reads a village code down to its township, and zero groups as the level above", () => {
    expect(divisionCandidates("990121100201")).toEqual(["990121100201", "990121100"]);
    expect(divisionCandidates("990121100000")).toEqual(["990121100"]);
    expect(divisionCandidates("990121101")).toEqual(["990121101"]);
  });
  it("gives nothing for a county code (the agency assigns it)", () => {
    expect(divisionCandidates("990121")).toEqual([]);
    expect(divisionCandidates("990121000000")).toEqual([]);
  });
});
