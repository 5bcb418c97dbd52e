import { describe, expect, it } from "vitest";
import { parseDate } from "../calendar/days.ts";
import { evaluateCase } from "../evaluate.ts";
import type { CaseSubject } from "../input/case-schema.ts";
import { makeCase } from "../testing/case-builder.ts";
import { remainingTermAtMostYears, termShorterThanMonths } from "./rollout.ts";

function book(subject: Partial<CaseSubject>, asOf: string) {
  return evaluateCase(makeCase(`${asOf}T10:00:00+08:00`, subject)).book;
}

/** A person under correction since long before the rollout whose term ends on `termEnd`. */
const longCase = (termEnd: string, extra: Partial<CaseSubject> = {}): Partial<CaseSubject> => ({
  termStart: "2023-01-10",
  intakeDate: "2023-01-10",
  termEnd,
  ...extra,
});

describe("term arithmetic (以上/以下 inclusive, 少于 exclusive)", () => {
  it("a term of exactly six months is not less than six months; one day shorter is", () => {
    expect(termShorterThanMonths(parseDate("2025-01-01"), parseDate("2025-06-30"), 6)).toBe(false);
    expect(termShorterThanMonths(parseDate("2025-01-01"), parseDate("2025-06-29"), 6)).toBe(true);
    // Month ends: 31 Aug + 6 months = 28 Feb, so a term to 27 Feb is exactly six months.
    expect(termShorterThanMonths(parseDate("2025-08-31"), parseDate("2026-02-27"), 6)).toBe(false);
    expect(termShorterThanMonths(parseDate("2025-08-31"), parseDate("2026-02-26"), 6)).toBe(true);
  });

  it("a remaining term of exactly one year is one year or less", () => {
    expect(remainingTermAtMostYears(parseDate("2026-05-09"), parseDate("2025-05-10"), 1)).toBe(true);
    expect(remainingTermAtMostYears(parseDate("2026-05-10"), parseDate("2025-05-10"), 1)).toBe(false);
  });
});

describe("phased rollout (seed 000 §十三)", () => {
  it("never applies to a term of less than six months, even in phase 3", () => {
    const b = book(
      { termStart: "2025-10-01", intakeDate: "2025-10-01", termEnd: "2026-03-30" },
      "2025-12-01",
    );
    expect(b).toEqual({
      applies: false,
      since: null,
      basis: "seed 000 §十三: term less than 6 months is excluded",
    });
    expect(
      book({ termStart: "2025-10-01", intakeDate: "2025-10-01", termEnd: "2026-03-31" }, "2025-12-01")
        .applies,
    ).toBe(true);
  });

  it("applies to nobody before 2025-04-01", () => {
    expect(book(longCase("2025-06-30"), "2025-03-31")).toMatchObject({ applies: false, since: null });
  });

  it("phase 1: intake on or after 2025-04-01 (之后 inclusive) applies from intake", () => {
    const b = book(
      { termStart: "2025-04-01", intakeDate: "2025-04-01", termEnd: "2026-03-31" },
      "2025-05-01",
    );
    expect(b).toEqual({
      applies: true,
      since: "2025-04-01",
      basis: "seed 000 §十三 phase 1: intake on or after 2025-04-01",
    });
    expect(
      book({ termStart: "2025-03-31", intakeDate: "2025-03-31", termEnd: "2027-03-30" }, "2025-05-01")
        .applies,
    ).toBe(false);
  });

  it("phase 1: the remaining term is judged day by day; a person joins the day it reaches one year", () => {
    // termEnd 2026-05-09: on 2025-05-10 the remaining term is exactly one year.
    const subject = longCase("2026-05-09");
    expect(book(subject, "2025-05-09")).toMatchObject({ applies: false, since: null });
    expect(book(subject, "2025-05-10")).toEqual({
      applies: true,
      since: "2025-05-10",
      basis: "seed 000 §十三 phase 1: remaining term one year or less on 2025-05-10",
    });
    expect(book(longCase("2026-03-31"), "2025-06-01")).toMatchObject({ applies: true, since: "2025-04-01" });
  });

  it("phase 2: intake on or after 2025-07-01, or a remaining term of two years or less", () => {
    expect(
      book({ termStart: "2025-03-20", intakeDate: "2025-03-20", termEnd: "2027-12-31" }, "2025-08-01"),
    ).toMatchObject({
      applies: false,
    });
    expect(
      book({ termStart: "2025-07-01", intakeDate: "2025-07-01", termEnd: "2027-12-31" }, "2025-08-01"),
    ).toMatchObject({
      applies: true,
      since: "2025-07-01",
      basis: "seed 000 §十三 phase 2: intake on or after 2025-07-01",
    });
    // Two years before 2027-08-15 (termEnd + 1) is 2025-08-15.
    expect(book(longCase("2027-08-14"), "2025-08-20")).toMatchObject({
      applies: true,
      since: "2025-08-15",
      basis: "seed 000 §十三 phase 2: remaining term two years or less on 2025-08-15",
    });
    expect(book(longCase("2027-08-14"), "2025-08-14").applies).toBe(false);
  });

  it("the first phase's inclusion carries into the second", () => {
    expect(book(longCase("2026-05-09"), "2025-09-01")).toMatchObject({ applies: true, since: "2025-05-10" });
  });

  it("phase 3: everyone from 2025-10-01", () => {
    expect(book(longCase("2029-12-31"), "2025-09-30").applies).toBe(false);
    expect(book(longCase("2029-12-31"), "2025-10-01")).toEqual({
      applies: true,
      since: "2025-10-01",
      basis: "seed 000 §十三 phase 3: everyone from 2025-10-01",
    });
  });

  it("since is never before intake", () => {
    expect(
      book({ termStart: "2025-11-05", intakeDate: "2025-11-07", termEnd: "2026-11-04" }, "2025-12-01"),
    ).toMatchObject({
      since: "2025-11-07",
    });
  });

  it("a person included stays included after release; one released before inclusion never is", () => {
    expect(book(longCase("2026-05-09", { releaseDate: "2025-06-01" }), "2025-12-01")).toMatchObject({
      applies: true,
      since: "2025-05-10",
    });
    expect(book(longCase("2027-12-31", { releaseDate: "2025-06-01" }), "2025-12-01")).toMatchObject({
      applies: false,
      since: null,
    });
  });

  it("nothing is predicted: before its day, a coming inclusion does not show", () => {
    expect(
      book({ termStart: "2025-07-01", intakeDate: "2025-07-01", termEnd: "2027-06-30" }, "2025-06-30"),
    ).toMatchObject({
      applies: false,
    });
  });
});
