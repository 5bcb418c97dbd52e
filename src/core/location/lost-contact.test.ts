import { describe, expect, it } from "vitest";
import type { LocationInputData } from "./location-schema.ts";
import { alertsOf, cst, HOME, locationCase, report } from "./test-support.ts";

type Level = LocationInputData["subject"]["level"];

function lost(options: {
  level?: Level;
  deviceOrder?: boolean;
  asOf?: string;
  reports?: ReturnType<typeof report>[];
  unreachable?: string[];
}) {
  return alertsOf(
    locationCase((c) => {
      c.subject.level = options.level ?? "key";
      c.subject.deviceOrder = options.deviceOrder ?? false;
      c.subject.monitoringFrom = cst("2025-09-10T08:00");
      c.asOf = cst(options.asOf ?? "2025-09-15T12:00");
      c.reports.push(...(options.reports ?? []));
      c.unreachable.push(...(options.unreachable ?? []).map((m) => ({ at: cst(m) })));
    }),
  ).filter((a) => a.kind === "lost_contact");
}

describe("lost contact (rule 5)", () => {
  it("opens a red episode 24 h after the last report of a key person, citing no report", () => {
    expect(lost({ reports: [report("2025-09-10T20:00", HOME)], asOf: "2025-09-12T12:00" })).toEqual([
      {
        kind: "lost_contact",
        color: "red",
        openedAt: cst("2025-09-11T20:00"),
        open: true,
        reports: [],
        basis: "seed 000 §九.3(1) 失联, §九.2(4) key persons report location; location.md lost contact",
      },
    ]);
  });

  it("opens at asOf exactly 24 h after, and not a minute before", () => {
    const reports = [report("2025-09-10T20:00", HOME)];
    expect(lost({ reports, asOf: "2025-09-11T20:00" })).toHaveLength(1);
    expect(lost({ reports, asOf: "2025-09-11T19:59" })).toEqual([]);
  });

  it("counts a report exactly 24 h later as in time, and one a minute later as ending an episode", () => {
    const inTime = lost({
      reports: [report("2025-09-10T20:00", HOME), report("2025-09-11T20:00", HOME)],
      asOf: "2025-09-12T08:00",
    });
    expect(inTime).toEqual([]);
    const late = lost({
      reports: [report("2025-09-10T20:00", HOME), report("2025-09-11T20:01", HOME)],
      asOf: "2025-09-12T08:00",
    });
    expect(late).toEqual([
      expect.objectContaining({ openedAt: cst("2025-09-11T20:00"), open: false, reports: [] }),
    ]);
  });

  it("starts the clock at monitoringFrom and ignores reports outside monitoringFrom…asOf", () => {
    const alerts = lost({
      reports: [report("2025-09-10T07:00", HOME), report("2025-09-15T13:00", HOME)],
      asOf: "2025-09-12T12:00",
    });
    expect(alerts).toEqual([expect.objectContaining({ openedAt: cst("2025-09-11T08:00"), open: true })]);
  });

  it("lets a report of any quality end it or keep the clock running", () => {
    const alerts = lost({
      reports: [report("2025-09-11T10:00", HOME, 5000), report("2025-09-12T09:00", HOME, 5000)],
      asOf: "2025-09-12T12:00",
    });
    expect(alerts).toEqual([expect.objectContaining({ openedAt: cst("2025-09-11T08:00"), open: false })]);
  });

  it("restarts the clock after each report: a second silence is a second episode", () => {
    const alerts = lost({ reports: [report("2025-09-11T10:00", HOME)], asOf: "2025-09-12T12:00" });
    expect(alerts.map((a) => [a.openedAt, a.open])).toEqual([
      [cst("2025-09-11T08:00"), false],
      [cst("2025-09-12T10:00"), true],
    ]);
  });

  it("applies the 24 h rule to key persons and device orders only", () => {
    const reports = [report("2025-09-10T20:00", HOME)];
    expect(lost({ level: "strict", reports })).toEqual([]);
    expect(lost({ level: "normal", reports })).toEqual([]);
    expect(lost({ level: "normal", deviceOrder: true, reports, asOf: "2025-09-12T12:00" })).toHaveLength(1);
  });

  it("opens one for anyone at an unreachable record; the next report ends it", () => {
    const alerts = lost({
      level: "normal",
      reports: [report("2025-09-10T09:00", HOME), report("2025-09-10T17:00", HOME)],
      unreachable: ["2025-09-10T15:00"],
    });
    expect(alerts).toEqual([
      expect.objectContaining({ openedAt: cst("2025-09-10T15:00"), open: false, reports: [] }),
    ]);
  });

  it("runs one episode at a time", () => {
    // Two unreachable records, then a silence while the first episode runs: still one episode.
    const alerts = lost({
      reports: [report("2025-09-10T09:00", HOME), report("2025-09-13T09:00", HOME)],
      unreachable: ["2025-09-10T15:00", "2025-09-11T15:00"],
      asOf: "2025-09-13T12:00",
    });
    expect(alerts).toEqual([expect.objectContaining({ openedAt: cst("2025-09-10T15:00"), open: false })]);
    // A silence episode already running absorbs a later unreachable record.
    const silent = lost({
      reports: [report("2025-09-10T09:00", HOME)],
      unreachable: ["2025-09-12T15:00"],
      asOf: "2025-09-13T12:00",
    });
    expect(silent).toEqual([expect.objectContaining({ openedAt: cst("2025-09-11T09:00"), open: true })]);
  });

  it("is not ended by a report at the same instant as the unreachable record", () => {
    const alerts = lost({
      level: "normal",
      reports: [report("2025-09-10T15:00", HOME)],
      unreachable: ["2025-09-10T15:00"],
    });
    expect(alerts).toEqual([expect.objectContaining({ openedAt: cst("2025-09-10T15:00"), open: true })]);
  });

  it("ignores unreachable records after asOf", () => {
    expect(lost({ level: "normal", unreachable: ["2025-09-16T15:00"] })).toEqual([]);
  });
});
