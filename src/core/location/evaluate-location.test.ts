import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedExamples } from "../../../test/helpers/shared-spec.ts";
import { instantToMs } from "../calendar/instant.ts";
import { evaluateLocation, formatCstInstant, type LocationAlert } from "./evaluate-location.ts";
import type { LonLat } from "./geometry.ts";
import { type LocationInputData, parseLocationInput } from "./location-schema.ts";
import { AWAY, alertsOf, cst, eastOfSquare, HOME, locationCase, report } from "./test-support.ts";

describe("formatCstInstant", () => {
  it("prints CST with +08:00, milliseconds only when present", () => {
    expect(formatCstInstant(instantToMs("2025-09-10T16:30:00Z"))).toBe("2025-09-11T00:30:00+08:00");
    expect(formatCstInstant(instantToMs("2025-09-10T08:00:00.250+08:00"))).toBe(
      "2025-09-10T08:00:00.250+08:00",
    );
  });
});

describe("evaluateLocation", () => {
  it("returns the subject id and alerts sorted by openedAt, then kind", () => {
    const parsed = parseLocationInput(
      locationCase((c) => {
        c.subject.level = "normal";
        c.zones.prohibited.push({
          id: "casino-1",
          name: "某棋牌室",
          circle: { center: [119.25, 29.2], radiusM: 200 },
        });
        c.reports.push(report("2025-09-10T11:00", AWAY));
        c.reports.push(report("2025-09-10T10:00", [119.25, 29.2]));
        c.unreachable.push({ at: "2025-09-10T02:00:00Z" }); // 10:00 CST, like the casino report
      }),
    );
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const result = evaluateLocation(parsed.value);
    expect(result.subjectId).toBe("L1");
    expect(result.alerts.map((a) => [a.openedAt, a.kind])).toEqual([
      [cst("2025-09-10T10:00"), "lost_contact"],
      [cst("2025-09-10T10:00"), "prohibited_place"],
      [cst("2025-09-10T11:00"), "possible_out_of_area"],
    ]);
    // The casino report ended nothing: the unreachable record comes after a report at the same instant.
    expect(result.alerts[0]).toMatchObject({ open: false });
    expect(Object.keys(result.alerts[1] ?? {})).toEqual([
      "kind",
      "color",
      "openedAt",
      "open",
      "reports",
      "zoneId",
      "basis",
    ]);
    expect(Object.keys(result.alerts[2] ?? {})).toEqual([
      "kind",
      "color",
      "openedAt",
      "open",
      "reports",
      "basis",
    ]);
  });

  it("reads every colour and number from the policy profile", () => {
    const alerts = alertsOf(locationCase((c) => c.reports.push(report("2025-09-10T15:00", AWAY))));
    expect(alerts.every((a) => a.basis.length > 0)).toBe(true);
  });

  it("matches the public examples (../shared/spec; required in CI)", (ctx) => {
    const examples = sharedExamples("examples-location");
    if (!examples) return ctx.skip();
    for (const [f, example] of examples as Array<[string, SharedExample]>) {
      const alerts = alertsOf(example.input);
      expect(alerts.length, f).toBe(example.expect.alerts.length);
      example.expect.alerts.forEach((want: Record<string, unknown>, i: number) => {
        expect(alerts[i], f).toMatchObject(want);
      });
    }
  });
});

// Property tests over generated inputs: a handful of places around the square's east edge, a casino
// and a school, times on a half-hour grid (so that reports often share an instant), every quality.
const PLACES: LonLat[] = [
  HOME,
  AWAY,
  eastOfSquare(50),
  eastOfSquare(1500),
  [119.25, 29.2],
  [119.201, 29.151],
  [120.5, 30],
];
const START_MS = instantToMs(cst("2025-09-10T00:00"));

const reportArb = fc
  .record({
    slot: fc.integer({ min: -4, max: 170 }), // half hours from 2025-09-10 00:00 CST; some before monitoringFrom, some after asOf
    place: fc.constantFrom(...PLACES),
    jitter: fc.constantFrom(0, 0.0001, 0.0003),
    accuracyM: fc.constantFrom(10, 15, 200, 1000, 1001),
    crs: fc.constantFrom("WGS84" as const, "GCJ02" as const, "BD09" as const),
    utc: fc.boolean(),
  })
  .map(({ slot, place, jitter, accuracyM, crs, utc }) => {
    const ms = START_MS + slot * 1_800_000;
    const at = utc ? new Date(ms).toISOString().replace(".000Z", "Z") : formatCstInstant(ms);
    return { at, lon: place[0] + jitter, lat: place[1], accuracyM, crs, source: "app" as const };
  });

const inputArb = fc
  .record({
    level: fc.constantFrom("key" as const, "strict" as const, "normal" as const),
    deviceOrder: fc.boolean(),
    reports: fc.array(reportArb, { maxLength: 30 }),
    unreachable: fc.array(fc.integer({ min: 0, max: 170 }), { maxLength: 3 }),
    leave: fc.boolean(),
  })
  .map(
    ({ level, deviceOrder, reports, unreachable, leave }): LocationInputData =>
      locationCase((c) => {
        c.asOf = cst("2025-09-13T12:00");
        c.subject.level = level;
        c.subject.deviceOrder = deviceOrder;
        c.subject.monitoringFrom = cst("2025-09-10T01:00");
        c.zones.prohibited.push({
          id: "casino-1",
          name: "某棋牌室",
          circle: { center: [119.25, 29.2], radiusM: 200 },
        });
        c.zones.prohibited.push({
          id: "school-1",
          name: "某小学",
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [119.2, 29.15],
                [119.202, 29.15],
                [119.202, 29.152],
                [119.2, 29.152],
                [119.2, 29.15],
              ],
            ],
          },
        });
        if (leave)
          c.leaves.push({
            from: "2025-09-11",
            to: "2025-09-11",
            destination: { circle: { center: [120.5, 30], radiusM: 3000 } },
          });
        c.reports.push(...reports);
        c.unreachable.push(
          ...unreachable.map((slot) => ({ at: formatCstInstant(START_MS + slot * 1_800_000) })),
        );
      }),
  );

/** The alerts with each alert's report indexes mapped through `relabel` and sorted. */
function normalised(alerts: LocationAlert[], relabel: (i: number) => number) {
  return alerts.map((a) => ({ ...a, reports: a.reports.map(relabel).sort((x, y) => x - y) }));
}

describe("evaluateLocation properties", () => {
  it("does not depend on the input order of reports and records, apart from the index relabelling", () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
        (input, keys) => {
          const n = input.reports.length;
          // newIndex → oldIndex: a permutation drawn by sorting on random keys.
          const order = [...Array(n).keys()].sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
          const shuffled: LocationInputData = {
            ...input,
            reports: order.map((old) => input.reports[old] as (typeof input.reports)[number]),
            unreachable: [...input.unreachable].reverse(),
          };
          const before = normalised(alertsOf(input), (i) => i);
          const after = normalised(alertsOf(shuffled), (i) => order[i] as number);
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same result twice and leaves its input untouched", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const parsed = parseLocationInput(input);
        if (!parsed.ok) throw new Error(parsed.problem.message);
        const copy = structuredClone(parsed.value);
        const first = evaluateLocation(parsed.value);
        expect(evaluateLocation(parsed.value)).toEqual(first);
        expect(parsed.value).toEqual(copy);
      }),
      { numRuns: 200 },
    );
  });

  it("opens every alert by asOf, cites only counted reports once each, and names zones only for zones", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const asOfMs = instantToMs(input.asOf);
        const fromMs = instantToMs(input.subject.monitoringFrom);
        for (const a of alertsOf(input)) {
          expect(instantToMs(a.openedAt)).toBeLessThanOrEqual(asOfMs);
          expect(new Set(a.reports).size).toBe(a.reports.length);
          for (const i of a.reports) {
            const ms = instantToMs(input.reports[i]?.at ?? "");
            expect(ms >= fromMs && ms <= asOfMs).toBe(true);
            expect(input.reports[i]?.accuracyM).toBeLessThanOrEqual(1000);
          }
          expect(a.zoneId !== undefined).toBe(a.kind === "prohibited_place");
        }
      }),
      { numRuns: 200 },
    );
  });
});

interface SharedExample {
  input: unknown;
  expect: { exit?: number; alerts: Record<string, unknown>[] };
}
