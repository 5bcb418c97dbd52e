import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDate } from "./calendar/days.ts";
import { cstDayOfMs, instantToMs } from "./calendar/instant.ts";
import { type CaseEvent, evaluateCase, parseCaseInput } from "./evaluate.ts";
import { EvaluationContext } from "./evaluation-context.ts";
import { derivePolicy, getPolicy, PolicyRegistry } from "./policy/registry.ts";
import { caseArbitrary, eventArbitrary, instantText } from "./testing/arbitraries.ts";
import { cst, makeCase } from "./testing/case-builder.ts";

const RUNS = { numRuns: 200 };

describe("evaluateCase on the contract's example", () => {
  it("gives the result rules-contract.md shows", () => {
    const result = evaluateCase(
      makeCase("2025-08-15T10:00:00+08:00", { id: "S1", crimeCategories: ["theft"] }, [
        { type: "phone_report", at: "2025-08-04T09:12:00+08:00" },
        { type: "in_person_report", at: "2025-08-01T10:00:00+08:00" },
        { type: "book_section", section: "intake_summary", at: "2025-05-08T10:00:00+08:00" },
      ]),
    );
    expect(result.asOf).toBe("2025-08-15T10:00:00+08:00");
    expect(result.policy).toBe("yirenyice-2025");
    expect(result.subjectId).toBe("S1");
    expect(result.book).toEqual({
      applies: true,
      since: "2025-04-10",
      basis: "seed 000 §十三 phase 1: intake on or after 2025-04-01",
    });
    expect(result.classification).toEqual({
      proposedKey: false,
      criteria: [],
      decidedLevel: "normal",
      mismatch: false,
    });
    expect(result.obligations.find((o) => o.id === "in_person_report:2025-08-01/2025-08-31")).toMatchObject({
      required: 1,
      done: 1,
      status: "met",
      dueBy: "2025-08-31T23:59:59+08:00",
      basis: "seed 000 §九.2(4)",
    });
    expect(result.deadlines.find((d) => d.section === "intake_summary")).toEqual({
      section: "intake_summary",
      dueBy: "2025-05-10T23:59:59+08:00",
      doneAt: "2025-05-08T10:00:00+08:00",
      status: "met",
      basis: "seed 000 §四",
    });
  });

  it("has no obligations before intake", () => {
    const r = evaluateCase(makeCase("2025-04-01T10:00:00+08:00"));
    expect(r.obligations).toEqual([]);
  });
});

describe("properties of evaluateCase", () => {
  it("generated cases pass the schema", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const parsed = parseCaseInput(c);
        expect(parsed.ok ? "ok" : parsed.problem).toBe("ok");
      }),
      RUNS,
    );
  });

  it("the result does not depend on the order of the events", () => {
    fc.assert(
      fc.property(
        caseArbitrary.chain((c) =>
          fc.shuffledSubarray(c.events, { minLength: c.events.length }).map((e) => [c, e] as const),
        ),
        ([c, shuffled]) => {
          expect(evaluateCase({ ...c, events: shuffled })).toEqual(evaluateCase(c));
        },
      ),
      RUNS,
    );
  });

  it("evaluating twice gives the same result and leaves the input untouched", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const before = JSON.stringify(c);
        const first = JSON.stringify(evaluateCase(c));
        expect(JSON.stringify(evaluateCase(c))).toBe(first);
        expect(JSON.stringify(c)).toBe(before);
      }),
      RUNS,
    );
  });

  it("adding a report or check never turns a met obligation into anything else", () => {
    const withExtra = caseArbitrary.chain((c) => {
      const intake = parseDate(c.subject.intakeDate);
      const asOfDay = cstDayOfMs(instantToMs(c.asOf));
      const extra = eventArbitrary(Math.min(intake, asOfDay) - 5, asOfDay + 1).filter(
        (e) =>
          e.type !== "leave" && e.type !== "sanction" && e.type !== "violation" && e.type !== "book_section",
      );
      return extra.map((e) => [c, e] as const);
    });
    fc.assert(
      fc.property(withExtra, ([c, extra]) => {
        const before = evaluateCase(c);
        const after = new Map(
          evaluateCase({ ...c, events: [...c.events, extra] }).obligations.map((o) => [o.id, o]),
        );
        for (const o of before.obligations) {
          if (o.status === "met") expect(after.get(o.id)?.status).toBe("met");
        }
      }),
      RUNS,
    );
  });

  it("every obligation lies within the time under correction and the output window, sorted and unique", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const r = evaluateCase(c);
        const intake = c.subject.intakeDate;
        const end = c.subject.releaseDate ?? c.subject.termEnd;
        const asOfDay = cstDayOfMs(instantToMs(c.asOf));
        for (const o of r.obligations) {
          expect(o.periodStart >= intake).toBe(true);
          expect(o.periodEnd <= end).toBe(true);
          if (o.periodStart === o.periodEnd) expect(o.periodStart > intake).toBe(true); // daily: from the day after
          expect(parseDate(o.periodStart) <= asOfDay).toBe(true);
          expect(parseDate(o.periodEnd) >= asOfDay - 90).toBe(true);
          expect(o.id).toBe(`${o.kind}:${o.periodStart}/${o.periodEnd}`);
          if (o.status === "met") expect(o.done).toBeGreaterThanOrEqual(o.required);
          if (o.status === "open" || o.status === "overdue") expect(o.done).toBeLessThan(o.required);
          if (o.status === "overdue") expect(parseDate(o.periodEnd) < asOfDay).toBe(true);
          if (o.status === "open") expect(parseDate(o.periodEnd) >= asOfDay).toBe(true);
        }
        const keys = r.obligations.map((o) => `${o.periodStart} ${o.kind} ${o.periodEnd}`);
        expect(keys).toEqual([...keys].sort());
        expect(new Set(r.obligations.map((o) => o.id)).size).toBe(r.obligations.length);
      }),
      RUNS,
    );
  });

  it("deadlines are sorted, within the lookahead, and only when the book applies", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const r = evaluateCase(c);
        if (!r.book.applies) expect(r.deadlines).toEqual([]);
        const asOfDay = cstDayOfMs(instantToMs(c.asOf));
        const keys = r.deadlines.map((d) => `${d.dueBy} ${d.section}`);
        expect(keys).toEqual([...keys].sort());
        for (const d of r.deadlines) {
          expect(parseDate(d.dueBy.slice(0, 10)) <= asOfDay + 30).toBe(true);
          expect(d.doneAt === null).toBe(d.status === "open" || d.status === "overdue");
        }
        if (r.book.since !== null) {
          expect(r.book.since >= c.subject.intakeDate).toBe(true);
          expect(parseDate(r.book.since) <= asOfDay).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("counting against a plain reference", () => {
  // The engine skips old events by comparing texts and reads CST days from +08:00 texts directly; a
  // slow reference built on Date.parse must agree with every `done` it reports.
  it("done equals the events of the kind on the period's CST days, at or before asOf", () => {
    const cstDay = (text: string) => Math.floor((Date.parse(text) + 8 * 3_600_000) / 86_400_000);
    // Events crowd the edges of the counted range (as-of − 90 days, less a quarter), where the
    // shortcuts act, written in several offsets.
    const crowded = caseArbitrary.chain((c) => {
      const asOfDay = cstDayOfMs(instantToMs(c.asOf));
      return fc
        .array(eventArbitrary(asOfDay - 190, asOfDay + 2), { maxLength: 80 })
        .map((extra) => ({ ...c, events: [...c.events, ...extra] }));
    });
    fc.assert(
      fc.property(crowded, (c) => {
        const r = evaluateCase(c);
        const asOfMs = Date.parse(c.asOf);
        const levelOn = (day: number) => {
          const history = c.subject.levelHistory ?? [];
          let level = history[0]?.level ?? c.subject.level;
          for (const h of history) if (parseDate(h.from) <= day) level = h.level;
          return level;
        };
        for (const o of r.obligations) {
          const from = parseDate(o.periodStart);
          const to = parseDate(o.periodEnd);
          // Key and strict: the office head's visit; normal: the office's own (head or assistant).
          const counted =
            o.kind !== "field_visit"
              ? null
              : levelOn(from) === "normal"
                ? ["office_head", "office_assistant"]
                : ["office_head"];
          const expected = c.events.filter(
            (e) =>
              e.type === o.kind &&
              Date.parse(e.at) <= asOfMs &&
              cstDay(e.at) >= from &&
              cstDay(e.at) <= to &&
              (!counted || (e.type === "field_visit" && counted.includes(e.byRole))),
          ).length;
          expect(o.done, o.id).toBe(expected);
        }
      }),
      RUNS,
    );
  });
});

describe("writing instants in other offsets", () => {
  it("means the same as writing them in CST", () => {
    const day = parseDate("2025-08-15");
    const texts = (["+08:00", "Z", "-05:00", "+09:30"] as const).map((o) => instantText(day, 5, o));
    const results = texts.map((at) =>
      evaluateCase(makeCase("2025-09-03T10:00:00+08:00", {}, [{ type: "phone_report", at } as CaseEvent])),
    );
    for (const r of results) expect(r.obligations).toEqual(results[0]?.obligations);
    expect(results[0]?.obligations.find((o) => o.id === "phone_report:2025-08-01/2025-08-15")?.done).toBe(1);
    expect(cst("2025-08-15")).toBe("2025-08-15T10:00:00+08:00");
  });
});

describe("the evaluation context", () => {
  it("shared by a batch, gives every case the result of a fresh one", () => {
    fc.assert(
      fc.property(fc.array(caseArbitrary, { minLength: 2, maxLength: 8 }), (cases) => {
        const context = new EvaluationContext();
        for (const c of cases) expect(evaluateCase(c, { context })).toEqual(evaluateCase(c));
      }),
      { numRuns: 60 },
    );
  });

  it("keeps each profile's tables apart when a batch mixes profiles", () => {
    const weekly = derivePolicy(getPolicy(), "test-weekly", (draft) => {
      draft.obligations.phone_report.byLevel.normal = {
        period: "week",
        required: 1,
        countedRoles: null,
        who: "subject",
      };
      draft.book.oneOff.basic_info.due = { unit: "days", count: 10 };
    });
    const registry = new PolicyRegistry([getPolicy(), weekly]);
    const input = makeCase("2025-08-20T10:00:00+08:00", {
      intakeDate: "2025-07-01",
      termStart: "2025-07-01",
    });
    const context = new EvaluationContext();
    for (let round = 0; round < 2; round++) {
      for (const policy of [undefined, "test-weekly"]) {
        const c = { ...input, ...(policy ? { policy } : {}) };
        expect(evaluateCase(c, { registry, context })).toEqual(evaluateCase(c, { registry }));
      }
    }
    const dueOf = (policy?: string) =>
      evaluateCase({ ...input, ...(policy ? { policy } : {}) }, { registry, context }).deadlines.find(
        (d) => d.section === "basic_info",
      )?.dueBy;
    expect(dueOf("test-weekly")).toBe("2025-07-11T23:59:59+08:00");
    expect(dueOf()).not.toBe(dueOf("test-weekly"));
  });
});

describe("the event pass", () => {
  it("refuses an event type it has no rule for, rather than miscounting it", () => {
    // Input that bypassed the schema: a type name of the same length as `phone_report`.
    const c = makeCase("2025-08-20T10:00:00+08:00", {}, [
      { type: "phone_record", at: cst("2025-08-05") } as unknown as CaseEvent,
    ]);
    expect(() => evaluateCase(c)).toThrow("unknown event type: phone_record");
  });
});
