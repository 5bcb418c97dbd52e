import { describe, expect, it } from "vitest";
import { describeProblem } from "../input/errors.ts";
import { parseLocationInput } from "./location-schema.ts";
import { locationCase, report } from "./test-support.ts";

// Tests edit the input as free-form JSON, the way a wrong client would send it.
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON
type Loose = Record<string, any>;

const base = () =>
  locationCase((c) => {
    c.reports.push(report("2025-09-10T09:00", [119.1, 29.1]));
    c.zones.prohibited.push({
      id: "casino-1",
      name: "某棋牌室",
      circle: { center: [119.2, 29.2], radiusM: 200 },
    });
    c.leaves.push({
      from: "2025-09-12",
      to: "2025-09-13",
      destination: { circle: { center: [121, 30], radiusM: 5000 } },
    });
    c.unreachable.push({ at: "2025-09-10T15:00:00+08:00" });
  }) as Loose;

function problem(change: (c: Loose) => void): string {
  const c = base();
  change(c);
  const parsed = parseLocationInput(c);
  if (parsed.ok) return "accepted";
  return describeProblem(parsed.problem);
}

describe("parseLocationInput", () => {
  it("accepts the contract's input and fills crs with WGS84", () => {
    const c = base();
    delete c.reports[0].crs;
    delete c.policy;
    const parsed = parseLocationInput(c);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.reports[0]?.crs).toBe("WGS84");
  });

  it.each<[string, (c: Loose) => void, string]>([
    [
      "latitude above 90",
      (c) => (c.reports[0].lat = 90.0001),
      "reports[0].lat: latitude must be between -90 and 90",
    ],
    [
      "latitude below -90",
      (c) => (c.reports[0].lat = -91),
      "reports[0].lat: latitude must be between -90 and 90",
    ],
    [
      "longitude above 180",
      (c) => (c.reports[0].lon = 181),
      "reports[0].lon: longitude must be between -180 and 180",
    ],
    [
      "a longitude as text",
      (c) => (c.reports[0].lon = "119.1"),
      "reports[0].lon: Invalid input: expected number",
    ],
    ["an unknown report field", (c) => (c.reports[0].speed = 3), "reports[0].speed: unknown field"],
    ["an unknown top-level field", (c) => (c.extra = true), "at extra: unknown field"],
    ["an unknown subject field", (c) => (c.subject.name = "x"), "subject.name: unknown field"],
    [
      "a missing accuracy",
      (c) => delete c.reports[0].accuracyM,
      "reports[0].accuracyM: required field missing",
    ],
    [
      "a negative accuracy",
      (c) => (c.reports[0].accuracyM = -1),
      "reports[0].accuracyM: accuracyM must be 0 or more",
    ],
    ["an unknown crs", (c) => (c.reports[0].crs = "CGCS2000"), "reports[0].crs"],
    ["an unknown source", (c) => (c.reports[0].source = "sms"), "reports[0].source"],
    [
      "an impossible instant",
      (c) => (c.reports[0].at = "2025-02-29T09:00:00+08:00"),
      "reports[0].at: expected an ISO 8601",
    ],
    ["an instant without offset", (c) => (c.asOf = "2025-09-10T18:00:00"), "at asOf: expected an ISO 8601"],
    [
      "an impossible leave date",
      (c) => (c.leaves[0].from = "2025-09-31"),
      "leaves[0].from: expected a real date",
    ],
    [
      "a leave ending before it starts",
      (c) => (c.leaves[0].to = "2025-09-11"),
      "leaves[0].to: leave ends (to) before it starts",
    ],
    [
      "a zero radius",
      (c) => (c.zones.prohibited[0].circle.radiusM = 0),
      "zones.prohibited[0].circle.radiusM: radiusM must be greater than 0",
    ],
    [
      "a destination with both shapes",
      (c) => (c.leaves[0].destination.geometry = c.zones.execution),
      "leaves[0].destination: expected exactly one of circle or geometry",
    ],
    [
      "a zone without a shape",
      (c) => delete c.zones.prohibited[0].circle,
      "zones.prohibited[0]: expected exactly one of circle or geometry",
    ],
    [
      "an open ring",
      (c) => (c.zones.execution.coordinates[0][4] = [119.0, 29.01]),
      "zones.execution.coordinates[0]: a polygon ring must be closed",
    ],
    [
      "a ring of three positions",
      (c) =>
        (c.zones.execution.coordinates[0] = [
          [119, 29],
          [119.4, 29],
          [119, 29],
        ]),
      "zones.execution.coordinates[0]: a polygon ring needs at least 4 positions",
    ],
    [
      "a ring position out of range",
      (c) => (c.zones.execution.coordinates[0][2][1] = 95),
      "zones.execution.coordinates[0][2][1]: latitude",
    ],
    [
      "a geometry that is not a polygon",
      (c) => (c.zones.execution.type = "LineString"),
      "zones.execution.type",
    ],
    ["a residence out of range", (c) => (c.subject.residence = [190, 29]), "subject.residence[0]: longitude"],
    ["an unknown level", (c) => (c.subject.level = "medium"), "subject.level"],
    [
      "lenient where the profile does not enable it",
      (c) => (c.subject.level = "lenient"),
      'subject.level: level "lenient" is not enabled',
    ],
    [
      "a missing deviceOrder",
      (c) => delete c.subject.deviceOrder,
      "subject.deviceOrder: required field missing",
    ],
    [
      "two zones with one id",
      (c) => c.zones.prohibited.push({ ...c.zones.prohibited[0] }),
      'zones.prohibited[1].id: duplicate zone id "casino-1"',
    ],
    [
      "an unknown policy",
      (c) => (c.policy = "no-such-county"),
      'at policy: unknown policy profile "no-such-county"',
    ],
    [
      "an unknown unreachable field",
      (c) => (c.unreachable[0].by = "worker"),
      "unreachable[0].by: unknown field",
    ],
  ])("refuses %s, naming the path", (_name, change, expected) => {
    const message = problem(change);
    expect(message.startsWith("invalid input at ")).toBe(true);
    expect(message).toContain(expected);
    expect(message).not.toContain("\n");
  });

  it("accepts positions with an altitude and a MultiPolygon execution area", () => {
    expect(
      problem((c) => {
        c.zones.execution = {
          type: "MultiPolygon",
          coordinates: [
            c.zones.execution.coordinates,
            [
              [
                [120, 29, 5],
                [120.1, 29, 5],
                [120.1, 29.1, 5],
                [120, 29, 5],
              ],
            ],
          ],
        };
      }),
    ).toBe("accepted");
  });
});
